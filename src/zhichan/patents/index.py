"""The bridge to the search engine: one embedded index per process, kept in step with the register."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from zhichan.engines.patents.search import PatentDoc, TantivyIndex
from zhichan.patents import conf
from zhichan.patents.models import Patent

_OPEN: dict[Path, TantivyIndex] = {}


def patent_index() -> TantivyIndex:
    path = conf.index_dir()
    if path not in _OPEN:
        _OPEN[path] = TantivyIndex(path)
    return _OPEN[path]


def forget() -> None:
    """Drop the open index (tests point each at a folder of its own)."""
    _OPEN.clear()


def document(patent: Patent) -> PatentDoc:
    return PatentDoc(
        id=patent.number,
        title=patent.title,
        abstract=patent.abstract,
        claims=patent.claims,
        applicants=patent.applicants,
        inventors=patent.inventors,
        agency=patent.agency,
        agents=patent.agents,
        ipc=patent.ipc,
        application_number=patent.application_number,
        publication_number=patent.publication_number,
        filing_date=patent.filing_date,
        publication_date=patent.publication_date,
        grant_date=patent.grant_date,
    )


def index_patents(patents: Iterable[Patent]) -> int:
    return patent_index().add(document(p) for p in patents)

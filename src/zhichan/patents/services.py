"""Writes of the patent register: imports (idempotent per patent number) and the index rebuild."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from zhichan.core import audit, jobs
from zhichan.core import selectors as core_selectors
from zhichan.core.policy import Action
from zhichan.core.services import job_enqueue, require
from zhichan.engines.patents.rows import PatentRecord, RowError, columns_of, parse_row
from zhichan.engines.text import normalize
from zhichan.patents import conf
from zhichan.patents.events import events_import_spec, events_import_start, legal_status_recompute
from zhichan.patents.fees import fee_reminders
from zhichan.patents.index import index_patents, patent_index
from zhichan.patents.models import HolderLink, Patent, PatentHolder

FIELDS = (
    "kind", "application_number", "publication_number", "title", "abstract", "claims", "address", "agency",
    "agency_code", "priority", "legal_status", "filing_date", "publication_date", "grant_date",
)  # fmt: skip
LISTS = ("applicants", "inventors", "ipc", "agents", "keyphrases")
__all__ = [
    "events_import_spec", "events_import_start", "fee_reminders", "legal_status_recompute", "patents_import",
    "reindex", "reindex_start",
]  # fmt: skip


@dataclass
class PatentImportReport:
    """Per row and idempotent: a bad row is reported by its line and field, the others are stored; the
    same file imported again changes nothing (an interrupted import is simply run again)."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)  # {"row", "field", "message"}

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
        }


def _values(record: PatentRecord) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(record, name) for name in FIELDS}
    values["kind"] = record.kind.value if record.kind else ""
    for name in LISTS:
        values[name] = list(getattr(record, name))
    return values


def _link_holders(actor: Any, patent: Patent) -> None:
    """The holders in their order, each linked to the organisation of the same normalised name."""
    PatentHolder.objects.filter(patent=patent).delete()
    organisations = core_selectors.organisation_list(user=actor)
    for position, name in enumerate(patent.applicants, 1):
        organisation = organisations.filter(name_normalized=normalize(name)[:200]).first()
        PatentHolder.objects.create(
            patent=patent,
            position=position,
            name=name[:200],
            organisation=organisation,
            link=HolderLink.BY_NAME if organisation else HolderLink.NONE,
        )


def _store(actor: Any, records: list[PatentRecord], report: PatentImportReport) -> None:
    changed = []
    with transaction.atomic():
        existing = {
            p.number: p for p in Patent.objects.select_for_update().filter(number__in=[r.number for r in records])
        }
        for record in records:
            values = _values(record)
            patent = existing.get(record.number)
            if patent is None:
                patent = Patent.objects.create(number=record.number, **values)
                report.created += 1
            elif any(getattr(patent, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(patent, name, value)
                patent.save(update_fields=[*values, "updated_at"])
                report.updated += 1
            else:
                report.unchanged += 1
                continue
            existing[record.number] = patent
            _link_holders(actor, patent)
            if patent.events.exists():  # the status, fee years and grant date its events give stay
                legal_status_recompute(patent)
            changed.append(patent)
    if changed:
        index_patents(changed)  # after the commit: the index follows the register, never leads it


def patents_import(
    *,
    actor: Any,
    header: list[str],
    rows: Iterable[Mapping[str, str]],
    source: str,
    progress: Callable[[int], None] | None = None,
) -> PatentImportReport:
    """Import the rows of a patent export (header and rows as read from its file), streamed in batches."""
    require(actor, "patent", Action.CREATE)
    columns = columns_of(header)
    report = PatentImportReport()
    batch: dict[str, PatentRecord] = {}
    size = int(conf.get("PATENTS_IMPORT_BATCH"))
    for line, row in enumerate(rows, 2):  # line 1 is the header
        report.read += 1
        try:
            record = parse_row(row, columns)
        except RowError as exc:
            report.errors.append(
                {"row": line, "field": exc.field, "message": exc.message % exc.params if exc.params else exc.message}
            )
            continue
        batch[record.number] = record  # a number twice in one file: the later row wins
        if len(batch) >= size:
            _store(actor, list(batch.values()), report)
            batch.clear()
            if progress:
                progress(report.read)
    if batch:
        _store(actor, list(batch.values()), report)
    audit.record(
        actor=actor,
        action="patent.import",
        object_type="patent",
        summary={
            "source": source,
            **{k: v for k, v in report.as_dict().items() if k != "errors"},
            "errors": len(report.errors),
        },
    )
    return report


def reindex(*, actor: Any, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the full-text index from the register (the register is the record)."""
    require(actor, "patent", Action.CHANGE)
    index = patent_index()
    index.clear()
    total = Patent.objects.count()
    done = 0
    batch: list[Patent] = []
    for patent in Patent.objects.order_by("pk").iterator(chunk_size=1000):
        batch.append(patent)
        if len(batch) == 1000:
            done += index_patents(batch)
            batch = []
            if progress:
                progress(done, total)
    done += index_patents(batch) if batch else 0
    audit.record(actor=actor, action="patent.reindex", object_type="patent", summary={"indexed": done})
    return done


def reindex_start(*, actor: Any) -> Any:
    require(actor, "patent", Action.CHANGE)
    return job_enqueue(actor=actor, kind="patents.reindex", params={})


def reindex_job(context: jobs.JobContext) -> dict[str, Any]:
    return {"indexed": reindex(actor=context.job.created_by, progress=context.progress)}

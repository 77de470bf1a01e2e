"""Many marks at once: `batch` compares pairs, `screen` screens filings against a register of protected
marks (candidate index, quick filter, full compare).

The same pure function `screen` runs in this process, in worker processes (the local engine uses all
cores) or on Spark partitions: data in (filings), alerts out, the register's index built once.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from zhichan.engines.marks.compare import Result, Verdict, compare
from zhichan.engines.marks.goods import GoodsTable
from zhichan.engines.marks.index import CandidateIndex, Candidates, index_arrays
from zhichan.engines.marks.settings import DEFAULT_SETTINGS, Settings
from zhichan.engines.marks.shape import shape_form
from zhichan.engines.marks.variants import fold_variants
from zhichan.engines.text import normalize, pinyin_full


@dataclass(frozen=True, slots=True)
class Mark:
    id: str
    mark: str
    classes: tuple[str, ...] = ()
    owner: str = ""


@dataclass(frozen=True, slots=True)
class Alert:
    filing_id: str
    protected_id: str
    score: float
    verdict: str
    reasons: str
    goods: str = ""


Forms = tuple[str, str, str]


def _forms(mark: str) -> Forms:
    mark = fold_variants(mark)
    return normalize(mark), pinyin_full(mark), shape_form(mark)


def _register_chunk(
    job: tuple[int, list[str], Settings],
) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], list[Forms]]:
    start, marks, settings = job
    return index_arrays(marks, start, settings), [_forms(m) for m in marks]


class Register:
    """The protected marks with their candidate index and quick-filter forms, built once with the
    `settings` every screening against it uses.

    With `workers` > 1 the register is cut into slices built by forked worker processes.
    """

    def __init__(
        self,
        marks: Sequence[Mark],
        *,
        settings: Settings = DEFAULT_SETTINGS,
        workers: int = 1,
        chunk: int = 20_000,
    ) -> None:
        self.marks = list(marks)
        self.settings = settings
        texts = [m.mark for m in self.marks]
        jobs = [(start, texts[start : start + chunk], settings) for start in range(0, len(texts), chunk)]
        if workers > 1 and len(jobs) > 1:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                results = pool.map(_register_chunk, jobs)
        else:
            results = [_register_chunk(job) for job in jobs]
        self.index = CandidateIndex(texts, [arrays for arrays, _ in results] or None, settings=settings)
        self.forms = [f for _, forms in results for f in forms]

    def __len__(self) -> int:
        return len(self.marks)


def shortlist(mark: str, register: Register, found: Candidates | None = None) -> list[int]:
    """Register positions worth a full comparison, best first: candidates of the index whose quick
    score reaches `quick_min` (or that share a strong key), at most `max_compared` of them.

    `found` is the mark's index search when it was done for many filings (`screen`)."""
    if found is None:
        found = register.index.candidates(mark)
    if not len(found.ids):
        return []
    forms = _forms(mark)
    ids = found.ids.tolist()
    quick = np.zeros(len(ids), dtype=np.float64)
    for k in range(3):  # normalised text, pinyin, look-alike spelling
        column = process.cdist([forms[k]], [register.forms[i][k] for i in ids], scorer=fuzz.ratio)[0]
        quick = np.maximum(quick, column / 100)
    settings = register.settings
    keep = found.strong | (quick >= settings.quick_min)
    order = np.lexsort((-quick, ~found.strong))  # strong keys first, then by quick score
    return [ids[i] for i in order if keep[i]][: settings.max_compared]


def screen_filing(
    filing: Mark,
    register: Register,
    *,
    threshold: float | None = None,
    goods_table: GoodsTable | None = None,
    found: Candidates | None = None,
) -> list[Alert]:
    """Alerts for one filing: register marks whose comparison reaches `threshold` (and is not not_similar);
    without a threshold, the register's `similar_threshold`."""
    minimum = register.settings.similar_threshold if threshold is None else threshold
    alerts: list[Alert] = []
    for position in shortlist(filing.mark, register, found):
        protected = register.marks[position]
        result = compare(
            filing.mark,
            protected.mark,
            goods_a=filing.classes,
            goods_b=protected.classes,
            goods_table=goods_table,
            embeddings=False,
            settings=register.settings,
        )
        if result.verdict is not Verdict.NOT_SIMILAR and result.score >= minimum:
            alerts.append(
                Alert(
                    filing_id=filing.id,
                    protected_id=protected.id,
                    score=result.score,
                    verdict=str(result.verdict),
                    reasons="; ".join(str(r) for r in result.reasons),
                    goods=result.goods.reason if result.goods else "",
                )
            )
    alerts.sort(key=lambda a: (-a.score, a.protected_id))
    return alerts


def screen(
    filings: Sequence[Mark],
    register: Register,
    *,
    threshold: float | None = None,
    goods_table: GoodsTable | None = None,
) -> list[list[Alert]]:
    """Alerts of each filing, in filing order; the index is searched once for all of them."""
    found = register.index.candidates_many([f.mark for f in filings])
    return [
        screen_filing(filing, register, threshold=threshold, goods_table=goods_table, found=candidates)
        for filing, candidates in zip(filings, found, strict=True)
    ]


def batch(
    pairs: Iterable[tuple[str, str]],
    *,
    embeddings: bool = True,
    settings: Settings = DEFAULT_SETTINGS,
) -> Iterator[Result]:
    """`compare` of each pair, lazily and in order (goods are compared per pair with `compare`)."""
    for a, b in pairs:
        yield compare(a, b, embeddings=embeddings, settings=settings)

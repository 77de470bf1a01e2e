"""Screening on Apache Spark: the same pure `screen` runs over partitions of the filings.

The filings are split into partitions (one per core unless `partitions` says otherwise) and screened
through the platform's Spark runner (`zhichan.engines.spark.run_partitions`, `mapInArrow`: Arrow
batches in and out, no pandas). The register travels with the partition function (Spark broadcasts
it once when it is large) and each partition indexes it once, so no state outlives a partition in the
Python workers. PySpark and PyArrow are imported only when this engine is used.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from zhichan.engines.marks.goods import GoodsTable
from zhichan.engines.marks.screen import Alert, Mark, Register, screen
from zhichan.engines.marks.settings import DEFAULT_SETTINGS, Settings
from zhichan.engines.spark import run_partitions

ALERT_SCHEMA = "filing_id string, protected_id string, score double, verdict string, reasons string, goods string"
_MARK_SCHEMA = "id string, mark string, classes string, owner string"
_MARK_COLUMNS = ("id", "mark", "classes", "owner")


def _row(mark: Mark) -> tuple[str, str, str, str]:
    return mark.id, mark.mark, ";".join(mark.classes), mark.owner


def _mark(row: dict[str, Any]) -> Mark:
    classes = tuple(c for c in (row["classes"] or "").split(";") if c)
    return Mark(row["id"], row["mark"], classes, row["owner"] or "")


def screen_on_spark(
    filings: Sequence[Mark],
    protected: Sequence[Mark],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    threshold: float | None = None,
    goods_table: GoodsTable | None = None,
    spark: Any = None,
    partitions: int | None = None,
) -> list[Alert]:
    """Alerts for all filings, computed on Spark (a session on `ZHICHAN_SPARK_MASTER`, by default every
    local core, unless one is given), in the order of the local engine."""
    import pyarrow as pa

    register_rows = [_row(m) for m in protected]
    schema = pa.schema(
        [
            ("filing_id", pa.string()),
            ("protected_id", pa.string()),
            ("score", pa.float64()),
            ("verdict", pa.string()),
            ("reasons", pa.string()),
            ("goods", pa.string()),
        ]
    )

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        register = Register([_mark(dict(zip(_MARK_COLUMNS, r, strict=True))) for r in register_rows], settings=settings)
        for batch in batches:
            filings_of_batch = [_mark(row) for row in batch.to_pylist()]
            screened = screen(filings_of_batch, register, threshold=threshold, goods_table=goods_table)
            rows = [
                {
                    "filing_id": a.filing_id,
                    "protected_id": a.protected_id,
                    "score": a.score,
                    "verdict": a.verdict,
                    "reasons": a.reasons,
                    "goods": a.goods,
                }
                for alerts in screened
                for a in alerts
            ]
            if rows:
                yield pa.RecordBatch.from_pylist(rows, schema=schema)

    def frame(session: Any) -> Any:
        count = partitions or session.sparkContext.defaultParallelism
        return session.createDataFrame([_row(f) for f in filings], _MARK_SCHEMA).repartition(count)

    result = run_partitions(frame, run, ALERT_SCHEMA, app_name="zhichan marks screen", session=spark)
    order = {f.id: n for n, f in enumerate(filings)}
    alerts = [Alert(r.filing_id, r.protected_id, r.score, r.verdict, r.reasons, r.goods) for r in result]
    alerts.sort(key=lambda a: (order[a.filing_id], -a.score, a.protected_id))
    return alerts

"""Screening on Apache Spark: the same pure `screen_batch` runs over partitions of the filings.

The register travels once to each executor as a broadcast variable and is indexed there once per Python
worker process; filings are partitioned and screened with `mapInArrow` (Arrow batches in and out, no
pandas). PySpark and PyArrow are imported only when this engine is used.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from zhichan.engines.marks import settings
from zhichan.engines.marks.goods import GoodsTable
from zhichan.engines.marks.screen import Alert, Mark, Register, screen_batch

ALERT_SCHEMA = "filing_id string, protected_id string, score double, verdict string, reasons string, goods string"
_MARK_SCHEMA = "id string, mark string, classes string, owner string"

# Registers indexed in this Python worker process, by screening run: building one costs far more than a
# partition, and Spark reuses worker processes between tasks.
_REGISTERS: dict[str, Register] = {}


def _row(mark: Mark) -> tuple[str, str, str, str]:
    return mark.id, mark.mark, ";".join(mark.classes), mark.owner


def _mark(row: dict[str, Any]) -> Mark:
    classes = tuple(c for c in (row["classes"] or "").split(";") if c)
    return Mark(row["id"], row["mark"], classes, row["owner"] or "")


def screen_spark(
    protected: Sequence[Mark],
    filings: Sequence[Mark],
    *,
    threshold: float = settings.SIMILAR_THRESHOLD,
    goods_table: GoodsTable | None = None,
    spark: Any = None,
    partitions: int | None = None,
) -> list[Alert]:
    """Alerts for all filings, computed on Spark (a local session on all cores unless one is given)."""
    import pyarrow as pa
    from pyspark.sql import SparkSession

    if spark is None:
        # Local workers must run this interpreter (and its packages); a cluster sets its own.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = spark or SparkSession.builder.master("local[*]").appName("zhichan-marks-screen").getOrCreate()
    key = uuid.uuid4().hex
    register_rows = session.sparkContext.broadcast([_row(m) for m in protected])
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
        if key not in _REGISTERS:
            columns = ("id", "mark", "classes", "owner")
            _REGISTERS[key] = Register([_mark(dict(zip(columns, r, strict=True))) for r in register_rows.value])
        register = _REGISTERS[key]
        for batch in batches:
            filings_of_batch = [_mark(row) for row in batch.to_pylist()]
            screened = screen_batch(filings_of_batch, register, threshold=threshold, goods_table=goods_table)
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

    frame = session.createDataFrame([_row(f) for f in filings], _MARK_SCHEMA)
    count = partitions or session.sparkContext.defaultParallelism
    result = frame.repartition(count).mapInArrow(run, ALERT_SCHEMA).collect()
    order = {f.id: n for n, f in enumerate(filings)}
    alerts = [Alert(r.filing_id, r.protected_id, r.score, r.verdict, r.reasons, r.goods) for r in result]
    alerts.sort(key=lambda a: (order[a.filing_id], -a.score, a.protected_id))
    return alerts

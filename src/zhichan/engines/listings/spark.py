"""The same scan on Apache Spark: each partition of LISTINGS goes through the same `Detector`.

Spark reads the CSV (in its encoding, quoted fields over several lines allowed) and splits it into
partitions; the platform's Spark runner (`zhichan.engines.spark.run_partitions`) runs the pure engine
over each partition in the Python workers, building the detector once per worker process; the driver
pulls the results partition by partition and writes CLUES in the same format as the local engine, in
constant memory. Spark does not know line numbers, so a bad row is named by its listing id (or title).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from zhichan.engines.listings.detector import Detector
from zhichan.engines.listings.registry import Brand, Vocabulary
from zhichan.engines.listings.rows import RowError, clue_row, listing_from_row
from zhichan.engines.listings.screen import batch, screen
from zhichan.engines.listings.settings import Settings
from zhichan.engines.spark import run_partitions

# Columns of the result: a clue (kind "clue"), a refused row (kind "error", with its message), or the
# count of rows a batch held (kind "seen", count in `message`).
RESULT_COLUMNS = ("kind", "listing_id", "brand", "score", "signals", "evidence", "explanation", "message")
RESULT_SCHEMA = ", ".join(f"{name} string" for name in RESULT_COLUMNS)
SPARK_ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030", "utf-16": "UTF-16"}


@dataclass(frozen=True, slots=True)
class SparkResult:
    """One row pulled back to the driver: a clue row for CLUES, the message of a refused row, or the
    number of listings a partition has read (for the progress bar)."""

    row: list[str] | None
    error: str | None
    seen: int


@cache
def _detector(payload: bytes) -> Detector:
    """One detector per worker process and register (Python workers are reused between tasks)."""
    brands, vocabulary, settings = pickle.loads(payload)  # noqa: S301 - built by this module's driver side
    return Detector(brands, vocabulary, settings)


def scan_on_spark(
    listings: Path,
    encoding: str,
    header: Sequence[str],
    brands: Sequence[Brand],
    vocabulary: Vocabulary,
    settings: Settings,
    *,
    seller_history: Mapping[str, int],
    all_mentions: bool,
    explain: bool,
) -> Iterator[SparkResult]:
    """Clue rows (as `rows.clue_row` makes them) and refused rows, in file order, computed on Spark.

    The master is `ZHICHAN_SPARK_MASTER` (default `local[*]`: every core of this machine).
    """
    import pyarrow as pa

    payload = pickle.dumps((tuple(brands), vocabulary, settings))
    history = dict(seller_history)
    source = str(listings)
    result_schema = pa.schema([(name, pa.string()) for name in RESULT_COLUMNS])

    def partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        detector = _detector(payload)
        for records in batches:
            out: list[dict[str, object]] = []
            for row in records.to_pylist():
                corrupt = row.pop("_corrupt_record", None)
                key = (row.get("listing_id") or "").strip()
                where = f"{source}：listing_id“{key}”" if key else f"{source}：标题“{(row.get('title') or '')[:20]}”"
                if corrupt is not None:
                    out.append({"kind": "error", "message": f"{where}：CSV 格式错误（{corrupt[:60]}）"})
                    continue
                try:
                    listing = listing_from_row(where, row)
                except RowError as exc:
                    out.append({"kind": "error", "message": str(exc)})
                    continue
                seen = history.get(listing.seller, 0) if listing.seller else 0
                assessed = batch if all_mentions else screen
                for clue in assessed([listing], detector, seller_history={listing.seller: seen}):
                    out.append(dict(zip(RESULT_COLUMNS, ["clue", *clue_row(clue, explain=explain)], strict=False)))
            out.append({"kind": "seen", "message": str(records.num_rows)})
            yield pa.RecordBatch.from_pylist(out, schema=result_schema)

    def frame(spark: Any) -> Any:
        columns = [f"`{name}` string" for name in header]
        return (
            spark.read.schema(", ".join([*columns, "_corrupt_record string"]))
            .option("header", True)
            .option("encoding", SPARK_ENCODINGS.get(encoding, encoding))
            .option("multiLine", True)
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", "_corrupt_record")
            .csv(source)
        )

    config = {
        "spark.sql.legacy.javaCharsets": "true",  # Spark 4 reads only UTF and Latin-1 CSV without it
        "spark.sql.session.timeZone": "Asia/Shanghai",
    }
    records = run_partitions(
        frame, partition, RESULT_SCHEMA, app_name="zhichan listings scan", stream=True, config=config
    )
    for record in records:
        if record["kind"] == "seen":
            yield SparkResult(None, None, int(record["message"]))
        elif record["kind"] == "error":
            yield SparkResult(None, record["message"], 0)
        else:
            cells = [record[name] for name in RESULT_COLUMNS[1:7]]
            yield SparkResult(cells if explain else cells[:5], None, 0)

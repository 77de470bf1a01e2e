"""`zhichan watch names`: enterprise, shop and service names screened against a register of marks.

    zhichan watch names --marks MARKS.csv --names NAMES.csv --out ALERTS.csv
                        [--threshold T] [--industries FILE] [--relatedness FILE] [--workers N]

MARKS: header `id,mark`, optional `classes` (Nice classes separated by `|`), `industry`, `owner`.
NAMES: header `id,name`, optional `industry`, `description`. `industry` on either side is a
GB/T 4754-2017 code or name at any level; empty or unknown means no relatedness signal, never an error.
ALERTS: `name_id,mark_id,score,verdict,reasons`, one row per pair at or above the threshold (default
the `similar` threshold), verdict infringing, similar or not_similar.

Input in UTF-8, GBK or GB18030 (`engines.tabular.open_table`). Bad input is reported as file, row and
field on stderr with exit code 2, and nothing is written: the alerts go to a temporary file beside
`--out`, renamed when complete. Cells that a spreadsheet would evaluate are written as text.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from tqdm import tqdm

from zhichan.engines.marks.goods import NICE_CLASSES
from zhichan.engines.names.industries import (
    Classification,
    IndustryTableError,
    load_classification,
    shipped_classification,
)
from zhichan.engines.names.relatedness import RelatednessError, RelatednessTable, load_relatedness
from zhichan.engines.names.screen import Alert, Name, NameRegister, ProtectedMark, screen
from zhichan.engines.names.settings import DEFAULT_SETTINGS
from zhichan.engines.tabular import TableError, open_table, write_csv

ALERTS_HEADER = ["name_id", "mark_id", "score", "verdict", "reasons"]
_BATCH = 256  # names screened together: one index search for their distinct trade names


class InputError(Exception):
    """Bad input, reported as `file row N field F: problem` with exit code 2."""


def _rows(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    with handle:
        try:
            stream = open_table(handle, str(path))
            missing = [c for c in required if c not in stream.header]
            if missing:
                raise InputError(f"{path} row 1: header must have {','.join(required)} (missing {','.join(missing)})")
            seen: set[str] = set()
            for row_no, row in stream.rows:
                for column in required:
                    if not row.get(column, "").strip():
                        raise InputError(f"{path} row {row_no} field {column}: empty")
                if row["id"] in seen:
                    raise InputError(f"{path} row {row_no} field id: duplicate id {row['id']!r}")
                seen.add(row["id"])
                yield row_no, row
        except TableError as exc:
            raise InputError(f"{path}: {exc}") from None


def _classes(path: Path, row_no: int, value: str) -> tuple[int, ...]:
    out: list[int] = []
    for raw in value.split("|"):
        cell = raw.strip()
        if not cell:
            continue
        if not cell.isdigit() or not 1 <= int(cell) <= NICE_CLASSES:
            raise InputError(f"{path} row {row_no} field classes: {cell!r} is not a Nice class 1-{NICE_CLASSES}")
        out.append(int(cell))
    return tuple(dict.fromkeys(out))


def read_marks(path: Path) -> list[ProtectedMark]:
    return [
        ProtectedMark(
            row["id"],
            row["mark"],
            _classes(path, row_no, row.get("classes", "")),
            row.get("industry", ""),
            row.get("owner", ""),
        )
        for row_no, row in _rows(path, ("id", "mark"))
    ]


def read_names(path: Path) -> list[Name]:
    return [
        Name(row["id"], row["name"], row.get("industry", ""), row.get("description", ""))
        for _, row in _rows(path, ("id", "name"))
    ]


# The register and threshold of a run, inherited by forked worker processes.
_WORKER_STATE: dict[str, object] = {}


def _screen_some(names: list[Name]) -> list[list[Alert]]:
    register, threshold = _WORKER_STATE["register"], _WORKER_STATE["threshold"]
    assert isinstance(register, NameRegister) and isinstance(threshold, float)
    return screen(names, register, threshold=threshold)


def _alert_rows(batches: Sequence[list[Name]], workers: int) -> Iterator[list[object]]:
    total = sum(len(b) for b in batches)
    with tqdm(total=total, desc="names", unit="name", file=sys.stderr) as bar:
        if workers > 1 and len(batches) > 1:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for batch, alerts in zip(batches, pool.imap(_screen_some, batches), strict=True):
                    yield from _rows_of(alerts)
                    bar.update(len(batch))
        else:
            for batch in batches:
                yield from _rows_of(_screen_some(batch))
                bar.update(len(batch))


def _rows_of(alerts_of_names: list[list[Alert]]) -> Iterator[list[object]]:
    for alerts in alerts_of_names:
        for a in alerts:
            yield [a.name_id, a.mark_id, a.score, a.verdict, a.reasons]


def _write_atomically(out: Path, rows: Iterator[list[object]]) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    try:
        written = write_csv(Path(temp), ALERTS_HEADER, rows)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes it private; the alerts file is an ordinary file
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return written


def _run(args: argparse.Namespace) -> int:
    classification: Classification = shipped_classification()
    if args.industries:
        try:
            classification = load_classification(Path(args.industries))
        except IndustryTableError as exc:
            raise InputError(str(exc)) from None
    relatedness: RelatednessTable | None = None
    if args.relatedness:
        try:
            relatedness = load_relatedness(Path(args.relatedness), classification)
        except RelatednessError as exc:
            raise InputError(str(exc)) from None
    if not 0.0 <= args.threshold <= 1.0:
        raise InputError(f"--threshold {args.threshold}: must be between 0 and 1")
    marks = read_marks(Path(args.marks))
    names = read_names(Path(args.names))
    workers = args.workers or os.cpu_count() or 1
    print(f"indexing {len(marks)} marks ...", file=sys.stderr)
    register = NameRegister(marks, classification=classification, relatedness=relatedness, workers=workers)
    _WORKER_STATE.update(register=register, threshold=float(args.threshold))
    batches = [names[start : start + _BATCH] for start in range(0, len(names), _BATCH)]
    try:
        written = _write_atomically(Path(args.out), _alert_rows(batches, workers))
    finally:
        _WORKER_STATE.clear()
    print(f"{len(names)} names, {len(marks)} marks: {written} alerts -> {args.out}", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhichan watch names", description="企业名称、网店名称与商标比对 (names screened against marks)"
    )
    parser.add_argument("--marks", required=True, help="CSV id,mark[,classes,industry,owner]; classes as 30|43")
    parser.add_argument("--names", required=True, help="CSV id,name[,industry,description]")
    parser.add_argument("--out", required=True, help="alerts CSV: name_id,mark_id,score,verdict,reasons")
    parser.add_argument(
        "--threshold", type=float, default=DEFAULT_SETTINGS.similar_threshold, help="minimum score of an alert"
    )
    parser.add_argument("--industries", help="full GB/T 4754-2017 table (CSV with code,name columns)")
    parser.add_argument("--relatedness", help="replacement industry -> Nice class table (the shipped format)")
    parser.add_argument("--workers", type=int, default=0, help="worker processes (default: all cores)")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except InputError as exc:
        print(f"zhichan watch names: {exc}", file=sys.stderr)
        return 2

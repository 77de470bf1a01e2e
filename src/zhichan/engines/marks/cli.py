"""`zhichan marks compare|screen`: mark comparison from the command line, without Django.

    zhichan marks compare A B [--json] [--no-embeddings]
    zhichan marks compare --pairs PAIRS.csv --out OUT.csv [--no-embeddings]
    zhichan marks screen --protected P.csv --filings F.csv --out ALERTS.csv [--threshold T]
                         [--engine local|spark] [--workers N] [--goods-table TABLE.csv]

Bad input (missing file, missing column, empty field, not UTF-8) is reported as file, row and field on
stderr with exit code 2. Output files are CSV in UTF-8 with BOM (Excel opens them in Chinese), and a
cell that a spreadsheet would evaluate as a formula (`=`, `+`, `-`, `@` ...) is written as text.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from tqdm import tqdm

from zhichan.engines.marks.compare import Result, compare
from zhichan.engines.marks.goods import GoodsTable, GoodsTableError, load_goods_table
from zhichan.engines.marks.screen import Alert, Mark, Register, batch, screen
from zhichan.engines.marks.settings import DEFAULT_SETTINGS
from zhichan.engines.spark import SparkError
from zhichan.engines.tabular import write_csv

PAIRS_OUT_HEADER = ["a", "b", "score", "verdict", "sound", "shape", "meaning", "reasons"]
ALERTS_HEADER = ["filing_id", "protected_id", "score", "verdict", "reasons"]


class InputError(Exception):
    """Bad input, reported as `file row N field F: problem` with exit code 2."""


def _read_rows(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte {exc.start})") from None
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(f"{path} row 1: header must have {','.join(required)} (missing {','.join(missing)})")
    for row_no, row in enumerate(reader, start=2):
        for column in required:
            if not (row.get(column) or "").strip():
                raise InputError(f"{path} row {row_no} field {column}: empty")
        yield row_no, row


def _print_result(result: Result) -> None:
    print(f"{result.a} / {result.b}: {result.verdict} (score {result.score:.2f})")
    print(
        f"  sound {result.sound:.2f} (普通话 {result.sound_mandarin:.2f}, 粤语 {result.sound_cantonese:.2f})"
        f"  shape {result.shape:.2f}  meaning {result.meaning:.2f}  text {result.text:.2f}"
    )
    for reason in result.reasons:
        print(f"  {reason}")
    if result.goods is not None:
        print(f"  商品: {result.goods.reason}")


def _compare(args: argparse.Namespace) -> int:
    embeddings = not args.no_embeddings
    if args.pairs or args.out:
        if not (args.pairs and args.out) or args.a or args.b:
            raise InputError("compare: give either A B, or --pairs PAIRS.csv --out OUT.csv")
        rows = list(_read_rows(Path(args.pairs), ("a", "b")))

        def compared() -> Iterator[list[object]]:
            shown = tqdm(rows, desc="compare", unit="pair", file=sys.stderr, disable=len(rows) < 100)
            for r in batch(((row["a"], row["b"]) for _, row in shown), embeddings=embeddings):
                reasons = "; ".join(str(x) for x in r.reasons)
                yield [r.a, r.b, r.score, r.verdict, r.sound, r.shape, r.meaning, reasons]

        write_csv(Path(args.out), PAIRS_OUT_HEADER, compared())
        print(f"{len(rows)} pairs -> {args.out}", file=sys.stderr)
        return 0
    if not (args.a and args.b):
        raise InputError("compare: give two marks A B, or --pairs PAIRS.csv --out OUT.csv")
    result = compare(args.a, args.b, embeddings=embeddings)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_result(result)
    return 0


def _read_marks(path: Path) -> list[Mark]:
    marks: list[Mark] = []
    seen: set[str] = set()
    for row_no, row in _read_rows(path, ("id", "mark")):
        mark_id = row["id"].strip()
        if mark_id in seen:
            raise InputError(f"{path} row {row_no} field id: duplicate id {mark_id!r}")
        seen.add(mark_id)
        classes = tuple((row.get("classes") or "").replace(",", ";").replace(" ", ";").split(";"))
        marks.append(Mark(mark_id, row["mark"], tuple(c for c in classes if c), (row.get("owner") or "").strip()))
    return marks


# The register and options of a local screening run, inherited by forked worker processes.
_WORKER_STATE: dict[str, object] = {}


# Filings screened together: one index search for the batch, and small enough for a smooth progress bar.
_BATCH = 64


def _screen_some(filings: list[Mark]) -> list[list[Alert]]:
    register = _WORKER_STATE["register"]
    threshold = _WORKER_STATE["threshold"]
    table = _WORKER_STATE.get("goods_table")
    assert isinstance(register, Register) and isinstance(threshold, float)
    assert table is None or isinstance(table, GoodsTable)
    return screen(filings, register, threshold=threshold, goods_table=table)


def _screen(args: argparse.Namespace) -> int:
    protected = _read_marks(Path(args.protected))
    filings = _read_marks(Path(args.filings))
    table: GoodsTable | None = None
    if args.goods_table:
        try:
            table = load_goods_table(Path(args.goods_table))
        except FileNotFoundError:
            raise InputError(f"{args.goods_table}: file not found") from None
        except GoodsTableError as exc:
            raise InputError(str(exc)) from None
    if args.engine == "spark":
        return _screen_spark(args, protected, filings, table)
    workers = args.workers or os.cpu_count() or 1
    print(f"indexing {len(protected)} protected marks ...", file=sys.stderr)
    register = Register(protected, workers=workers)
    _WORKER_STATE.update(register=register, threshold=float(args.threshold), goods_table=table)
    batches = [filings[start : start + _BATCH] for start in range(0, len(filings), _BATCH)]

    def screened() -> Iterator[list[object]]:
        with tqdm(total=len(filings), desc="screen", unit="filing", file=sys.stderr) as bar:
            if workers > 1 and len(batches) > 1:
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    results = pool.imap(_screen_some, batches)
                    for batch, alerts_of_batch in zip(batches, results, strict=True):
                        yield from _alert_rows(alerts_of_batch)
                        bar.update(len(batch))
            else:
                for batch in batches:
                    yield from _alert_rows(_screen_some(batch))
                    bar.update(len(batch))

    try:
        write_csv(Path(args.out), ALERTS_HEADER, screened())
    finally:
        _WORKER_STATE.clear()
    return 0


def _screen_spark(
    args: argparse.Namespace, protected: list[Mark], filings: list[Mark], table: GoodsTable | None
) -> int:
    try:
        import pyspark  # noqa: F401 - checked here to report a clear error

        from zhichan.engines.marks.spark import screen_on_spark
    except ImportError:
        raise InputError(
            "screen --engine spark: pyspark is not installed (make install-spark); use --engine local"
        ) from None
    alerts = screen_on_spark(
        filings,
        protected,
        threshold=float(args.threshold),
        goods_table=table,
        partitions=args.workers or None,
    )
    write_csv(Path(args.out), ALERTS_HEADER, _alert_rows([alerts]))
    print(f"{len(filings)} filings screened on Spark, {len(alerts)} alerts -> {args.out}", file=sys.stderr)
    return 0


def _alert_rows(alerts_of_filings: Iterable[list[Alert]]) -> Iterator[list[object]]:
    """ALERTS rows, filing by filing: filing id, protected id, score, verdict and reasons."""
    for alerts in alerts_of_filings:
        for alert in alerts:
            reasons = alert.reasons + (f"; 商品: {alert.goods}" if alert.goods else "")
            yield [alert.filing_id, alert.protected_id, alert.score, alert.verdict, reasons]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zhichan marks", description="商标近似比对 (mark similarity)")
    sub = parser.add_subparsers(dest="command", required=True)
    cmp = sub.add_parser("compare", help="compare two marks, or the pairs of a CSV file")
    cmp.add_argument("a", nargs="?", help="first mark")
    cmp.add_argument("b", nargs="?", help="second mark")
    cmp.add_argument("--json", action="store_true", help="print the result as JSON")
    cmp.add_argument("--pairs", help="CSV with header a,b (UTF-8; other columns ignored)")
    cmp.add_argument("--out", help="output CSV: a,b,score,verdict,sound,shape,meaning,reasons")
    cmp.add_argument("--no-embeddings", action="store_true", help="skip the sentence encoder (faster)")
    scr = sub.add_parser("screen", help="screen filings against a register of protected marks")
    scr.add_argument("--protected", required=True, help="CSV id,mark[,classes,owner]")
    scr.add_argument("--filings", required=True, help="CSV id,mark[,classes,owner]")
    scr.add_argument("--out", required=True, help="alerts CSV: filing_id,protected_id,score,verdict,reasons")
    scr.add_argument("--threshold", type=float, default=DEFAULT_SETTINGS.similar_threshold, help="minimum score")
    scr.add_argument("--engine", choices=("local", "spark"), default="local")
    scr.add_argument("--workers", type=int, default=0, help="worker processes (default: all cores)")
    scr.add_argument("--goods-table", help="类似商品和服务区分表 CSV (edition,nice_class,group,name,similar_groups)")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        return _compare(args) if args.command == "compare" else _screen(args)
    except InputError as exc:
        print(f"zhichan marks: {exc}", file=sys.stderr)
        return 2
    except SparkError as exc:
        print(f"zhichan marks: {exc}", file=sys.stderr)
        return 1

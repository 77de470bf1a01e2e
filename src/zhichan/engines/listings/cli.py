"""`zhichan listings scan`: infringement clues for a file of listings, streamed in constant memory.

    zhichan listings scan --brands BRANDS.csv --listings LISTINGS.csv --out CLUES.csv
    zhichan listings scan --brands brands.xlsx --listings big.csv --out all.csv --all-mentions --explain

BRANDS (CSV or XLSX; UTF-8, GBK or GB18030): header `brand,owner,aliases` plus optional
`category,authorised_sellers,price_min,price_max,category_prices`; aliases, categories and sellers are
separated by `|` (a seller written `platform:name` is authorised on that platform only);
`category_prices` gives reference ranges per category, `手袋:2000-50000|钱包:800-6000` (either bound
may be empty), used instead of `price_min` for listings in that category.
LISTINGS (CSV, any of those encodings, any size): header `listing_id,title` plus optional
`price,seller,shop,platform,category`; `seller_district` and `seller_address` (the platform import's
columns) are accepted and not used by detection. CLUES (UTF-8 with BOM): header
`listing_id,brand,score,signals,evidence` (`explanation` added with `--explain`), one row per clue at or
above the threshold, or per (listing, brand) mention with `--all-mentions`; `brand` is the value from
BRANDS. `signals` lists `name:detail=weight` (legitimate uses as `×factor`) joined by `; `; `evidence`
lists `[start,end)text` spans of the original title (character offsets) joined by ` | `.

A bad listing row is reported on stderr with its line and field and is not scanned; the other rows are,
and the command then exits with code 2, so nothing is lost silently. A bad BRANDS file, a missing
column or an unreadable encoding stops the command before any output (exit code 2).

`--engine spark` runs the same engine on Apache Spark (`ZHICHAN_SPARK_MASTER`, default `local[*]`;
needs Java 17); refused rows are then named by listing id, as Spark knows no line numbers. Where
Spark cannot run, the command says why and exits with code 2; a failed Spark job exits with code 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

from zhichan.engines.listings.detector import Detector
from zhichan.engines.listings.registry import Brand, Vocabulary, load_vocabulary
from zhichan.engines.listings.rows import (
    CLUE_HEADER,
    clue_row,
    iter_listings,
    listings_header,
    read_brands,
    read_seller_history,
)
from zhichan.engines.listings.screen import batch, screen
from zhichan.engines.listings.settings import DEFAULT_SETTINGS, Settings
from zhichan.engines.listings.spark import scan_on_spark
from zhichan.engines.spark import SparkError, spark_available
from zhichan.engines.tabular import TableError, is_workbook, sniff_file_encoding, write_csv


def _print_error(message: str) -> None:
    """A refused row on stderr, above the progress bar."""
    tqdm.write(message, file=sys.stderr)


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} 不是数字 / not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} 应在 0 到 1 之间 / must be within [0, 1]")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zhichan listings", description="电商平台商品标题的侵权线索检测。")
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser(
        "scan",
        help="扫描商品标题，输出侵权线索 CSV",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scan.add_argument("--brands", type=Path, required=True, help="品牌登记表 CSV/XLSX（brand,owner,aliases,...）")
    scan.add_argument("--listings", type=Path, required=True, help="商品表 CSV（listing_id,title,...），任意大小")
    scan.add_argument("--out", type=Path, required=True, help="输出线索 CSV（listing_id,brand,score,signals,evidence）")
    scan.add_argument("--all-mentions", action="store_true", help="输出每个品牌提及，不论得分")
    scan.add_argument("--engine", choices=("local", "spark"), default="local", help="local（默认）或 spark")
    scan.add_argument("--threshold", type=_threshold, help=f"线索阈值（默认 {DEFAULT_SETTINGS.threshold}）")
    scan.add_argument("--explain", action="store_true", help="增加 explanation 列：每条线索的中文说明")
    scan.add_argument("--seller-history", type=Path, help="卖家历史 CSV（seller,confirmed_clues）")
    scan.add_argument("--counterfeit-terms", type=Path, help="替换内置售假用语表（term,weight,meaning）")
    scan.add_argument("--legitimate-contexts", type=Path, help="替换内置合法使用语境表")
    scan.add_argument("--lookalikes", type=Path, help="替换内置形近字表（original,lookalike,meaning）")
    return parser


def _scan(args: argparse.Namespace) -> int:
    # Everything that can refuse the input is checked before the output file is created.
    brands = read_brands(args.brands)
    vocabulary = load_vocabulary(
        counterfeit_terms=args.counterfeit_terms,
        legitimate_contexts=args.legitimate_contexts,
        lookalikes=args.lookalikes,
    )
    history = read_seller_history(args.seller_history) if args.seller_history else {}
    settings = Settings(threshold=args.threshold) if args.threshold is not None else DEFAULT_SETTINGS
    if is_workbook(args.listings):
        raise TableError(f"{args.listings}：这是 Excel 工作簿；LISTINGS 须为 CSV（可在 Excel 中另存为 CSV UTF-8）")
    encoding, lines = sniff_file_encoding(args.listings)
    listing_columns = listings_header(args.listings, encoding)
    # Built before the progress bar starts: variants and the automaton take a few seconds for
    # thousands of brands, which would otherwise count as scanning time.
    detector = Detector(brands, vocabulary, settings) if args.engine == "local" else None
    errors: list[str] = []
    header = [*CLUE_HEADER, "explanation"] if args.explain else list(CLUE_HEADER)
    with tqdm(total=max(lines - 1, 0), unit="条", desc="扫描", file=sys.stderr, mininterval=0.5) as progress:
        if detector is None:
            rows = _spark_rows(args, encoding, listing_columns, brands, vocabulary, settings, history, errors, progress)
        else:
            listings = iter_listings(args.listings, encoding, errors, progress.update, _print_error)
            clues = (batch if args.all_mentions else screen)(listings, detector, seller_history=history)
            rows = (clue_row(clue, explain=args.explain) for clue in clues)
        written = write_csv(args.out, header, rows)
    print(f"写出 {written} 条到 {args.out}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} 行有误，未扫描（见上文）；其余各行已扫描", file=sys.stderr)
        return 2
    return 0


def _spark_rows(
    args: argparse.Namespace,
    encoding: str,
    columns: list[str],
    brands: list[Brand],
    vocabulary: Vocabulary,
    settings: Settings,
    history: dict[str, int],
    errors: list[str],
    progress: tqdm,
) -> Iterator[list[str]]:
    results = scan_on_spark(
        args.listings,
        encoding,
        columns,
        brands,
        vocabulary,
        settings,
        seller_history=history,
        all_mentions=args.all_mentions,
        explain=args.explain,
    )
    for result in results:
        progress.update(result.seen)
        if result.error is not None:
            errors.append(result.error)
            _print_error(result.error)
        elif result.row is not None:
            yield result.row


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.engine == "spark":
        missing = spark_available()
        if missing:
            print(
                f"zhichan listings scan：--engine spark 不可用（{missing}）；请使用 --engine local。"
                " / Spark cannot run here; use --engine local.",
                file=sys.stderr,
            )
            return 2
    for option in ("brands", "listings"):
        path: Path = getattr(args, option)
        if not path.is_file():
            print(f"zhichan listings scan：--{option} 文件不存在：{path}", file=sys.stderr)
            return 2
    try:
        return _scan(args)
    except TableError as exc:
        print(f"zhichan listings scan：{exc}", file=sys.stderr)
        return 2
    except SparkError as exc:
        print(f"zhichan listings scan：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"zhichan listings scan：{exc}", file=sys.stderr)
        return 2

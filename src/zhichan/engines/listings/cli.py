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
import codecs
import csv
import math
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from tqdm import tqdm

from zhichan.engines.listings.detector import Clue, Detector, Listing
from zhichan.engines.listings.registry import Brand, Vocabulary, load_vocabulary, parse_category_prices
from zhichan.engines.listings.settings import DEFAULT_SETTINGS, Settings
from zhichan.engines.listings.spark import SparkError, scan_on_spark, spark_available
from zhichan.engines.tabular import TableError, iter_csv_lines, read_table, require_columns

CLUE_HEADER = ("listing_id", "brand", "score", "signals", "evidence")
LISTING_REQUIRED = ("listing_id", "title")
LISTING_OPTIONAL = ("price", "seller", "shop", "platform", "category")
BRAND_REQUIRED = ("brand", "owner", "aliases")
_CHUNK = 1 << 20


class RowError(ValueError):
    """A listing row that cannot be scanned: its line and field are in the message."""


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _number(where: str, field: str, value: str) -> float | None:
    """A non-negative amount (¥ and thousands separators allowed), or None when the cell is empty."""
    if not value:
        return None
    try:
        number = float(value.replace(",", "").replace("¥", "").replace("￥", ""))
    except ValueError:
        raise TableError(f"{where}，{field} 列：“{value}”不是数字") from None
    if not math.isfinite(number) or number < 0:
        raise TableError(f"{where}，{field} 列：{value} 应为非负数")
    return number


def read_brands(path: Path) -> list[Brand]:
    """The BRANDS table as `Brand` objects; any bad row raises TableError naming its line and field."""
    table = read_table(path.read_bytes(), path.name)
    try:
        require_columns(table, BRAND_REQUIRED)
    except TableError as exc:
        raise TableError(f"{path}：{exc}") from None
    brands = []
    for offset, row in enumerate(table.rows):
        line = offset + 2
        if not row:
            continue
        name = row.get("brand", "")
        if not name:
            raise TableError(f"{path}：第{line}行，brand 列：为空")
        where = f"{path}：第{line}行"
        price_min = _number(where, "price_min", row.get("price_min", ""))
        price_max = _number(where, "price_max", row.get("price_max", ""))
        if price_min is not None and price_max is not None and price_min > price_max:
            raise TableError(f"{path}：第{line}行，price_min 列：{price_min:g} 大于 price_max {price_max:g}")
        try:
            category_prices = parse_category_prices(row.get("category_prices", ""))
        except ValueError as exc:
            raise TableError(f"{path}：第{line}行，category_prices 列：{exc}") from None
        brands.append(
            Brand(
                name=name,
                owner=row.get("owner", ""),
                aliases=_split(row.get("aliases", "")),
                categories=_split(row.get("category", "")),
                authorised_sellers=frozenset(_split(row.get("authorised_sellers", ""))),
                price_min=price_min,
                price_max=price_max,
                category_prices=category_prices,
            )
        )
    if not brands:
        raise TableError(f"{path}：没有品牌行")
    return brands


def sniff_encoding(path: Path) -> tuple[str, int]:
    """The encoding of a CSV file of any size, read in chunks, and its number of line breaks.

    UTF-8 is tried first (with or without BOM), then GB18030 (a superset of GBK); a file in neither is
    refused with the byte position where decoding failed.
    """
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK\x03\x04"):
        raise TableError(f"{path}：这是 Excel 工作簿；LISTINGS 须为 CSV（可在 Excel 中另存为 CSV UTF-8）")
    if head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    failure = ""
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        position = 0
        lines = 0
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    decoder.decode(chunk)
                    lines += chunk.count(b"\n")
                    position += len(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            failure = failure or f"{path}：字节位置{position + exc.start}处无法按 UTF-8 或 GBK/GB18030 解码"
            continue
        return encoding, lines
    raise TableError(failure + "（请另存为 UTF-8 或 GBK 编码的 CSV）")


def listing_from_row(where: str, row: Mapping[str, str | None]) -> Listing:
    """A listing from a LISTINGS row (column -> cell); RowError says `where` and which field is wrong."""
    cells = {name: (value or "").strip() for name, value in row.items()}
    for field in LISTING_REQUIRED:
        if not cells.get(field):
            raise RowError(f"{where}，{field} 列：为空")
    try:
        price = _number(where, "price", cells.get("price", ""))
    except TableError as exc:
        raise RowError(str(exc)) from None
    return Listing(
        listing_id=cells["listing_id"],
        title=cells["title"],
        price=price,
        seller=cells.get("seller", ""),
        shop=cells.get("shop", ""),
        platform=cells.get("platform", ""),
        category=cells.get("category", ""),
    )


def _listing(path: Path, line: int, header: list[str], record: list[str]) -> Listing:
    if len(record) > len(header):
        raise RowError(f"{path}：第{line}行：有{len(record)}列，多于表头的{len(header)}列")
    return listing_from_row(f"{path}：第{line}行", dict(zip(header, record, strict=False)))


def listings_header(path: Path, encoding: str) -> list[str]:
    """The LISTINGS header, checked for the required columns before anything is written."""
    with path.open(encoding=encoding, newline="") as handle:
        try:
            header = [cell.strip().lstrip("\ufeff") for cell in next(csv.reader(handle))]
        except StopIteration:
            raise TableError(f"{path}：文件为空，没有表头") from None
        except csv.Error as exc:
            raise TableError(f"{path}：第1行：CSV 格式错误（{exc}）") from None
    missing = [name for name in LISTING_REQUIRED if name not in header]
    if missing:
        raise TableError(f"{path}：第1行（表头）：缺少列 {', '.join(missing)}；现有列为 {', '.join(header)}")
    return header


def iter_listings(path: Path, encoding: str, errors: list[str], progress: tqdm | None = None) -> Iterator[Listing]:
    """Listings read one row at a time; bad rows are appended to `errors` (and printed) and skipped."""
    header = listings_header(path, encoding)
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                _report(errors, f"{path}：第{reader.line_num}行：CSV 格式错误（{exc}）")
                continue
            if progress is not None:
                progress.update(1)
            if not any(cell.strip() for cell in record):
                continue
            try:
                yield _listing(path, reader.line_num, header, record)
            except RowError as exc:
                _report(errors, str(exc))


def _report(errors: list[str], message: str) -> None:
    errors.append(message)
    tqdm.write(message, file=sys.stderr)


def read_seller_history(path: Path) -> dict[str, int]:
    """`seller,confirmed_clues`: how many clues against each seller were confirmed before."""
    table = read_table(path.read_bytes(), path.name)
    require_columns(table, ("seller", "confirmed_clues"))
    history = {}
    for offset, row in enumerate(table.rows):
        if not row:
            continue
        count = row["confirmed_clues"]
        if not count.isdigit():
            raise TableError(f"{path}：第{offset + 2}行，confirmed_clues 列：“{count}”应为非负整数")
        history[row["seller"]] = int(count)
    return history


def clue_row(clue: Clue, *, explain: bool = False) -> list[str]:
    """One CLUES row: listing id, brand as given, score, signals and evidence spans."""
    signals = "; ".join(
        f"{s.name}:{s.detail}×{s.weight:g}" if s.name == "legitimate_use" else f"{s.name}:{s.detail}={s.weight:g}"
        for s in clue.signals
    )
    evidence = " | ".join(f"[{e.start},{e.end}){e.text}" for e in clue.evidence)
    row = [clue.listing_id, clue.brand.name, f"{clue.score:.3f}", signals, evidence]
    if explain:
        row.append(clue.explanation)
    return row


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
    encoding, lines = sniff_encoding(args.listings)
    listing_columns = listings_header(args.listings, encoding)
    # Built before the progress bar starts: variants and the automaton take a few seconds for
    # thousands of brands, which would otherwise count as scanning time.
    detector = Detector(brands, vocabulary, settings) if args.engine == "local" else None
    errors: list[str] = []
    header = [*CLUE_HEADER, "explanation"] if args.explain else list(CLUE_HEADER)
    written = -1
    with (
        args.out.open("w", encoding="utf-8", newline="") as out,
        tqdm(total=max(lines - 1, 0), unit="条", desc="扫描", file=sys.stderr, mininterval=0.5) as progress,
    ):
        if detector is None:
            rows = _spark_rows(args, encoding, listing_columns, brands, vocabulary, settings, history, errors, progress)
        else:
            listings = iter_listings(args.listings, encoding, errors, progress)
            clues = detector.scan(listings, seller_history=history, all_mentions=args.all_mentions)
            rows = (clue_row(clue, explain=args.explain) for clue in clues)
        for line in iter_csv_lines(header, rows):
            out.write(line)
            written += 1
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
            _report(errors, result.error)
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

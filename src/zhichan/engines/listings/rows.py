"""The LISTINGS, BRANDS and CLUES row formats of `zhichan listings scan`, shared by the CLI and Spark.

BRANDS and seller history are read whole (small tables); LISTINGS are streamed row by row; a clue
becomes one CLUES row. Column formats are described in `zhichan.engines.listings.cli`.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from zhichan.engines.listings.detector import Clue, Listing
from zhichan.engines.listings.registry import Brand, parse_category_prices
from zhichan.engines.tabular import TableError, read_table, require_columns

CLUE_HEADER = ("listing_id", "brand", "score", "signals", "evidence")
LISTING_REQUIRED = ("listing_id", "title")
LISTING_OPTIONAL = ("price", "seller", "shop", "platform", "category")
BRAND_REQUIRED = ("brand", "owner", "aliases")


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


def iter_listings(
    path: Path,
    encoding: str,
    errors: list[str],
    progress: Callable[[int], object] | None = None,
    report: Callable[[str], object] | None = None,
) -> Iterator[Listing]:
    """Listings read one row at a time; bad rows are appended to `errors` (and passed to `report` as
    they come) and skipped. `progress(1)` is called for each row read."""

    def refuse(message: str) -> None:
        errors.append(message)
        if report is not None:
            report(message)

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
                refuse(f"{path}：第{reader.line_num}行：CSV 格式错误（{exc}）")
                continue
            if progress is not None:
                progress(1)
            if not any(cell.strip() for cell in record):
                continue
            try:
                yield _listing(path, reader.line_num, header, record)
            except RowError as exc:
                refuse(str(exc))


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

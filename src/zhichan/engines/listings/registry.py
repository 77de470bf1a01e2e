"""What detection looks for: protected brands, the vocabulary of counterfeit sellers, the contexts in which
naming a brand is lawful, and look-alike characters.

The vocabularies are data, not code: officials edit the CSV tables shipped in `data/` (each row says
what it means) or pass their own file, and the engine reads whichever it is given.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path

from zhichan.engines.listings.normtext import fold
from zhichan.engines.tabular import TableError, decode_text


@dataclass(frozen=True, slots=True)
class CategoryPrice:
    """The reference price range of a brand's goods in one category (a 手袋 costs more than a 钱包).

    Either bound may be unknown (None), not both.
    """

    category: str
    price_min: float | None = None
    price_max: float | None = None


@dataclass(frozen=True, slots=True)
class Brand:
    """A protected brand as detection sees it.

    `name` is the value the caller knows the brand by (CLUES repeat it); aliases are other names of the
    same brand (Latin and Chinese, abbreviations). An authorised seller is a seller or shop name,
    authorised on every platform, or `platform:name`, authorised on that platform only. Empty
    `categories`, `authorised_sellers` or price bounds mean "not known": the signal that needs them is
    then not raised. `category_prices` are reference ranges per category of goods; a listing in one of
    those categories is compared with its category's range, any other with the brand-wide range
    (`reference_price`).
    """

    name: str
    owner: str = ""
    aliases: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authorised_sellers: frozenset[str] = frozenset()
    price_min: float | None = None
    price_max: float | None = None
    category_prices: tuple[CategoryPrice, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias, name first, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))

    def reference_price(self, category: str = "") -> tuple[float | None, float | None, str]:
        """(minimum, maximum, category) of the range a listing in `category` is compared with.

        The category's own range when the brand has one for it: the same category in comparison form
        (`手袋` and `手袋 ` or Traditional `手袋`), else the longest category contained in the listing's
        (`女士手袋` is in `手袋`); the category returned is then the brand's. Otherwise the brand-wide
        range and "". A bound the category leaves unknown is not taken from the brand-wide range.
        """
        if self.category_prices and category:
            wanted = fold(category)
            best: CategoryPrice | None = None
            best_length = 0
            for entry in self.category_prices:
                key = fold(entry.category)
                if not key:
                    continue
                if key == wanted:
                    return entry.price_min, entry.price_max, entry.category
                if key in wanted and len(key) > best_length:
                    best, best_length = entry, len(key)
            if best is not None:
                return best.price_min, best.price_max, best.category
        return self.price_min, self.price_max, ""


_CATEGORY_PRICE = re.compile(r"^(?P<category>[^:：]+)[:：](?P<low>[^-~～－—]*)[-~～－—](?P<high>.*)$")


def _amount(text: str) -> float | None:
    text = text.strip().replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
    if not text:
        return None
    number = float(text)  # ValueError names the bad text in the caller's message
    if not math.isfinite(number) or number < 0:
        raise ValueError(text)
    return number


def parse_category_prices(text: str) -> tuple[CategoryPrice, ...]:
    """Per-category reference ranges written `手袋:2000-50000|钱包:800-6000` (either bound may be empty:
    `钱包:800-`; full-width `：` and `～` accepted). Raises ValueError with a Chinese message naming the
    part that is wrong: its form, a bound that is not a non-negative number, a minimum above the
    maximum, both bounds empty, or a category given twice.
    """
    out: list[CategoryPrice] = []
    seen: set[str] = set()
    for part in (piece.strip() for piece in (text or "").split("|")):
        if not part:
            continue
        match = _CATEGORY_PRICE.match(part)
        if match is None or not match["category"].strip():
            raise ValueError(f"“{part}”应写作 类别:下限-上限，如 手袋:2000-50000")
        category = " ".join(match["category"].split())
        bounds = []
        for bound in (match["low"], match["high"]):
            try:
                bounds.append(_amount(bound))
            except ValueError:
                raise ValueError(f"“{part}”：“{bound.strip()}”不是非负数") from None
        low, high = bounds
        if low is None and high is None:
            raise ValueError(f"“{part}”：下限和上限至少填写一个")
        if low is not None and high is not None and low > high:
            raise ValueError(f"“{part}”：下限 {low:g} 大于上限 {high:g}")
        key = fold(category)
        if key in seen:
            raise ValueError(f"“{part}”：类别“{category}”重复")
        seen.add(key)
        out.append(CategoryPrice(category, low, high))
    return tuple(out)


def format_category_prices(entries: tuple[CategoryPrice, ...]) -> str:
    """The inverse of `parse_category_prices`."""
    return "|".join(
        f"{e.category}:{'' if e.price_min is None else f'{e.price_min:g}'}-"
        f"{'' if e.price_max is None else f'{e.price_max:g}'}"
        for e in entries
    )


@dataclass(frozen=True, slots=True)
class CounterfeitTerm:
    """A word counterfeit sellers use about their goods, with how much it suggests a fake (0-1)."""

    term: str
    weight: float
    meaning: str


class ContextKind(StrEnum):
    ACCESSORY = "accessory"  # 适用于/兼容 + brand: the brand says what the accessory fits
    SECONDHAND = "secondhand"  # 二手/回收/闲置: resale of genuine goods (exhaustion of rights)
    ADDRESS = "address"  # 耐克路, 华为大道: the brand is part of a place name


class Position(StrEnum):
    BEFORE = "before"  # the cue ends at most `window` characters before the brand mention
    AFTER = "after"  # the cue starts at most `window` characters after the brand mention
    ANYWHERE = "anywhere"  # the cue anywhere in the title


CONTEXT_LABELS_ZH: dict[ContextKind, str] = {
    ContextKind.ACCESSORY: "配件或耗材说明适用品牌",
    ContextKind.SECONDHAND: "二手或回收商品",
    ContextKind.ADDRESS: "品牌名是地址的一部分",
}


@dataclass(frozen=True, slots=True)
class LegitimateContext:
    """A cue that makes naming the brand lawful; the clue's score is multiplied by `factor` (0-1)."""

    cue: str
    kind: ContextKind
    position: Position
    window: int
    factor: float
    meaning: str
    # Characters that, right after the cue, show it is another word (路由器 is not a road).
    not_followed_by: str = ""


@dataclass(frozen=True, slots=True)
class Lookalike:
    """A character (or Latin letter) and one that a reader takes for it at a glance."""

    original: str
    lookalike: str
    meaning: str


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The editable tables the engine reads, loaded once and shared by every scan."""

    counterfeit_terms: tuple[CounterfeitTerm, ...]
    legitimate_contexts: tuple[LegitimateContext, ...]
    lookalikes: tuple[Lookalike, ...] = field(default=())


def _rows(source: str | Path | None, default: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    if source is None:
        data = resources.files("zhichan.engines.listings").joinpath("data", default).read_bytes()
        label = default
    else:
        data = Path(source).read_bytes()
        label = str(source)
    text, _ = decode_text(data)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in required if name not in header]
    if missing:
        raise TableError(f"{label} 第1行（表头）：缺少列 {', '.join(missing)}")
    out = []
    for record in reader:
        row = {(k or "").strip(): (v or "").strip() for k, v in record.items() if k is not None}
        if any(row.values()):
            out.append((reader.line_num, row))
    return out


def _fraction(label: str, line: int, name: str, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise TableError(f"{label} 第{line}行，{name} 列：“{value}”不是数字") from None
    if not 0.0 <= number <= 1.0:
        raise TableError(f"{label} 第{line}行，{name} 列：{number} 应在 0 到 1 之间")
    return number


def load_counterfeit_terms(source: str | Path | None = None) -> tuple[CounterfeitTerm, ...]:
    """The counterfeit vocabulary (`term,weight,meaning`); the shipped table when `source` is None."""
    label = str(source or "counterfeit_terms.csv")
    rows = _rows(source, "counterfeit_terms.csv", ("term", "weight", "meaning"))
    return tuple(
        CounterfeitTerm(row["term"], _fraction(label, line, "weight", row["weight"]), row["meaning"])
        for line, row in rows
    )


def load_legitimate_contexts(source: str | Path | None = None) -> tuple[LegitimateContext, ...]:
    """Legitimate-use cues (`cue,kind,position,window,factor,meaning[,not_followed_by]`); shipped table when None."""
    label = str(source or "legitimate_contexts.csv")
    rows = _rows(source, "legitimate_contexts.csv", ("cue", "kind", "position", "window", "factor", "meaning"))
    out = []
    for line, row in rows:
        try:
            kind = ContextKind(row["kind"])
        except ValueError:
            raise TableError(
                f"{label} 第{line}行，kind 列：“{row['kind']}”应为 {', '.join(k.value for k in ContextKind)}"
            ) from None
        try:
            position = Position(row["position"])
        except ValueError:
            raise TableError(
                f"{label} 第{line}行，position 列：“{row['position']}”应为 {', '.join(p.value for p in Position)}"
            ) from None
        if not row["window"].isdigit():
            raise TableError(f"{label} 第{line}行，window 列：“{row['window']}”应为非负整数")
        factor = _fraction(label, line, "factor", row["factor"])
        out.append(
            LegitimateContext(
                row["cue"], kind, position, int(row["window"]), factor, row["meaning"], row.get("not_followed_by", "")
            )
        )
    return tuple(out)


def load_lookalikes(source: str | Path | None = None) -> tuple[Lookalike, ...]:
    """Look-alike pairs (`original,lookalike,meaning`), one character each; shipped table when None."""
    label = str(source or "lookalikes.csv")
    out = []
    for line, row in _rows(source, "lookalikes.csv", ("original", "lookalike", "meaning")):
        if len(row["original"]) != 1 or len(row["lookalike"]) != 1:
            raise TableError(f"{label} 第{line}行：original 和 lookalike 须各为一个字符")
        out.append(Lookalike(row["original"], row["lookalike"], row["meaning"]))
    return tuple(out)


def load_vocabulary(
    *,
    counterfeit_terms: str | Path | None = None,
    legitimate_contexts: str | Path | None = None,
    lookalikes: str | Path | None = None,
) -> Vocabulary:
    """All three tables; each file given replaces the shipped table of that kind."""
    return Vocabulary(
        counterfeit_terms=load_counterfeit_terms(counterfeit_terms),
        legitimate_contexts=load_legitimate_contexts(legitimate_contexts),
        lookalikes=load_lookalikes(lookalikes),
    )

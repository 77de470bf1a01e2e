"""What detection looks for: protected brands, the vocabulary of counterfeit sellers, the contexts in which
naming a brand is lawful, and look-alike characters.

The vocabularies are data, not code: officials edit the CSV tables shipped in `data/` (each row says
what it means) or pass their own file, and the engine reads whichever it is given.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path

from zhichan.engines.tabular import TableError, decode_text


@dataclass(frozen=True, slots=True)
class Brand:
    """A protected brand as detection sees it.

    `name` is the value the caller knows the brand by (CLUES repeat it); aliases are other names of the
    same brand (Latin and Chinese, abbreviations). An authorised seller is a seller or shop name,
    authorised on every platform, or `platform:name`, authorised on that platform only. Empty
    `categories`, `authorised_sellers` or price bounds mean "not known": the signal that needs them is
    then not raised.
    """

    name: str
    owner: str = ""
    aliases: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authorised_sellers: frozenset[str] = frozenset()
    price_min: float | None = None
    price_max: float | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias, name first, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


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

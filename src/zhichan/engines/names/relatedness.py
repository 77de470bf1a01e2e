"""How related a name's industry is to a mark's goods and services: the industry -> Nice class table.

The table (`data/relatedness.csv`, versioned, with its source in its header comment) lists for a
GB/T 4754-2017 section or division the Nice classes (1-45) of what that industry makes, sells or
renders, `strong` (its own goods or services) or `weak` (what it commonly deals in beside them). A
division's rows replace its section's. A replacement table in the same format is imported with
`load_relatedness` (the CLI's `--relatedness FILE`).

`relate` gives the relation of a name's industry to a mark's classes or, for a mark with an industry
and no classes, to the mark's industry; unknown on either side gives None (no signal).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path

from zhichan.engines.marks.goods import NICE_CLASSES
from zhichan.engines.names.industries import Classification, Industry, shipped_classification
from zhichan.engines.tabular import TableError, decode_text

HEADER = ("industry", "nice_classes", "strength")


class Strength(StrEnum):
    STRONG = "strong"
    WEAK = "weak"
    UNRELATED = "unrelated"


_ORDER = {Strength.UNRELATED: 0, Strength.WEAK: 1, Strength.STRONG: 2}


class RelatednessError(ValueError):
    """A relatedness table that cannot be used (the message names the file, row and field)."""


@dataclass(frozen=True, slots=True)
class Relation:
    strength: Strength
    evidence: str  # "62 餐饮业 -> 第43类 (strong)"


@dataclass(frozen=True, slots=True)
class RelatednessTable:
    version: str
    source: str
    classes: dict[str, dict[int, Strength]]  # section or division code -> Nice class -> strength

    def classes_of(self, industry: Industry) -> dict[int, Strength] | None:
        """The classes of an industry: its division's rows, else its section's; None when it has none."""
        if industry.division and industry.division in self.classes:
            return self.classes[industry.division]
        return self.classes.get(industry.section)

    def relate(
        self,
        industry: Industry | None,
        *,
        mark_classes: Iterable[int] = (),
        mark_industry: Industry | None = None,
    ) -> Relation | None:
        """The relation of a name's industry to a mark's classes (or, without classes, to its industry)."""
        if industry is None:
            return None
        own = self.classes_of(industry)
        wanted = sorted(set(mark_classes))
        shown = f"{industry.code} {industry.name}"
        if wanted:
            if own is None:
                return None
            hits = {c: own[c] for c in wanted if c in own}
            if not hits:
                listed = "、".join(f"第{c}类" for c in wanted)
                return Relation(Strength.UNRELATED, f"{shown} / {listed}")
            best = max(hits.values(), key=_ORDER.__getitem__)
            listed = "、".join(f"第{c}类" for c, s in sorted(hits.items()) if s is best)
            return Relation(best, f"{shown} / {listed}")
        if mark_industry is None:
            return None
        theirs = f"{mark_industry.code} {mark_industry.name}"
        if industry.key == mark_industry.key or (
            (industry.division is None or mark_industry.division is None) and industry.section == mark_industry.section
        ):
            return Relation(Strength.STRONG, f"{shown} / {theirs}（同一行业）")
        other = self.classes_of(mark_industry)
        if own is None or other is None:
            return None
        common = sorted(set(own) & set(other))
        if not common:
            return Relation(Strength.UNRELATED, f"{shown} / {theirs}")
        both_strong = [c for c in common if own[c] is Strength.STRONG and other[c] is Strength.STRONG]
        strength = Strength.STRONG if both_strong else Strength.WEAK
        listed = "、".join(f"第{c}类" for c in (both_strong or common)[:5])
        return Relation(strength, f"{shown} / {theirs}（共同类别 {listed}）")


def parse_relatedness(text: str, name: str, classification: Classification | None = None) -> RelatednessTable:
    """A relatedness table from its text (comment lines `# version: ...`, `# source: ...`, then the
    header `industry,nice_classes,strength`); refused with the row and field of the first bad value."""
    classification = classification or shipped_classification()
    meta: dict[str, str] = {}
    rows: list[tuple[int, list[str]]] = []
    last = ""
    for line_no, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep and key.strip() in ("version", "source"):
                last = key.strip()
                meta[last] = value.strip()
            elif last == "source":
                meta["source"] += " " + line[1:].strip()
        elif line.strip():
            last = ""
            rows.extend((line_no, cells) for cells in csv.reader([line]))
    if not meta.get("version"):
        raise RelatednessError(f"{name}：缺少版本行（# version: ...）")
    if not rows or [c.strip() for c in rows[0][1]] != list(HEADER):
        raise RelatednessError(f"{name}：表头应为 {','.join(HEADER)}")
    classes: dict[str, dict[int, Strength]] = {}
    for row_no, cells in rows[1:]:
        if len(cells) != len(HEADER):
            raise RelatednessError(f"{name} 第{row_no}行：应有{len(HEADER)}列，实有{len(cells)}列")
        row = dict(zip(HEADER, cells, strict=True))
        code = row["industry"].strip().upper()
        if code not in classification.sections and code not in classification.divisions:
            raise RelatednessError(f"{name} 第{row_no}行 industry：“{code}”不是 GB/T 4754-2017 的门类或大类代码")
        try:
            strength = Strength(row["strength"].strip())
        except ValueError:
            raise RelatednessError(f"{name} 第{row_no}行 strength：“{row['strength']}”应为 strong 或 weak") from None
        if strength is Strength.UNRELATED:
            raise RelatednessError(f"{name} 第{row_no}行 strength：“unrelated”不列入表中（未列出即不相关）")
        for raw in row["nice_classes"].split("|"):
            nice = raw.strip()
            if not nice.isdigit() or not 1 <= int(nice) <= NICE_CLASSES:
                raise RelatednessError(f"{name} 第{row_no}行 nice_classes：“{nice}”不是尼斯分类 1-45 类")
            current = classes.setdefault(code, {}).get(int(nice))
            if current is None or _ORDER[strength] > _ORDER[current]:
                classes[code][int(nice)] = strength
    return RelatednessTable(meta["version"], meta.get("source", ""), classes)


@cache
def shipped_relatedness() -> RelatednessTable:
    """The table shipped with the engine (`data/relatedness.csv`)."""
    text = resources.files(__package__).joinpath("data").joinpath("relatedness.csv").read_text(encoding="utf-8")
    return parse_relatedness(text, "relatedness.csv")


def load_relatedness(path: Path, classification: Classification | None = None) -> RelatednessTable:
    """A replacement table in the shipped format (UTF-8, GBK or GB18030)."""
    try:
        text, _ = decode_text(path.read_bytes())
    except FileNotFoundError:
        raise RelatednessError(f"{path}：文件不存在") from None
    except TableError as exc:
        raise RelatednessError(f"{path}：{exc}") from None
    return parse_relatedness(text, str(path), classification)

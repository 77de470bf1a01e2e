"""Goods and services as a separate factor: Nice class and 类似群 (similar group) overlap.

The official 类似商品和服务区分表 changes every year and is not machine-readable here, so it is an
import: a CSV with `edition,nice_class,group,name,similar_groups[,status,note]` (similar_groups: the
groups of other classes that the table's notes declare similar, space-separated). A small sample ships
for tests. A mark similar in unrelated goods is still reported; this factor says how related they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path

NICE_CLASSES = 45  # classes 1-34 goods, 35-45 services


class GoodsRelation(StrEnum):
    SAME_GROUP = "same_group"  # 同一类似群: similar goods per the 区分表
    CROSS_CLASS_SIMILAR = "cross_class_similar"  # different classes, declared similar by the table's notes
    SAME_CLASS = "same_class"  # same Nice class, different group: normally not similar, manual review
    DIFFERENT_CLASS = "different_class"  # not similar goods (the mark similarity is still reported)


_REASONS = {
    GoodsRelation.SAME_GROUP: "商品或服务类似：同一类似群",
    GoodsRelation.CROSS_CLASS_SIMILAR: "商品或服务类似：区分表注明跨类类似",
    GoodsRelation.SAME_CLASS: "同一类别不同类似群：一般不类似，需人工判断",
    GoodsRelation.DIFFERENT_CLASS: "商品或服务不类似：类别不同",
}


class GoodsTableError(ValueError):
    """The goods table or a goods code is not valid (message names the file, row and field)."""


@dataclass(frozen=True, slots=True)
class Group:
    code: str  # four digits, e.g. "3202"
    nice_class: int
    name: str
    similar: frozenset[str]


@dataclass(frozen=True, slots=True)
class GoodsTable:
    edition: str
    groups: dict[str, Group]

    def parse_codes(self, codes: Iterable[str]) -> tuple[frozenset[str], frozenset[int]]:
        """Goods codes as (groups, classes): "3202" is a group of this edition, "32" a Nice class (1-45).
        The classes include those of the groups."""
        groups: set[str] = set()
        classes: set[int] = set()
        for raw in codes:
            code = raw.strip()
            if code in self.groups:
                groups.add(code)
                classes.add(self.groups[code].nice_class)
            elif code.isdigit() and len(code) <= 2 and 1 <= int(code) <= NICE_CLASSES:
                classes.add(int(code))
            else:
                raise GoodsTableError(
                    f"goods code {code!r} is neither a Nice class (1-{NICE_CLASSES}) nor a group of {self.edition}"
                )
        return frozenset(groups), frozenset(classes)


@dataclass(frozen=True, slots=True)
class GoodsComparison:
    relation: GoodsRelation
    shared: tuple[str, ...]  # the shared groups, linked groups or classes behind the relation
    edition: str

    @property
    def reason(self) -> str:
        shared = "、".join(self.shared)
        return f"{_REASONS[self.relation]}（{shared}；区分表 {self.edition}）" if shared else _REASONS[self.relation]


def load_goods_table(path: Path) -> GoodsTable:
    """Import a goods table CSV (one edition); errors name the file, row and field."""
    return _parse(path.read_text(encoding="utf-8"), str(path))


@cache
def sample_goods_table() -> GoodsTable:
    """The small sample shipped for tests (rows marked UNVERIFIED: not the official table)."""
    text = resources.files(__package__).joinpath("data/goods_sample.csv").read_text(encoding="utf-8")
    return _parse(text, "goods_sample.csv")


def _parse(text: str, source: str) -> GoodsTable:
    groups: dict[str, Group] = {}
    editions: set[str] = set()
    for row_no, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        code = (row.get("group") or "").strip()
        if len(code) != 4 or not code.isdigit():
            raise GoodsTableError(f"{source} row {row_no} field group: {code!r} is not a four-digit group code")
        try:
            nice_class = int(row["nice_class"])
        except (KeyError, TypeError, ValueError):
            raise GoodsTableError(f"{source} row {row_no} field nice_class: not a number") from None
        if int(code[:2]) != nice_class:
            raise GoodsTableError(f"{source} row {row_no} field group: {code} is not in class {nice_class}")
        editions.add((row.get("edition") or "").strip())
        similar = frozenset((row.get("similar_groups") or "").split())
        groups[code] = Group(code, nice_class, (row.get("name") or "").strip(), similar)
    if len(editions) != 1 or "" in editions:
        raise GoodsTableError(f"{source}: the table must hold exactly one edition, found {sorted(editions)}")
    return GoodsTable(edition=editions.pop(), groups=groups)


def compare_goods(a: Iterable[str], b: Iterable[str], table: GoodsTable) -> GoodsComparison:
    """How related two marks' goods are: codes are Nice classes ("32") or 类似群 groups ("3202")."""
    groups_a, classes_a = table.parse_codes(a)
    groups_b, classes_b = table.parse_codes(b)
    shared = groups_a & groups_b
    if shared:
        return GoodsComparison(GoodsRelation.SAME_GROUP, tuple(sorted(shared)), table.edition)
    linked = {g for g in groups_a if table.groups[g].similar & groups_b}
    linked |= {g for g in groups_b if table.groups[g].similar & groups_a}
    if linked:
        return GoodsComparison(GoodsRelation.CROSS_CLASS_SIMILAR, tuple(sorted(linked)), table.edition)
    classes = classes_a & classes_b
    if classes:
        shown = tuple(f"第{c}类" for c in sorted(classes))
        return GoodsComparison(GoodsRelation.SAME_CLASS, shown, table.edition)
    return GoodsComparison(GoodsRelation.DIFFERENT_CLASS, (), table.edition)

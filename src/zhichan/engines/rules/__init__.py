"""The one table of rules taken from law: every time limit, criterion and threshold with its basis.

A change of law is a change to `legal_rules.csv`, not to code. Code asks for a rule by key and gets
its value with the law, article and version it rests on, so that every computed result can cite it.

A law that is revised keeps one row per version under the same key, each with the dates it applies
from and to (`applies_from`, `applies_to`, both inclusive, empty for open): the Trademark Law of 2019
applies until 2026-12-31 and its 2027 revision from 2027-01-01, with a shorter opposition period and new
article numbers. A versioned rule is asked for with the date of the event it counts from
(`rule("trademark.opposition_period", on=published)`); asking without a date is an error, never a guess.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

_STATUSES = frozenset({"VERIFIED", "SECONDARY", "UNVERIFIED"})


@dataclass(frozen=True, slots=True)
class LegalRule:
    key: str
    value: Decimal
    unit: str
    law: str
    article: str
    version: str
    status: str
    note: str
    applies_from: date | None = None
    applies_to: date | None = None

    def applies_on(self, day: date) -> bool:
        """Whether this version of the rule is the one for an event on `day`."""
        return (self.applies_from is None or self.applies_from <= day) and (
            self.applies_to is None or day <= self.applies_to
        )

    @property
    def citation(self) -> str:
        """The statute and article as Chinese texts cite them: `《中华人民共和国专利法》第六十五条`.

        A document number after the title stays outside the marks: `《专利纠纷行政裁决和调解办法》
        （国家知识产权局令第81号）第二十条`.
        """
        title, bracket, number = self.law.partition("（")
        where = self.article if self.article.startswith("第") else f"（{self.article}）"
        return f"《{title}》{bracket}{number}{where}"

    @property
    def basis(self) -> str:
        """The citation with the version it rests on: `《中华人民共和国网络安全法》第二十一条 (2017-06-01)`."""
        return f"{self.citation} ({self.version})"

    def as_int(self) -> int:
        if self.value != self.value.to_integral_value():
            raise ValueError(f"rule {self.key} is {self.value}, not a whole number")
        return int(self.value)


class UnknownRule(KeyError):
    """Asked for a rule key that the table does not hold (or holds for no version applying that day)."""


class VersionRequired(ValueError):
    """Asked for a rule that has several versions without the date of the event that chooses one."""


def _day(text: str, line_no: int, column: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"legal_rules.csv line {line_no}: {column} must be a date YYYY-MM-DD") from None


@cache
def _table() -> dict[str, tuple[LegalRule, ...]]:
    text = resources.files(__package__).joinpath("legal_rules.csv").read_text(encoding="utf-8")
    rules: dict[str, list[LegalRule]] = {}
    for line_no, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        key = row["key"].strip()
        if row["status"] not in _STATUSES:
            raise ValueError(f"legal_rules.csv line {line_no}: status must be one of {sorted(_STATUSES)}")
        found = LegalRule(
            key=key,
            value=Decimal(row["value"]),
            unit=row["unit"],
            law=row["law"],
            article=row["article"],
            version=row["version"],
            status=row["status"],
            note=row["note"],
            applies_from=_day(row.get("applies_from") or "", line_no, "applies_from"),
            applies_to=_day(row.get("applies_to") or "", line_no, "applies_to"),
        )
        if found.applies_from and found.applies_to and found.applies_to < found.applies_from:
            raise ValueError(f"legal_rules.csv line {line_no}: applies_to is before applies_from")
        for known in rules.get(key, []):
            if _overlap(known, found):
                raise ValueError(f"legal_rules.csv line {line_no}: {key!r} overlaps the version {known.version}")
        rules.setdefault(key, []).append(found)
    return {key: tuple(sorted(found, key=lambda r: r.applies_from or date.min)) for key, found in rules.items()}


def _overlap(a: LegalRule, b: LegalRule) -> bool:
    a_from, a_to = a.applies_from or date.min, a.applies_to or date.max
    b_from, b_to = b.applies_from or date.min, b.applies_to or date.max
    return a_from <= b_to and b_from <= a_to


def all_rules() -> tuple[LegalRule, ...]:
    """Every row of the table, each version of a revised rule apart."""
    return tuple(found for versions in _table().values() for found in versions)


def versions(key: str) -> tuple[LegalRule, ...]:
    """The versions of one rule, oldest first (one for a rule no revision changed)."""
    try:
        return _table()[key]
    except KeyError:
        raise UnknownRule(f"no legal rule {key!r} in legal_rules.csv") from None


def rule(key: str, *, on: date | None = None) -> LegalRule:
    """The rule `key`; for a revised rule, the version that applies to an event on `on`."""
    found = versions(key)
    if on is None:
        if len(found) > 1:
            raise VersionRequired(f"legal rule {key!r} has {len(found)} versions: give the date of the event")
        return found[0]
    for version in found:
        if version.applies_on(on):
            return version
    raise UnknownRule(f"legal rule {key!r} has no version applying on {on.isoformat()}")

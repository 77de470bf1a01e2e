"""The one table of rules taken from law: every time limit, criterion and threshold with its basis.

A change of law is a change to `legal_rules.csv`, not to code. Code asks for a rule by key and gets
its value with the law, article and version it rests on, so that every computed result can cite it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
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
    """Asked for a rule key that the table does not hold."""


@cache
def all_rules() -> dict[str, LegalRule]:
    text = resources.files(__package__).joinpath("legal_rules.csv").read_text(encoding="utf-8")
    rules: dict[str, LegalRule] = {}
    for line_no, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        key = row["key"].strip()
        if key in rules:
            raise ValueError(f"legal_rules.csv line {line_no}: duplicate key {key!r}")
        if row["status"] not in _STATUSES:
            raise ValueError(f"legal_rules.csv line {line_no}: status must be one of {sorted(_STATUSES)}")
        rules[key] = LegalRule(
            key=key,
            value=Decimal(row["value"]),
            unit=row["unit"],
            law=row["law"],
            article=row["article"],
            version=row["version"],
            status=row["status"],
            note=row["note"],
        )
    return rules


def rule(key: str) -> LegalRule:
    try:
        return all_rules()[key]
    except KeyError:
        raise UnknownRule(f"no legal rule {key!r} in legal_rules.csv") from None

"""Credit supervision arithmetic (pure, no Django): the candidate events modules offer, the management
period of an event, and the credit grade from a scoring table.

Public API
----------
- `Candidate`: one finding a module offers as a credit event (the `credit.events` extension point):
  subject (credit code, name), event type and category, legal document, source record, good or bad.
- `management_until(determined_on, months)`: the last day of an event's management period.
- `in_management(determined_on, months, on)`: whether the period still runs on `on`.
- `repair_open_on(determined_on, months)`: the first day a repair application may be made.
- `Factor`, `grade(factors, start, boundaries)`: a grade from points (deductions and additions), the
  factors kept with their weights and the events they come from (lineage).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from zhichan.engines.calendar import add_months

CATEGORIES = (
    "abnormal_patent",  # 1 不以保护创新为目的的非正常专利申请行为
    "bad_faith_mark",  # 2 恶意商标注册申请行为
    "agency_penalty",  # 3 违法从事专利、商标代理并受到行政处罚
    "false_material",  # 4 提交虚假材料或隐瞒重要事实申请行政确认
    "false_commitment",  # 5 信用承诺不实或未履行承诺
    "refuse_execution",  # 6 有履行能力但拒不履行、逃避执行行政处罚、行政裁决
    "other_catalogue",  # 7 其他列入公共信用信息具体条目且应被认定为失信的行为
)


@dataclass(frozen=True)
class Candidate:
    """A finding a module offers as a credit event; the credit officer decides whether to import it."""

    source: str  # "<app>.<Model>:<pk>"
    event_type: str  # e.g. "infringement_ruling", "bad_faith_filing"
    category: str  # one of CATEGORIES for a bad record, "" for a good one or a plain infringement record
    subject_name: str
    credit_code: str  # unified social credit code, "" when the finding does not know it
    document_number: str
    document_date: date | None
    authority: str
    summary: str = ""
    good: bool = False


def record_keys(sources: Iterable[str], model: str) -> list[str]:
    """The primary keys that `"<app>.<Model>:<pk>"` sources give for one model (``"cases.Case"``)."""
    prefix = model + ":"
    return [source[len(prefix) :] for source in sources if source.startswith(prefix)]


def management_until(determined_on: date, months: int) -> date:
    """The last day the management period runs: `months` after the determination, that day excluded."""
    return add_months(determined_on, months) - timedelta(days=1)


def in_management(determined_on: date, months: int, on: date) -> bool:
    return determined_on <= on <= management_until(determined_on, months)


def repair_open_on(determined_on: date, months: int) -> date:
    """The first day a credit repair may be applied for, `months` after the determination."""
    return add_months(determined_on, months)


@dataclass(frozen=True)
class Factor:
    code: str
    label: str
    points: float  # negative: a deduction
    sources: tuple[str, ...] = ()  # the records it comes from


@dataclass(frozen=True)
class Grade:
    grade: str
    score: float
    factors: tuple[Factor, ...] = field(default_factory=tuple)


def grade(factors: list[Factor], *, start: float, boundaries: list[tuple[str, float]]) -> Grade:
    """`boundaries` from the highest grade down, each with its minimum score; the last is the floor."""
    score = start + sum(f.points for f in factors)
    chosen = boundaries[-1][0]
    for letter, minimum in boundaries:
        if score >= minimum:
            chosen = letter
            break
    return Grade(chosen, score, tuple(factors))


__all__ = [
    "CATEGORIES",
    "Candidate",
    "Factor",
    "Grade",
    "grade",
    "in_management",
    "management_until",
    "repair_open_on",
]

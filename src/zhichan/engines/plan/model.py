"""The plan as data: frozen records that the parser produces and the planning app stores.

Every record keeps the line it starts on, so that an import error or an audit entry can point at the
text. Names and units are kept exactly as the plan writes them; `corrected_text` offers the corrected
reading where the published text carries a known conversion slip (着作权 for 著作权).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from zhichan.engines.plan.settings import TEXT_CORRECTIONS


class IndicatorKind(StrEnum):
    """What an indicator measures, which decides the shape of its path from baseline to target."""

    STOCK = "stock"  # a level at year end (有效量, 拥有量, number of institutions)
    YEARLY_COUNT = "yearly_count"  # a flow counted within each year (授权量, 办案量, 件/年)
    GROWTH_RATE = "growth_rate"  # an average annual growth rate in percent (年均增长率)
    SHARE_OF_GDP = "share_of_gdp"  # a percentage of GDP (增加值占GDP比重)
    SCORE = "score"  # a survey score (满意度, 分)


class IndicatorCategory(StrEnum):
    """Key indicators carry a number for the target year; steady-growth ones only ask for growth."""

    KEY = "key"
    STEADY_GROWTH = "steady_growth"


def corrected_text(text: str) -> str:
    """The text with known slips of the published plan corrected (着作权 -> 著作权)."""
    for wrong, right in TEXT_CORRECTIONS.items():
        text = text.replace(wrong, right)
    return text


@dataclass(frozen=True, slots=True)
class Paragraph:
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Responsibility:
    """Who carries a task: lead units and cooperating units, as written.

    `shared_lead` marks the form "(A、B、C等按职责分工负责)": A, B and C share the lead and there
    are no cooperating units.
    """

    lead_units: tuple[str, ...]
    cooperating_units: tuple[str, ...]
    shared_lead: bool
    raw: str


@dataclass(frozen=True, slots=True)
class Subsection:
    """A subsection such as 三(一); `key` is the section numeral and the subsection numeral."""

    key: str
    numeral: str
    title: str
    line: int
    paragraphs: tuple[Paragraph, ...]
    responsibility: Responsibility | None  # the 保障措施 subsections name their units too

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Section:
    """A top-level section 一 ... 九 with its subsections."""

    key: str
    number: int
    title: str
    line: int
    paragraphs: tuple[Paragraph, ...]
    subsections: tuple[Subsection, ...]


@dataclass(frozen=True, slots=True)
class Task:
    """A numbered task. `title` is the words before the first 。; `text` is the task as written."""

    number: int
    title: str
    text: str
    section: str  # key of the subsection (三(一)) or of the section when it has no subsection
    line: int
    lead_units: tuple[str, ...]
    cooperating_units: tuple[str, ...]
    shared_lead: bool

    @property
    def units(self) -> tuple[str, ...]:
        return self.lead_units + self.cooperating_units


@dataclass(frozen=True, slots=True)
class Column:
    """A boxed special project (专栏) with the section it sits in."""

    number: int
    title: str
    text: str
    section: str
    line: int


@dataclass(frozen=True, slots=True)
class Indicator:
    """An indicator with its base-year value and target-year target (None where the plan has none).

    `baseline` of a key indicator comes from the indicator table (None where the table has ——); a
    steady-growth indicator takes it from the background section where that section states it, with
    万/亿 multiplied out and the unit kept (151.4万件 -> 1514000, 件); `baseline_text` is that figure
    as written. `target` of a steady-growth indicator is None: the plan asks only for steady growth.
    """

    name: str
    unit: str | None
    baseline: Decimal | None
    target: Decimal | None
    source: str | None
    kind: IndicatorKind
    category: IndicatorCategory
    section: str
    line: int
    baseline_text: str | None = None
    baseline_line: int | None = None

    @property
    def name_corrected(self) -> str:
        return corrected_text(self.name)


@dataclass(frozen=True, slots=True)
class PlanDocument:
    """The whole plan: outline, tasks, boxed projects and indicators, in the order of the text."""

    preamble: str
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]
    columns: tuple[Column, ...]
    indicators: tuple[Indicator, ...]
    base_year: int
    target_year: int
    indicator_table_title: str | None

    @property
    def key_indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.category is IndicatorCategory.KEY)

    @property
    def steady_growth_indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.category is IndicatorCategory.STEADY_GROWTH)

    @property
    def subsections(self) -> tuple[Subsection, ...]:
        return tuple(sub for section in self.sections for sub in section.subsections)

    @property
    def units(self) -> tuple[str, ...]:
        """Distinct unit names as written, in order of first appearance (tasks, then 保障措施)."""
        seen: dict[str, None] = {}
        for task in self.tasks:
            for unit in task.units:
                seen.setdefault(unit, None)
        for sub in self.subsections:
            if sub.responsibility is not None:
                for unit in sub.responsibility.lead_units + sub.responsibility.cooperating_units:
                    seen.setdefault(unit, None)
        return tuple(seen)

    @property
    def indicator_sources(self) -> tuple[str, ...]:
        """Distinct data-source departments of the key indicators, as written."""
        return tuple(dict.fromkeys(i.source for i in self.indicators if i.source))

    def section_title(self, key: str) -> str:
        """The title of a section or subsection key such as 三 or 三(一)."""
        for section in self.sections:
            if section.key == key:
                return section.title
            for sub in section.subsections:
                if sub.key == key:
                    return sub.title
        raise KeyError(key)

    def task(self, number: int) -> Task:
        for task in self.tasks:
            if task.number == number:
                return task
        raise KeyError(number)

    def indicator(self, name: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.name == name:
                return indicator
        raise KeyError(name)

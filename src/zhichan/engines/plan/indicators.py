"""Indicators: the key-indicator table, the kind of each indicator, and the steady-growth ones.

The table is read from its cells (`|`-separated, one cell or one row per line) with its columns found
by their headers, so a plan that orders the columns differently or adds one still reads. Steady-growth
indicators are the ones the targets section names without a number ("…保持稳步增长"); their baselines
come from the figures of the background section, matched by name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from zhichan.engines.plan import settings
from zhichan.engines.plan.model import Indicator, IndicatorCategory, IndicatorKind, Paragraph
from zhichan.engines.plan.responsibility import split_top_level

_MISSING = frozenset({"", "——", "—", "-", "--", "－", "/", "无"})
_NAME_UNIT = re.compile(r"^(?P<name>.+?)\s*[(（](?P<unit>[^()（）]+)[)）]$")
_YEAR = re.compile(r"^(?P<year>\d{4})\s*年")
_HEADER = re.compile(r"^(指标(名称)?|\d{4}\s*年.*|(数据)?来源|单位|计量单位|备注|(指标)?属性)$")
_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
_FACT = re.compile(
    r"^(?P<name>[^\d]+?)(?P<number>\d+(?:\.\d+)?)(?P<mult>万|亿)?(?P<unit>件|项|个|家|类|元|人|次|所|座)$"
)
_STEADY = "稳步增长"


class TableError(ValueError):
    """The indicator table is not in a shape the parser reads; carries the line of the problem."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class IndicatorTable:
    indicators: tuple[Indicator, ...]
    base_year: int
    target_year: int


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure stated in the background section, e.g. 有效商标注册量151.4万件."""

    name: str
    value: Decimal
    unit: str
    text: str
    line: int


def classify_indicator(name: str, unit: str | None) -> IndicatorKind:
    """The kind of an indicator from its name and unit (rules in `settings`, first match wins)."""
    unit = unit or ""
    if any(m in name for m in settings.GROWTH_RATE_MARKERS):
        return IndicatorKind.GROWTH_RATE
    if any(m in name for m in settings.SHARE_OF_GDP_MARKERS):
        return IndicatorKind.SHARE_OF_GDP
    if unit in settings.SCORE_UNITS or any(m in name for m in settings.SCORE_MARKERS):
        return IndicatorKind.SCORE
    if any(m in unit for m in settings.YEARLY_UNIT_MARKERS) or any(m in name for m in settings.YEARLY_NAME_MARKERS):
        return IndicatorKind.YEARLY_COUNT
    return IndicatorKind.STOCK


def parse_number(text: str) -> Decimal | None:
    """A table value: None for —— and the like, else the number (≥, 以上, % and commas ignored)."""
    cleaned = text.strip().replace(" ", "")
    if cleaned in _MISSING:
        return None
    cleaned = cleaned.lstrip("≥>").removesuffix("以上").rstrip("%％").replace(",", "").replace("，", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"“{text}”不是数字 (not a number)") from None
    if not value.is_finite():
        raise ValueError(f"“{text}”不是数字 (not a number)")
    return value


def split_cells(line: str, line_no: int) -> list[Cell]:
    """The cells of one table line; a trailing `|` closes the last cell."""
    pieces = [p.strip() for p in line.split("|")]
    if pieces and pieces[-1] == "":
        pieces.pop()
    return [Cell(p, line_no) for p in pieces]


def parse_indicator_table(cells: list[Cell], section: str) -> IndicatorTable:
    """Read the key indicators from the table's cells, the header row first."""
    header: list[Cell] = []
    for cell in cells:
        if not _HEADER.match(cell.text.replace(" ", "")):
            break
        header.append(cell)
    first_line = cells[0].line if cells else 0
    heads = [c.text.replace(" ", "") for c in header]
    name_col = next((i for i, h in enumerate(heads) if h.startswith("指标") and "属性" not in h), None)
    year_cols = [(int(m.group("year")), i) for i, h in enumerate(heads) if (m := _YEAR.match(h))]
    source_col = next((i for i, h in enumerate(heads) if "来源" in h), None)
    unit_col = next((i for i, h in enumerate(heads) if h in ("单位", "计量单位")), None)
    if name_col is None or len(year_cols) < 2:
        raise TableError(
            first_line,
            "指标表表头应含“指标”列和基期、目标年两个年份列，"
            "例如“指标 | 2020年 完成值 | 2025年 规划值 | 数据来源”"
            " (expected a header with an indicator column and two year columns)",
        )
    (base_year, base_col), (target_year, target_col) = min(year_cols), max(year_cols)
    width = len(header)
    body = cells[width:]
    if len(body) % width:
        raise TableError(
            body[-1].line if body else first_line,
            f"指标表每行应有{width}个单元格，最后一行不完整 (expected rows of {width} cells)",
        )
    indicators: list[Indicator] = []
    for start in range(0, len(body), width):
        row = body[start : start + width]
        label = row[name_col].text
        if unit_col is not None:
            name, unit = label, row[unit_col].text or None
        elif match := _NAME_UNIT.match(label):
            name, unit = match.group("name").strip(), match.group("unit").strip()
        else:
            name, unit = label, None
        if not name:
            raise TableError(row[name_col].line, "指标名称为空 (expected an indicator name)")
        values: list[Decimal | None] = []
        for col, year in ((base_col, base_year), (target_col, target_year)):
            try:
                values.append(parse_number(row[col].text))
            except ValueError as err:
                raise TableError(row[col].line, f"指标“{name}”的{year}年值：{err}") from None
        source = row[source_col].text if source_col is not None else None
        indicators.append(
            Indicator(
                name=name,
                unit=unit,
                baseline=values[0],
                target=values[1],
                source=source or None,
                kind=classify_indicator(name, unit),
                category=IndicatorCategory.KEY,
                section=section,
                line=row[name_col].line,
            )
        )
    return IndicatorTable(tuple(indicators), base_year, target_year)


def normalised_name(name: str) -> str:
    """What a figure counts, without brackets, fillers and count endings, for matching names."""
    name = re.sub(r"[(（][^()（）]*[)）]", "", name).strip()
    changed = True
    while changed:
        changed = False
        for filler in settings.FACT_LEADING_FILLERS:
            if name.startswith(filler) and len(name) > len(filler):
                name, changed = name[len(filler) :], True
        for filler in settings.FACT_TRAILING_FILLERS + settings.NAME_TRAILING_FILLERS:
            if name.endswith(filler) and len(name) > len(filler):
                name, changed = name[: -len(filler)], True
    return name


def background_facts(paragraphs: list[Paragraph]) -> list[Fact]:
    """Every "<what><number>[万|亿]<unit>" clause of the background section."""
    facts: list[Fact] = []
    for paragraph in paragraphs:
        for clause in re.split(r"[，,、。；;：:]", paragraph.text):
            match = _FACT.match(clause.strip())
            if match is None:
                continue
            value = Decimal(match.group("number")) * _MULTIPLIERS.get(match.group("mult") or "", Decimal(1))
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
            facts.append(
                Fact(
                    name=match.group("name").strip(),
                    value=value,
                    unit=match.group("unit"),
                    text=clause.strip(),
                    line=paragraph.line,
                )
            )
    return facts


def _split_parallel(item: str) -> list[str]:
    """中国专利奖和广东专利奖获奖数量 -> 中国专利奖获奖数量, 广东专利奖获奖数量.

    When the part before 和 does not end in a count word, it shares the ending of the part after it:
    the ending starts after the first character of the right part that closes the left part.
    """
    parts = split_top_level(item, "和及")
    if len(parts) != 2 or not all(parts):
        return [item]
    left, right = parts
    if left.endswith(("数量", "量", "数")):
        return [left, right]
    idx = right.find(left[-1])
    if idx <= 0 or idx == len(right) - 1:
        return [item]
    return [left + right[idx + 1 :], right]


def steady_growth_names(paragraphs: list[Paragraph]) -> list[tuple[str, int]]:
    """Names the targets section gives without a number: "A、B、C(保持)稳步增长", with their lines."""
    names: list[tuple[str, int]] = []
    for paragraph in paragraphs:
        for sentence in re.split(r"[。；;]", paragraph.text):
            if _STEADY not in sentence:
                continue
            subject = sentence[: sentence.index(_STEADY)].strip()
            subject = re.sub(r"(保持|实现|继续|均|都)+$", "", subject)
            subject = split_top_level(subject, ",，:：")[-1]
            subject = re.sub(r"^(全市|全区|全省)", "", subject)
            for item in split_top_level(subject, "、"):
                for name in _split_parallel(item):
                    if name:
                        names.append((name, paragraph.line))
    return names


def steady_growth_indicators(targets: list[Paragraph], background: list[Paragraph], section: str) -> list[Indicator]:
    """Steady-growth indicators with the baseline the background states for them, if any.

    A figure matches when its name, normalised, has the same characters as the indicator's
    (有效商标注册量 ~ 有效注册商标数量: the word order differs, what is counted does not). A name
    that is only part of a figure's name (商标注册量 in 有效商标注册量) does not match: a flow and a
    stock read alike. Two figures with different values for one name give no baseline.
    """
    facts = background_facts(background)
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for name, line in steady_growth_names(targets):
        if name in seen:
            continue
        seen.add(name)
        fact = _match_fact(name, facts)
        unit = fact.unit if fact else None
        indicators.append(
            Indicator(
                name=name,
                unit=unit,
                baseline=fact.value if fact else None,
                target=None,
                source=None,
                kind=classify_indicator(name, unit),
                category=IndicatorCategory.STEADY_GROWTH,
                section=section,
                line=line,
                baseline_text=fact.text if fact else None,
                baseline_line=fact.line if fact else None,
            )
        )
    return indicators


def _match_fact(name: str, facts: list[Fact]) -> Fact | None:
    wanted = normalised_name(name)
    same = {(f.value, f.unit): f for f in facts if Counter(normalised_name(f.name)) == Counter(wanted)}
    return next(iter(same.values())) if len(same) == 1 else None

"""Read a plan text into a `PlanDocument`, from the shapes of its lines, not from line numbers.

A plan of this form has, line by line: an optional table of contents (目录 and the headings), a
preamble, sections "一、…" with subsections "(一)…", numbered tasks "1.标题。正文。(牵头单位:…)",
boxed projects "专栏N 标题" followed by their text, and a `|`-separated indicator table. A task ends
at its responsibility clause; a boxed project ends at the next heading, task, project or table.
Anything unexpected stops the parse with the line number and what was expected there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhichan.engines.plan.indicators import (
    Cell,
    TableError,
    parse_indicator_table,
    split_cells,
    steady_growth_indicators,
)
from zhichan.engines.plan.model import (
    Column,
    Indicator,
    Paragraph,
    PlanDocument,
    Responsibility,
    Section,
    Subsection,
    Task,
)
from zhichan.engines.plan.responsibility import (
    ResponsibilityError,
    is_responsibility_clause,
    parse_responsibility,
    trailing_bracket,
)

_NUMERAL = "[一二三四五六七八九十]+"
_SECTION = re.compile(rf"^(?P<num>{_NUMERAL})\s*[、.．]\s*(?P<title>\S.*)$")
_SUBSECTION = re.compile(rf"^[(（]\s*(?P<num>{_NUMERAL})\s*[)）]\s*(?P<title>\S.*)$")
_COLUMN = re.compile(r"^专栏\s*(?P<num>\d+)\s*(?P<title>.*)$")
_TASK = re.compile(r"^(?P<num>\d+)\s*[.．、]\s*(?P<body>\S.*)$")
_TOC = re.compile(r"^目\s*录$")
_MAX_HEADING = 40
_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


class PlanParseError(ValueError):
    """The text is not a plan of the expected form; `line` is 1-based (0: the text as a whole)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"第{line}行 (line {line}): {message}" if line else message)
        self.line = line
        self.message = message


def chinese_numeral(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23 (section numbers); ValueError otherwise."""
    tens, ten, ones = text.partition("十")
    if not ten:
        tens, ones = "", text
    digits = [_DIGITS.get(part, 0) if part else None for part in (tens, ones)]
    if any(d == 0 for d in digits) or len(tens) > 1 or len(ones) > 1 or not (ten or ones):
        raise ValueError(f"not a Chinese numeral below 100: {text!r}")
    tens_value = (digits[0] or 1) if ten else 0
    return tens_value * 10 + (digits[1] or 0)


def _heading_number(line_no: int, numeral: str) -> int:
    try:
        return chinese_numeral(numeral)
    except ValueError:
        raise PlanParseError(line_no, f"“{numeral}”不是章节编号 (expected 一 … 九十九)") from None


def _heading_title(title: str) -> bool:
    return len(title) <= _MAX_HEADING and "。" not in title


@dataclass
class _SubBuilder:
    key: str
    numeral: str
    title: str
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class _SectionBuilder:
    key: str
    number: int
    title: str
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    subsections: list[_SubBuilder] = field(default_factory=list)


@dataclass
class _TaskBuilder:
    number: int
    line: int
    section: str
    lines: list[str]
    closed: bool = False


@dataclass
class _ColumnBuilder:
    number: int
    title: str
    line: int
    section: str
    lines: list[str] = field(default_factory=list)


@dataclass
class _TableBuilder:
    line: int
    section: str
    title: str | None
    cells: list[Cell] = field(default_factory=list)


class _Parser:
    def __init__(self) -> None:
        self.preamble: list[Paragraph] = []
        self.sections: list[_SectionBuilder] = []
        self.tasks: list[Task] = []
        self.columns: list[Column] = []
        self.key_indicators: list[Indicator] = []
        self.years: tuple[int, int] | None = None
        self.table_title: str | None = None
        self.table_section: str | None = None
        self.task: _TaskBuilder | None = None
        self.column: _ColumnBuilder | None = None
        self.table: _TableBuilder | None = None
        self.in_toc = False

    # -- where things go ---------------------------------------------------------------------------
    def _section_key(self) -> str:
        section = self.sections[-1]
        return section.subsections[-1].key if section.subsections else section.key

    def _paragraphs(self) -> list[Paragraph]:
        if not self.sections:
            return self.preamble
        section = self.sections[-1]
        return section.subsections[-1].paragraphs if section.subsections else section.paragraphs

    def _require_section(self, line_no: int, what: str) -> None:
        if not self.sections:
            raise PlanParseError(line_no, f"{what}出现在第一个章节标题“一、…”之前 (expected a section heading first)")

    # -- the line loop -----------------------------------------------------------------------------
    def feed(self, line_no: int, line: str) -> None:
        if self.in_toc:
            if self._is_heading(line):
                return
            self.in_toc = False
        if self.table is not None:
            if "|" in line:
                self.table.cells.extend(split_cells(line, line_no))
                return
            self._close_table()
        if not self.sections and _TOC.match(line):
            self.in_toc = True
            return
        if (m := _SECTION.match(line)) and _heading_title(m.group("title")):
            self._open_section(line_no, m.group("num"), m.group("title").strip())
        elif (m := _SUBSECTION.match(line)) and _heading_title(m.group("title")):
            self._open_subsection(line_no, m.group("num"), m.group("title").strip())
        elif (m := _COLUMN.match(line)) and _heading_title(m.group("title")):
            self._open_column(line_no, int(m.group("num")), m.group("title").strip())
        elif (m := _TASK.match(line)) and self._starts_task(line_no, int(m.group("num"))):
            self._open_task(line_no, int(m.group("num")), m.group("body"))
        elif "|" in line:
            self._open_table(line_no, line)
        elif self.task is not None and not self.task.closed:
            self.task.lines.append(line)
            self._check_task_end()
        elif self.column is not None:
            self.column.lines.append(line)
        else:
            self._paragraphs().append(Paragraph(line_no, line))

    def _is_heading(self, line: str) -> bool:
        m = _SECTION.match(line) or _SUBSECTION.match(line)
        return m is not None and _heading_title(m.group("title"))

    def _close_blocks(self) -> None:
        self._close_task()
        self._close_column()

    def _open_section(self, line_no: int, numeral: str, title: str) -> None:
        self._close_blocks()
        number = _heading_number(line_no, numeral)
        expected = len(self.sections) + 1
        if number != expected:
            raise PlanParseError(line_no, f"章节编号应为第{expected}章，实为“{numeral}” (expected section {expected})")
        self.sections.append(_SectionBuilder(key=numeral, number=number, title=title, line=line_no))

    def _open_subsection(self, line_no: int, numeral: str, title: str) -> None:
        self._require_section(line_no, f"小节“({numeral}){title}”")
        self._close_blocks()
        section = self.sections[-1]
        number = _heading_number(line_no, numeral)
        expected = len(section.subsections) + 1
        if number != expected:
            raise PlanParseError(
                line_no,
                f"“{section.key}、{section.title}”的小节编号应为第{expected}节，实为“({numeral})”"
                f" (expected subsection {expected})",
            )
        section.subsections.append(
            _SubBuilder(key=f"{section.key}({numeral})", numeral=numeral, title=title, line=line_no)
        )

    def _open_column(self, line_no: int, number: int, title: str) -> None:
        self._require_section(line_no, f"专栏{number}")
        self._close_blocks()
        if self.columns and number <= self.columns[-1].number:
            raise PlanParseError(
                line_no,
                f"专栏编号应大于前一专栏{self.columns[-1].number}，实为{number} (expected increasing numbers)",
            )
        self.column = _ColumnBuilder(number=number, title=title, line=line_no, section=self._section_key())

    def _starts_task(self, line_no: int, number: int) -> bool:
        """A numbered line starts a task unless it is a list item inside a boxed project."""
        numbers = [t.number for t in self.tasks[-1:]] + ([self.task.number] if self.task else [])
        last = max(numbers, default=0)
        if number > last:
            return True
        if self.column is not None:
            return False
        raise PlanParseError(
            line_no, f"任务编号应大于前一任务{last}，实为{number} (expected a task number above {last})"
        )

    def _open_task(self, line_no: int, number: int, body: str) -> None:
        self._require_section(line_no, f"任务{number}")
        self._close_blocks()
        self.task = _TaskBuilder(number=number, line=line_no, section=self._section_key(), lines=[body])
        self._check_task_end()

    def _check_task_end(self) -> None:
        assert self.task is not None
        bracket = trailing_bracket(self.task.lines[-1])
        if bracket is not None and is_responsibility_clause(bracket[1]):
            self.task.closed = True

    def _close_task(self) -> None:
        builder, self.task = self.task, None
        if builder is None:
            return
        text = "\n".join(builder.lines)
        bracket = trailing_bracket(text)
        if bracket is None or not is_responsibility_clause(bracket[1]):
            raise PlanParseError(
                builder.line,
                f"任务{builder.number}末尾应有职责分工，如“(牵头单位:…,配合单位:…)”或“(…等按职责分工负责)”"
                " (expected a responsibility clause at the end of the task)",
            )
        try:
            responsibility = parse_responsibility(bracket[1])
        except ResponsibilityError as err:
            raise PlanParseError(builder.line, f"任务{builder.number}：{err}") from None
        title = re.split(r"[。\n]", text, maxsplit=1)[0].strip()
        if not title:
            raise PlanParseError(builder.line, f"任务{builder.number}缺少标题 (expected a title before the first 。)")
        self.tasks.append(
            Task(
                number=builder.number,
                title=title,
                text=text,
                section=builder.section,
                line=builder.line,
                lead_units=responsibility.lead_units,
                cooperating_units=responsibility.cooperating_units,
                shared_lead=responsibility.shared_lead,
            )
        )

    def _close_column(self) -> None:
        builder, self.column = self.column, None
        if builder is None:
            return
        title, lines = builder.title, builder.lines
        if not title:
            if not lines:
                raise PlanParseError(builder.line, f"专栏{builder.number}缺少标题 (expected a title)")
            title, lines = lines[0], lines[1:]
        if not lines:
            raise PlanParseError(builder.line, f"专栏{builder.number}“{title}”缺少正文 (expected its text)")
        self.columns.append(
            Column(
                number=builder.number,
                title=title,
                text="\n".join(lines),
                section=builder.section,
                line=builder.line,
            )
        )

    def _open_table(self, line_no: int, line: str) -> None:
        self._require_section(line_no, "指标表")
        self._close_blocks()
        paragraphs = self._paragraphs()
        title = None
        if paragraphs and _heading_title(paragraphs[-1].text) and paragraphs[-1].line == line_no - 1:
            title = paragraphs.pop().text
        self.table = _TableBuilder(line=line_no, section=self._section_key(), title=title)
        self.table.cells.extend(split_cells(line, line_no))

    def _close_table(self) -> None:
        builder, self.table = self.table, None
        if builder is None:
            return
        try:
            table = parse_indicator_table(builder.cells, builder.section)
        except TableError as err:
            raise PlanParseError(err.line, str(err)) from None
        years = (table.base_year, table.target_year)
        if self.years is not None and years != self.years:
            raise PlanParseError(
                builder.line,
                f"指标表年份{years[0]}–{years[1]}与前表{self.years[0]}–{self.years[1]}不一致 (expected the same years)",
            )
        self.years = years
        self.table_title = self.table_title or builder.title
        self.table_section = self.table_section or builder.section
        self.key_indicators.extend(table.indicators)

    # -- the result --------------------------------------------------------------------------------
    def finish(self) -> PlanDocument:
        self._close_table()
        self._close_blocks()
        if not self.sections:
            raise PlanParseError(0, "未找到章节标题“一、…” (expected sections headed 一、 二、 …)")
        if self.years is None or self.table_section is None:
            raise PlanParseError(
                0,
                "未找到主要指标表（“指标 | 2020年 完成值 | 2025年 规划值 | 数据来源 |”）"
                " (expected the indicator table)",
            )
        sections = tuple(_freeze_section(s) for s in self.sections)
        targets = _paragraphs_of(sections, self.table_section)
        background = [p for sub in sections[0].subsections for p in sub.paragraphs] + list(sections[0].paragraphs)
        steady = steady_growth_indicators(targets, background, self.table_section)
        indicators = tuple(self.key_indicators) + tuple(steady)
        names = [i.name for i in indicators]
        for indicator in indicators:
            if names.count(indicator.name) > 1:
                raise PlanParseError(indicator.line, f"指标“{indicator.name}”重复 (expected each indicator once)")
        return PlanDocument(
            preamble="\n".join(p.text for p in self.preamble),
            sections=sections,
            tasks=tuple(self.tasks),
            columns=tuple(self.columns),
            indicators=indicators,
            base_year=self.years[0],
            target_year=self.years[1],
            indicator_table_title=self.table_title,
        )


def _responsibility_of(paragraphs: list[Paragraph]) -> Responsibility | None:
    if not paragraphs:
        return None
    bracket = trailing_bracket(paragraphs[-1].text)
    if bracket is None or not is_responsibility_clause(bracket[1]):
        return None
    try:
        return parse_responsibility(bracket[1])
    except ResponsibilityError as err:
        raise PlanParseError(paragraphs[-1].line, str(err)) from None


def _freeze_section(builder: _SectionBuilder) -> Section:
    return Section(
        key=builder.key,
        number=builder.number,
        title=builder.title,
        line=builder.line,
        paragraphs=tuple(builder.paragraphs),
        subsections=tuple(
            Subsection(
                key=sub.key,
                numeral=sub.numeral,
                title=sub.title,
                line=sub.line,
                paragraphs=tuple(sub.paragraphs),
                responsibility=_responsibility_of(sub.paragraphs),
            )
            for sub in builder.subsections
        ),
    )


def _paragraphs_of(sections: tuple[Section, ...], key: str) -> list[Paragraph]:
    for section in sections:
        if section.key == key:
            return list(section.paragraphs)
        for sub in section.subsections:
            if sub.key == key:
                return list(sub.paragraphs)
    raise KeyError(key)


def parse_plan(text: str) -> PlanDocument:
    """Parse a plan text; raises `PlanParseError` with the line number and what was expected."""
    parser = _Parser()
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().strip("\u3000").strip()
        if line:
            parser.feed(line_no, line)
    return parser.finish()

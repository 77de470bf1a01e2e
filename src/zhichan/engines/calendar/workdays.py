"""Which days are working days: the State Council holiday notices, never a Monday-to-Friday guess.

Legal time limits in 工作日 skip the official holidays and count the make-up working days (调休上班,
often a Saturday or Sunday). The data comes from the `chinese-calendar` package, which transcribes
each year's 国务院办公厅 notice, and from importable yearly tables that override or extend it (the
next year's notice is published in November: importing it is an admin action, not a code change).
A day in a year that no source covers raises `YearNotCovered`, unless the calendar is `estimating()`:
then a year after the last notice (the next year's notice is late) is computed from the statutory
holidays of the 2024 放假办法 (`statutory`), and each of its days is marked provisional.

Yearly table format (CSV with a header, or JSON as a list of objects with the same keys):

    date,kind,name,source
    2027-02-06,holiday,春节,国办发明电〔2026〕N号
    2027-02-20,workday,春节调休上班,国办发明电〔2026〕N号

`kind` is `holiday` (a rest day set by the notice) or `workday` (a working day set by the notice,
usually a make-up weekend day). A row replaces whatever the package says for that date. Every year
that appears in a table is treated as covered by it, so a table must hold all rows of a year's notice.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType

import chinese_calendar  # type: ignore[import-untyped]  # the package ships no type hints
from chinese_calendar import constants as _package_data

from zhichan.engines.calendar import statutory

_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_TABLE_FIELDS = ("date", "kind", "name", "source")


class YearNotCovered(LookupError):
    """A day was asked about in a year for which no holiday notice has been loaded."""

    def __init__(self, year: int, covered: Iterable[int]) -> None:
        self.year = year
        self.covered = tuple(sorted(covered))
        span = f"{self.covered[0]}–{self.covered[-1]}" if self.covered else "无"
        super().__init__(
            f"没有 {year} 年的节假日和调休数据（已覆盖：{span}），不能推算期限；"
            f"请导入国务院办公厅 {year} 年部分节假日安排的通知。"
            f" / No holiday data for {year}; import that year's State Council notice."
        )


class TableError(ValueError):
    """A yearly holiday table is malformed; the message names the file, row and field."""


class DayKind(StrEnum):
    WORKDAY = "workday"  # an ordinary Monday to Friday
    MAKEUP_WORKDAY = "makeup_workday"  # 调休上班: a weekend day made a working day by the notice
    WEEKEND = "weekend"  # an ordinary Saturday or Sunday
    HOLIDAY = "holiday"  # 法定节假日 or a rest day moved by the notice

    @property
    def is_working(self) -> bool:
        return self in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


class EntryKind(StrEnum):
    HOLIDAY = "holiday"
    WORKDAY = "workday"


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One row of a yearly table: a day the notice makes a rest day or a working day."""

    day: date
    kind: EntryKind
    name: str
    source: str


@dataclass(frozen=True, slots=True)
class DayInfo:
    day: date
    kind: DayKind
    name: str  # the holiday's name for HOLIDAY and MAKEUP_WORKDAY, else empty
    source: str  # where the exception comes from (notice or package), else empty
    provisional: bool = False  # the year's notice is not imported: computed from the statutory holidays

    @property
    def is_working(self) -> bool:
        return self.kind.is_working

    def describe_zh(self) -> str:
        """E.g. `2024-10-05（星期六，国庆节休假）`, used in the explanation steps."""
        weekday = _WEEKDAYS_ZH[self.day.weekday()]
        detail = {
            DayKind.WORKDAY: "工作日",
            DayKind.MAKEUP_WORKDAY: f"{self.name}调休上班，为工作日",
            DayKind.WEEKEND: "休息日",
            DayKind.HOLIDAY: f"{self.name}休假",
        }[self.kind]
        return f"{self.day.isoformat()}（{weekday}，{detail}{'，暂定' if self.provisional else ''}）"

    def describe_en(self) -> str:
        detail = {
            DayKind.WORKDAY: "working day",
            DayKind.MAKEUP_WORKDAY: f"make-up working day for {self.name}",
            DayKind.WEEKEND: "weekend rest day",
            DayKind.HOLIDAY: f"holiday: {self.name}",
        }[self.kind]
        provisional = ", provisional" if self.provisional else ""
        return f"{self.day.isoformat()} ({self.day.strftime('%a')}, {detail}{provisional})"


@cache
def _provisional_names(year: int) -> Mapping[date, str]:
    return MappingProxyType(dict(statutory.provisional_holidays(year)))


_PACKAGE_NAMES_ZH = {h.value: h.chinese for h in chinese_calendar.Holiday}


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """The days that notices make rest days or working days, for a known set of years.

    Immutable: `with_entries` returns a new calendar, so a calendar can be shared across requests.
    """

    exceptions: Mapping[date, CalendarEntry]
    covered_years: frozenset[int]
    sources: tuple[str, ...] = field(default=())
    estimate_uncovered: bool = False  # see `estimating()`

    def estimating(self) -> WorkCalendar:
        """This calendar, where a later year without a notice is computed provisionally from the statutes."""
        return replace(self, estimate_uncovered=True)

    def is_provisional_year(self, year: int) -> bool:
        """Whether `year`'s days are estimated (no notice covers it, and the 2024 放假办法 governs it)."""
        return (
            self.estimate_uncovered
            and year not in self.covered_years
            and statutory.first_estimated_year() <= year <= statutory.LAST_ESTIMATED_YEAR
        )

    def provisional_years(self, first: date, last: date) -> tuple[int, ...]:
        """The estimated years among those of the days `first` to `last`."""
        return tuple(year for year in range(first.year, last.year + 1) if self.is_provisional_year(year))

    def day(self, day: date) -> DayInfo:
        """What kind of day `day` is; raises `YearNotCovered` outside the covered (or estimated) years."""
        weekend = day.weekday() >= 5
        if day.year not in self.covered_years:
            if not self.is_provisional_year(day.year):
                raise YearNotCovered(day.year, self.covered_years)
            name = _provisional_names(day.year).get(day)
            if name is not None:
                return DayInfo(day, DayKind.HOLIDAY, name, statutory.PROVISIONAL_SOURCE, provisional=True)
            return DayInfo(day, DayKind.WEEKEND if weekend else DayKind.WORKDAY, "", "", provisional=True)
        entry = self.exceptions.get(day)
        if entry is None:
            return DayInfo(day, DayKind.WEEKEND if weekend else DayKind.WORKDAY, "", "")
        if entry.kind is EntryKind.HOLIDAY:
            return DayInfo(day, DayKind.HOLIDAY, entry.name, entry.source)
        return DayInfo(day, DayKind.MAKEUP_WORKDAY if weekend else DayKind.WORKDAY, entry.name, entry.source)

    def is_working_day(self, day: date) -> bool:
        return self.day(day).is_working

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        current = day + timedelta(days=1)
        while not self.is_working_day(current):
            current += timedelta(days=1)
        return current

    def working_days_between(self, after: date, until: date) -> int:
        """How many working days lie in the interval (after, until]."""
        count = 0
        current = after + timedelta(days=1)
        while current <= until:
            count += self.is_working_day(current)
            current += timedelta(days=1)
        return count

    @property
    def source(self) -> str:
        """One line naming where the data came from, recorded with every computed deadline."""
        years = sorted(self.covered_years)
        span = f"{years[0]}–{years[-1]}" if years else "none"
        estimated = f"; later years provisional: {statutory.PROVISIONAL_SOURCE}" if self.estimate_uncovered else ""
        return "; ".join(self.sources) + f" (years {span})" + estimated

    def with_entries(self, entries: Iterable[CalendarEntry], label: str) -> WorkCalendar:
        """A calendar where `entries` override this one's days and their years become covered."""
        rows = list(entries)
        merged = dict(self.exceptions)
        merged.update({row.day: row for row in rows})
        return WorkCalendar(
            exceptions=MappingProxyType(merged),
            covered_years=self.covered_years | {row.day.year for row in rows},
            sources=(*self.sources, label),
            estimate_uncovered=self.estimate_uncovered,
        )


@cache
def default_calendar() -> WorkCalendar:
    """The calendar from the installed `chinese-calendar` package (its data, its version)."""
    label = f"chinese-calendar {chinese_calendar.__version__} (国务院办公厅部分节假日安排通知)"
    exceptions: dict[date, CalendarEntry] = {}
    for day, name in _package_data.holidays.items():
        exceptions[day] = CalendarEntry(day, EntryKind.HOLIDAY, _PACKAGE_NAMES_ZH.get(name, name), label)
    for day, name in _package_data.workdays.items():
        exceptions[day] = CalendarEntry(day, EntryKind.WORKDAY, _PACKAGE_NAMES_ZH.get(name, name), label)
    first, last = min(_package_data.holidays).year, max(_package_data.holidays).year
    return WorkCalendar(
        exceptions=MappingProxyType(exceptions),
        covered_years=frozenset(range(first, last + 1)),
        sources=(label,),
    )


def parse_table(
    rows: Iterable[Mapping[str, object]], origin: str, *, first: int = 1, unit: str = "row"
) -> list[CalendarEntry]:
    """Validate table rows (dicts with date, kind, name, source).

    `origin` names the file in errors; `first` and `unit` say how rows are numbered there (a CSV
    file's data starts on line 2, a JSON list's on item 1).
    """
    entries: list[CalendarEntry] = []
    seen: dict[date, int] = {}
    for number, row in enumerate(rows, start=first):
        where = f"{origin}, {unit} {number}"
        missing = [name for name in _TABLE_FIELDS if not str(row.get(name) or "").strip()]
        if missing:
            raise TableError(f"{where}, field {missing[0]!r}: 缺少内容 / missing value")
        raw_day, raw_kind = str(row["date"]).strip(), str(row["kind"]).strip()
        try:
            day = date.fromisoformat(raw_day)
        except ValueError:
            raise TableError(f"{where}, field 'date': {raw_day!r} 不是 YYYY-MM-DD 日期 / not a date") from None
        try:
            kind = EntryKind(raw_kind)
        except ValueError:
            raise TableError(f"{where}, field 'kind': {raw_kind!r} 应为 holiday 或 workday") from None
        if day in seen:
            raise TableError(f"{where}, field 'date': {raw_day} 与 {unit} {seen[day]} 重复 / duplicate date")
        seen[day] = number
        entries.append(CalendarEntry(day, kind, str(row["name"]).strip(), str(row["source"]).strip()))
    if not entries:
        raise TableError(f"{origin}: 表中没有任何日期 / the table has no rows")
    return entries


def load_table(path: Path) -> list[CalendarEntry]:
    """Read a yearly table from a `.csv` or `.json` file (format in this module's docstring)."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise TableError(f"{path}, line {exc.lineno}: 不是有效的 JSON / invalid JSON") from None
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise TableError(f"{path}: JSON 应为对象列表 / must be a list of objects")
        return parse_table(data, str(path), unit="item")
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(text.splitlines())
        absent = [name for name in _TABLE_FIELDS if name not in (reader.fieldnames or ())]
        if absent:
            raise TableError(f"{path}, header, field {absent[0]!r}: 缺少列 / missing column")
        return parse_table(reader, str(path), first=2, unit="line")
    raise TableError(f"{path}: 只支持 .csv 或 .json / only .csv or .json tables")

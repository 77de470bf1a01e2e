"""Legal periods and how their last day is found (民法典 Art. 200-204), with the steps that explain it.

Calendar periods (日, 月, 年): the start day is not counted (Art. 201); a month or year period ends on
the corresponding date, or on the month's last day when there is none (Art. 202); a last day that is
not a working day moves to the next working day (Art. 203), where a make-up working Saturday counts
as a working day. Working-day periods (工作日) count the working days after the start day, so their last
day is always a working day. Hour periods (小时) run from the stated moment and are not moved.
A day's period ends at 24:00 Beijing time (Art. 203).
"""

from __future__ import annotations

import calendar as _gregorian
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from enum import StrEnum

from zhichan.engines.calendar.workdays import DayInfo, DayKind, WorkCalendar
from zhichan.engines.rules import LegalRule, rule

# China keeps UTC+8 all year (no daylight saving since 1991), so a fixed offset is exact and needs
# no time-zone database.
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


class Unit(StrEnum):
    DAYS = "days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"
    YEARS = "years"
    HOURS = "hours"


_UNIT_ZH = {
    Unit.DAYS: "日",
    Unit.WORKING_DAYS: "个工作日",
    Unit.MONTHS: "个月",
    Unit.YEARS: "年",
    Unit.HOURS: "小时",
}
_UNIT_EN = {
    Unit.DAYS: "day",
    Unit.WORKING_DAYS: "working day",
    Unit.MONTHS: "month",
    Unit.YEARS: "year",
    Unit.HOURS: "hour",
}


@dataclass(frozen=True, slots=True)
class Period:
    """A length of time in one unit, e.g. `Period(15, Unit.DAYS)`; build it from a rule when law sets it."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 1:
            raise ValueError(f"a period is a whole number of units, not {self.amount!r}")
        object.__setattr__(self, "unit", Unit(self.unit))

    @classmethod
    def of_rule(cls, key: str, *, on: date | None = None) -> Period:
        """The period a legal rule sets, e.g. `Period.of_rule("decree81.defence")` is 15 days; for a
        revised rule, the version applying to an event on `on` (e.g. a publication date)."""
        found = rule(key, on=on)
        return cls(found.as_int(), Unit(found.unit))

    @property
    def zh(self) -> str:
        return f"{self.amount}{_UNIT_ZH[self.unit]}"

    @property
    def en(self) -> str:
        return f"{self.amount} {_UNIT_EN[self.unit]}{'' if self.amount == 1 else 's'}"

    def __add__(self, other: Period) -> Period:
        if self.unit != other.unit:
            raise ValueError(f"cannot add {other.en} to {self.en}: the units differ")
        return Period(self.amount + other.amount, self.unit)


@dataclass(frozen=True, slots=True)
class Step:
    """One line of the explanation: Chinese first, English second, and the rule it applies."""

    zh: str
    en: str
    rule_key: str = ""
    basis: str = ""

    @classmethod
    def citing(cls, key: str, zh: str, en: str) -> Step:
        found: LegalRule = rule(key)
        return cls(zh=f"{zh}（{found.citation}）", en=en, rule_key=key, basis=found.basis)

    def as_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en, "rule": self.rule_key, "basis": self.basis}


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of time that does not count towards a period: [start, end) as days or instants."""

    start: date
    end: date
    label_zh: str
    label_en: str


@dataclass(frozen=True, slots=True)
class Deadline:
    """The last day of a period, the instant it expires, and how they were reached."""

    start: date
    period: Period
    due: date
    expires_at: datetime  # 24:00 Beijing time of `due` for day periods; the exact instant for hours
    steps: tuple[Step, ...]
    calendar_source: str
    provisional_years: tuple[int, ...] = ()  # years counted without their notice (see `statutory`)

    @property
    def provisional(self) -> bool:
        """The due date rests on a year whose holiday notice is not imported yet: it may still move."""
        return bool(self.provisional_years)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `zhichan deadline --json` (see docs/decisions/0200-calendar-*.md)."""
        return {
            "start": self.start.isoformat(),
            "period": {"amount": self.period.amount, "unit": self.period.unit.value, "zh": self.period.zh},
            "due": self.due.isoformat(),
            "expires_at": self.expires_at.isoformat(),
            "steps": [step.as_dict() for step in self.steps],
            "calendar_source": self.calendar_source,
            "provisional": self.provisional,
            "provisional_years": list(self.provisional_years),
        }


def add_months(start: date, months: int) -> date:
    """The corresponding date `months` later, or that month's last day when there is none (Art. 202)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, _gregorian.monthrange(year, month)[1]))


def end_of_day(day: date) -> datetime:
    """24:00 Beijing time at the end of `day`, the instant a day period expires (Art. 203)."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=BEIJING)


def _in_spans(day: date, spans: Iterable[Span]) -> Span | None:
    return next((span for span in spans if span.start <= day < span.end), None)


def _count_days(
    start: date, amount: int, counts: Callable[[date], bool], spans: tuple[Span, ...]
) -> tuple[date, list[Span]]:
    """The `amount`-th day after `start` that `counts` and lies in no span, and the spans that delayed it."""
    current, counted, hit = start, 0, []
    while counted < amount:
        current += timedelta(days=1)
        span = _in_spans(current, spans)
        if span is not None:
            if span not in hit:
                hit.append(span)
            continue
        counted += counts(current)
    return current, hit


def _holiday_runs(days: list[DayInfo]) -> str:
    """`国庆节 2024-10-01至2024-10-07；普通周末 2天` style summary of the rest days skipped."""
    runs: list[tuple[str, date, date]] = []
    weekends = 0
    for info in days:
        if info.kind is DayKind.WEEKEND:
            weekends += 1
        elif runs and runs[-1][0] == info.name and (info.day - runs[-1][2]).days <= 3:
            runs[-1] = (info.name, runs[-1][1], info.day)  # the same holiday, perhaps across a weekend
        else:
            runs.append((info.name, info.day, info.day))
    parts = [
        f"{name} {first.isoformat()}" + (f"至{last.isoformat()}" if last != first else "") for name, first, last in runs
    ]
    if weekends:
        parts.append(f"普通周末 {weekends}天")
    return "；".join(parts) or "无"


def compute_deadline(
    start: date,
    period: Period,
    calendar: WorkCalendar,
    *,
    excluded: tuple[Span, ...] = (),
) -> Deadline:
    """The deadline of `period` counted from `start`, skipping `excluded` spans (pauses).

    `start` is a `datetime` (timezone-aware) for hour periods and a `date` otherwise. Raises
    `YearNotCovered` when a working day has to be decided in a year without holiday data.
    """
    if period.unit is Unit.HOURS:
        return _hours_deadline(start, period, calendar, excluded)
    if isinstance(start, datetime):
        raise ValueError("day, month and year periods start from a date, not a date and time")
    next_day = start + timedelta(days=1)
    steps = [
        Step.citing(
            "civil_code.period_start_excluded",
            f"起算日 {start.isoformat()} 不计入，自次日 {next_day.isoformat()} 开始计算期间 {period.zh}",
            f"The start day {start.isoformat()} is not counted; the {period.en} run from {next_day.isoformat()}.",
        )
    ]
    if period.unit is Unit.WORKING_DAYS:
        last, hit = _count_days(start, period.amount, calendar.is_working_day, excluded)
        skipped = [calendar.day(start + timedelta(days=n)) for n in range(1, (last - start).days + 1)]
        rest = [info for info in skipped if not info.is_working and _in_spans(info.day, excluded) is None]
        makeup = [info.day.isoformat() for info in skipped if info.kind is DayKind.MAKEUP_WORKDAY]
        steps.append(
            Step(
                zh=f"按国务院办公厅节假日安排逐日计算工作日，第{period.amount}个工作日为 "
                f"{calendar.day(last).describe_zh()}；跳过的休息日：{_holiday_runs(rest)}"
                + (f"；调休上班日计为工作日：{'、'.join(makeup)}" if makeup else ""),
                en=f"Counting working days by the State Council holiday notice, working day {period.amount} "
                f"is {calendar.day(last).describe_en()}; {len(rest)} rest day(s) skipped"
                + (f"; make-up working days counted: {', '.join(makeup)}" if makeup else ""),
                basis=calendar.source,
            )
        )
        steps.extend(_span_steps(hit))
        return _finish(start, period, last, steps, calendar)
    if period.unit is Unit.DAYS:
        last, hit = _count_days(start, period.amount, lambda _day: True, excluded)
        steps.append(
            Step(
                zh=f"第{period.amount}日为 {last.isoformat()}",
                en=f"Day {period.amount} is {last.isoformat()}.",
            )
        )
        steps.extend(_span_steps(hit))
    else:
        months = period.amount * (12 if period.unit is Unit.YEARS else 1)
        last = add_months(start, months)
        corresponding = last.day == start.day
        steps.append(
            Step.citing(
                "civil_code.month_end_fallback",
                f"{period.zh}后的对应日为 {last.isoformat()}"
                if corresponding
                else f"{period.zh}后的月份没有 {start.day} 日，以该月最后一日 {last.isoformat()} 为期间最后一日",
                f"The corresponding date {period.en} later is {last.isoformat()}."
                if corresponding
                else f"The month {period.en} later has no day {start.day}; its last day "
                f"{last.isoformat()} is the last day.",
            )
        )
        last = _delay_by_spans(start, last, excluded, steps)
    return _finish(start, period, _move_to_working_day(last, calendar, steps), steps, calendar)


def _delay_by_spans(start: date, last: date, spans: tuple[Span, ...], steps: list[Step]) -> date:
    """Add each excluded span that began on or before the running last day (month and year periods).

    Only the span's days after the start day count, as the start day itself is never counted.
    """
    for span in sorted(spans, key=lambda item: item.start):
        if span.start > last or span.end <= start + timedelta(days=1):
            continue
        length = (span.end - max(span.start, start + timedelta(days=1))).days
        last += timedelta(days=length)
        steps.append(
            Step(
                zh=f"{span.label_zh} {span.start.isoformat()}至{(span.end - timedelta(days=1)).isoformat()}"
                f"共{length}日不计入期间，期间最后一日顺延至 {last.isoformat()}",
                en=f"{span.label_en} from {span.start.isoformat()} for {length} day(s) is not counted; "
                f"the last day moves to {last.isoformat()}.",
            )
        )
    return last


def _span_steps(spans: list[Span]) -> list[Step]:
    return [
        Step(
            zh=f"{span.label_zh} {span.start.isoformat()}至{(span.end - timedelta(days=1)).isoformat()}"
            "期间的日子不计入期间",
            en=f"The days of {span.label_en} from {span.start.isoformat()} to "
            f"{(span.end - timedelta(days=1)).isoformat()} are not counted.",
        )
        for span in spans
    ]


def _move_to_working_day(last: date, calendar: WorkCalendar, steps: list[Step]) -> date:
    info = calendar.day(last)
    if info.is_working:
        steps.append(
            Step(
                zh=f"最后一日 {info.describe_zh()}，无需顺延",
                en=f"The last day {info.describe_en()} needs no extension.",
                basis=calendar.source,
            )
        )
        return last
    moved = calendar.next_working_day(last)
    steps.append(
        Step.citing(
            "civil_code.holiday_extension",
            f"最后一日 {info.describe_zh()} 不是工作日，顺延至下一个工作日 {calendar.day(moved).describe_zh()}",
            f"The last day {info.describe_en()} is not a working day; it moves to the next working day "
            f"{calendar.day(moved).describe_en()}.",
        )
    )
    return moved


def _provisional_step(years: tuple[int, ...]) -> Step:
    named = "、".join(str(year) for year in years)
    return Step.citing(
        "hol.weekend_comp",
        f"{named}年的国务院办公厅放假安排通知尚未导入：该年按《全国年节及纪念日放假办法》第二条的法定节假日、"
        "第六条适逢周六周日的补假及周末休息推算，本期限为暂定，通知导入后重新计算",
        f"The State Council's holiday notice for {', '.join(str(y) for y in years)} is not imported yet: that year is "
        "counted by the statutory holidays of the 全国年节及纪念日放假办法 (Art. 2), make-up days for those on a "
        "weekend (Art. 6) and weekends; this deadline is provisional and is recomputed when the notice is imported.",
    )


def _finish(start: date, period: Period, due: date, steps: list[Step], calendar: WorkCalendar) -> Deadline:
    steps.append(
        Step.citing(
            "civil_code.day_end_hour",
            f"期限届满日为 {due.isoformat()}，截止时间为当日二十四时（北京时间）",
            f"The period expires on {due.isoformat()} at 24:00 Beijing time.",
        )
    )
    provisional = calendar.provisional_years(start, due)
    if provisional:
        steps.append(_provisional_step(provisional))
    return Deadline(start, period, due, end_of_day(due), tuple(steps), calendar.source, provisional)


def _hours_deadline(start: date, period: Period, calendar: WorkCalendar, excluded: tuple[Span, ...]) -> Deadline:
    if not isinstance(start, datetime) or start.tzinfo is None:
        raise ValueError("an hour period starts from a timezone-aware date and time")
    moment = start.astimezone(BEIJING)
    end = moment + timedelta(hours=period.amount)
    steps = [
        Step.citing(
            "civil_code.period_start_excluded",
            f"按小时计算的期间自 {moment.isoformat()} 起算，{period.zh}后为 {end.isoformat()}",
            f"An hour period runs from {moment.isoformat()}; {period.en} later is {end.isoformat()}.",
        )
    ]
    for span in sorted(excluded, key=lambda item: item.start):
        if not isinstance(span.start, datetime) or not isinstance(span.end, datetime):
            raise ValueError("pauses of an hour period are dates and times, not dates")
        span_start, span_end = max(span.start, moment), span.end
        if span_start > end or span_end <= span_start:
            continue
        end += span_end - span_start
        steps.append(
            Step(
                zh=f"{span.label_zh} {span_start.isoformat()}至{span_end.isoformat()}不计入期间，"
                f"届满时间顺延至 {end.isoformat()}",
                en=f"{span.label_en} from {span_start.isoformat()} to {span_end.isoformat()} is not counted; "
                f"the period now ends at {end.isoformat()}.",
            )
        )
    steps.append(
        Step(
            zh=f"按小时计算的期间不因节假日顺延，届满时间为 {end.isoformat()}",
            en=f"Hour periods are not moved for holidays; the period ends at {end.isoformat()}.",
        )
    )
    return Deadline(start, period, end.date(), end, tuple(steps), calendar.source)

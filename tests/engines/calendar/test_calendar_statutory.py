"""A year whose State Council notice is not out yet: counted by the statutory holidays, marked provisional.

The oracle for the statutory days is the real notices the `chinese-calendar` package transcribes: in
the years the 2024 revision governs (2025, 2026) every statutory day must be a rest day of the notice,
and in every year of the package its lunar holidays fall where `lunar-python` puts them.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhichan.engines.calendar import (
    DayKind,
    Period,
    Unit,
    YearNotCovered,
    compute_deadline,
    default_calendar,
    missing_statutory_days,
    provisional_holidays,
    statutory_days,
)
from zhichan.engines.calendar.cli import main


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_statutory_day_is_a_rest_day_of_the_real_notice(year: int) -> None:
    days = statutory_days(year)
    assert len(days) == 13  # 放假办法 Art. 2 (2024 revision): 1 + 4 + 1 + 2 + 1 + 1 + 3
    for day, name, _key in days:
        assert chinese_calendar.is_holiday(day) and day not in chinese_calendar.workdays, (day, name)


@pytest.mark.parametrize("year", range(2004, 2027))
def test_lunar_holidays_fall_where_the_package_has_them(year: int) -> None:
    """正月初一, 端午 and 中秋 are rest days of every notice since 2008 (春节 only before), 清明 since 2008."""
    by_name: dict[str, list[date]] = {}
    for day, name in chinese_calendar.constants.holidays.items():
        if day.year == year:
            by_name.setdefault(name, []).append(day)
    from lunar_python import Lunar

    def solar(lunar):
        s = lunar.getSolar()
        return date(s.getYear(), s.getMonth(), s.getDay())

    def rest_day_of(day: date, *names: str) -> bool:
        """A day of that holiday in the notice, or a weekend day inside it (some years list weekdays only)."""
        listed = [d for name in names for d in by_name.get(name, [])]
        return day in listed or (day.weekday() >= 5 and chinese_calendar.is_holiday(day))

    assert rest_day_of(solar(Lunar.fromYmd(year, 1, 1)), "Spring Festival")
    if year >= 2008:
        assert rest_day_of(solar(Lunar.fromYmd(year, 5, 5)), "Dragon Boat Festival")
        assert rest_day_of(solar(Lunar.fromYmd(year, 8, 15)), "Mid-autumn Festival", "National Day")
        qingming = next(d for d, _term in chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 8)))
        assert qingming in by_name["Tomb-sweeping Day"]
        assert qingming in {day for day, _n, _k in statutory_days(2025)} or year != 2025


def test_2027_provisionally_with_make_up_days_for_weekends() -> None:
    rest = dict(provisional_holidays(2027))
    # 春节: 除夕 Fri 02-05 to 初三 Mon 02-08; Sat and Sun are made up on Tue and Wed (Art. 6)
    assert [d.isoformat() for d in rest if d.month == 2] == [
        "2027-02-05",
        "2027-02-06",
        "2027-02-07",
        "2027-02-08",
        "2027-02-09",
        "2027-02-10",
    ]
    assert rest[date(2027, 2, 9)] == "春节补假"
    assert (
        rest[date(2027, 4, 5)] == "清明节"
        and rest[date(2027, 6, 9)] == "端午节"
        and rest[date(2027, 9, 15)] == "中秋节"
    )
    assert rest[date(2027, 10, 4)] == rest[date(2027, 10, 5)] == "国庆节补假"  # 10-02 and 10-03 are a weekend


def test_mid_autumn_on_national_day_is_made_up_too() -> None:
    """2028: 中秋 falls on 10-03, a National Day holiday; the day taken twice is made up."""
    rest = dict(provisional_holidays(2028))
    assert rest[date(2028, 10, 3)] == "中秋节"
    assert sorted(d for d in rest if d.month == 10) == [date(2028, 10, n) for n in range(1, 6)]


@settings(deadline=None)  # the first call of a year computes its lunar tables
@given(st.integers(min_value=2025, max_value=2100))
def test_a_provisional_year_has_each_statutory_day_and_one_make_up_day_per_lost_day(year: int) -> None:
    statutory = statutory_days(year)
    rest = dict(provisional_holidays(year))
    assert {day for day, _name, _key in statutory} <= set(rest)
    made_up = [day for day, name in rest.items() if name.endswith("补假")]
    assert all(day.weekday() < 5 for day in made_up)
    seen: set[date] = set()
    lost = 0
    for day, _name, _key in statutory:
        lost += day.weekday() >= 5 or day in seen
        seen.add(day)
    assert len(made_up) == lost


def test_only_an_estimating_calendar_counts_a_year_without_data() -> None:
    strict = default_calendar()
    with pytest.raises(YearNotCovered):
        strict.day(date(2027, 3, 1))
    estimating = strict.estimating()
    day = estimating.day(date(2027, 2, 9))
    assert day.kind is DayKind.HOLIDAY and day.provisional and "暂定" in day.describe_zh()
    assert not estimating.day(date(2026, 2, 14)).provisional  # a year of the package is the package's
    assert estimating.day(date(2026, 2, 14)).kind is DayKind.MAKEUP_WORKDAY
    with pytest.raises(YearNotCovered):  # before the 2024 revision nothing is estimated
        estimating.with_entries((), "none").day(date(2003, 5, 1))
    with pytest.raises(YearNotCovered):
        estimating.day(date(2101, 1, 3))


def test_a_deadline_into_a_provisional_year_says_so_and_one_within_the_data_does_not() -> None:
    calendar = default_calendar().estimating()
    # 30 days from 2026-12-20 end on Tuesday 2027-01-19
    crossing = compute_deadline(date(2026, 12, 20), Period(30, Unit.DAYS), calendar)
    assert crossing.due == date(2027, 1, 19) and crossing.provisional_years == (2027,)
    assert "暂定" in crossing.steps[-1].zh and crossing.steps[-1].rule_key == "hol.weekend_comp"
    assert crossing.as_dict()["provisional"] is True and crossing.as_dict()["provisional_years"] == [2027]
    inside = compute_deadline(date(2026, 11, 20), Period(15, Unit.DAYS), calendar)
    assert not inside.provisional and inside.as_dict()["provisional"] is False
    # working days skip the statutory days and their make-up days: 5 working days from Thu 2027-02-04
    working = compute_deadline(date(2027, 2, 4), Period(5, Unit.WORKING_DAYS), calendar)
    assert working.due == date(2027, 2, 17) and working.provisional


def test_missing_statutory_days_name_what_a_table_leaves_out() -> None:
    everything = {day for day, _n, _k in statutory_days(2027)}
    assert missing_statutory_days(2027, everything) == ()
    assert missing_statutory_days(2027, everything - {date(2027, 4, 5)}) == ((date(2027, 4, 5), "清明节"),)
    # before the 2024 revision only the two fixed holidays are checked
    assert missing_statutory_days(2024, {date(2024, 1, 1)}) == ((date(2024, 10, 1), "国庆节"),)


def test_the_command_counts_provisionally_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--start", "2026-12-20", "--days", "30"]) == 2
    assert "2027" in capsys.readouterr().err
    assert main(["--start", "2026-12-20", "--days", "30", "--provisional"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "2027-01-19" and lines[-2] == "暂定 / provisional: 2027"
    assert main(["--start", "2026-12-20", "--days", "30", "--provisional", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["provisional_years"] == [2027]


def test_a_later_table_ends_the_estimate_for_its_year() -> None:
    from zhichan.engines.calendar import CalendarEntry, EntryKind

    table = [CalendarEntry(date(2027, 1, 1) + timedelta(days=n), EntryKind.HOLIDAY, "元旦", "通知") for n in range(3)]
    calendar = default_calendar().estimating().with_entries(table, "2027 notice")
    assert calendar.estimate_uncovered and not calendar.is_provisional_year(2027) and calendar.is_provisional_year(2028)
    assert not calendar.day(date(2027, 1, 3)).provisional

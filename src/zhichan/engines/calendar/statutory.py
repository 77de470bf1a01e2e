"""The statutory holidays of a year, for a year whose State Council notice is not yet published.

Each November the State Council's office publishes the next year's holiday arrangement (放假安排),
which adds make-up working days (调休). Until it is imported, a legal clock reaching into that year
still needs an answer: a party filing on day 0 of a 30-day window must not be refused because the
next year's notice is late. The 《全国年节及纪念日放假办法》 (2024 revision, in force 2025-01-01) fixes
which days are holidays (Art. 2: 13 days) and that a holiday falling on a weekend is made up on a
working day (Art. 6); only the make-up arrangement is the notice's. So a provisional year is:
the statutory days of Art. 2, each weekend one made up on the next working days after the holiday,
and otherwise Monday to Friday. Every day of such a year is marked provisional and every deadline
touching it says so; the platform recomputes them when the notice is imported.

Lunar dates (除夕, 正月初一, 端午, 中秋) and the solar term 清明 come from the `lunar-python` package.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from lunar_python import Lunar  # type: ignore[import-untyped]  # the package ships no type hints

from zhichan.engines.rules import rule

# The lunar-python tables are exact far beyond any legal clock; past 2100 nobody should rely on them.
LAST_ESTIMATED_YEAR = 2100

PROVISIONAL_SOURCE = (
    "暂定：按《全国年节及纪念日放假办法》（2024年修订）第二条、第六条推算，该年国务院办公厅放假安排通知未导入"
)


def first_estimated_year() -> int:
    """The first year the 2024 revision governs (rule `hol.effective`): earlier years are never estimated."""
    return rule("hol.effective").as_int()


def _solar(lunar: Lunar) -> date:
    solar = lunar.getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _run(first: date, days: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(days)]


@cache
def statutory_days(year: int) -> tuple[tuple[date, str, str], ...]:
    """The days Art. 2 of the 2024 revision makes holidays in `year`: (day, holiday name, rule key).

    Raises ValueError for a year the revision does not govern or the lunar tables do not reach.
    """
    if not first_estimated_year() <= year <= LAST_ESTIMATED_YEAR:
        raise ValueError(f"the 2024 holiday rules govern {first_estimated_year()}–{LAST_ESTIMATED_YEAR}, not {year}")
    new_year = Lunar.fromYmd(year, 1, 1)
    spring_eve = _solar(new_year.next(-1))
    qingming = new_year.getJieQiTable()["清明"]
    days = [
        ("元旦", "hol.new_year", _run(date(year, 1, 1), rule("hol.new_year").as_int())),
        ("春节", "hol.spring", _run(spring_eve, rule("hol.spring").as_int())),
        (
            "清明节",
            "hol.qingming",
            _run(date(qingming.getYear(), qingming.getMonth(), qingming.getDay()), rule("hol.qingming").as_int()),
        ),
        ("劳动节", "hol.labour", _run(date(year, 5, 1), rule("hol.labour").as_int())),
        ("端午节", "hol.dragon_boat", _run(_solar(Lunar.fromYmd(year, 5, 5)), rule("hol.dragon_boat").as_int())),
        ("中秋节", "hol.mid_autumn", _run(_solar(Lunar.fromYmd(year, 8, 15)), rule("hol.mid_autumn").as_int())),
        ("国庆节", "hol.national", _run(date(year, 10, 1), rule("hol.national").as_int())),
    ]
    return tuple((day, name, key) for name, key, run in days for day in run)


@cache
def provisional_holidays(year: int) -> tuple[tuple[date, str], ...]:
    """The rest days of a provisional `year`: the statutory days plus their make-up days (Art. 6).

    A statutory day on a Saturday or Sunday, or on a day another holiday already takes (中秋 on
    国庆, as in 2028), is made up on the first weekdays after that holiday that are not holidays.
    """
    holidays: dict[date, str] = {}
    by_name: dict[str, list[date]] = {}
    for day, name, _key in statutory_days(year):
        by_name.setdefault(name, []).append(day)
    statutory = {day for days in by_name.values() for day in days}  # a make-up day is never one of them
    make_up = bool(rule("hol.weekend_comp").as_int())
    for name, days in by_name.items():
        owed = 0
        for day in days:
            owed += day.weekday() >= 5 or day in holidays
            holidays.setdefault(day, name)
        current = max(days)
        while make_up and owed:
            current += timedelta(days=1)
            if current.weekday() < 5 and current not in holidays and current not in statutory:
                holidays[current] = f"{name}补假"
                owed -= 1
    return tuple(sorted(holidays.items()))


def missing_statutory_days(year: int, holidays: set[date]) -> tuple[tuple[date, str], ...]:
    """The statutory days of `year` that a holiday table for that year leaves out (a notice never does).

    Years before the 2024 revision are checked by the two fixed holidays every revision has kept
    (元旦 1月1日, 国庆节 10月1日), as their lunar holidays followed other rules.
    """
    if year < first_estimated_year():
        fixed = ((date(year, 1, 1), "元旦"), (date(year, 10, 1), "国庆节"))
        return tuple(item for item in fixed if item[0] not in holidays)
    return tuple((day, name) for day, name, _key in statutory_days(year) if day not in holidays)

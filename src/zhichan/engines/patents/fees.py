"""Annual fees and the term of a patent (pure date arithmetic, no Django).

Every figure comes from `legal_rules.csv` and is cited with its basis:

- the term (专利法第四十二条): invention 20 years, utility model 10, design 15 years for an application
  filed from 2021-06-01 and 10 years before (the rule is asked for with the filing date), all counted
  from the filing date; the right ends on the day before the anniversary (`term_end`, not moved for a
  holiday);
- fee years (专利年度) run from the filing date: fee year N is [filing + N-1 years, filing + N years);
  the fee of the year of grant is paid at the grant registration (实施细则, registration), each later
  one before the previous fee year ends, its due date the filing date's corresponding day in that
  year (`due_date`; 29 February gives 28 February);
- an unpaid fee may be paid within 6 months of the due date with a surcharge of 5% of the year's fee
  for each full month beyond the first (`surcharge_percent`: 0, 5, ... 25); unpaid by then, the right
  ends as from the due date (专利法第四十四条, 实施细则 annual-fee article);
- a time limit whose last day is not a working day ends on the next working day (实施细则 on time
  limits): applied to the due date and the grace end when a `WorkCalendar` is given.

`fee_status(...)` gives the state on a day: paid up, due (within `due_soon_days` of the due date),
in grace, lapsed (the grace ended without the fee), expired (past the term).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from zhichan.engines.calendar import WorkCalendar, YearNotCovered
from zhichan.engines.calendar.periods import add_months
from zhichan.engines.patents.messages import gettext_noop
from zhichan.engines.patents.numbers import PatentKind
from zhichan.engines.rules import rule

TERM_RULES = {
    PatentKind.INVENTION: "patent.term_invention",
    PatentKind.INVENTION_APPLICATION: "patent.term_invention",
    PatentKind.UTILITY_MODEL: "patent.term_utility_model",
    PatentKind.DESIGN: "patent.term_design",
}
GRACE_RULE = "patent.fee_grace"
SURCHARGE_RULE = "patent.fee_surcharge_per_month"
SHIFT_RULE = "patent.time_limit_working_day"


class FeeState(StrEnum):
    PAID_UP = "paid_up"
    DUE = "due"
    IN_GRACE = "in_grace"
    LAPSED = "lapsed"
    EXPIRED = "expired"


STATE_LABELS = {
    FeeState.PAID_UP: gettext_noop("已缴至本年度"),
    FeeState.DUE: gettext_noop("年费即将到期"),
    FeeState.IN_GRACE: gettext_noop("滞纳期内"),
    FeeState.LAPSED: gettext_noop("未缴年费终止"),
    FeeState.EXPIRED: gettext_noop("期限届满"),
}


@dataclass(frozen=True, slots=True)
class FeeStatus:
    state: FeeState
    fee_year: int | None  # the next fee year to pay (None: every fee year of the term is paid)
    due: date | None  # its due date (moved to a working day when a calendar was given)
    grace_end: date | None  # the last day to pay it with the surcharge
    term_end: date  # the last day of the term
    surcharge_percent: int  # what a payment on the day costs on top of the year's fee, in percent
    basis: tuple[str, ...] = field(default=())  # the rules counted by, cited


def term_years(kind: PatentKind, filing: date) -> int:
    """The term in years for a patent of `kind` filed on `filing` (a design's depends on the filing date)."""
    return rule(TERM_RULES[kind], on=filing).as_int()


def term_end(kind: PatentKind, filing: date) -> date:
    """The last day of the term: the day before the filing date's anniversary after the term."""
    return add_months(filing, 12 * term_years(kind, filing)) - timedelta(days=1)


def fee_year_of(filing: date, day: date) -> int:
    """The fee year (1 from the filing date) that `day` falls in."""
    if day < filing:
        raise ValueError("the day is before the filing date")
    year = day.year - filing.year + 1
    while add_months(filing, 12 * (year - 1)) > day:
        year -= 1
    while add_months(filing, 12 * year) <= day:
        year += 1
    return year


def _working(day: date, calendar: WorkCalendar | None) -> date:
    if calendar is None:
        return day
    try:
        return day if calendar.is_working_day(day) else calendar.next_working_day(day)
    except YearNotCovered:  # a year the calendar knows nothing of: the plain date
        return day


def due_date(filing: date, fee_year: int, calendar: WorkCalendar | None = None) -> date:
    """The last day to pay the fee of `fee_year` (>= 2) without surcharge: the start of that fee year."""
    if fee_year < 2:
        raise ValueError("the fee of the first year is paid at the grant registration")
    return _working(add_months(filing, 12 * (fee_year - 1)), calendar)


def grace_end(due: date, calendar: WorkCalendar | None = None) -> date:
    """The last day of the grace period: the corresponding day 6 months (the rule's) after the due date."""
    return _working(add_months(due, rule(GRACE_RULE, on=due).as_int()), calendar)


def surcharge_percent(due: date, paid_on: date) -> int:
    """The surcharge for a fee paid on `paid_on`: 5% (the rule's) for each full month past the first."""
    if paid_on <= due:
        return 0
    months = 0
    while add_months(due, months + 1) < paid_on:
        months += 1
    rate = rule(SURCHARGE_RULE, on=due).as_int()
    grace = rule(GRACE_RULE, on=due).as_int()
    return rate * min(months, grace - 1)


def fee_status(
    *,
    kind: PatentKind,
    filing: date,
    granted: date,
    paid_through: int | None,
    on: date,
    due_soon_days: int = 30,
    calendar: WorkCalendar | None = None,
) -> FeeStatus:
    """The state of a granted patent's annual fees on `on`.

    `paid_through`: the last fee year whose fee is recorded as paid (None: only the grant year's, paid
    at registration). The next fee year is the one after the later of the two.
    """
    years = term_years(kind, filing)
    end = term_end(kind, filing)
    basis = [rule(TERM_RULES[kind], on=filing).basis]
    if on > end:
        return FeeStatus(FeeState.EXPIRED, None, None, None, end, 0, tuple(basis))
    grant_year = fee_year_of(filing, max(granted, filing))
    next_year = max(grant_year, paid_through or 0) + 1
    if next_year > years:
        return FeeStatus(FeeState.PAID_UP, None, None, None, end, 0, tuple(basis))
    due = due_date(filing, next_year, calendar)
    last = grace_end(due, calendar)
    basis.append(rule(GRACE_RULE, on=due).basis)
    if calendar is not None:
        basis.append(rule(SHIFT_RULE, on=due).basis)
    if on <= due:
        state = FeeState.DUE if (due - on).days <= due_soon_days else FeeState.PAID_UP
        return FeeStatus(state, next_year, due, last, end, 0, tuple(basis))
    if on <= last:
        basis.append(rule(SURCHARGE_RULE, on=due).basis)
        percent = surcharge_percent(due, on)
        return FeeStatus(FeeState.IN_GRACE, next_year, due, last, end, percent, tuple(dict.fromkeys(basis)))
    return FeeStatus(FeeState.LAPSED, next_year, due, last, end, 0, tuple(basis))

"""Annual fees and terms: fee years from the filing date, due dates, the grace period, the surcharge."""

from __future__ import annotations

from datetime import date

import pytest

from zhichan.engines.calendar import default_calendar
from zhichan.engines.patents.fees import (
    FeeState,
    due_date,
    fee_status,
    fee_year_of,
    grace_end,
    surcharge_percent,
    term_end,
    term_years,
)
from zhichan.engines.patents.numbers import PatentKind as K


def test_terms_by_kind_and_the_design_term_by_filing_date():
    assert term_years(K.INVENTION, date(2014, 1, 20)) == 20
    assert term_years(K.UTILITY_MODEL, date(2020, 7, 8)) == 10
    assert term_years(K.DESIGN, date(2021, 5, 31)) == 10  # filed under the 2008 law
    assert term_years(K.DESIGN, date(2021, 6, 1)) == 15  # the 2020 amendment
    assert term_end(K.INVENTION, date(2014, 1, 20)) == date(2034, 1, 19)
    assert term_end(K.DESIGN, date(2021, 5, 31)) == date(2031, 5, 30)
    assert term_end(K.DESIGN, date(2021, 6, 1)) == date(2036, 5, 31)


def test_fee_years_run_from_the_filing_date():
    filing = date(2014, 1, 20)
    assert fee_year_of(filing, filing) == 1
    assert fee_year_of(filing, date(2015, 1, 19)) == 1
    assert fee_year_of(filing, date(2015, 1, 20)) == 2
    assert fee_year_of(filing, date(2026, 11, 25)) == 13
    leap = date(2020, 2, 29)
    assert fee_year_of(leap, date(2021, 2, 27)) == 1
    assert fee_year_of(leap, date(2021, 2, 28)) == 2  # no 29 February: the month's last day
    with pytest.raises(ValueError):
        fee_year_of(filing, date(2014, 1, 19))


def test_due_dates_and_the_grace_period():
    filing = date(2014, 1, 20)
    assert due_date(filing, 13) == date(2026, 1, 20)
    assert due_date(date(2020, 2, 29), 2) == date(2021, 2, 28)
    assert grace_end(date(2026, 1, 20)) == date(2026, 7, 20)
    assert grace_end(date(2025, 8, 31)) == date(2026, 2, 28)  # no 31 February
    with pytest.raises(ValueError):
        due_date(filing, 1)


def test_a_due_date_or_grace_end_on_a_holiday_moves_to_the_next_working_day():
    calendar = default_calendar()
    # filed 2019-10-01: the fee of year 7 falls due on the National Day holiday of 2025
    assert due_date(date(2019, 10, 1), 7) == date(2025, 10, 1)
    assert due_date(date(2019, 10, 1), 7, calendar) == date(2025, 10, 9)
    # a Saturday: 2026-03-07 -> Monday 2026-03-09
    assert grace_end(date(2025, 9, 7), calendar) == date(2026, 3, 9)
    # the end of the term is not moved
    assert term_end(K.UTILITY_MODEL, date(2015, 10, 2)) == date(2025, 10, 1)


def test_the_surcharge_counts_full_months_after_the_first():
    due = date(2026, 1, 20)
    assert surcharge_percent(due, date(2026, 1, 20)) == 0
    assert surcharge_percent(due, date(2026, 2, 20)) == 0  # within the first month
    assert surcharge_percent(due, date(2026, 2, 21)) == 5
    assert surcharge_percent(due, date(2026, 3, 21)) == 10
    assert surcharge_percent(due, date(2026, 7, 20)) == 25
    assert surcharge_percent(due, date(2026, 9, 1)) == 25  # capped


def test_the_state_on_a_day():
    common = {"kind": K.INVENTION, "filing": date(2014, 1, 20), "granted": date(2016, 6, 1)}
    # granted in fee year 3 (its fee paid at registration), fees paid through year 12: year 13 due 2026-01-20
    paid_up = fee_status(**common, paid_through=13, on=date(2026, 11, 25))
    assert (paid_up.state, paid_up.fee_year, paid_up.due) == (FeeState.PAID_UP, 14, date(2027, 1, 20))
    due = fee_status(**common, paid_through=13, on=date(2026, 12, 25), due_soon_days=30)
    assert (due.state, due.grace_end) == (FeeState.DUE, date(2027, 7, 20))
    grace = fee_status(**common, paid_through=12, on=date(2026, 3, 5))
    assert (grace.state, grace.fee_year, grace.surcharge_percent) == (FeeState.IN_GRACE, 13, 5)
    assert any("实施细则" in basis for basis in grace.basis)
    lapsed = fee_status(**common, paid_through=12, on=date(2026, 7, 21))
    assert (lapsed.state, lapsed.fee_year, lapsed.due) == (FeeState.LAPSED, 13, date(2026, 1, 20))
    never_paid = fee_status(**common, paid_through=None, on=date(2017, 1, 1))
    assert (never_paid.state, never_paid.fee_year) == (FeeState.DUE, 4)  # the grant year 3 paid at registration
    last = fee_status(**common, paid_through=20, on=date(2033, 6, 1))
    assert (last.state, last.fee_year, last.term_end) == (FeeState.PAID_UP, None, date(2034, 1, 19))
    expired = fee_status(**common, paid_through=20, on=date(2034, 1, 20))
    assert expired.state == FeeState.EXPIRED


def test_a_design_filed_before_june_2021_expires_after_ten_years():
    old = fee_status(kind=K.DESIGN, filing=date(2021, 5, 31), granted=date(2021, 9, 1), paid_through=10,
                     on=date(2031, 5, 31))  # fmt: skip
    new = fee_status(kind=K.DESIGN, filing=date(2021, 6, 1), granted=date(2021, 9, 1), paid_through=10,
                     on=date(2031, 6, 1))  # fmt: skip
    assert old.state == FeeState.EXPIRED
    assert (new.state, new.fee_year, new.due) == (FeeState.DUE, 11, date(2031, 6, 1))

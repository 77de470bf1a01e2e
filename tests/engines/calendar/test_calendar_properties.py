"""Invariants of the deadline engine over the covered years (reliability.md R22)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from zhichan.engines.calendar import (
    BEIJING,
    Clock,
    PauseKind,
    Period,
    Unit,
    add_months,
    compute_deadline,
    default_calendar,
)

CAL = default_calendar()
# starts late enough in the package's years that every period below ends inside them (2004-2026)
starts = st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 6, 30))
periods = st.one_of(
    st.builds(Period, st.integers(1, 365), st.just(Unit.DAYS)),
    st.builds(Period, st.integers(1, 120), st.just(Unit.WORKING_DAYS)),
    st.builds(Period, st.integers(1, 12), st.just(Unit.MONTHS)),
    st.builds(Period, st.integers(1, 1), st.just(Unit.YEARS)),
)


def _raw_end(start: date, period: Period) -> date:
    if period.unit is Unit.DAYS:
        return start + timedelta(days=period.amount)
    if period.unit is Unit.MONTHS:
        return add_months(start, period.amount)
    return add_months(start, 12 * period.amount)


@given(starts, periods)
def test_a_deadline_never_ends_on_a_non_working_day(start: date, period: Period) -> None:
    due = compute_deadline(start, period, CAL).due
    assert due > start
    assert CAL.is_working_day(due)


@given(starts, periods.filter(lambda p: p.unit is not Unit.WORKING_DAYS))
def test_a_calendar_period_moves_only_across_rest_days(start: date, period: Period) -> None:
    raw = _raw_end(start, period)
    due = compute_deadline(start, period, CAL).due
    assert due >= raw
    assert all(not CAL.is_working_day(raw + timedelta(days=n)) for n in range((due - raw).days))


@given(starts, st.integers(1, 120))
def test_a_working_day_period_counts_exactly_n_working_days(start: date, amount: int) -> None:
    due = compute_deadline(start, Period(amount, Unit.WORKING_DAYS), CAL).due
    assert CAL.working_days_between(start, due) == amount


@given(starts, st.sampled_from([Unit.DAYS, Unit.WORKING_DAYS, Unit.MONTHS]), st.integers(1, 100))
def test_deadlines_are_monotonic_in_the_period(start: date, unit: Unit, amount: int) -> None:
    amount = min(amount, 11) if unit is Unit.MONTHS else amount  # stay inside the covered years
    shorter = compute_deadline(start, Period(amount, unit), CAL).due
    longer = compute_deadline(start, Period(amount + 1, unit), CAL).due
    assert shorter <= longer


@given(starts, st.integers(1, 365))
def test_later_starts_never_end_earlier(start: date, amount: int) -> None:
    period = Period(amount, Unit.DAYS)
    assert compute_deadline(start, period, CAL).due <= compute_deadline(start + timedelta(1), period, CAL).due


pauses = st.lists(st.tuples(st.integers(0, 120), st.integers(0, 40)), max_size=4)


@given(starts, periods, pauses)
def test_pauses_only_delay(start: date, period: Period, gaps: list[tuple[int, int]]) -> None:
    clock = Clock(start=start, period=period)
    today = start + timedelta(days=600)
    before = clock.deadline(CAL, today).due
    cursor = start
    for offset, length in gaps:
        cursor += timedelta(days=offset)
        clock = clock.pause(PauseKind.SUSPENSION, cursor)
        cursor += timedelta(days=length)
        clock = clock.resume(cursor)
        after = clock.deadline(CAL, today).due
        assert after >= before
        assert CAL.is_working_day(after)
        before = after


@given(starts, st.integers(1, 90), st.integers(0, 30), st.integers(0, 30))
def test_an_open_pause_pushes_the_due_date_day_by_day(start: date, amount: int, offset: int, waited: int) -> None:
    paused = Clock(start=start, period=Period(amount, Unit.DAYS)).pause(PauseKind.APPRAISAL, start + timedelta(offset))
    earlier = paused.deadline(CAL, start + timedelta(offset + waited)).due
    later = paused.deadline(CAL, start + timedelta(offset + waited + 1)).due
    assert earlier <= later


@given(st.datetimes(min_value=datetime(2005, 1, 1), max_value=datetime(2025, 12, 1)), st.integers(1, 240))
def test_hour_periods_add_exactly_that_many_hours(moment: datetime, hours: int) -> None:
    start = moment.replace(tzinfo=BEIJING)
    deadline = compute_deadline(start, Period(hours, Unit.HOURS), CAL)
    assert deadline.expires_at - start == timedelta(hours=hours)

"""Clocks of the procedures: Decree 81 ruling, mediation, e-commerce notices and fair complaints."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from zhichan.engines.calendar import (
    BEIJING,
    Clock,
    ClockError,
    ClockState,
    PauseKind,
    Period,
    Unit,
    default_calendar,
)

CAL = default_calendar()
HEAD = "decree81.decision_extension_head"
SUPERIOR = "decree81.decision_extension_superior"


def _decision() -> Clock:
    # docketed Monday 2025-03-03; 3 months -> 2025-06-03 (Tuesday after the Dragon Boat holiday)
    return Clock.for_rule("decree81.decision", date(2025, 3, 3))


def test_decision_period_is_three_months_from_docketing() -> None:
    assert _decision().deadline(CAL, date(2025, 3, 3)).due == date(2025, 6, 3)


def test_an_appraisal_pause_delays_the_decision_by_its_days() -> None:
    clock = _decision().pause(PauseKind.APPRAISAL, date(2025, 4, 1)).resume(date(2025, 4, 11))
    assert clock.deadline(CAL, date(2025, 5, 1)).due == date(2025, 6, 13)  # 10 days later, a Friday


def test_extensions_with_approval_follow_article_37() -> None:
    clock = _decision().pause(PauseKind.APPRAISAL, date(2025, 4, 1)).resume(date(2025, 4, 11))
    clock = clock.extend(Period.of_rule(HEAD), approved_by="局长", approved_on=date(2025, 6, 1), rule_key=HEAD)
    # 4 months -> 2025-07-03, + 10 paused days -> Sunday 2025-07-13 -> Monday
    assert clock.deadline(CAL, date(2025, 6, 2)).due == date(2025, 7, 14)
    clock = clock.extend(Period(2, Unit.MONTHS), approved_by="上级局", approved_on=date(2025, 7, 1), rule_key=SUPERIOR)
    # 6 months -> 2025-09-03, + 10 -> Saturday 2025-09-13 -> Monday
    status = clock.status(CAL, date(2025, 7, 2))
    assert status.due == date(2025, 9, 15)
    keys = [step.rule_key for step in status.steps]
    assert keys[:3] == ["decree81.decision", HEAD, SUPERIOR]
    assert "civil_code.holiday_extension" in keys
    assert status.steps[1].zh.startswith("经局长于 2025-06-01 批准延长1个月")


def test_extensions_beyond_the_rule_are_refused() -> None:
    once = _decision().extend(Period(1, Unit.MONTHS), approved_by="局长", approved_on=date(2025, 5, 1), rule_key=HEAD)
    with pytest.raises(ClockError, match="最多延长"):
        once.extend(Period(1, Unit.MONTHS), approved_by="局长", approved_on=date(2025, 5, 2), rule_key=HEAD)
    with pytest.raises(ClockError, match="最多延长"):
        _decision().extend(
            Period(3, Unit.MONTHS), approved_by="上级局", approved_on=date(2025, 5, 1), rule_key=SUPERIOR
        )
    with pytest.raises(ClockError, match="单位"):
        _decision().extend(Period(30, Unit.DAYS), approved_by="局长", approved_on=date(2025, 5, 1))
    with pytest.raises(ClockError, match="批准人"):
        _decision().extend(Period(1, Unit.MONTHS), approved_by=" ", approved_on=date(2025, 5, 1))


def test_an_open_pause_runs_through_today_and_reports_paused() -> None:
    clock = _decision().pause(PauseKind.SUSPENSION, date(2025, 4, 1), reason="等待无效宣告结果")
    assert clock.paused
    early = clock.status(CAL, date(2025, 4, 5))
    assert early.state is ClockState.PAUSED
    assert early.due == date(2025, 6, 9)  # 5 days paused: Sunday 2025-06-08 -> Monday
    assert clock.status(CAL, date(2025, 4, 10)).due == date(2025, 6, 13)
    assert "尚未恢复" in " ".join(step.zh for step in early.steps)


def test_a_pause_after_the_due_date_changes_nothing() -> None:
    late = _decision().pause(PauseKind.SETTLEMENT, date(2025, 6, 20)).resume(date(2025, 7, 1))
    assert late.deadline(CAL, date(2025, 7, 2)).due == date(2025, 6, 3)
    defence = Clock.for_rule("decree81.defence", date(2024, 9, 20)).pause(PauseKind.SUSPENSION, date(2024, 10, 9))
    assert defence.resume(date(2024, 10, 20)).deadline(CAL, date(2024, 10, 21)).due == date(2024, 10, 8)


def test_docketing_in_working_days_with_its_extension() -> None:
    clock = Clock.for_rule("decree81.docketing", date(2025, 9, 26))
    assert clock.deadline(CAL, date(2025, 9, 26)).due == date(2025, 10, 10)
    longer = clock.extend(
        Period.of_rule("decree81.docketing_extension"),
        approved_by="局长",
        approved_on=date(2025, 9, 30),
        rule_key="decree81.docketing_extension",
    )
    assert longer.deadline(CAL, date(2025, 9, 30)).due == date(2025, 10, 16)


def test_a_pause_in_a_working_day_clock_skips_the_paused_working_days() -> None:
    clock = Clock.for_rule("decree81.service", date(2024, 9, 20))
    assert clock.deadline(CAL, date(2024, 9, 20)).due == date(2024, 9, 27)
    paused = clock.pause(PauseKind.PUBLIC_NOTICE, date(2024, 9, 24)).resume(date(2024, 9, 26))
    # counted: 09-23, 09-26, 09-27, 09-29 (make-up Sunday), 09-30
    assert paused.deadline(CAL, date(2024, 9, 26)).due == date(2024, 9, 30)


def test_status_reports_remaining_days_and_working_days() -> None:
    clock = Clock.for_rule("decree81.defence", date(2024, 9, 20))  # due 2024-10-08
    running = clock.status(CAL, date(2024, 9, 30))
    assert (running.state, running.remaining.days, running.remaining_working_days) == (
        ClockState.RUNNING,
        8,
        1,
    )
    last_day = clock.status(CAL, date(2024, 10, 8))
    assert (last_day.state, last_day.remaining, last_day.remaining_working_days) == (
        ClockState.RUNNING,
        timedelta(0),
        0,
    )
    over = clock.status(CAL, date(2024, 10, 9))
    assert (over.state, over.remaining.days) == (ClockState.EXPIRED, -1)
    assert over.as_dict()["state"] == "expired"
    assert over.as_dict()["due"] == "2024-10-08"


def test_today_as_an_aware_datetime_is_read_in_beijing_time() -> None:
    clock = Clock.for_rule("decree81.defence", date(2024, 9, 20))
    evening_utc = datetime(2024, 9, 30, 20, 0, tzinfo=UTC)  # 2024-10-01 04:00 in Beijing
    assert clock.status(CAL, evening_utc).remaining.days == 7
    with pytest.raises(ClockError):
        clock.status(CAL, datetime(2024, 9, 30, 20, 0))


def test_judicial_confirmation_window_from_rules_md() -> None:
    # agreement effective 2024-03-01: day 30 is Sunday 2024-03-31, so the last filing day is Monday
    clock = Clock.for_rule("mediation.judicial_confirmation", date(2024, 3, 1))
    deadline = clock.deadline(CAL, date(2024, 3, 1))
    assert deadline.due == date(2024, 4, 1)
    assert deadline.expires_at == datetime(2024, 4, 2, 0, 0, tzinfo=BEIJING)


def test_ecommerce_declaration_wait_is_fifteen_days() -> None:
    clock = Clock.for_rule("ecommerce.declaration_wait", date(2025, 3, 3))
    assert clock.deadline(CAL, date(2025, 3, 3)).due == date(2025, 3, 18)
    assert clock.status(CAL, date(2025, 3, 19)).state is ClockState.EXPIRED


def test_fair_answer_clock_counts_hours_not_days() -> None:
    notified = datetime(2025, 10, 3, 9, 30, tzinfo=BEIJING)  # during the National Day holiday
    clock = Clock.for_rule("fair.respondent_answer", notified)
    deadline = clock.deadline(CAL, notified)
    assert deadline.expires_at == datetime(2025, 10, 4, 9, 30, tzinfo=BEIJING)
    assert deadline.due == date(2025, 10, 4)  # hour periods are not moved for holidays
    before = clock.status(CAL, datetime(2025, 10, 4, 1, 0, tzinfo=UTC))  # 09:00 Beijing
    assert (before.state, before.remaining, before.remaining_working_days) == (
        ClockState.RUNNING,
        timedelta(minutes=30),
        None,
    )
    assert clock.status(CAL, datetime(2025, 10, 4, 9, 30, tzinfo=BEIJING)).state is ClockState.EXPIRED
    paused = clock.pause(PauseKind.NOTARISATION, datetime(2025, 10, 3, 10, 0, tzinfo=BEIJING)).resume(
        datetime(2025, 10, 3, 12, 0, tzinfo=BEIJING)
    )
    assert paused.deadline(CAL, notified).expires_at == datetime(2025, 10, 4, 11, 30, tzinfo=BEIJING)


def test_invalid_events_are_refused() -> None:
    clock = _decision()
    with pytest.raises(ClockError, match="未暂停"):
        clock.resume(date(2025, 4, 1))
    paused = clock.pause(PauseKind.APPRAISAL, date(2025, 4, 1))
    with pytest.raises(ClockError, match="已于"):
        paused.pause(PauseKind.APPRAISAL, date(2025, 4, 2))
    with pytest.raises(ClockError, match="早于暂停日"):
        paused.resume(date(2025, 3, 30))
    with pytest.raises(ClockError, match="早于起算日"):
        clock.pause(PauseKind.APPRAISAL, date(2025, 3, 1))
    resumed = paused.resume(date(2025, 4, 5))
    with pytest.raises(ClockError, match="上次恢复日"):
        resumed.pause(PauseKind.APPRAISAL, date(2025, 4, 4))
    with pytest.raises(ClockError, match="以日期起算"):
        clock.pause(PauseKind.APPRAISAL, datetime(2025, 4, 1, 9, 0, tzinfo=BEIJING))
    with pytest.raises(ClockError):
        Clock.for_rule("fair.respondent_answer", datetime(2025, 10, 3, 9, 30))  # naive time


def test_events_return_new_clocks_and_leave_the_old_one_alone() -> None:
    clock = _decision()
    clock.pause(PauseKind.APPRAISAL, date(2025, 4, 1))
    assert clock.pauses == ()
    assert not clock.paused


def test_a_day_clock_starts_on_a_date() -> None:
    with pytest.raises(ClockError, match="以日期起算"):
        Clock.for_rule("decree81.defence", datetime(2025, 4, 1, 9, 0, tzinfo=BEIJING))

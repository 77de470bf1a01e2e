"""Clock states are kept per calendar and day (issue 20, load), never past a change of the calendar: a
holiday notice imported while the process runs counts the due date that was shown before it again."""

from __future__ import annotations

from datetime import date

import pytest

from zhichan.cases import clocks as clock_bridge
from zhichan.cases.models import CaseClock

pytestmark = pytest.mark.django_db


def test_an_imported_notice_moves_a_due_date_that_was_already_shown(imported):
    row = CaseClock(kind="decision", rule_key="decree81.decision", amount=5, unit="working_days",
                    start_on=date(2027, 2, 8), pauses=[], extensions=[])  # fmt: skip
    on = date(2027, 2, 9)
    shown = clock_bridge.view(row, on).status
    assert shown is not None and shown.deadline.provisional  # 2027 counted without its notice
    assert clock_bridge.view(row, on).status is shown  # the same day and calendar: kept, not counted again
    imported()  # the 2027 test table: the notice's holidays and make-up working days
    moved = clock_bridge.view(row, on).status
    assert moved is not None and not moved.deadline.provisional

"""The whole procedure on a day whose windows cross into a year without its holiday notice.

On 2026-12-20 every 30-day window ends in 2027; on 2027-06-01 (no 2027 notice imported) every day
counted is in a year without one. Nothing is refused for that: the clocks are counted by the statutory
holidays, marked provisional, and a party filing on day 0 of its window is inside it.
"""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from zhichan.cases import clocks as clock_bridge
from zhichan.cases import services as s
from zhichan.cases.models import ClockKind, Status
from zhichan.engines.calendar import BEIJING

from .conftest import beijing

pytestmark = pytest.mark.django_db

DAYS = [datetime(2026, 12, 20, 10, 0, tzinfo=BEIJING), datetime(2027, 6, 1, 10, 0, tzinfo=BEIJING)]


@pytest.fixture(params=DAYS, ids=lambda moment: moment.date().isoformat())
def today(request):
    with time_machine.travel(request.param, tick=True):
        yield timezone.localdate()


def test_mediation_and_judicial_confirmation_on_day_0_of_the_window(today, client, users, complaint, mediator):
    official = users["official"]
    case = complaint(
        request_kind="mediation",
        both_willing_to_mediate=True,
        requester_district_code="440106",
        received_at=timezone.now(),
    )
    case = s.case_triage_decide(actor=official, case=case)
    case = s.case_assign_mediator(actor=official, case=case, mediator=mediator)
    s.session_record(actor=users["mediator"], case=case, held_at=timezone.now(), mode="online")
    s.agreement_sign(
        actor=users["mediator"],
        case=case,
        terms="停止侵权，赔偿三万元",
        requester_signed_on=today,
        respondent_signed_on=today,
        mediator_signed_on=today,
        sealed_on=today,
    )
    window = case.clocks.get(kind=ClockKind.CONFIRMATION)
    assert window.due_on is not None and window.problem == ""
    assert clock_bridge.view(window).provisional  # 30 days from today reach a year without a notice
    confirmation = s.confirmation_apply(
        actor=official, case=case, court="广州市天河区人民法院", requester_applies=True, respondent_applies=True
    )
    assert confirmation.pk is not None  # filed on day 0: never refused for want of next year's holidays
    client.force_login(official)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "暂定" in page and "无法计算" not in page


def test_patent_ruling_clocks_run_provisionally(today, client, users, complaint):
    official = users["official"]
    case = complaint(received_at=timezone.now())
    case = s.case_triage_decide(actor=official, case=case)
    case = s.case_docket(actor=official, case=case, panel=["王科长", "李科员", "张科员"])
    case = s.case_serve(actor=official, case=case)
    assert case.status == Status.SERVED
    running = case.clocks.filter(stopped_at__isnull=True)
    assert running.exists()
    for row in running:
        assert row.due_on is not None and row.problem == "", row.kind
        assert clock_bridge.view(row).colour != "unknown"
    decision = case.clocks.get(kind=ClockKind.DECISION)
    assert clock_bridge.view(decision).provisional  # 3 months from today
    client.force_login(official)
    assert "无法计算" not in client.get("/cases/").content.decode()


def test_a_late_intake_is_still_triaged(today, users, complaint):
    """The triage engine's limitation check counts into the year without a notice as well."""
    case = complaint(received_at=beijing(today.year, today.month, today.day), infringement_known_on="2024-12-01")
    assert case.triage["primary"]

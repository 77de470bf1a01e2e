"""Fair complaints: 24-hour transfer, the respondent's answer period, measures, and the repeat ban."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from zhichan.cases import services as s
from zhichan.cases.models import ClockKind, FairBan, Status

from .conftest import beijing

pytestmark = pytest.mark.django_db


@pytest.fixture
def fairs(users):
    def make(edition, answer_hours=None):
        start = date(2025, 4, 15) + timedelta(days=180 * (edition - 137))
        return s.fair_create(
            actor=users["official"],
            data={
                "name": f"第{edition}届中国进出口商品交易会",
                "series": "广交会",
                "edition": edition,
                "starts_on": start,
                "ends_on": start + timedelta(days=4),
                "answer_hours": answer_hours,
            },
        )

    return make


def fair_case(users, complaint, fair, received_at):
    case = complaint(
        right="trademark",
        request_kind="fair_complaint",
        fair_in_progress=True,
        fair=fair,
        received_at=received_at,
        respondent_name="某某展商有限公司",
        respondent_credit_code="",
    )
    return s.case_triage_decide(actor=users["official"], case=case)


def test_fair_complaint_flow_with_hour_clocks(users, complaint, fairs):
    official = users["official"]
    fair = fairs(137, answer_hours=12)
    case = fair_case(users, complaint, fair, beijing(2025, 4, 15, 9))
    assert case.status == Status.FAIR_RECEIVED
    transfer = case.clocks.get(kind=ClockKind.FAIR_TRANSFER)
    assert transfer.expires_at == beijing(2025, 4, 16, 9)
    case = s.fair_transfer(actor=official, case=case, at=beijing(2025, 4, 15, 15))
    assert case.events.last().data["late"] is False
    case = s.fair_notify(actor=official, case=case, at=beijing(2025, 4, 15, 16))
    assert case.clocks.get(kind=ClockKind.FAIR_ANSWER).expires_at == beijing(2025, 4, 16, 4)
    with pytest.raises(s.IllegalTransition, match="届满前未答辩"):
        s.fair_measure(actor=official, case=case, measure="covering", at=beijing(2025, 4, 15, 20))
    case = s.fair_measure(actor=official, case=case, measure="covering", at=beijing(2025, 4, 16, 5))
    case = s.fair_decide(actor=official, case=case, outcome="infringing", at=beijing(2025, 4, 17, 10))
    assert case.status == Status.CLOSED and case.fair_complaint.measure == "covering"


def test_late_transfer_is_recorded(users, complaint, fairs):
    case = fair_case(users, complaint, fairs(137), beijing(2025, 4, 15, 9))
    case = s.fair_transfer(actor=users["official"], case=case, at=beijing(2025, 4, 16, 10))
    assert case.events.last().data["late"] is True


def test_fair_channel_needs_a_fair(users, complaint):
    case = complaint(right="trademark", request_kind="fair_complaint", fair_in_progress=True)
    with pytest.raises(ValidationError):
        s.case_triage_decide(actor=users["official"], case=case)


def test_two_consecutive_infringements_bar_the_next_edition(users, complaint, fairs):
    official = users["official"]

    def infringing_at(fair, received):
        case = fair_case(users, complaint, fair, received)
        s.fair_transfer(actor=official, case=case, at=received + timedelta(hours=1))
        s.fair_notify(actor=official, case=case, at=received + timedelta(hours=2))
        s.fair_answer(actor=official, case=case, at=received + timedelta(hours=3), note="承认侵权")
        return s.fair_decide(actor=official, case=case, outcome="infringing", at=received + timedelta(hours=4))

    first = infringing_at(fairs(137), beijing(2025, 4, 15, 9))
    assert "ban" not in first.events.last().data
    second = infringing_at(fairs(138), beijing(2025, 10, 12, 9))
    assert second.events.last().data["ban"] == {"edition": 139, "consecutive": 2}
    assert FairBan.objects.get().banned_edition == 139

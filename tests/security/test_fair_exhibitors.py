"""Issue 20, item 10: the fair page names an exhibitor of an undecided complaint only to who may see it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.cases.conftest import beijing
from zhichan.cases import selectors
from zhichan.cases import services as s
from zhichan.core.models import Role

pytestmark = pytest.mark.django_db

PENDING = "某某待定展商有限公司"
DECIDED = "另一侵权展商有限公司"


@pytest.fixture
def fair_with_two_complaints(users, complaint):
    official = users["official"]
    fair = s.fair_create(
        actor=official,
        data={
            "name": "第137届中国进出口商品交易会",
            "series": "广交会",
            "edition": 137,
            "starts_on": date(2025, 4, 15),
            "ends_on": date(2025, 4, 19),
            "answer_hours": None,
        },
    )

    def filed(respondent, at):
        case = complaint(
            right="trademark",
            request_kind="fair_complaint",
            fair_in_progress=True,
            fair=fair,
            received_at=at,
            respondent_name=respondent,
            respondent_credit_code="",
        )
        return s.case_triage_decide(actor=official, case=case)

    filed(PENDING, beijing(2025, 4, 15, 9))
    decided = filed(DECIDED, beijing(2025, 4, 15, 10))
    at = beijing(2025, 4, 15, 10)
    s.fair_transfer(actor=official, case=decided, at=at + timedelta(hours=1))
    s.fair_notify(actor=official, case=decided, at=at + timedelta(hours=2))
    s.fair_answer(actor=official, case=decided, at=at + timedelta(hours=3), note="承认侵权")
    s.fair_decide(actor=official, case=decided, outcome="infringing", at=at + timedelta(hours=4))
    return fair


def _named(user, fair):
    return {record["exhibitor"] for record in selectors.exhibitor_records(user=user, series=fair.series)}


@pytest.mark.parametrize("role", [Role.PLATFORM_CLIENT, Role.MEDIATOR, Role.LIAISON])
def test_a_role_that_cannot_see_the_complaint_sees_only_decided_exhibitors(users, fair_with_two_complaints, role):
    user = users[role]
    fair = fair_with_two_complaints
    assert not selectors.fair_complaints(user=user, fair=fair).filter(fair_complaint__exhibitor_name=PENDING)
    assert _named(user, fair) == {DECIDED}


def test_the_complainant_and_the_office_see_the_undecided_complaint(users, fair_with_two_complaints):
    for role in (Role.RIGHTS_HOLDER, Role.OFFICIAL):
        assert _named(users[role], fair_with_two_complaints) == {PENDING, DECIDED}, role


def test_the_page_does_not_name_the_undecided_exhibitor(client, users, fair_with_two_complaints):
    client.force_login(users[Role.PLATFORM_CLIENT])
    page = client.get(f"/cases/fairs/{fair_with_two_complaints.pk}/").content.decode()
    assert DECIDED in page and PENDING not in page

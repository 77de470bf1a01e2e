"""The case API's one-pass answer (`CaseSerializer.to_representation`, issue 20 load) equals DRF's answer
from the declared fields, for cases in every shape: untriaged, in mediation, docketed with a paused clock,
closed, with parties, clocks and a timeline."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from zhichan.cases import selectors
from zhichan.cases import services as s
from zhichan.cases.api.serializers import CaseSerializer
from zhichan.cases.models import Case

pytestmark = pytest.mark.django_db
ON = date(2026, 11, 2)


@pytest.fixture
def shapes(users, complaint, mediator):
    official = users["official"]
    mediation = s.case_triage_decide(
        actor=official, case=complaint(request_kind="mediation", both_willing_to_mediate=True), on=ON
    )
    s.case_assign_mediator(actor=official, case=mediation, mediator=mediator, on=ON)
    ruling = s.case_triage_decide(actor=official, case=complaint(respondent_name="广州某贸易有限公司"), on=ON)
    ruling = s.case_docket(actor=official, case=ruling, panel=["办案人员甲", "办案人员乙", "办案人员丙"], on=ON)
    s.case_suspend(actor=official, case=ruling, kind="appraisal", reason="等待鉴定", on=ON)
    closed = s.case_triage_decide(actor=official, case=complaint(), on=ON)
    s.case_withdraw(actor=official, case=closed, reason="请求人撤回", on=ON)
    complaint(respondent_name="")  # received, not triaged
    return list(Case.objects.order_by("received_at"))


def test_the_one_pass_answer_equals_the_declared_fields(shapes):
    cases = selectors.case_read_lists(shapes)
    assert sum(len(case.api_events) for case in cases) > len(cases)  # timelines, not empty lists
    assert any(case.api_clocks for case in cases) and any(case.closed_at for case in cases)
    serializer = CaseSerializer()
    for case in cases:
        assert serializer.to_representation(case) == serializer.generic_representation(case)


def test_the_list_and_the_case_page_of_the_api_give_that_answer(users, shapes):
    client = APIClient()
    client.force_authenticate(users["official"])
    listed = {row["id"]: row for row in client.get("/api/v1/cases/").json()["results"]}
    serializer = CaseSerializer()
    for case in selectors.case_read_lists(shapes):
        expected = serializer.generic_representation(case)
        assert listed[str(case.pk)] == expected
        assert client.get(f"/api/v1/cases/{case.pk}/").json() == expected

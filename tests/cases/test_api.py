"""API v1 for cases, governed by the policy table: every role against cases in every relation."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from zhichan.cases import services as s
from zhichan.core.models import ANONYMOUS_ROLE, AuditEntry, Role, User
from zhichan.core.policy import Action, permits, scope_for

pytestmark = pytest.mark.django_db
ROLES = [ANONYMOUS_ROLE, *Role.values]
INTAKE = {
    "right": "trademark",
    "request_kind": "infringement_complaint",
    "requester_name": "合作机构代理的权利人",
    "respondent_name": "某网店经营者",
    "facts": "网店销售假冒注册商标的商品",
    "counterfeiting": True,
    "lawsuit_pending": False,
    "respondent_abroad": False,
}


@pytest.fixture
def world(users, orgs, complaint, mediator):
    outsider = User.objects.create_user(
        username="t-outsider", password="x-password-123", role=Role.RIGHTS_HOLDER, organisation=orgs["other"]
    )
    own = complaint()  # filed by the rights holder of orgs["own"]
    other = complaint(actor=outsider, requester_name="华南创新科技有限公司")
    assigned = s.case_triage_decide(
        actor=users["official"],
        case=complaint(actor=outsider, request_kind="mediation", both_willing_to_mediate=True),
    )
    assigned = s.case_assign_mediator(actor=users["official"], case=assigned, mediator=mediator)
    return {"own": own, "other": other, "assigned": assigned}


def client_for(users, role):
    client = APIClient()
    if role != ANONYMOUS_ROLE:
        client.force_authenticate(users[role])
    return client, users.get(role)


@pytest.mark.parametrize("role", ROLES)
def test_case_matrix(users, world, role, django_assert_max_num_queries):
    client, user = client_for(users, role)
    response = client.get("/api/v1/cases/")
    if scope_for(user, "case", Action.LIST) is None:
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        listed = {row["id"] for row in response.json()["results"]}
        for case in world.values():
            assert (str(case.pk) in listed) == permits(user, "case", Action.LIST, case)
    for case in world.values():
        before = AuditEntry.objects.filter(result="denied").count()
        response = client.get(f"/api/v1/cases/{case.pk}/")
        if scope_for(user, "case", Action.READ) is None:
            assert response.status_code == 403
        elif not permits(user, "case", Action.READ, case):
            assert response.status_code == 404
        else:
            assert response.status_code == 200
            continue
        assert AuditEntry.objects.filter(result="denied").count() > before
        assert case.facts not in response.content.decode()


def test_hand_checked_cells(users, world):
    holder, _ = client_for(users, Role.RIGHTS_HOLDER)
    assert holder.get(f"/api/v1/cases/{world['own'].pk}/").status_code == 200
    assert holder.get(f"/api/v1/cases/{world['other'].pk}/").status_code == 404
    mediator, _ = client_for(users, Role.MEDIATOR)
    assert [r["id"] for r in mediator.get("/api/v1/cases/").json()["results"]] == [str(world["assigned"].pk)]
    assert mediator.get(f"/api/v1/cases/{world['own'].pk}/").status_code == 404
    assert client_for(users, Role.ARBITRATOR)[0].get("/api/v1/cases/").status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_intake_over_api(users, role):
    client, user = client_for(users, role)
    response = client.post("/api/v1/cases/", INTAKE, format="json")
    if permits(user, "case", Action.CREATE):
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["status"] == "received" and body["triage"]["primary"] == "administrative_enforcement"
        assert "假冒注册商标" in body["triage"]["proposals"][0]["reason"]
    else:
        assert response.status_code == 403


def test_api_intake_errors_and_list_queries(users, django_assert_max_num_queries):
    client, _ = client_for(users, Role.PLATFORM_CLIENT)
    response = client.post("/api/v1/cases/", {**INTAKE, "respondent_credit_code": "123"}, format="json")
    assert response.status_code == 400 and "respondent_credit_code" in response.json()
    for _ in range(3):
        assert client.post("/api/v1/cases/", INTAKE, format="json").status_code == 201
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/cases/")
    assert response.json()["count"] == 3  # a partner sees the cases it filed
    assert response.json()["results"][0]["clocks"] == []


def test_patent_limit_in_a_year_without_holiday_data_is_a_400_not_a_500(users):
    """Found by the schema fuzzer (R13): knowledge in 2000 puts the 3-year limit in 2003, before the calendar."""
    client, _ = client_for(users, Role.OFFICIAL)
    intake = {**INTAKE, "right": "patent", "request_kind": "infringement_complaint", "counterfeiting": False}
    before = AuditEntry.objects.filter(action="case.intake").count()
    response = client.post("/api/v1/cases/", {**intake, "infringement_known_on": "2000-01-01"}, format="json")
    assert response.status_code == 400, response.content
    assert "2003" in " ".join(response.json()["infringement_known_on"])
    assert AuditEntry.objects.filter(action="case.intake").count() == before  # nothing written
    assert (
        client.post("/api/v1/cases/", {**intake, "infringement_known_on": "2024-01-01"}, format="json").status_code
        == 201
    )


def test_untriaged_case_conforms_to_the_schema(users, complaint):
    """Found by the schema fuzzer (R13): a received case has channel "" which the ChannelEnum lacked."""
    from tests.openapi_schema import conformance_errors

    complaint()
    client, _ = client_for(users, Role.OFFICIAL)
    rows = client.get("/api/v1/cases/").json()["results"]
    assert [row["channel"] for row in rows] == [""]
    assert conformance_errors("Case", rows[0]) == []

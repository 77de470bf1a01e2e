"""Issue 20, item 8: crafted input gets a clear refusal, never a server error."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from rest_framework.test import APIClient

from tests.security.pages import INTAKE_PAGE
from zhichan.cases import services as case_services
from zhichan.cases.models import Case, Fair
from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.core.models import AuditPurge, Organisation

pytestmark = pytest.mark.django_db


def test_an_audit_filter_out_of_the_year_range_is_refused_on_the_page_and_the_export(client, users):
    client.force_login(users["auditor"])
    for path in ("/audit/", "/audit/export.xlsx"):
        response = client.get(path, {"since": "0001-01-01"})
        assert response.status_code == 400, path
        assert client.get(path, {"until": "9999-12-31"}).status_code == 400, path
    assert client.get("/audit/", {"since": "2026-01-01"}).status_code == 200


def test_a_very_long_organisation_search_finds_nothing_and_fails_nothing(users, orgs):
    found = core_selectors.organisation_list(user=users["official"], query="广州" * 30_000)
    assert list(found) == []
    assert list(core_selectors.organisation_list(user=users["official"], query="a" * 60_000)) == []


def test_evidence_ids_that_are_not_uuids_are_refused_at_intake(client, users):
    client.force_login(users["rights_holder"])
    response = client.post("/cases/new/", {**INTAKE_PAGE, "evidence_ids": "not-a-uuid", "step": "submit"})
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_a_bulk_clue_decision_naming_no_uuid_is_refused(client, users, market):
    client.force_login(users["official"])
    response = client.post("/ecommerce/clues/", {"clue": ["not-a-uuid"], "decision": "dismissed", "reason": "测试"})
    assert response.status_code == 400


def test_assigning_an_unknown_mediator_is_refused_not_a_server_error(client, users, complaint, mediator):
    case = case_services.case_triage_decide(
        actor=users["official"],
        case=complaint(request_kind="mediation", both_willing_to_mediate=True),
        channel="mediation",
        reason="双方愿意调解",
    )
    client.force_login(users["official"])
    for unknown in ("99999", "9" * 30, "-1", "abc"):
        response = client.post(f"/cases/{case.pk}/act/", {"action": "assign_mediator", "mediator": unknown})
        assert response.status_code == 302, unknown  # back to the case page, with the refusal
    assert Case.objects.get(pk=case.pk).mediator_id is None


def test_a_thirty_digit_fair_edition_is_refused(client, users):
    client.force_login(users["official"])
    response = client.post(
        "/cases/fairs/",
        {"name": "广交会", "series": "广交会", "edition": "9" * 30, "starts_on": "2026-04-15", "ends_on": "2026-04-19"},
    )
    assert response.status_code == 200 and "数值应在" in response.content.decode()
    with pytest.raises(ValidationError):
        case_services.fair_create(
            actor=users["official"],
            data={"name": "广交会", "edition": 10**30, "starts_on": _day(2026, 4, 15), "ends_on": _day(2026, 4, 19)},
        )
    assert not Fair.objects.exists()


def _day(y, m, d):
    from datetime import date

    return date(y, m, d)


def test_a_purge_counting_back_beyond_the_year_range_is_refused(client, users):
    with pytest.raises(ValidationError) as refused:
        core_services.audit_purge_request(actor=users["administrator"], older_than_days=1_000_000_000)
    assert "older_than_days" in refused.value.message_dict
    client.force_login(users["administrator"])
    response = client.post("/audit/purges/", {"older_than_days": "1000000000"}, follow=True)
    assert response.status_code == 200 and "最多" in response.content.decode()
    assert not AuditPurge.objects.exists()


def test_concurrent_creations_with_one_credit_code_give_one_organisation_and_clear_refusals(transactional_db, users):
    """On PostgreSQL the check and the insert raced: one of twenty requests got a 500 (IntegrityError)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL")
    codes: list[int] = []
    barrier = threading.Barrier(20)
    data = {"name": "广州并发科技有限公司", "kind": "enterprise", "credit_code": "91440101MA59ABCD1D"}

    def create() -> None:
        api = APIClient()
        api.force_authenticate(users["official"])
        try:
            barrier.wait()
            codes.append(api.post("/api/v1/organisations/", data, format="json").status_code)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=create) for _ in range(20)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(codes) == [201] + [400] * 19
    assert Organisation.objects.filter(credit_code="91440101MA59ABCD1D").count() == 1


def test_the_race_refusal_reads_like_the_check(users, orgs, monkeypatch):
    """The savepoint path on any database: the check passes (as in the race) and the insert is refused."""
    monkeypatch.setattr(core_services, "_check_unique", lambda values, exclude_pk=None: None)
    with pytest.raises(ValidationError) as refused:
        core_services.organisation_create(
            actor=users["official"],
            data={"name": "另一家公司", "kind": "enterprise", "credit_code": orgs["own"].credit_code},
        )
    assert refused.value.message_dict == {"credit_code": ["该统一社会信用代码已登记"]}

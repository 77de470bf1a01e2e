"""Live online mediation: who may be invited, who may speak, the transcript as minutes, and the pages/API."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError

from tests.kit import assert_denied_and_audited
from zhichan.cases import services as s
from zhichan.cases.models import SessionState, Status
from zhichan.core.models import AuditEntry, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def respondent_staff(orgs):
    """A person of the respondent's company (its credit code is the one on the complaint)."""
    return User.objects.create_user(
        username="t-respondent", password="test-password-123", role=Role.RIGHTS_HOLDER, organisation=orgs["other"]
    )


@pytest.fixture
def stranger(db):
    return User.objects.create_user(username="t-stranger", password="test-password-123", role=Role.RIGHTS_HOLDER)


@pytest.fixture
def assigned_case(users, complaint, mediator):
    case = complaint(right="trademark", request_kind="mediation", both_willing_to_mediate=True)
    case = s.case_triage_decide(actor=users["official"], case=case)
    return s.case_assign_mediator(actor=users["official"], case=case, mediator=mediator)


@pytest.fixture
def live(users, assigned_case, respondent_staff):
    return s.session_open(
        actor=users["mediator"], case=assigned_case, participants=[users["rights_holder"], respondent_staff]
    )


def test_candidates_are_the_requester_side_and_the_respondents_staff(users, assigned_case, respondent_staff, stranger):
    candidates = set(s.session_candidates(assigned_case))
    assert {users["rights_holder"], respondent_staff} <= candidates
    assert stranger not in candidates and users["auditor"] not in candidates


def test_opening_invites_only_parties_and_moves_the_case_in_session(users, assigned_case, respondent_staff, stranger):
    with pytest.raises(ValidationError, match="t-stranger"):
        s.session_open(actor=users["mediator"], case=assigned_case, participants=[respondent_staff, stranger])
    with pytest.raises(ValidationError, match="至少邀请"):
        s.session_open(actor=users["mediator"], case=assigned_case, participants=[])
    session = s.session_open(actor=users["mediator"], case=assigned_case, participants=[respondent_staff])
    assigned_case.refresh_from_db()
    assert assigned_case.status == Status.IN_SESSION
    assert session.state == SessionState.LIVE and session.mode == "online"
    assert set(session.participants.all()) == {users["mediator"], respondent_staff}
    opened = AuditEntry.objects.filter(action="case.session", object_id=str(assigned_case.pk)).get()
    assert opened.summary["live"] is True and opened.summary["participants"] == [str(respondent_staff.public_id)]
    with pytest.raises(s.IllegalTransition, match="进行中"):
        s.session_open(actor=users["mediator"], case=assigned_case, participants=[respondent_staff])


def test_rights_holder_cannot_open_a_session(users, assigned_case, respondent_staff):
    assert_denied_and_audited(
        lambda: s.session_open(actor=users["rights_holder"], case=assigned_case, participants=[respondent_staff]),
        action="case.session",
        object_type="case",
        object_id=assigned_case.pk,
    )


def test_participants_speak_in_order_and_each_statement_is_in_the_audit_chain(users, live, respondent_staff, stranger):
    first = s.session_post(actor=users["mediator"], session=live, text="请双方陈述意见。")
    second = s.session_post(actor=respondent_staff, session=live, text="  我方愿意下架涉案商品。 ")
    third = s.session_post(actor=users["rights_holder"], session=live, text="另需赔偿损失。")
    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert second.text == "我方愿意下架涉案商品。"
    entry = AuditEntry.objects.filter(action="case.session_message", summary__seq=2).get()
    assert entry.summary["sha256"] == hashlib.sha256("我方愿意下架涉案商品。".encode()).hexdigest()
    assert_denied_and_audited(
        lambda: s.session_post(actor=stranger, session=live, text="旁听"),
        action="case.session_message",
        object_type="case",
        object_id=live.case_id,
    )
    assert AuditEntry.objects.filter(action="case.session_message", result="denied").exists()
    with pytest.raises(ValidationError, match="不能为空"):
        s.session_post(actor=respondent_staff, session=live, text="   ")
    with pytest.raises(ValidationError, match="2000"):
        s.session_post(actor=respondent_staff, session=live, text="长" * 2001)
    assert live.messages.count() == 3


def test_ending_writes_the_transcript_into_the_minutes_and_closes_the_room(users, live, respondent_staff):
    s.session_post(actor=users["rights_holder"], session=live, text="要求赔偿5万元。")
    s.session_post(actor=respondent_staff, session=live, text="同意赔偿3万元。")
    assert_denied_and_audited(
        lambda: s.session_end(actor=respondent_staff, session=live),
        action="case.session_end",
        object_type="case",
        object_id=live.case_id,
    )
    ended = s.session_end(actor=users["mediator"], session=live, summary="双方就赔偿数额接近一致，约定下次再议。")
    assert ended.state == SessionState.ENDED and ended.ended_at is not None
    lines = ended.minutes.splitlines()
    assert lines[0].endswith("rights_holder：要求赔偿5万元。") and lines[1].endswith("t-respondent：同意赔偿3万元。")
    assert ended.minutes.endswith("调解员小结：双方就赔偿数额接近一致，约定下次再议。")
    entry = AuditEntry.objects.filter(action="case.session_end").exclude(result="denied").get()
    assert entry.summary["minutes_sha256"] == hashlib.sha256(ended.minutes.encode()).hexdigest()
    assert entry.summary["messages"] == 2
    with pytest.raises(s.IllegalTransition, match="已结束"):
        s.session_post(actor=respondent_staff, session=live, text="补充一句")
    assert ended.case.events.filter(action="session_end").exists()


def test_room_page_polling_and_posting_over_http(client, users, live, respondent_staff, stranger):
    client.force_login(respondent_staff)
    url = f"/cases/sessions/{live.public_id}/"
    page = client.get(url)
    assert page.status_code == 200 and "在线调解" in page.content.decode()
    # the respondent's staff take part in the session but do not see the case file
    assert client.get(f"/cases/{live.case.pk}/").status_code == 404
    said = client.post(url + "say/", {"text": "我方同意调解。"}, HTTP_HX_REQUEST="true")
    assert said.status_code == 200 and "我方同意调解。" in said.content.decode()
    refused = client.post(url + "say/", {"text": " "}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 422
    poll = client.get(url, HTTP_HX_REQUEST="true")
    assert poll.status_code == 200 and "我方同意调解。" in poll.content.decode()
    s.session_end(actor=users["mediator"], session=live)
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 286  # htmx stops polling
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert AuditEntry.objects.filter(
        action="mediation_session.read", result="denied", object_id=str(live.public_id)
    ).exists()


def test_mediator_opens_the_session_from_the_case_page(client, users, assigned_case, respondent_staff):
    client.force_login(users["mediator"])
    page = client.get(f"/cases/{assigned_case.pk}/").content.decode()
    assert "开启在线调解" in page and "t-respondent" in page
    response = client.post(
        f"/cases/{assigned_case.pk}/act/",
        {"action": "open_session", "participants": [respondent_staff.pk, users["rights_holder"].pk]},
    )
    session = assigned_case.sessions.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/sessions/{session.public_id}/"
    assert set(session.participants.all()) == {users["mediator"], respondent_staff, users["rights_holder"]}


def test_api_reads_and_posts_statements(api, users, live, respondent_staff, stranger):
    api.force_authenticate(respondent_staff)
    listed = api.get("/api/v1/mediation-sessions/").json()
    assert [row["id"] for row in listed["results"]] == [str(live.public_id)]
    url = f"/api/v1/mediation-sessions/{live.public_id}/messages/"
    say = f"/api/v1/mediation-sessions/{live.public_id}/say/"
    created = api.post(say, {"text": "我方提出和解方案。"}, format="json")
    assert created.status_code == 201 and created.json()["seq"] == 1
    api.force_authenticate(users["mediator"])
    api.post(say, {"text": "收到。"}, format="json")
    assert [m["text"] for m in api.get(url + "?after=1").json()] == ["收到。"]
    assert api.get(url + "?after=x").status_code == 400
    api.force_authenticate(stranger)
    for request, action in (
        (lambda: api.get(url), "read"),
        (lambda: api.post(say, {"text": "旁听"}, format="json"), "change"),
    ):
        assert_denied_and_audited(
            request,
            action=f"mediation_session.{action}",
            object_type="mediation_session",
            object_id=live.public_id,
            reason="not visible",
            status=404,
        )
    api.force_authenticate(users["auditor"])  # reads every session, speaks in none
    assert api.get(url).status_code == 200
    assert_denied_and_audited(
        lambda: api.post(say, {"text": "旁听"}, format="json"),
        action="mediation_session.change",
        object_type="mediation_session",
        object_id=live.public_id,
        status=403,
    )


def test_statements_are_shown_escaped(client, users, live, respondent_staff):
    payload = '我方意见<script>alert("x")</script><img src=x onerror=alert(1)>'
    s.session_post(actor=respondent_staff, session=live, text=payload)
    client.force_login(users["rights_holder"])
    for page in (
        client.get(f"/cases/sessions/{live.public_id}/"),
        client.get(f"/cases/sessions/{live.public_id}/", HTTP_HX_REQUEST="true"),
    ):
        body = page.content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_api_transcript_is_a_plain_list_as_documented(api, users, live):
    """Found by the schema fuzzer (R13): the schema promised a paginated object, the answer is a list."""
    from tests.openapi_schema import response_errors

    api.force_authenticate(users["mediator"])
    api.post(f"/api/v1/mediation-sessions/{live.public_id}/say/", {"text": "开始。"}, format="json")
    body = api.get(f"/api/v1/mediation-sessions/{live.public_id}/messages/").json()
    assert [m["text"] for m in body] == ["开始。"]
    assert response_errors("get", "/api/v1/mediation-sessions/{id}/messages/", 200, body) == []


@pytest.mark.parametrize("method, path", [("get", "{id}/"), ("get", "{id}/messages/"), ("post", "{id}/say/")])
def test_api_documents_the_session_id_as_the_uuid_the_url_takes(api, users, live, method, path):
    """Found by the schema fuzzer (R13): the schema said integer (the primary key), the URL takes public_id."""
    from tests.openapi_schema import path_parameter_errors

    full = f"/api/v1/mediation-sessions/{path}"
    assert path_parameter_errors(method, full, "id", str(live.public_id)) == []
    assert path_parameter_errors(method, full, "id", 1) != []
    api.force_authenticate(users["mediator"])
    answer = getattr(api, method)(full.replace("{id}", str(live.public_id)), {"text": "开始。"}, format="json")
    assert answer.status_code in (200, 201)

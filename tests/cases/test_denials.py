"""Every refusal of the cases app leaves exactly its denied audit row, committed whatever the refused move
would have written (see tests/kit). Moves refused in the behaviour tests (triage, reopen, extension, suit,
mediator's moves, sessions) are checked there with the same helper."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from tests.kit import assert_denied_and_audited
from zhichan.cases import services as s
from zhichan.cases.models import Case, Status
from zhichan.core import policy
from zhichan.core.models import Role, User
from zhichan.core.policy import Action, Scope
from zhichan.core.services import evidence_upload

from .conftest import PDF

pytestmark = pytest.mark.django_db

# Every move of the state machine, with arguments that pass the checks made before the permission check.
MOVES = {
    "triage": lambda a, c: s.case_triage_decide(actor=a, case=c),
    "reroute": lambda a, c: s.case_reroute(actor=a, case=c, channel="mediation", reason="调解"),
    "docket": lambda a, c: s.case_docket(actor=a, case=c, panel=["甲", "乙", "丙"]),
    "refuse": lambda a, c: s.case_refuse(actor=a, case=c, reason="不符合受理条件"),
    "serve": lambda a, c: s.case_serve(actor=a, case=c),
    "receive_defence": lambda a, c: s.case_receive_defence(actor=a, case=c),
    "defence_overdue": lambda a, c: s.case_defence_overdue(actor=a, case=c),
    "forward_defence": lambda a, c: s.case_forward_defence(actor=a, case=c),
    "hearing": lambda a, c: s.case_hearing(actor=a, case=c),
    "suspend": lambda a, c: s.case_suspend(actor=a, case=c, kind="suspension", reason="中止"),
    "resume": lambda a, c: s.case_resume(actor=a, case=c),
    "rule": lambda a, c: s.case_rule(actor=a, case=c, outcome="侵权成立"),
    "settle": lambda a, c: s.case_settle(actor=a, case=c),
    "mediation_notify": lambda a, c: s.mediation_notify(actor=a, case=c),
    "mediation_consent": lambda a, c: s.mediation_consent(actor=a, case=c),
    "session": lambda a, c: s.session_record(actor=a, case=c, held_at=timezone.now(), mode="online"),
    "agreement": lambda a, c: s.agreement_sign(
        actor=a,
        case=c,
        terms="赔偿3万元",
        requester_signed_on=date(2025, 10, 1),
        respondent_signed_on=date(2025, 10, 1),
        mediator_signed_on=date(2025, 10, 1),
        sealed_on=date(2025, 10, 1),
    ),
    "apply_confirmation": lambda a, c: s.confirmation_apply(
        actor=a, case=c, court="广州市天河区人民法院", requester_applies=True, respondent_applies=True
    ),
    "confirmation_valid": lambda a, c: s.confirmation_decide(actor=a, case=c, valid=True),
    "confirmation_dismissed": lambda a, c: s.confirmation_decide(actor=a, case=c, valid=False),
    "mediation_fail": lambda a, c: s.case_mediation_fail(actor=a, case=c, reason="未达成协议"),
    "fair_transfer": lambda a, c: s.fair_transfer(actor=a, case=c),
    "fair_notify": lambda a, c: s.fair_notify(actor=a, case=c),
    "fair_answer": lambda a, c: s.fair_answer(actor=a, case=c),
    "fair_measure": lambda a, c: s.fair_measure(actor=a, case=c, measure="removal"),
    "fair_decide": lambda a, c: s.fair_decide(actor=a, case=c, outcome="infringing"),
    "refer": lambda a, c: s.case_refer(actor=a, case=c, to="市市场监管局"),
    "close": lambda a, c: s.case_close(actor=a, case=c),
    "withdraw": lambda a, c: s.case_withdraw(actor=a, case=c),
    "reopen": lambda a, c: s.case_reopen(actor=a, case=c, reason="复查"),
}


def test_every_move_names_a_transition():
    assert set(MOVES) == set(s.TRANSITIONS) - {"assign_mediator"}  # with its mediator: below


@pytest.mark.parametrize("name", sorted(MOVES))
def test_a_requester_makes_no_move_of_the_office(users, complaint, name):
    case = complaint()
    assert_denied_and_audited(
        lambda: MOVES[name](users["rights_holder"], case), action=f"case.{name}", object_type="case", object_id=case.pk
    )
    assert Case.objects.get(pk=case.pk).status == Status.RECEIVED


def test_intake_refused(users, complaint, evidence_root, orgs):
    assert_denied_and_audited(
        lambda: complaint(actor=users["mediator"]), action="case.create", object_type="case", object_id=""
    )
    outsider = User.objects.create_user(
        username="t-other-rh", password="x-password-123", role=Role.RIGHTS_HOLDER, organisation=orgs["other"]
    )
    theirs = evidence_upload(actor=outsider, name="他人证据.pdf", chunks=[PDF])
    assert_denied_and_audited(  # filing another organisation's evidence
        lambda: complaint(evidence=[theirs]), action="case.create", object_type="case", object_id=""
    )
    assert not Case.objects.exists()


def test_mediator_directory_and_fairs_refused(users, mediator):
    holder = users["rights_holder"]
    assert_denied_and_audited(
        lambda: s.conflict_declare(actor=holder, mediator=mediator, relation="亲属", party_name="某公司"),
        action="mediator.change",
        object_type="mediator",
        object_id=mediator.pk,
    )
    assert_denied_and_audited(
        lambda: s.fair_create(
            actor=holder, data={"name": "广交会", "starts_on": date(2025, 10, 15), "ends_on": date(2025, 10, 19)}
        ),
        action="fair.create",
        object_type="fair",
        object_id="",
    )


def test_assigning_a_mediator_refused_before_its_evidence_is_shared(
    users, complaint, mediator, evidence_root, monkeypatch
):
    proof = evidence_upload(actor=users["rights_holder"], name="patent.pdf", chunks=[PDF])
    case = complaint(right="trademark", request_kind="mediation", both_willing_to_mediate=True, evidence=[proof])
    case = s.case_triage_decide(actor=users["official"], case=case)
    assert_denied_and_audited(  # the move itself first: a mediator does not assign
        lambda: s.case_assign_mediator(actor=users["mediator"], case=case, mediator=mediator),
        action="case.assign_mediator",
        object_type="case",
        object_id=case.pk,
    )
    # an official who may not read a file of the case cannot hand it to a mediator either; the refusal is
    # made before the move's transaction (evidence_share inside it would otherwise refuse too late)
    monkeypatch.setitem(policy.POLICY["evidence"], Role.OFFICIAL, {Action.LIST: Scope.OWN, Action.READ: Scope.OWN})
    assert_denied_and_audited(
        lambda: s.case_assign_mediator(actor=users["official"], case=case, mediator=mediator),
        action="evidence.read",
        object_type="evidence",
        object_id=proof.pk,
    )
    case.refresh_from_db()
    assert case.mediator is None and not proof.shared_with.exists()


# --- pages ---


@pytest.mark.parametrize(
    ("role", "method", "url", "action", "object_type"),
    [
        ("liaison", "get", "/cases/", "case.list", "case"),
        ("liaison", "get", "/cases/statistics/", "case.list", "case"),
        ("mediator", "get", "/cases/new/", "case.create", "case"),
        ("liaison", "get", "/cases/mediation/", "mediator.list", "mediator"),
        ("rights_holder", "post", "/cases/fairs/", "fair.create", "fair"),
    ],
)
def test_page_refusals(client, users, role, method, url, action, object_type):
    client.force_login(users[role])
    assert_denied_and_audited(
        lambda: getattr(client, method)(url), action=action, object_type=object_type, object_id="", status=403
    )


def test_page_refusals_of_a_case(client, users, complaint, mediator):
    case = complaint()
    client.force_login(users["liaison"])  # may not see cases at all
    for method, url in (("get", f"/cases/{case.pk}/"), ("post", f"/cases/{case.pk}/act/")):
        assert_denied_and_audited(
            lambda method=method, url=url: getattr(client, method)(url, {"action": "triage"}),
            action="case.read",
            object_type="case",
            object_id=case.pk,
            status=404,
        )
    client.force_login(users["platform_client"])  # may read the cases it filed, never download their documents
    filed = complaint(actor=users["platform_client"])
    assert_denied_and_audited(
        lambda: client.get(f"/cases/{filed.pk}/documents/agreement/"),
        action="case.download",
        object_type="case",
        object_id=filed.pk,
        status=404,
    )
    client.force_login(users["rights_holder"])  # sees its own case, may not move it
    assert_denied_and_audited(
        lambda: client.post(f"/cases/{case.pk}/act/", {"action": "triage"}),
        action="case.triage",
        object_type="case",
        object_id=case.pk,
        status=403,
    )


def test_page_refusals_of_a_session(client, users, complaint, mediator):
    case = complaint(right="trademark", request_kind="mediation", both_willing_to_mediate=True)
    case = s.case_triage_decide(actor=users["official"], case=case)
    case = s.case_assign_mediator(actor=users["official"], case=case, mediator=mediator)
    session = s.session_open(actor=users["mediator"], case=case, participants=[users["rights_holder"]])
    client.force_login(users["liaison"])  # not a participant
    assert_denied_and_audited(
        lambda: client.get(f"/cases/sessions/{session.public_id}/"),
        action="mediation_session.read",
        object_type="mediation_session",
        object_id=session.public_id,
        status=404,
    )
    client.force_login(users["auditor"])  # reads every session, speaks in none and ends none
    for url, action in (("say/", "case.session_message"), ("end/", "case.session_end")):
        assert_denied_and_audited(
            lambda url=url: client.post(f"/cases/sessions/{session.public_id}/{url}", {"text": "旁听"}),
            action=action,
            object_type="case",
            object_id=case.pk,
            status=403,
        )


@pytest.mark.django_db(transaction=True)
def test_a_refused_move_is_committed(users, complaint):
    """No test transaction here: the kit reads the denied row through another connection (committed)."""
    case = complaint()
    assert_denied_and_audited(
        lambda: s.case_docket(actor=users["mediator"], case=case, panel=["甲", "乙", "丙"]),
        action="case.docket",
        object_type="case",
        object_id=case.pk,
    )

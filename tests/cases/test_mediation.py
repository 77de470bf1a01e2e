"""Mediation: directory with conflict declarations, sessions, agreement, judicial confirmation window and court."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.kit import assert_denied_and_audited
from zhichan.cases import services as s
from zhichan.cases.courts import confirmation_courts
from zhichan.cases.models import ClockKind, Status
from zhichan.core.models import AuditEntry

from .conftest import PDF, beijing

pytestmark = pytest.mark.django_db


@pytest.fixture
def mediation_case(users, complaint, evidence_root):
    from zhichan.core.services import evidence_upload

    proof = evidence_upload(actor=users["rights_holder"], name="patent.pdf", chunks=[PDF])
    case = complaint(
        right="trademark",
        request_kind="mediation",
        both_willing_to_mediate=True,
        evidence=[proof],
        requester_district_code="440106",
    )
    return s.case_triage_decide(actor=users["official"], case=case)


def test_mediator_must_belong_to_a_mediation_organisation(users, orgs):
    with pytest.raises(ValidationError):
        s.mediator_register(actor=users["official"], user=users["mediator"], organisation=orgs["own"])
    assert_denied_and_audited(
        lambda: s.mediator_register(actor=users["rights_holder"], user=users["mediator"], organisation=orgs["own"]),
        action="mediator.create",
        object_type="mediator",
        object_id="",
    )


def test_declared_conflict_refuses_assignment(users, mediator, mediation_case):
    s.conflict_declare(
        actor=users["mediator"], mediator=mediator, party_credit_code="914403001922038216", relation="曾任法律顾问"
    )
    with pytest.raises(ValidationError, match="利益冲突"):
        s.case_assign_mediator(actor=users["official"], case=mediation_case, mediator=mediator)
    mediation_case.refresh_from_db()
    assert mediation_case.status == Status.MEDIATION_REQUESTED


def test_conflict_matches_names_after_normalisation(users, mediator, mediation_case):
    s.conflict_declare(
        actor=users["official"], mediator=mediator, party_name="佛山某某電器有限公司", relation="亲属任职"
    )
    assert s.conflicts_for(mediator, mediation_case)


def test_mediation_to_confirmed_agreement(users, mediator, mediation_case):
    official, med = users["official"], users["mediator"]
    case = s.case_assign_mediator(actor=official, case=mediation_case, mediator=mediator)
    assert case.mediator == med
    # the mediator now sees the case's evidence
    assert case.evidence.first().shared_with.filter(pk=med.pk).exists()
    s.session_record(
        actor=med, case=case, held_at=beijing(2025, 3, 1), mode="online", place="视频调解室", minutes="双方陈述"
    )
    with pytest.raises(ValidationError, match="书面调解协议"):
        s.agreement_sign(actor=med, case=case, terms="赔偿5万元", requester_signed_on=date(2025, 3, 3))
    s.agreement_sign(
        actor=med,
        case=case,
        terms="被请求人停止销售并赔偿5万元",
        requester_signed_on=date(2025, 3, 3),
        respondent_signed_on=date(2025, 3, 3),
        mediator_signed_on=date(2025, 3, 3),
        sealed_on=date(2025, 3, 3),
    )
    case.refresh_from_db()
    assert case.status == Status.AGREEMENT_SIGNED
    assert case.clocks.get(kind=ClockKind.CONFIRMATION).due_on == date(2025, 4, 2)
    assert s.courts_for(case) == ["广州市天河区人民法院", "广州市越秀区人民法院"]
    assert_denied_and_audited(  # mediators do not file for the parties
        lambda: s.confirmation_apply(
            actor=med, case=case, court="广州市天河区人民法院", requester_applies=True, respondent_applies=True
        ),
        action="case.apply_confirmation",
        object_type="case",
        object_id=case.pk,
    )
    with pytest.raises(ValidationError, match="共同申请"):
        s.confirmation_apply(
            actor=official, case=case, court="广州市天河区人民法院", requester_applies=True, respondent_applies=False
        )
    with pytest.raises(ValidationError, match="应向以下法院"):
        s.confirmation_apply(
            actor=official, case=case, court="广州市海珠区人民法院", requester_applies=True, respondent_applies=True
        )
    with pytest.raises(s.IllegalTransition, match="2025-04-02"):
        s.confirmation_apply(
            actor=official,
            case=case,
            court="广州市天河区人民法院",
            requester_applies=True,
            respondent_applies=True,
            filed_on=date(2025, 4, 3),
        )
    s.confirmation_apply(
        actor=official,
        case=case,
        court="广州市天河区人民法院",
        requester_applies=True,
        respondent_applies=False,
        other_consents=True,
        filed_on=date(2025, 4, 2),
    )
    case = s.confirmation_decide(actor=official, case=case, valid=True, on=date(2025, 4, 15))
    assert case.status == Status.CONFIRMED and case.is_closed
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="case.apply_confirmation").exists()


def test_failed_mediation_is_routed_on(users, mediator, mediation_case):
    official = users["official"]
    case = s.case_assign_mediator(actor=official, case=mediation_case, mediator=mediator)
    case = s.case_mediation_fail(actor=users["mediator"], case=case, reason="被请求人拒绝赔偿")
    with pytest.raises(ValidationError):
        s.case_reroute(actor=official, case=case, channel="administrative_enforcement", reason="")
    case = s.case_reroute(actor=official, case=case, channel="administrative_enforcement", reason="调解不成，转执法")
    assert case.status == Status.TRIAGED and case.channel == "administrative_enforcement"


def test_mediator_cannot_make_official_moves(users, mediator, mediation_case):
    case = s.case_assign_mediator(actor=users["official"], case=mediation_case, mediator=mediator)
    assert_denied_and_audited(
        lambda: s.case_withdraw(actor=users["mediator"], case=case),
        action="case.withdraw",
        object_type="case",
        object_id=case.pk,
    )


def test_court_selection_rule():
    assert confirmation_courts(invited_by_court="广州市白云区人民法院", party_district_codes=["440106"]) == [
        "广州市白云区人民法院"
    ]
    assert confirmation_courts(party_district_codes=["440106"], intermediate=True) == ["广州知识产权法院"]
    assert confirmation_courts(
        party_district_codes=["440106", "440105", "440106"],
        subject_district_code="440112",
        mediation_org_district_code="440104",
    ) == ["广州市天河区人民法院", "广州市海珠区人民法院", "广州市黄埔区人民法院", "广州市越秀区人民法院"]
    assert confirmation_courts(party_district_codes=["310101"]) == []


def test_confirmation_window_example_of_rules_md():
    """rules.md 10: effective 2024-03-01 -> day 30 is Sunday 2024-03-31, so the last day is Monday 1 April."""
    from zhichan.engines.calendar import Clock, default_calendar

    clock = Clock.for_rule("mediation.judicial_confirmation", date(2024, 3, 1))
    assert clock.deadline(default_calendar(), date(2024, 3, 1)).due == date(2024, 4, 1)


def test_patent_administrative_mediation_consults_the_respondent(users, mediator, complaint):
    """Decree 81 Art. 65/66: notice within 5 working days, reply within 15 days, docketing within 5 working days."""
    official = users["official"]
    case = complaint(request_kind="mediation", received_at=beijing(2025, 9, 26))
    case = s.case_triage_decide(actor=official, case=case, channel="mediation", reason="请求调解")
    assert case.clocks.get(kind=ClockKind.MEDIATION_NOTICE).due_on == date(2025, 10, 10)
    case = s.mediation_notify(actor=official, case=case, on=date(2025, 9, 29))
    assert case.status == Status.MEDIATION_NOTIFIED
    assert case.clocks.get(kind=ClockKind.MEDIATION_REPLY).due_on == date(2025, 10, 14)
    with pytest.raises(s.IllegalTransition):
        s.case_assign_mediator(actor=official, case=case, mediator=mediator)
    case = s.mediation_consent(actor=official, case=case, on=date(2025, 10, 9))
    assert case.clocks.get(kind=ClockKind.MEDIATION_DOCKETING).due_on == date(2025, 10, 15)
    case = s.case_assign_mediator(actor=official, case=case, mediator=mediator, on=date(2025, 10, 10))
    assert case.status == Status.MEDIATION_ACCEPTED
    assert not case.clocks.filter(stopped_at__isnull=True).exists()


def test_respondent_refusing_mediation_fails_it(users, complaint):
    official = users["official"]
    case = s.case_triage_decide(
        actor=official, case=complaint(request_kind="mediation"), channel="mediation", reason="调解"
    )
    case = s.mediation_notify(actor=official, case=case)
    case = s.case_mediation_fail(actor=official, case=case, reason="被请求人不同意调解（第六十六条）")
    assert case.status == Status.MEDIATION_FAILED


def test_failed_or_rerouted_mediation_leaves_no_clock_running(users, complaint):
    official = users["official"]
    case = s.case_triage_decide(
        actor=official, case=complaint(request_kind="mediation"), channel="mediation", reason="调解"
    )
    assert case.clocks.filter(stopped_at__isnull=True).exists()
    case = s.case_mediation_fail(actor=official, case=case, reason="不同意调解")
    assert not case.clocks.filter(stopped_at__isnull=True).exists()
    case = s.case_reroute(actor=official, case=case, channel="administrative_ruling", reason="转裁决")
    assert list(case.clocks.filter(stopped_at__isnull=True).values_list("kind", flat=True)) == ["docketing"]

"""Administrative ruling on patent infringement (Decree 81) carried through with its clocks."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.kit import assert_denied_and_audited
from zhichan.cases import services as s
from zhichan.cases.models import CaseEvent, ClockKind, Status
from zhichan.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def clock(case, kind):
    return case.clocks.get(kind=kind)


def test_intake_records_triage_and_audit(complaint):
    case = complaint()
    assert case.status == Status.RECEIVED
    assert case.triage["primary"] == "administrative_ruling"
    assert "第81号" in case.triage["proposals"][0]["reason"]
    assert case.parties.count() == 2
    assert AuditEntry.objects.filter(action="case.intake", object_id=str(case.pk)).exists()


def test_intake_refuses_bad_input_with_field_messages(complaint):
    with pytest.raises(ValidationError) as info:
        complaint(right="brand", facts="", respondent_credit_code="91440300708461136X")
    assert set(info.value.message_dict) == {"right", "facts", "respondent_credit_code"}


def test_triage_accept_numbers_the_case_and_starts_docketing_clock(users, complaint):
    case = s.case_triage_decide(actor=users["official"], case=complaint(), on=date(2025, 9, 26))
    assert case.status == Status.RULING_REQUESTED
    assert case.number.startswith("穗知裁〔") and case.number.endswith("00001号")
    # received Friday 2025-09-26; 5 working days: Sunday 28 Sep (a make-up working day), 29, 30 Sep,
    # then the National Day holiday (1-8 Oct), then 9 and 10 Oct.
    assert clock(case, ClockKind.DOCKETING).due_on == date(2025, 10, 10)
    assert case.assigned_official == users["official"]


def test_override_needs_a_reason_and_is_audited(users, complaint):
    case = complaint()
    with pytest.raises(ValidationError):
        s.case_triage_decide(actor=users["official"], case=case, channel="mediation")
    case = s.case_triage_decide(actor=users["official"], case=case, channel="mediation", reason="双方当场表示愿意调解")
    assert case.triage_overridden and case.status == Status.MEDIATION_REQUESTED
    entry = AuditEntry.objects.filter(action="case.triage", object_id=str(case.pk)).get()
    assert entry.summary["overridden"] is True and entry.summary["note"] == "双方当场表示愿意调解"


def test_full_ruling_with_suspension_and_extensions(users, complaint):
    official = users["official"]
    case = s.case_triage_decide(actor=official, case=complaint(), on=date(2025, 9, 26))
    with pytest.raises(ValidationError):
        s.case_docket(actor=official, case=case, panel=["甲", "乙"])
    case = s.case_docket(actor=official, case=case, panel=["甲", "乙", "丙"], on=date(2025, 10, 9))
    assert clock(case, ClockKind.DOCKETING).stopped_at is not None
    assert clock(case, ClockKind.DECISION).due_on == date(2026, 1, 9)
    case = s.case_serve(actor=official, case=case, on=date(2025, 10, 13))
    assert clock(case, ClockKind.DEFENCE).due_on == date(2025, 10, 28)
    with pytest.raises(s.IllegalTransition, match="尚未届满"):
        s.case_defence_overdue(actor=official, case=case, on=date(2025, 10, 20))
    case = s.case_defence_overdue(actor=official, case=case, on=date(2025, 10, 29))
    case = s.case_hearing(actor=official, case=case, on=date(2025, 11, 10))
    # suspended for appraisal 10 days: the decision clock stops and the due date moves by 10 days
    case = s.case_suspend(actor=official, case=case, kind="appraisal", reason="技术鉴定", on=date(2025, 11, 12))
    assert case.status == Status.SUSPENDED
    with pytest.raises(s.IllegalTransition):
        s.case_rule(actor=official, case=case, outcome="侵权成立")
    case = s.case_resume(actor=official, case=case, on=date(2025, 11, 22))
    assert case.status == Status.HEARING
    assert clock(case, ClockKind.DECISION).due_on == date(2026, 1, 19)
    case = s.case_extend(actor=official, case=case, kind=ClockKind.DECISION, approved_by="局长", on=date(2026, 1, 5))
    # 4 months + 10 paused days ends on 2026-02-19, inside the Spring Festival holiday (15-23 Feb)
    assert clock(case, ClockKind.DECISION).due_on == date(2026, 2, 24)
    case = s.case_extend(actor=official, case=case, kind=ClockKind.DECISION, approved_by="省局", on=date(2026, 2, 10))
    assert clock(case, ClockKind.DECISION).extensions[-1]["rule_key"] == "decree81.decision_extension_superior"
    with pytest.raises(s.IllegalTransition, match="用尽"):
        s.case_extend(actor=official, case=case, kind=ClockKind.DECISION, approved_by="省局", on=date(2026, 3, 1))
    case = s.case_rule(actor=official, case=case, outcome="侵权成立，责令停止侵权", on=date(2026, 3, 2))
    assert case.is_closed
    # the office's clocks stop; only the parties' window to sue (served the same day) runs on
    assert list(case.clocks.filter(stopped_at__isnull=True).values_list("kind", flat=True)) == ["suit_window"]
    actions = list(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    assert actions[:3] == ["intake", "triage", "docket"] and actions[-1] == "rule"
    audited = set(AuditEntry.objects.filter(object_id=str(case.pk)).values_list("action", flat=True))
    assert {f"case.{a}" for a in actions} <= audited


def test_defence_period_without_domicile_is_30_days(users, complaint):
    official = users["official"]
    case = complaint(respondent_domicile_in_china=False, respondent_abroad=True)
    case = s.case_triage_decide(actor=official, case=case, channel="administrative_ruling", reason="请求裁决")
    case = s.case_docket(actor=official, case=case, panel=["甲", "乙", "丙"], on=date(2025, 10, 9))
    case = s.case_serve(actor=official, case=case, on=date(2025, 10, 13))
    assert clock(case, ClockKind.DEFENCE).rule_key == "decree81.defence_no_domicile"
    assert clock(case, ClockKind.DEFENCE).due_on == date(2025, 11, 12)


def test_closed_case_reopens_only_by_authorised_official(users, complaint):
    official = users["official"]
    case = s.case_triage_decide(actor=official, case=complaint())
    case = s.case_refuse(actor=official, case=case, reason="请求人不是专利权人或利害关系人")
    with pytest.raises(s.IllegalTransition, match="不予立案"):
        s.case_docket(actor=official, case=case, panel=["甲", "乙", "丙"])
    assert_denied_and_audited(
        lambda: s.case_reopen(actor=users["administrator"], case=case, reason="复查"),
        action="case.reopen",
        object_type="case",
        object_id=case.pk,
    )
    case = s.case_reopen(actor=official, case=case, reason="复查后认为符合受理条件")
    assert case.status == Status.RULING_REQUESTED and case.closed_at is None


def test_rights_holder_cannot_move_a_case(users, complaint):
    case = complaint()
    assert_denied_and_audited(
        lambda: s.case_triage_decide(actor=users["rights_holder"], case=case),
        action="case.triage",
        object_type="case",
        object_id=case.pk,
    )
    assert AuditEntry.objects.filter(action="case.triage", result="denied").exists()


def test_docketing_extension_once_by_five_working_days(users, complaint):
    official = users["official"]
    case = s.case_triage_decide(actor=official, case=complaint())
    case = s.case_extend(actor=official, case=case, kind=ClockKind.DOCKETING, approved_by="局长", on=date(2025, 10, 9))
    # 10 working days after Friday 2025-09-26: the 5 up to 10 Oct, then the make-up Saturday 11 Oct, 13-16 Oct
    assert clock(case, ClockKind.DOCKETING).due_on == date(2025, 10, 16)
    with pytest.raises(s.IllegalTransition, match="用尽"):
        s.case_extend(actor=official, case=case, kind=ClockKind.DOCKETING, approved_by="局长", on=date(2025, 10, 10))
    assert_denied_and_audited(
        lambda: s.case_extend(actor=users["mediator"], case=case, kind=ClockKind.DOCKETING, approved_by="局长"),
        action="case.extend",
        object_type="case",
        object_id=case.pk,
    )


def _to_hearing(official, case):
    case = s.case_triage_decide(actor=official, case=case, on=date(2025, 9, 26))
    case = s.case_docket(actor=official, case=case, panel=["甲", "乙", "丙"], on=date(2025, 10, 9))
    return s.case_serve(actor=official, case=case, on=date(2025, 10, 13))


def test_defence_is_forwarded_to_the_requester_before_the_hearing(users, complaint):
    official = users["official"]
    case = _to_hearing(official, complaint())
    case = s.case_receive_defence(actor=official, case=case, on=date(2025, 10, 20))
    # 5 working days from Monday 20 Oct 2025: 21-24 Oct and Monday 27 Oct
    assert clock(case, ClockKind.DEFENCE_FORWARD).due_on == date(2025, 10, 27)
    with pytest.raises(s.IllegalTransition, match="向请求人转送答辩书副本"):
        s.case_hearing(actor=official, case=case, on=date(2025, 10, 21))
    case = s.case_forward_defence(actor=official, case=case, on=date(2025, 10, 22))
    assert case.status == Status.DEFENCE_FORWARDED
    assert clock(case, ClockKind.DEFENCE_FORWARD).stopped_at is not None
    assert AuditEntry.objects.filter(action="case.forward_defence", object_id=str(case.pk)).exists()
    case = s.case_hearing(actor=official, case=case, on=date(2025, 11, 3))
    assert case.status == Status.HEARING


def test_window_to_sue_runs_from_service_of_the_ruling_and_lapses(users, complaint):
    from zhichan.cases import clocks as bridge

    official = users["official"]
    case = _to_hearing(official, complaint())
    case = s.case_defence_overdue(actor=official, case=case, on=date(2025, 10, 29))
    case = s.case_hearing(actor=official, case=case, on=date(2025, 11, 10))
    with pytest.raises(ValidationError, match="送达日"):
        s.case_rule(actor=official, case=case, outcome="侵权成立", on=date(2025, 12, 1), served_on=date(2025, 11, 30))
    case = s.case_rule(actor=official, case=case, outcome="侵权成立", on=date(2025, 12, 1), served_on=date(2025, 12, 3))
    window = clock(case, ClockKind.SUIT_WINDOW)
    assert window.rule_key == "patent_law.suit_after_ruling"
    # 15 days from Wednesday 3 Dec 2025: Thursday 18 Dec
    assert window.due_on == date(2025, 12, 18)
    assert bridge.view(window, date(2025, 12, 10)).colour in {"green", "amber"}
    assert bridge.view(window, date(2025, 12, 19)).colour == "lapsed"  # the ruling stands; nothing overdue
    case = s.case_reopen(actor=official, case=case, reason="复查")
    assert clock(case, ClockKind.SUIT_WINDOW).stopped_at is not None
    assert case.status == Status.HEARING


def _ruled(official, complaint):
    case = _to_hearing(official, complaint())
    case = s.case_defence_overdue(actor=official, case=case, on=date(2025, 10, 29))
    case = s.case_hearing(actor=official, case=case, on=date(2025, 11, 10))
    return s.case_rule(actor=official, case=case, outcome="侵权成立", on=date(2025, 12, 1), served_on=date(2025, 12, 3))


def test_a_partys_suit_ends_the_window_and_says_whether_it_came_in_time(users, complaint):
    official = users["official"]
    case = _ruled(official, complaint)
    with pytest.raises(ValidationError, match="送达日"):
        s.case_suit_record(
            actor=official, case=case, party="被请求人", court="广州知识产权法院", filed_on=date(2025, 12, 2)
        )
    with pytest.raises(ValidationError):
        s.case_suit_record(actor=official, case=case, party="", court="广州知识产权法院", filed_on=date(2025, 12, 10))
    assert_denied_and_audited(
        lambda: s.case_suit_record(
            actor=users["rights_holder"],
            case=case,
            party="被请求人",
            court="广州知识产权法院",
            filed_on=date(2025, 12, 10),
        ),
        action="case.suit_filed",
        object_type="case",
        object_id=case.pk,
    )
    assert AuditEntry.objects.filter(action="case.suit_filed", result="denied").exists()
    s.case_suit_record(
        actor=official, case=case, party="被请求人", court="广州知识产权法院", filed_on=date(2025, 12, 18)
    )
    assert clock(case, ClockKind.SUIT_WINDOW).stopped_at is not None
    event = case.events.get(action="suit_filed")
    assert event.data["within_window"] is True and event.data["filed_on"] == "2025-12-18"  # the last day counts
    assert event.to_status == Status.RULED == case.status  # the case stays ruled
    entry = AuditEntry.objects.get(action="case.suit_filed", result="success")
    assert entry.summary["court"] == "广州知识产权法院"
    with pytest.raises(s.IllegalTransition):  # the window has ended: nothing to record against
        s.case_suit_record(
            actor=official, case=case, party="请求人", court="广州知识产权法院", filed_on=date(2025, 12, 18)
        )


def test_a_suit_after_the_window_is_recorded_as_late(users, complaint):
    official = users["official"]
    case = _ruled(official, complaint)
    s.case_suit_record(
        actor=official, case=case, party="被请求人", court="广州知识产权法院", filed_on=date(2025, 12, 19)
    )
    assert case.events.get(action="suit_filed").data["within_window"] is False


def test_clocks_reaching_a_year_without_its_notice_are_provisional_until_it_is_imported(users, complaint, imported):
    from zhichan.cases import clocks as clock_bridge

    official = users["official"]
    case = s.case_triage_decide(actor=official, case=complaint(), on=date(2026, 11, 5))
    case = s.case_docket(actor=official, case=case, panel=["甲", "乙", "丙"], on=date(2026, 11, 11))
    decision = clock(case, ClockKind.DECISION)
    # 3 months from 2026-11-11 end on Thursday 2027-02-11: by the statutes a working day (the Spring
    # Festival's make-up days are 02-09 and 02-10), so provisionally the due date
    assert decision.due_on == date(2027, 2, 11) and decision.problem == ""
    shown = clock_bridge.view(decision, date(2026, 11, 25))
    assert shown.provisional and shown.as_dict()["provisional"] is True
    assert "2027年的国务院办公厅放假安排通知尚未导入" in shown.status.steps[-1].zh
    imported()
    decision.refresh_from_db()
    # the imported notice makes 02-11 a holiday: the last day moves to Friday 2027-02-12, no longer provisional
    assert decision.due_on == date(2027, 2, 12) and decision.problem == ""
    assert not clock_bridge.view(decision, date(2026, 11, 25)).provisional


def test_a_move_in_a_year_without_its_notice_is_decided_on_the_provisional_calendar(users, complaint):
    official = users["official"]
    case = s.case_triage_decide(actor=official, case=complaint(), on=date(2026, 12, 1))
    case = s.case_docket(actor=official, case=case, panel=["甲", "乙", "丙"], on=date(2026, 12, 10))
    case = s.case_serve(actor=official, case=case, on=date(2026, 12, 28))
    # the 15-day defence period from 2026-12-28 ends on Tuesday 2027-01-12 (provisionally): overdue on 01-20
    case = s.case_defence_overdue(actor=official, case=case, on=date(2027, 1, 20))
    assert case.status == Status.DEFENCE_OVERDUE
    with pytest.raises(s.IllegalTransition, match="2027-01-12"):  # and not before it has run out
        s.case_defence_overdue(
            actor=official,
            case=s.case_serve(
                actor=official,
                case=s.case_docket(
                    actor=official,
                    case=s.case_triage_decide(actor=official, case=complaint(), on=date(2026, 12, 1)),
                    panel=["甲", "乙", "丙"],
                    on=date(2026, 12, 10),
                ),
                on=date(2026, 12, 28),
            ),
            on=date(2027, 1, 12),
        )

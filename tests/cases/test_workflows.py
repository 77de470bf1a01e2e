"""The cases procedures, cell by cell, from their table: every (state, step, party) is allowed or refused.

Generated from `zhichan.cases.workflows.CASE` and the policy, so that a change of either changes what is
tested. One group of cells per procedure: the states its own steps leave from and reach, with its own
steps and those of every channel for every party, and the other procedures' steps (refused as not open
to the case's channel) for the office. Parties: the office, the mediator assigned to the case, another
mediator, and the requester. A cell the table
allows gets what its step needs beyond the state first (a clock, an agreement, the fair's complaint).
"""

from __future__ import annotations

import inspect
from dataclasses import replace
from datetime import date, datetime

import pytest

from tests.kit import assert_workflow_cell, workflow_cells
from zhichan.cases import clocks
from zhichan.cases import services as s
from zhichan.cases.forms import ARGUMENTS
from zhichan.cases.models import (
    Case,
    Channel,
    ClockKind,
    Fair,
    FairComplaint,
    JudicialConfirmation,
    MediationAgreement,
    Mediator,
    Status,
)
from zhichan.cases.services import TRANSITIONS
from zhichan.cases.workflows import CASE, FAIR, MEDIATION, RULING
from zhichan.core.models import Role, User
from zhichan.core.workflow import may_take
from zhichan.engines.calendar import BEIJING

pytestmark = pytest.mark.django_db

ACTORS = ("official", "mediator", "other_mediator", "rights_holder")
ON = date(2025, 10, 20)
AT = datetime(2025, 10, 20, 10, 0, tzinfo=BEIJING)
COURT = "广州市天河区人民法院"


def _states(applies) -> list[str]:
    """The states a procedure's own steps leave from and reach, in the table's order."""
    own = replace(CASE, transitions=tuple(t for t in CASE.transitions if t.applies == applies))
    return own.states()


GROUPS = {
    Channel.ADMINISTRATIVE_RULING: (RULING, _states(RULING)),
    Channel.MEDIATION: (MEDIATION, _states(MEDIATION)),
    Channel.FAIR_COMPLAINT: (FAIR, _states(FAIR)),
    Channel.COURT: (None, [Status.RECEIVED, Status.TRIAGED, Status.REFERRED, Status.CLOSED, Status.WITHDRAWN]),
}


def _cells() -> list:
    """Each procedure's states by its own steps and the steps of every channel, for every party, and by
    the other procedures' steps (refused as not open to the channel) for the office. The office's own
    cells run in the fast lane, the rest (refusals before any state is asked, the channel's) in the full
    suite."""
    cells = []
    for channel, (applies, states) in GROUPS.items():
        steps = replace(CASE, transitions=tuple(t for t in CASE.transitions if t.applies in (None, applies)))
        for state, step, actor in workflow_cells(steps, ACTORS, states):
            marks = () if actor == "official" else (pytest.mark.slow,)
            cells.append(pytest.param(channel, state, step, actor, marks=marks))
        foreign = replace(CASE, transitions=tuple(t for t in CASE.transitions if t.applies not in (None, applies)))
        cells += [
            pytest.param(channel, *cell, marks=pytest.mark.slow)
            for cell in workflow_cells(foreign, ["official"], states)
        ]
    return cells


TAKE = {
    "triage": lambda a, c: s.case_triage_decide(actor=a, case=c, channel=c.channel, reason="按案件途径", on=ON),
    "reroute": lambda a, c: s.case_reroute(actor=a, case=c, channel="administrative_ruling", reason="转裁决", on=ON),
    "docket": lambda a, c: s.case_docket(actor=a, case=c, panel=["甲", "乙", "丙"], on=ON),
    "refuse": lambda a, c: s.case_refuse(actor=a, case=c, reason="不符合受理条件", on=ON),
    "serve": lambda a, c: s.case_serve(actor=a, case=c, on=ON),
    "receive_defence": lambda a, c: s.case_receive_defence(actor=a, case=c, on=ON),
    "defence_overdue": lambda a, c: s.case_defence_overdue(actor=a, case=c, on=ON),
    "forward_defence": lambda a, c: s.case_forward_defence(actor=a, case=c, on=ON),
    "hearing": lambda a, c: s.case_hearing(actor=a, case=c, on=ON),
    "suspend": lambda a, c: s.case_suspend(actor=a, case=c, kind="appraisal", reason="鉴定", on=ON),
    "resume": lambda a, c: s.case_resume(actor=a, case=c, on=ON),
    "rule": lambda a, c: s.case_rule(actor=a, case=c, outcome="侵权成立", on=ON),
    "settle": lambda a, c: s.case_settle(actor=a, case=c, on=ON),
    "mediation_notify": lambda a, c: s.mediation_notify(actor=a, case=c, on=ON),
    "mediation_consent": lambda a, c: s.mediation_consent(actor=a, case=c, on=ON),
    "assign_mediator": lambda a, c: s.case_assign_mediator(
        actor=a, case=c, mediator=Mediator.objects.get(user=c.mediator), on=ON
    ),
    "session": lambda a, c: s.session_record(actor=a, case=c, held_at=AT, mode="online"),
    "agreement": lambda a, c: s.agreement_sign(
        actor=a,
        case=c,
        terms="赔偿3万元",
        requester_signed_on=ON,
        respondent_signed_on=ON,
        mediator_signed_on=ON,
        sealed_on=ON,
    ),
    "mediation_fail": lambda a, c: s.case_mediation_fail(actor=a, case=c, reason="未达成协议", on=ON),
    "apply_confirmation": lambda a, c: s.confirmation_apply(
        actor=a, case=c, court=COURT, requester_applies=True, respondent_applies=True, filed_on=ON
    ),
    "confirmation_valid": lambda a, c: s.confirmation_decide(actor=a, case=c, valid=True, on=ON),
    "confirmation_dismissed": lambda a, c: s.confirmation_decide(actor=a, case=c, valid=False, on=ON),
    "fair_transfer": lambda a, c: s.fair_transfer(actor=a, case=c, at=AT),
    "fair_notify": lambda a, c: s.fair_notify(actor=a, case=c, at=AT),
    "fair_answer": lambda a, c: s.fair_answer(actor=a, case=c, at=AT),
    "fair_measure": lambda a, c: s.fair_measure(actor=a, case=c, measure="removal", at=AT),
    "fair_decide": lambda a, c: s.fair_decide(actor=a, case=c, outcome="infringing", at=AT),
    "refer": lambda a, c: s.case_refer(actor=a, case=c, to="市市场监管局", on=ON),
    "close": lambda a, c: s.case_close(actor=a, case=c, on=ON),
    "withdraw": lambda a, c: s.case_withdraw(actor=a, case=c, on=ON),
    "reopen": lambda a, c: s.case_reopen(actor=a, case=c, reason="复查", on=ON),
}


def _agreement(case: Case) -> MediationAgreement:
    return MediationAgreement.objects.create(
        case=case, terms="赔偿3万元", effective_on=date(2025, 10, 10), invited_by_court=COURT
    )


def _paused_decision(case: Case) -> None:
    row = clocks.start(case, ClockKind.DECISION, "decree81.decision", date(2025, 10, 1))
    row.pauses = [{"kind": "appraisal", "start": "2025-10-05", "end": None, "reason": "鉴定", "resume_to": "hearing"}]
    row.save(update_fields=["pauses"])


def _complaint(case: Case) -> None:
    FairComplaint.objects.create(case=case, fair=case.fair, exhibitor_name=case.respondent_name)


def _confirmation_filed(case: Case) -> None:
    JudicialConfirmation.objects.create(
        agreement=_agreement(case), court=COURT, requester_applies=True, respondent_applies=True, filed_on=ON
    )


def _start(kind: str, rule_key: str, since: date | datetime):
    return lambda case: clocks.start(case, kind, rule_key, since)


# What a step needs beyond its state, made before a cell the table allows.
NEEDS = {
    "defence_overdue": [_start(ClockKind.DEFENCE, "decree81.defence", date(2025, 9, 1))],
    "suspend": [_start(ClockKind.DECISION, "decree81.decision", date(2025, 10, 1))],
    "resume": [_paused_decision],
    "apply_confirmation": [
        _agreement,
        _start(ClockKind.CONFIRMATION, "mediation.judicial_confirmation", date(2025, 10, 10)),
    ],
    "confirmation_valid": [_confirmation_filed],
    "confirmation_dismissed": [_confirmation_filed],
    "fair_transfer": [_complaint, _start(ClockKind.FAIR_TRANSFER, "fair.complaint_transfer", AT)],
    "fair_notify": [_complaint],
    "fair_answer": [_complaint],
    "fair_measure": [
        _complaint,
        _start(ClockKind.FAIR_ANSWER, "fair.respondent_answer", datetime(2025, 10, 1, 10, 0, tzinfo=BEIJING)),
    ],
    "fair_decide": [_complaint],
}


@pytest.fixture
def actors(users):
    other = User.objects.create_user(
        username="t-other-mediator", password="x-password-123", role=Role.MEDIATOR, organisation=None
    )
    return {**users, "other_mediator": other}


@pytest.fixture
def case_of(users, orgs, mediator):
    """`case_of(channel)`: the rights holder's complaint in that procedure, with the directory's mediator
    assigned (made directly: intake and triage have tests of their own)."""

    def make(channel: str) -> Case:
        fair = None
        if channel == Channel.FAIR_COMPLAINT:
            fair = Fair.objects.create(
                name="广交会", series="广交会", edition=138, starts_on=date(2025, 10, 15), ends_on=date(2025, 10, 19)
            )
        return Case.objects.create(
            right="patent",
            request_kind="patent_ruling",
            facts="被请求人制造、销售的产品落入我方发明专利权利要求1的保护范围。",
            requester_name="广州酒家集团股份有限公司",
            respondent_name="佛山某某电器有限公司",
            requester_org=orgs["own"],
            created_by=users["rights_holder"],
            received_at=datetime(2025, 9, 26, 10, 0, tzinfo=BEIJING),
            triage={"primary": channel},
            channel=channel,
            mediator=users["mediator"],
            fair=fair,
        )

    return make


@pytest.mark.parametrize(("channel", "state", "step", "actor"), _cells())
def test_every_cell_of_the_cases_procedures(case_of, actors, channel, state, step, actor):
    case, who = case_of(channel), actors[actor]
    transition = CASE.transition(step)
    case.status = state
    if may_take(who, CASE, step, case) and transition.open_to(case, state):
        for need in NEEDS.get(step, ()):
            need(case)
    assert_workflow_cell(workflow=CASE, obj=case, state=state, name=step, actor=who, take=lambda: TAKE[step](who, case))


def test_every_step_of_the_table_is_an_action_of_the_case_page_with_the_arguments_its_service_takes():
    assert set(TRANSITIONS) <= set(s.STEP_SERVICES) == set(ARGUMENTS)
    for name, service in s.STEP_SERVICES.items():
        parameters = inspect.signature(service).parameters
        fed = [p for names in ARGUMENTS[name].values() for p in ((names,) if isinstance(names, str) else names)]
        assert set(fed) <= set(parameters), f"{name}: {sorted(set(fed) - set(parameters))} are not parameters"
        required = {p for p, v in parameters.items() if v.default is inspect.Parameter.empty}
        assert required - {"actor", "case"} <= set(fed), f"{name}: the page does not give {required - set(fed)}"

"""The cases procedures as data, run by the core workflow kernel (decision 0600).

One table for every channel: a step names the states it leaves from, the state it reaches (none where
its service decides: triage, reroute, resume, reopen), the channels it belongs to, the policy right it
needs beyond changing the case (`case_procedure`: the office's steps; a mediator may take the mediation
steps on the cases assigned to them; `case_reopen`) and the clocks it stops and starts. Every move
writes its timeline event and refreshes the running clocks (`timeline.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from django.utils import timezone
from django.utils.translation import gettext_lazy

from zhichan.cases import timeline
from zhichan.cases.clocks import Start, Stop
from zhichan.cases.models import CLOSED_STATUSES, PARTY_CLOCKS, Case, Channel, ClockKind, Right, Status
from zhichan.core.services import evidence_share
from zhichan.core.workflow import Transition, Workflow

S = Status
K = ClockKind
OFFICE = "case_procedure"  # the office's steps beyond mediation
RULING_OPEN = (S.DOCKETED, S.SERVED, S.DEFENCE_RECEIVED, S.DEFENCE_FORWARDED, S.DEFENCE_OVERDUE, S.HEARING)
OPEN_STATUSES = frozenset(s for s in S.values if s not in CLOSED_STATUSES)


@dataclass(frozen=True)
class InChannels:
    """The step belongs to cases of these channels (a transition's `applies`)."""

    channels: frozenset[str]

    def __call__(self, case: Any) -> bool:
        return case.channel in self.channels


RULING = InChannels(frozenset({Channel.ADMINISTRATIVE_RULING}))
MEDIATION = InChannels(frozenset({Channel.MEDIATION}))
FAIR = InChannels(frozenset({Channel.FAIR_COMPLAINT}))


@dataclass(frozen=True)
class ShareEvidenceWithMediator:
    """The assigned mediator receives the case's evidence (who assigns may read each file: checked before
    the step's transaction by its service)."""

    before_move: ClassVar[bool] = False

    def apply(self, case: Case, step: Any) -> None:
        for item in case.evidence.all():
            evidence_share(actor=step.actor, evidence=item, users=[case.mediator])


def _patent(case: Case) -> bool:
    return case.right == Right.PATENT


def _in(channel: str) -> Callable[[Case], bool]:
    return lambda case: case.channel == channel


def _defence_rule(case: Case) -> str:
    return "decree81.defence" if case.respondent_domicile_in_china else "decree81.defence_no_domicile"


def _received_day(case: Case) -> date:
    return timezone.localtime(case.received_at).date()


def _received_at(case: Case) -> datetime:
    return case.received_at


def _fair_answer_hours(case: Case) -> int | None:
    return case.fair.answer_hours


def _t(name: str, label: Any, sources: Any, target: str | None, **kw: Any) -> Transition:
    return Transition(name, label, frozenset(sources), target, **kw)


CASE = Workflow(
    object_type="case",
    model=Case,
    refusal_as_step=True,
    record=timeline.record_move,
    after=timeline.recompute_after_move,
    transitions=(
        _t(
            "docket",
            gettext_lazy("立案"),
            [S.RULING_REQUESTED],
            S.DOCKETED,
            permission=OFFICE,
            applies=RULING,
            effects=(Stop(K.DOCKETING), Start(K.SERVICE, "decree81.service"), Start(K.DECISION, "decree81.decision")),
        ),
        _t("refuse", gettext_lazy("不予立案"), [S.RULING_REQUESTED], S.REFUSED, permission=OFFICE, applies=RULING),
        _t(
            "serve",
            gettext_lazy("送达请求书副本"),
            [S.DOCKETED],
            S.SERVED,
            permission=OFFICE,
            applies=RULING,
            effects=(Stop(K.SERVICE), Start(K.DEFENCE, _defence_rule)),
        ),
        _t(
            "receive_defence",
            gettext_lazy("收到答辩书"),
            [S.SERVED],
            S.DEFENCE_RECEIVED,
            permission=OFFICE,
            applies=RULING,
            effects=(Stop(K.DEFENCE), Start(K.DEFENCE_FORWARD, "decree81.defence_forward")),
        ),
        _t(
            "defence_overdue",
            gettext_lazy("答辩期满"),
            [S.SERVED],
            S.DEFENCE_OVERDUE,
            permission=OFFICE,
            applies=RULING,
            effects=(Stop(K.DEFENCE),),
        ),
        _t(
            "forward_defence",
            gettext_lazy("向请求人转送答辩书副本"),
            [S.DEFENCE_RECEIVED],
            S.DEFENCE_FORWARDED,
            permission=OFFICE,
            applies=RULING,
            effects=(Stop(K.DEFENCE_FORWARD),),
        ),
        _t(
            "hearing",
            gettext_lazy("开庭审理"),
            [S.DEFENCE_FORWARDED, S.DEFENCE_OVERDUE],
            S.HEARING,
            permission=OFFICE,
            applies=RULING,
        ),
        _t("suspend", gettext_lazy("中止"), RULING_OPEN, S.SUSPENDED, permission=OFFICE, applies=RULING),
        _t("resume", gettext_lazy("恢复审理"), [S.SUSPENDED], None, permission=OFFICE, applies=RULING),
        _t(
            "rule",
            gettext_lazy("作出裁决"),
            [S.HEARING],
            S.RULED,
            permission=OFFICE,
            applies=RULING,
            effects=(Start(K.SUIT_WINDOW, "patent_law.suit_after_ruling", since="served_on"),),
        ),
        _t("settle", gettext_lazy("调解结案"), RULING_OPEN, S.MEDIATED, permission=OFFICE, applies=RULING),
        _t(
            "mediation_notify",
            gettext_lazy("征询被请求人意见"),
            [S.MEDIATION_REQUESTED],
            S.MEDIATION_NOTIFIED,
            permission=OFFICE,
            applies=MEDIATION,
            effects=(Stop(K.MEDIATION_NOTICE), Start(K.MEDIATION_REPLY, "decree81.mediation_reply", when=_patent)),
        ),
        _t(
            "mediation_consent",
            gettext_lazy("被请求人同意调解"),
            [S.MEDIATION_NOTIFIED],
            S.MEDIATION_CONSENTED,
            permission=OFFICE,
            applies=MEDIATION,
            effects=(
                Stop(K.MEDIATION_REPLY),
                Start(K.MEDIATION_DOCKETING, "decree81.mediation_docketing", when=_patent),
            ),
        ),
        _t(
            "assign_mediator",
            gettext_lazy("指派调解员"),
            [S.MEDIATION_REQUESTED, S.MEDIATION_CONSENTED],
            S.MEDIATION_ACCEPTED,
            permission=OFFICE,
            applies=MEDIATION,
            effects=(Stop(K.MEDIATION_NOTICE, K.MEDIATION_DOCKETING), ShareEvidenceWithMediator()),
        ),
        # the mediator's own steps on the cases assigned to them: changing the case is right enough
        _t(
            "session",
            gettext_lazy("调解"),
            [S.MEDIATION_ACCEPTED, S.IN_SESSION, S.CONFIRMATION_DISMISSED],
            S.IN_SESSION,
            applies=MEDIATION,
        ),
        _t(
            "agreement",
            gettext_lazy("达成调解协议"),
            [S.IN_SESSION],
            S.AGREEMENT_SIGNED,
            applies=MEDIATION,
            effects=(Start(K.CONFIRMATION, "mediation.judicial_confirmation"),),
        ),
        _t(
            "mediation_fail",
            gettext_lazy("调解不成"),
            [S.MEDIATION_REQUESTED, S.MEDIATION_NOTIFIED, S.MEDIATION_CONSENTED, S.MEDIATION_ACCEPTED, S.IN_SESSION],
            S.MEDIATION_FAILED,
            applies=MEDIATION,
            effects=(Stop(),),
        ),  # nothing runs until rerouted
        _t(
            "apply_confirmation",
            gettext_lazy("申请司法确认"),
            [S.AGREEMENT_SIGNED],
            S.CONFIRMATION_FILED,
            permission=OFFICE,
            applies=MEDIATION,
            effects=(Stop(K.CONFIRMATION), Start(K.COURT_REVIEW, "mediation.court_review")),
        ),
        _t(
            "confirmation_valid",
            gettext_lazy("司法确认有效"),
            [S.CONFIRMATION_FILED],
            S.CONFIRMED,
            permission=OFFICE,
            applies=MEDIATION,
            effects=(Stop(K.COURT_REVIEW),),
        ),
        _t(
            "confirmation_dismissed",
            gettext_lazy("驳回司法确认申请"),
            [S.CONFIRMATION_FILED],
            S.CONFIRMATION_DISMISSED,
            permission=OFFICE,
            applies=MEDIATION,
            effects=(Stop(K.COURT_REVIEW),),
        ),
        _t(
            "reroute",
            gettext_lazy("转其他途径"),
            [S.MEDIATION_FAILED, S.CONFIRMATION_DISMISSED, S.TRIAGED],
            None,
            permission=OFFICE,
            effects=(Stop(), Start(K.DOCKETING, "decree81.docketing", when=_in(Channel.ADMINISTRATIVE_RULING))),
        ),
        _t(
            "fair_transfer",
            gettext_lazy("移交管理部门"),
            [S.FAIR_RECEIVED],
            S.FAIR_TRANSFERRED,
            permission=OFFICE,
            applies=FAIR,
            effects=(Stop(K.FAIR_TRANSFER),),
        ),
        _t(
            "fair_notify",
            gettext_lazy("通知被投诉方"),
            [S.FAIR_TRANSFERRED],
            S.RESPONDENT_NOTIFIED,
            permission=OFFICE,
            applies=FAIR,
            effects=(Start(K.FAIR_ANSWER, "fair.respondent_answer", since="at", amount=_fair_answer_hours),),
        ),
        _t(
            "fair_answer",
            gettext_lazy("收到被投诉方答辩"),
            [S.RESPONDENT_NOTIFIED],
            S.ANSWERED,
            permission=OFFICE,
            applies=FAIR,
            effects=(Stop(K.FAIR_ANSWER),),
        ),
        _t(
            "fair_measure",
            gettext_lazy("采取处置措施"),
            [S.RESPONDENT_NOTIFIED, S.ANSWERED],
            S.MEASURES_TAKEN,
            permission=OFFICE,
            applies=FAIR,
            effects=(Stop(K.FAIR_ANSWER),),
        ),
        _t(
            "fair_decide",
            gettext_lazy("作出处理结果"),
            [S.ANSWERED, S.MEASURES_TAKEN],
            S.CLOSED,
            permission=OFFICE,
            applies=FAIR,
        ),
        _t("refer", gettext_lazy("转办"), [S.TRIAGED], S.REFERRED, permission=OFFICE),
        _t(
            "close",
            gettext_lazy("办结"),
            [S.TRIAGED, S.AGREEMENT_SIGNED, S.MEDIATION_FAILED, S.CONFIRMATION_DISMISSED],
            S.CLOSED,
            permission=OFFICE,
        ),
        _t("withdraw", gettext_lazy("撤回"), OPEN_STATUSES, S.WITHDRAWN, permission=OFFICE),
        # reopening a closed case is a right of its own (decision 0600)
        _t(
            "reopen",
            gettext_lazy("重新办理"),
            CLOSED_STATUSES,
            None,
            permission="case_reopen",
            effects=(Stop(*sorted(PARTY_CLOCKS)),),
        ),  # a reopened ruling is not yet a ruling to sue against
        # last, as the case page offers it after withdrawing (it is the one step of a received case)
        _t(
            "triage",
            gettext_lazy("分流"),
            [S.RECEIVED],
            None,
            permission=OFFICE,
            effects=(
                Start(K.DOCKETING, "decree81.docketing", since=_received_day, when=_in(Channel.ADMINISTRATIVE_RULING)),
                Start(
                    K.MEDIATION_NOTICE,
                    "decree81.mediation_notice",
                    since=_received_day,
                    when=lambda case: case.channel == Channel.MEDIATION and _patent(case),
                ),
                Start(K.FAIR_TRANSFER, "fair.complaint_transfer", since=_received_at, when=_in(Channel.FAIR_COMPLAINT)),
            ),
        ),
    ),
)

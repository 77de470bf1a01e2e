"""Every write of the cases app: a state machine whose transitions validate, write, audit in one go.

Each transition is a service call that locks the case row, checks that the move is allowed from the
current state (and channel), writes a `CaseEvent`, the audit row and the clocks, all inside one
transaction. An illegal move raises `IllegalTransition` (a `ValidationError` with a Chinese message
that says what the state allows); a move the policy does not allow raises `PermissionDenied` and
leaves a denied audit row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from zhichan.cases import clocks as clock_bridge
from zhichan.cases.conf import conf
from zhichan.cases.courts import confirmation_courts
from zhichan.cases.models import (
    ACCEPTANCE_REGISTER,
    CLOSED_STATUSES,
    PARTY_CLOCKS,
    AgreementForm,
    Case,
    CaseClock,
    CaseEvent,
    CaseNumberCounter,
    CaseParty,
    Channel,
    ClockKind,
    ConfirmationOutcome,
    ConflictDeclaration,
    Fair,
    FairBan,
    FairComplaint,
    FairOutcome,
    IntakeVia,
    JudicialConfirmation,
    Measure,
    MediationAgreement,
    MediationSession,
    Mediator,
    PartyRole,
    RequestKind,
    Right,
    SessionMessage,
    SessionMode,
    SessionState,
    Status,
)
from zhichan.core import audit
from zhichan.core import selectors as core_selectors
from zhichan.core.calendar import platform_calendar
from zhichan.core.labels import missing_holidays
from zhichan.core.policy import Action, permits
from zhichan.core.services import deny, require
from zhichan.engines.calendar import ClockError, PauseKind, Period, Unit, YearNotCovered
from zhichan.engines.identifiers import clean_uscc, validate_uscc
from zhichan.engines.rules import rule
from zhichan.engines.text import normalize
from zhichan.engines.triage import Facts, triage
from zhichan.engines.triage import RequestKind as EngineRequest
from zhichan.engines.triage import Right as EngineRight

S = Status


class IllegalTransition(ValidationError):
    """A move the state machine does not allow from the case's current state."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any  # a lazy translation, shown in the reader's language
    sources: frozenset[str]
    target: str | None  # None: the service decides (resume, reopen, triage)
    channels: frozenset[str] = frozenset()  # empty: any channel
    mediator_may: bool = False  # mediators may make this move on cases assigned to them


def _t(name: str, label: Any, sources: Iterable[str], target: str | None, channels: Iterable[str] = (), **kw: Any):
    return Transition(name, label, frozenset(sources), target, frozenset(channels), **kw)


RULING = (Channel.ADMINISTRATIVE_RULING,)
MEDIATION = (Channel.MEDIATION,)
FAIR = (Channel.FAIR_COMPLAINT,)
RULING_OPEN = (S.DOCKETED, S.SERVED, S.DEFENCE_RECEIVED, S.DEFENCE_FORWARDED, S.DEFENCE_OVERDUE, S.HEARING)
OPEN_STATUSES = frozenset(s for s in S.values if s not in CLOSED_STATUSES)

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        _t("triage", gettext_lazy("分流"), [S.RECEIVED], None),
        _t("docket", gettext_lazy("立案"), [S.RULING_REQUESTED], S.DOCKETED, RULING),
        _t("refuse", gettext_lazy("不予立案"), [S.RULING_REQUESTED], S.REFUSED, RULING),
        _t("serve", gettext_lazy("送达请求书副本"), [S.DOCKETED], S.SERVED, RULING),
        _t("receive_defence", gettext_lazy("收到答辩书"), [S.SERVED], S.DEFENCE_RECEIVED, RULING),
        _t("defence_overdue", gettext_lazy("答辩期满"), [S.SERVED], S.DEFENCE_OVERDUE, RULING),
        _t(
            "forward_defence", gettext_lazy("向请求人转送答辩书副本"), [S.DEFENCE_RECEIVED], S.DEFENCE_FORWARDED, RULING
        ),
        _t("hearing", gettext_lazy("开庭审理"), [S.DEFENCE_FORWARDED, S.DEFENCE_OVERDUE], S.HEARING, RULING),
        _t("suspend", gettext_lazy("中止"), RULING_OPEN, S.SUSPENDED, RULING),
        _t("resume", gettext_lazy("恢复审理"), [S.SUSPENDED], None, RULING),
        _t("rule", gettext_lazy("作出裁决"), [S.HEARING], S.RULED, RULING),
        _t("settle", gettext_lazy("调解结案"), RULING_OPEN, S.MEDIATED, RULING),
        _t(
            "mediation_notify",
            gettext_lazy("征询被请求人意见"),
            [S.MEDIATION_REQUESTED],
            S.MEDIATION_NOTIFIED,
            MEDIATION,
        ),
        _t(
            "mediation_consent",
            gettext_lazy("被请求人同意调解"),
            [S.MEDIATION_NOTIFIED],
            S.MEDIATION_CONSENTED,
            MEDIATION,
        ),
        _t(
            "assign_mediator",
            gettext_lazy("指派调解员"),
            [S.MEDIATION_REQUESTED, S.MEDIATION_CONSENTED],
            S.MEDIATION_ACCEPTED,
            MEDIATION,
        ),
        _t(
            "session",
            gettext_lazy("调解"),
            [S.MEDIATION_ACCEPTED, S.IN_SESSION, S.CONFIRMATION_DISMISSED],
            S.IN_SESSION,
            MEDIATION,
            mediator_may=True,
        ),
        _t("agreement", gettext_lazy("达成调解协议"), [S.IN_SESSION], S.AGREEMENT_SIGNED, MEDIATION, mediator_may=True),
        _t(
            "mediation_fail",
            gettext_lazy("调解不成"),
            [S.MEDIATION_REQUESTED, S.MEDIATION_NOTIFIED, S.MEDIATION_CONSENTED, S.MEDIATION_ACCEPTED, S.IN_SESSION],
            S.MEDIATION_FAILED,
            MEDIATION,
            mediator_may=True,
        ),
        _t("apply_confirmation", gettext_lazy("申请司法确认"), [S.AGREEMENT_SIGNED], S.CONFIRMATION_FILED, MEDIATION),
        _t("confirmation_valid", gettext_lazy("司法确认有效"), [S.CONFIRMATION_FILED], S.CONFIRMED, MEDIATION),
        _t(
            "confirmation_dismissed",
            gettext_lazy("驳回司法确认申请"),
            [S.CONFIRMATION_FILED],
            S.CONFIRMATION_DISMISSED,
            MEDIATION,
        ),
        _t("reroute", gettext_lazy("转其他途径"), [S.MEDIATION_FAILED, S.CONFIRMATION_DISMISSED, S.TRIAGED], None),
        _t("fair_transfer", gettext_lazy("移交管理部门"), [S.FAIR_RECEIVED], S.FAIR_TRANSFERRED, FAIR),
        _t("fair_notify", gettext_lazy("通知被投诉方"), [S.FAIR_TRANSFERRED], S.RESPONDENT_NOTIFIED, FAIR),
        _t("fair_answer", gettext_lazy("收到被投诉方答辩"), [S.RESPONDENT_NOTIFIED], S.ANSWERED, FAIR),
        _t("fair_measure", gettext_lazy("采取处置措施"), [S.RESPONDENT_NOTIFIED, S.ANSWERED], S.MEASURES_TAKEN, FAIR),
        _t("fair_decide", gettext_lazy("作出处理结果"), [S.ANSWERED, S.MEASURES_TAKEN], S.CLOSED, FAIR),
        _t("refer", gettext_lazy("转办"), [S.TRIAGED], S.REFERRED),
        _t(
            "close",
            gettext_lazy("办结"),
            [S.TRIAGED, S.AGREEMENT_SIGNED, S.MEDIATION_FAILED, S.CONFIRMATION_DISMISSED],
            S.CLOSED,
        ),
        _t("withdraw", gettext_lazy("撤回"), OPEN_STATUSES, S.WITHDRAWN),
        _t("reopen", gettext_lazy("重新办理"), CLOSED_STATUSES, None),
    ]
}

# What the timeline calls each recorded action: the moves, and the events that do not move the case.
ACTION_LABELS = {
    **{name: t.label for name, t in TRANSITIONS.items()},
    "intake": pgettext_lazy("案件节点", "登记"),
    "extend": gettext_lazy("延长期限"),
    "suit_filed": gettext_lazy("当事人起诉"),
    "session_end": gettext_lazy("结束调解会议"),
}

# The state each channel starts in after triage, and the clock that starts with it.
CHANNEL_START = {
    Channel.ADMINISTRATIVE_RULING: S.RULING_REQUESTED,
    Channel.MEDIATION: S.MEDIATION_REQUESTED,
    Channel.FAIR_COMPLAINT: S.FAIR_RECEIVED,
}

# Approved extensions per clock, in the order they may be used (Decree 81 Art. 20 and 37; SPC 2011).
EXTENSION_RULES = {
    ClockKind.DOCKETING: ("decree81.docketing_extension",),
    ClockKind.DECISION: ("decree81.decision_extension_head", "decree81.decision_extension_superior"),
    ClockKind.COURT_REVIEW: ("mediation.court_review_extension",),
}


def allowed_transitions(case: Case) -> list[Transition]:
    """The moves the state machine allows from the case's state (before asking who may make them)."""
    return [
        t
        for t in TRANSITIONS.values()
        if case.status in t.sources and (not t.channels or case.channel in t.channels) and t.name != "triage"
    ] + ([TRANSITIONS["triage"]] if case.status == S.RECEIVED else [])


def _premature(case: Case, name: str, on: date | datetime | None = None) -> str:
    """Why a move the state allows must still wait for a clock to run out ("" when it need not wait).

    The defence period must have run out before the case goes on without a defence (Decree 81 Art. 22);
    a fair's measures before the exhibitor's answer only once its answer period ran out (指引 Art. 14).
    Raises `IllegalTransition` when the clock cannot be computed.
    """
    if name == "defence_overdue":
        state = _state_on(_clock(case, ClockKind.DEFENCE), on)
        if state.remaining.total_seconds() >= 0:
            return _("答辩期至 %(due)s 届满，尚未届满") % {"due": state.due.isoformat()}
    elif name == "fair_measure" and case.status == S.RESPONDENT_NOTIFIED:
        state = _state_on(_clock(case, ClockKind.FAIR_ANSWER), on)
        if state.remaining.total_seconds() > 0:
            return _("被投诉方答辩期至 %(at)s 届满，届满前未答辩的方可采取措施") % {
                "at": timezone.localtime(state.deadline.expires_at).strftime("%Y-%m-%d %H:%M")
            }
    return ""


def offered_transitions(case: Case) -> tuple[list[Transition], list[tuple[Transition, str]]]:
    """The moves to offer now, in the order of the procedure, and those that must wait (with why).

    A move whose clock cannot be computed is offered: the move itself says why it is refused.
    """
    ready: list[Transition] = []
    waiting: list[tuple[Transition, str]] = []
    for t in allowed_transitions(case):
        try:
            why = _premature(case, t.name)
        except IllegalTransition:
            why = ""
        if why:
            waiting.append((t, why))
        else:
            ready.append(t)
    return ready, waiting


# --- helpers ---


def _deny(actor: Any, action: str, case: Case | None) -> NoReturn:
    deny(actor=actor, action=action, object_type="case", object_id=getattr(case, "pk", ""))


def _now() -> datetime:
    return timezone.now()


def _date(on: date | None) -> date:
    return on or timezone.localdate()


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def may_take_step(actor: Any, case: Case, t: Transition) -> bool:
    """Whether the policy lets `actor` take step `t` on `case` (its state is asked elsewhere): a
    mediation step needs the right to change the case (a mediator's, on the cases assigned to them),
    every other step the office's right to run the procedure as well."""
    if t.name == "reopen":
        return permits(actor, "case_reopen", Action.CHANGE)
    if not permits(actor, "case", Action.CHANGE, case):
        return False
    return t.mediator_may or permits(actor, "case_procedure", Action.CHANGE, case)


def may_end_session(actor: Any, session: MediationSession) -> bool:
    """The office may end any session of a case it may change; a mediator only the session they lead."""
    if not permits(actor, "case", Action.CHANGE, session.case):
        return False
    return permits(actor, "case_procedure", Action.CHANGE, session.case) or session.mediator_id == actor.pk


def _permit(actor: Any, case: Case, name: str) -> None:
    """Refuse (and audit, outside any transaction that could roll the record back) a move not allowed."""
    if not may_take_step(actor, case, TRANSITIONS[name]):
        _deny(actor, f"case.{name}", case)


@contextmanager
def _locked(actor: Any, case: Case, name: str, *, sharing_evidence: bool = False) -> Iterator[Case]:
    """Check who may move, then lock the case row and check the state machine, in one transaction.

    `sharing_evidence`: the move shares the case's evidence (`evidence_share` checks that the actor may
    read each file); that check is made here too, before the transaction opens, so a refusal is audited.
    """
    _permit(actor, case, name)
    if sharing_evidence:
        for item in case.evidence.all():
            require(actor, "evidence", Action.READ, item)
    with transaction.atomic():
        locked = _lock(case)
        _check(locked, name)
        yield locked


def _check(case: Case, name: str) -> Transition:
    t = TRANSITIONS[name]
    if case.status not in t.sources or (t.channels and case.channel not in t.channels):
        allowed = "、".join(str(x.label) for x in allowed_transitions(case)) or _("无")
        raise IllegalTransition(
            _("案件当前状态为“%(status)s”，不能“%(action)s”；当前可以：%(allowed)s")
            % {"status": case.get_status_display(), "action": t.label, "allowed": allowed}
        )
    return t


def _move(
    actor: Any,
    case: Case,
    name: str,
    *,
    target: str | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
    on: date | datetime | None = None,
) -> CaseEvent:
    """Record the move (caller already checked it): status, event, audit row; clocks of a closed case stop."""
    t = TRANSITIONS[name]
    new = target or t.target
    assert new is not None
    data = {**(data or {}), "on": (on or _date(None)).isoformat()}
    previous = case.status
    if new in CLOSED_STATUSES and previous not in CLOSED_STATUSES:
        data["stopped_clocks"] = sorted(case.clocks.filter(stopped_at__isnull=True).values_list("kind", flat=True))
    event = CaseEvent.objects.create(
        case=case,
        at=_now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=name,
        from_status=previous,
        to_status=new,
        note=note,
        data=data,
    )
    if new in CLOSED_STATUSES and previous not in CLOSED_STATUSES:
        # remember where the case was and which clocks ran, for an authorised reopen
        case.status_before = previous
        case.closed_at = _now()
        case.clocks.filter(stopped_at__isnull=True).update(stopped_at=_now())
    elif previous in CLOSED_STATUSES and new not in CLOSED_STATUSES:
        case.closed_at = None
    case.status = new
    case.save()
    audit.record(
        actor=actor,
        action=f"case.{name}",
        object_type="case",
        object_id=case.pk,
        summary={"number": case.number or "", "from": previous, "to": new, "note": note, **data},
    )
    recompute_clocks(case, on)
    return event


def _record_event(
    actor: Any, case: Case, action: str, *, note: str = "", data: dict[str, Any], at: datetime | None = None
) -> CaseEvent:
    """A timeline entry that leaves the case's status as it is (an extension, a suit, a session's end)."""
    return CaseEvent.objects.create(
        case=case,
        at=at or _now(),
        actor=actor,
        action=action,
        from_status=case.status,
        to_status=case.status,
        note=note,
        data=data,
    )


def _start_clock(
    case: Case,
    kind: str,
    rule_key: str,
    start: date | datetime,
    *,
    amount: int | None = None,
) -> CaseClock:
    found = rule(rule_key)
    hours = found.unit == Unit.HOURS
    row, _created = CaseClock.objects.update_or_create(
        case=case,
        kind=kind,
        defaults={
            "rule_key": rule_key,
            "amount": amount or found.as_int(),
            "unit": found.unit,
            "start_on": None if hours else start,
            "start_at": start if hours else None,
            "pauses": [],
            "extensions": [],
            "stopped_at": None,
        },
    )
    clock_bridge.refresh(row, start)
    row.save()
    return row


def _stop_clock(case: Case, *kinds: str) -> None:
    case.clocks.filter(kind__in=kinds, stopped_at__isnull=True).update(stopped_at=_now())


def _clock(case: Case, kind: str) -> CaseClock:
    try:
        return case.clocks.get(kind=kind)
    except CaseClock.DoesNotExist:
        raise IllegalTransition(_("该案件没有“%(kind)s”时限") % {"kind": ClockKind(kind).label}) from None


def _state_on(row: CaseClock, on: date | datetime | None) -> Any:
    try:
        return clock_bridge.engine_clock(row).status(platform_calendar(), clock_bridge.today_for(row, on))
    except YearNotCovered as exc:
        raise IllegalTransition(
            _("无法计算“%(kind)s”期限：%(problem)s（请先导入该年的节假日安排）")
            % {"kind": row.get_kind_display(), "problem": missing_holidays(exc)}
        ) from None


def recompute_all_clocks() -> int:
    """Refresh every running clock (after the holiday notice of a new year is imported); returns how many."""
    count = 0
    for case in Case.objects.filter(clocks__stopped_at__isnull=True).distinct().iterator():
        with transaction.atomic():
            recompute_clocks(case)
        count += 1
    return count


def recompute_clocks(case: Case, on: date | datetime | None = None) -> None:
    """Refresh the cached due dates of the case's running clocks (called by every transition)."""
    for row in case.clocks.filter(stopped_at__isnull=True):
        clock_bridge.refresh(row, on)
        row.save(update_fields=["due_on", "expires_at", "problem", "paused"])


# --- intake and triage ---

FLAG_FIELDS = (
    "respondent_abroad",
    "arbitration_agreement",
    "lawsuit_pending",
    "fair_in_progress",
    "both_willing_to_mediate",
    "counterfeiting",
    "infringement_continuing",
)


def _flag(value: Any) -> bool | None:
    if value in (None, "", "unknown"):
        return None
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes", "on", "是")
    return bool(value)


def _clean_intake(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, choices in (("right", Right), ("request_kind", RequestKind)):
        value = str(data.get(name) or "")
        if value not in choices.values:
            errors[name] = _("“%(value)s”无效，可选：%(choices)s") % {
                "value": value,
                "choices": "、".join(f"{v}（{label}）" for v, label in choices.choices),
            }
        values[name] = value
    for name, label in (("facts", _("事实与理由")), ("requester_name", _("请求人"))):
        values[name] = str(data.get(name) or "").strip()
        if not values[name]:
            errors[name] = _("%(label)s为必填项") % {"label": label}
    values["remedy"] = str(data.get("remedy") or "").strip()
    values["respondent_name"] = " ".join(str(data.get("respondent_name") or "").split())[:200]
    code = str(data.get("respondent_credit_code") or "").strip()
    if code:
        code = clean_uscc(code)
        problem = validate_uscc(code)
        if problem is not None:
            errors["respondent_credit_code"] = problem.message
    values["respondent_credit_code"] = code
    for name in FLAG_FIELDS:
        values[name] = _flag(data.get(name))
    values["respondent_domicile_in_china"] = _flag(data.get("respondent_domicile_in_china")) is not False
    known = data.get("infringement_known_on")
    if isinstance(known, str) and known:
        try:
            known = date.fromisoformat(known)
        except ValueError:
            errors["infringement_known_on"] = _("日期格式应为 YYYY-MM-DD")
    values["infringement_known_on"] = known or None
    if errors:
        raise ValidationError(errors)
    return values


def facts_of(case: Case, *, has_evidence: bool | None = None) -> Facts:
    """The triage engine's view of a case (`has_evidence` for a case not saved yet)."""
    return Facts(
        right=EngineRight(case.right),
        request=EngineRequest(case.request_kind),
        respondent_named=bool(case.respondent_name),
        respondent_credit_code_known=bool(case.respondent_credit_code),
        has_evidence=case.evidence.exists() if has_evidence is None else has_evidence,
        arbitration_agreement=case.arbitration_agreement,
        respondent_abroad=case.respondent_abroad,
        fair_in_progress=case.fair_in_progress,
        lawsuit_pending=case.lawsuit_pending,
        both_willing_to_mediate=case.both_willing_to_mediate,
        counterfeiting=case.counterfeiting,
        infringement_known_on=case.infringement_known_on,
        infringement_continuing=case.infringement_continuing,
    )


def preview_triage(data: dict[str, Any], *, has_evidence: bool, today: date | None = None) -> dict[str, Any]:
    """The triage an intake would get, for the summary shown before submitting (nothing is written)."""
    values = _clean_intake(data)
    facts = facts_of(Case(**values), has_evidence=has_evidence)
    return _triage(facts, _date(today)).as_dict()


def _triage(facts: Facts, today: date) -> Any:
    """The triage engine's proposal; a limit ending in a year without holiday data is the requester's input error."""
    try:
        return triage(facts, today=today, calendar=platform_calendar())
    except YearNotCovered as exc:
        raise ValidationError(
            {"infringement_known_on": _("无法推算请求时效：%(problem)s") % {"problem": missing_holidays(exc)}}
        ) from None


def case_intake(
    *,
    actor: Any,
    data: dict[str, Any],
    via: str = IntakeVia.WEB,
    evidence: Iterable[Any] = (),
    requester_org: Any = None,
    fair: Fair | None = None,
    received_at: datetime | None = None,
) -> Case:
    """Register a complaint with its evidence and the triage proposal; status RECEIVED."""
    if not permits(actor, "case", Action.CREATE):
        _deny(actor, "case.create", None)
    values = _clean_intake(data)
    evidence = list(evidence)
    for item in evidence:
        if not permits(actor, "evidence", Action.READ, item):
            _deny(actor, "case.create", None)
    if requester_org is None and not permits(actor, "case_on_behalf", Action.CREATE):
        requester_org = getattr(actor, "organisation", None)
    received_at = received_at or _now()
    with transaction.atomic():
        # the counter is locked before the audit chain head (taken by audit.record): one lock order for all
        office, year = conf("CASES_OFFICE"), timezone.localtime(received_at).year
        case = Case.objects.create(
            **values,
            acceptance_number=acceptance_number(office, year, _next_seq(office, ACCEPTANCE_REGISTER, year)),
            requester_org=requester_org,
            requester_person=actor if permits(actor, "case_in_person", Action.CREATE) else None,
            intake_via=via,
            fair=fair,
            created_by=actor,
            received_at=received_at,
        )
        case.evidence.set(evidence)
        CaseParty.objects.create(
            case=case,
            role=PartyRole.REQUESTER,
            name=case.requester_name,
            organisation=requester_org,
            credit_code=getattr(requester_org, "credit_code", "") or "",
            district_code=str(data.get("requester_district_code") or _district_code(requester_org)),
        )
        if case.respondent_name:
            CaseParty.objects.create(
                case=case,
                role=PartyRole.RESPONDENT,
                name=case.respondent_name,
                credit_code=case.respondent_credit_code,
                district_code=str(data.get("respondent_district_code") or ""),
            )
        result = _triage(facts_of(case), timezone.localtime(received_at).date())
        case.triage = result.as_dict()
        case.save(update_fields=["triage"])
        CaseEvent.objects.create(
            case=case,
            at=_now(),
            actor=actor,
            action="intake",
            to_status=S.RECEIVED,
            data={
                "via": via,
                "evidence": [str(e.pk) for e in evidence],
                "proposed": case.triage["primary"],
                "acceptance_number": case.acceptance_number,
            },
        )
        audit.record(
            actor=actor,
            action="case.intake",
            object_type="case",
            object_id=case.pk,
            summary={
                "acceptance_number": case.acceptance_number,
                "via": via,
                "right": case.right,
                "request": case.request_kind,
                "proposed": case.triage["primary"],
            },
        )
    return case


def _district_code(organisation: Any) -> str:
    district = getattr(organisation, "district", None)
    return district.code if district is not None else ""


def _next_seq(office: str, channel: str, year: int) -> int:
    """The next number of (office, channel, year) from its counter row, which stays locked until commit."""
    CaseNumberCounter.objects.get_or_create(office=office, channel=channel, year=year)
    counter = CaseNumberCounter.objects.select_for_update().get(office=office, channel=channel, year=year)
    CaseNumberCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return counter.last


def acceptance_number(office: str, year: int, seq: int) -> str:
    return conf("CASES_ACCEPTANCE_FORMAT").format(office=office, year=year, seq=seq)


def _allocate_number(case: Case, channel: str, year: int) -> None:
    """Take the next case number of (office, channel, year)."""
    office = conf("CASES_OFFICE")
    seq = _next_seq(office, channel, year)
    case.office = office
    case.number_year = year
    case.number_seq = seq
    case.number = conf("CASES_NUMBER_FORMAT").format(
        office=office, channel=conf("CASES_CHANNEL_CODES")[channel], year=year, seq=seq
    )


def case_triage_decide(
    *, actor: Any, case: Case, channel: str | None = None, reason: str = "", on: date | None = None
) -> Case:
    """Accept the proposed channel, or override it with a reason; the case gets its number and clocks."""
    proposed = (case.triage or {}).get("primary")
    channel = channel or proposed
    if channel not in Channel.values:
        raise ValidationError({"channel": _("请选择处理途径")})
    overridden = channel != proposed
    if overridden and not reason.strip():
        raise ValidationError({"reason": _("不采纳分流建议的，须说明理由")})
    if channel == Channel.FAIR_COMPLAINT and case.fair_id is None:
        raise ValidationError({"channel": _("展会投诉须选择展会")})
    on = _date(on)
    with _locked(actor, case, "triage") as case:
        # The counter is locked before the audit chain head (taken in `_move`): one lock order for all.
        _allocate_number(case, channel, timezone.localdate().year)
        case.channel = channel
        case.triage_overridden = overridden
        case.triage_reason = reason.strip()
        if case.assigned_official_id is None and permits(actor, "case_procedure", Action.CHANGE, case):
            case.assigned_official = actor
        target = CHANNEL_START.get(channel, S.TRIAGED)
        _move(
            actor,
            case,
            "triage",
            target=target,
            note=reason.strip(),
            data={"channel": channel, "proposed": proposed, "overridden": overridden},
            on=on,
        )
        received = timezone.localtime(case.received_at)
        if channel == Channel.ADMINISTRATIVE_RULING:
            _start_clock(case, ClockKind.DOCKETING, "decree81.docketing", received.date())
        elif channel == Channel.MEDIATION and case.right == Right.PATENT:
            _start_clock(case, ClockKind.MEDIATION_NOTICE, "decree81.mediation_notice", received.date())
        elif channel == Channel.FAIR_COMPLAINT:
            _start_clock(case, ClockKind.FAIR_TRANSFER, "fair.complaint_transfer", case.received_at)
            FairComplaint.objects.create(
                case=case,
                fair=case.fair,
                exhibitor_name=case.respondent_name,
                exhibitor_credit_code=case.respondent_credit_code,
            )
        recompute_clocks(case, on)
    return case


def case_reroute(*, actor: Any, case: Case, channel: str, reason: str, on: date | None = None) -> Case:
    """Send a case whose mediation failed (or a triaged case) on to another channel, with a reason."""
    if channel not in Channel.values or not reason.strip():
        raise ValidationError({"reason": _("转其他途径须选择途径并说明理由")})
    with _locked(actor, case, "reroute") as case:
        previous_number = case.number or ""
        if channel != case.channel:  # numbers run per channel: the case takes one in its new channel
            _allocate_number(case, channel, timezone.localdate().year)
        case.clocks.filter(stopped_at__isnull=True).update(stopped_at=_now())  # the old channel's clocks end
        case.channel = channel
        _move(
            actor,
            case,
            "reroute",
            target=CHANNEL_START.get(channel, S.TRIAGED),
            note=reason,
            data={"channel": channel, "previous_number": previous_number},
            on=on,
        )
        if channel == Channel.ADMINISTRATIVE_RULING:
            _start_clock(case, ClockKind.DOCKETING, "decree81.docketing", _date(on))
        recompute_clocks(case, on)
    return case


# --- administrative ruling (Decree 81) ---


def case_docket(*, actor: Any, case: Case, panel: list[str], on: date | None = None) -> Case:
    """Docket with a collegial panel of an odd number, at least 3, of handlers (Art. 20)."""
    panel = [name.strip() for name in panel if name.strip()]
    if len(panel) < 3 or len(panel) % 2 == 0:
        raise ValidationError(
            {"panel": _("合议组须由三人以上单数办案人员组成（《专利纠纷行政裁决和调解办法》第二十条）")}
        )
    on = _date(on)
    with _locked(actor, case, "docket") as case:
        _stop_clock(case, ClockKind.DOCKETING)
        _move(actor, case, "docket", data={"panel": panel}, on=on)
        _start_clock(case, ClockKind.SERVICE, "decree81.service", on)
        _start_clock(case, ClockKind.DECISION, "decree81.decision", on)
        recompute_clocks(case, on)
    return case


def case_refuse(*, actor: Any, case: Case, reason: str, on: date | None = None) -> Case:
    if not reason.strip():
        raise ValidationError({"reason": _("不予立案须说明理由（《专利纠纷行政裁决和调解办法》第二十条）")})
    with _locked(actor, case, "refuse") as case:
        _move(actor, case, "refuse", note=reason, on=on)
    return case


def case_serve(*, actor: Any, case: Case, on: date | None = None) -> Case:
    """Copy served on the respondent; its defence period (15 days, 30 without domicile) starts."""
    on = _date(on)
    with _locked(actor, case, "serve") as case:
        _stop_clock(case, ClockKind.SERVICE)
        _move(actor, case, "serve", on=on)
        key = "decree81.defence" if case.respondent_domicile_in_china else "decree81.defence_no_domicile"
        _start_clock(case, ClockKind.DEFENCE, key, on)
        recompute_clocks(case, on)
    return case


def case_receive_defence(*, actor: Any, case: Case, on: date | None = None) -> Case:
    on = _date(on)
    with _locked(actor, case, "receive_defence") as case:
        _stop_clock(case, ClockKind.DEFENCE)
        _move(actor, case, "receive_defence", on=on)
        _start_clock(case, ClockKind.DEFENCE_FORWARD, "decree81.defence_forward", on)
        recompute_clocks(case, on)
    return case


def case_defence_overdue(*, actor: Any, case: Case, on: date | None = None) -> Case:
    """Only once the defence period has run out; the case goes on without a defence (Art. 22)."""
    on = _date(on)
    with _locked(actor, case, "defence_overdue") as case:
        why = _premature(case, "defence_overdue", on)
        if why:
            raise IllegalTransition(why)
        _stop_clock(case, ClockKind.DEFENCE)
        _move(actor, case, "defence_overdue", on=on)
        recompute_clocks(case, on)
    return case


def case_forward_defence(*, actor: Any, case: Case, on: date | None = None) -> Case:
    """A copy of the defence sent to the requester (Art. 22: within 5 working days of its receipt)."""
    with _locked(actor, case, "forward_defence") as case:
        _stop_clock(case, ClockKind.DEFENCE_FORWARD)
        _move(actor, case, "forward_defence", on=on)
    return case


def case_hearing(*, actor: Any, case: Case, on: date | None = None) -> Case:
    with _locked(actor, case, "hearing") as case:
        _move(actor, case, "hearing", on=on)
        recompute_clocks(case, on)
    return case


def case_suspend(*, actor: Any, case: Case, kind: str, reason: str, on: date | None = None) -> Case:
    """Suspend (or another excluded period of Art. 37): the decision clock pauses."""
    if kind not in PauseKind.__members__.values() or not reason.strip():
        raise ValidationError({"reason": _("中止须选择事由并说明理由")})
    on = _date(on)
    with _locked(actor, case, "suspend") as case:
        row = _clock(case, ClockKind.DECISION)
        try:
            clock_bridge.engine_clock(row).pause(PauseKind(kind), on, reason)
        except ClockError as exc:
            raise IllegalTransition(str(exc)) from None
        pause = {"kind": kind, "start": on.isoformat(), "end": None, "reason": reason, "resume_to": case.status}
        row.pauses = [*row.pauses, pause]
        row.save(update_fields=["pauses"])
        _move(actor, case, "suspend", note=reason, data={"pause": kind}, on=on)
        recompute_clocks(case, on)
    return case


def case_resume(*, actor: Any, case: Case, on: date | None = None) -> Case:
    on = _date(on)
    with _locked(actor, case, "resume") as case:
        row = _clock(case, ClockKind.DECISION)
        try:
            clock_bridge.engine_clock(row).resume(on)
        except ClockError as exc:
            raise IllegalTransition(str(exc)) from None
        row.pauses = [*row.pauses[:-1], {**row.pauses[-1], "end": on.isoformat()}]
        row.save(update_fields=["pauses"])
        _move(actor, case, "resume", target=row.pauses[-1].get("resume_to") or S.DOCKETED, on=on)
        recompute_clocks(case, on)
    return case


def case_extend(
    *, actor: Any, case: Case, kind: str, approved_by: str, amount: int | None = None, on: date | None = None
) -> Case:
    """An approved extension of a clock, within the caps of its rules (Art. 20, Art. 37)."""
    keys = EXTENSION_RULES.get(kind)
    if not keys:
        raise ValidationError({"kind": _("该时限不能延长")})
    on = _date(on)
    if not (permits(actor, "case", Action.CHANGE, case) and permits(actor, "case_procedure", Action.CHANGE, case)):
        _deny(actor, "case.extend", case)
    with transaction.atomic():
        case = _lock(case)
        if case.is_closed:
            raise IllegalTransition(_("案件已办结，不能延长期限"))
        row = _clock(case, kind)
        if row.stopped_at is not None:
            raise IllegalTransition(_("该时限已完成，不能延长"))
        clock = clock_bridge.engine_clock(row)
        for key in keys:
            cap = Period.of_rule(key)
            used = sum(e["amount"] for e in row.extensions if e["rule_key"] == key)
            if used < cap.amount:
                break
        else:
            raise IllegalTransition(_("已用尽法定的延长期限"))
        period = Period(amount or cap.amount - used, cap.unit)
        try:
            clock.extend(period, approved_by=approved_by, approved_on=on, rule_key=key)
        except ClockError as exc:
            raise IllegalTransition(str(exc)) from None
        row.extensions = [
            *row.extensions,
            {
                "amount": period.amount,
                "unit": period.unit.value,
                "approved_by": approved_by,
                "approved_on": on.isoformat(),
                "rule_key": key,
            },
        ]
        row.save(update_fields=["extensions"])
        _record_event(
            actor,
            case,
            "extend",
            note=approved_by,
            data={"clock": kind, "amount": period.amount, "unit": period.unit.value, "rule_key": key},
        )
        audit.record(
            actor=actor,
            action="case.extend",
            object_type="case",
            object_id=case.pk,
            summary={"clock": kind, "period": period.zh, "approved_by": approved_by, "rule_key": key},
        )
        recompute_clocks(case, on)
    return case


def case_rule(*, actor: Any, case: Case, outcome: str, on: date | None = None, served_on: date | None = None) -> Case:
    """The ruling closes the office's work; the parties' window to sue runs from its service on them.

    The window (Patent Law Art. 65) is a party clock: it survives the closure, and when it lapses with
    no suit the ruling stands. `served_on` defaults to the day of the ruling (served at once).
    """
    if not outcome.strip():
        raise ValidationError({"outcome": _("请填写裁决结果")})
    on = _date(on)
    served_on = served_on or on
    if served_on < on:
        raise ValidationError({"served_on": _("送达日不能早于裁决日")})
    with _locked(actor, case, "rule") as case:
        case.outcome = outcome.strip()[:200]
        _move(actor, case, "rule", note=outcome, data={"served_on": served_on.isoformat()}, on=on)
        _start_clock(case, ClockKind.SUIT_WINDOW, "patent_law.suit_after_ruling", served_on)
    return case


def case_suit_record(*, actor: Any, case: Case, party: str, court: str, filed_on: date | None = None) -> Case:
    """A party sued against the ruling: the window to sue (a party clock) ends with the suit.

    Recorded by the office when it learns of the suit; whether the suit came within the window is kept
    with it (a suit after the window does not undo the ruling, which the court will decide).
    """
    party, court = party.strip()[:200], court.strip()[:200]
    if not party or not court:
        raise ValidationError({"court": _("请填写起诉的当事人和受理法院")})
    filed_on = _date(filed_on)
    if not (permits(actor, "case", Action.CHANGE, case) and permits(actor, "case_procedure", Action.CHANGE, case)):
        _deny(actor, "case.suit_filed", case)
    with transaction.atomic():
        case = _lock(case)
        window = case.clocks.filter(kind=ClockKind.SUIT_WINDOW, stopped_at__isnull=True).first()
        if window is None:
            raise IllegalTransition(_("该案件没有正在计算的起诉期限（裁决送达后才开始，起诉或重新办理后结束）"))
        if window.start_on is not None and filed_on < window.start_on:
            raise ValidationError({"on": _("起诉日不能早于裁决书送达日")})
        within = None if window.due_on is None else filed_on <= window.due_on
        data = {"party": party, "court": court, "filed_on": filed_on.isoformat(), "within_window": within}
        _record_event(actor, case, "suit_filed", note=f"{party} → {court}", data=data)
        _stop_clock(case, ClockKind.SUIT_WINDOW)
        audit.record(
            actor=actor,
            action="case.suit_filed",
            object_type="case",
            object_id=case.pk,
            summary={"number": case.number or "", **data},
        )
    return case


def case_settle(*, actor: Any, case: Case, outcome: str = "", on: date | None = None) -> Case:
    with _locked(actor, case, "settle") as case:
        case.outcome = outcome.strip()[:200] or str(_("调解结案"))
        _move(actor, case, "settle", note=outcome, on=on)
    return case


# --- mediation and judicial confirmation ---


def mediator_register(*, actor: Any, user: Any, organisation: Any, specialties: str = "") -> Mediator:
    require(actor, "mediator", Action.CREATE)
    if getattr(organisation, "kind", "") != "mediation_organisation":
        raise ValidationError({"organisation": _("调解员须属于调解组织")})
    if not permits(user, "mediator_roster", Action.CHANGE):
        raise ValidationError({"user": _("该用户的角色不是调解员")})
    with transaction.atomic():
        mediator = Mediator.objects.create(user=user, organisation=organisation, specialties=specialties)
        audit.record(
            actor=actor,
            action="mediator.create",
            object_type="mediator",
            object_id=mediator.pk,
            summary={"user": user.username, "organisation": organisation.name},
        )
    return mediator


def conflict_declare(
    *, actor: Any, mediator: Mediator, relation: str, party_name: str = "", party_credit_code: str = ""
) -> ConflictDeclaration:
    """A mediator (or an official for them) declares a party they have a conflict of interest with."""
    require(actor, "mediator", Action.CHANGE, mediator)
    if not (party_name.strip() or party_credit_code.strip()) or not relation.strip():
        raise ValidationError({"relation": _("请填写关联方（名称或信用代码）及关系")})
    with transaction.atomic():
        declaration = ConflictDeclaration.objects.create(
            mediator=mediator,
            party_name=party_name.strip(),
            party_credit_code=clean_uscc(party_credit_code) if party_credit_code else "",
            relation=relation.strip(),
        )
        audit.record(
            actor=actor,
            action="mediator.conflict",
            object_type="mediator",
            object_id=mediator.pk,
            summary={"party": party_name or party_credit_code, "relation": relation},
        )
    return declaration


def conflicts_for(mediator: Mediator, case: Case) -> list[ConflictDeclaration]:
    """Declarations that match a party of the case by credit code or by normalised name."""
    names = {normalize(p.name) for p in case.parties.all()} | {
        normalize(case.requester_name),
        normalize(case.respondent_name),
    }
    codes = {p.credit_code for p in case.parties.all() if p.credit_code} | ({case.respondent_credit_code} - {""})
    found = []
    for declaration in mediator.conflicts.all():
        if (declaration.party_credit_code and declaration.party_credit_code in codes) or (
            declaration.party_name and normalize(declaration.party_name) in names
        ):
            found.append(declaration)
    return found


def mediation_notify(*, actor: Any, case: Case, on: date | None = None) -> Case:
    """Ask the respondent whether it agrees to mediate; for patent disputes it answers within 15 days
    (Decree 81 Art. 65)."""
    on = _date(on)
    with _locked(actor, case, "mediation_notify") as case:
        _stop_clock(case, ClockKind.MEDIATION_NOTICE)
        _move(actor, case, "mediation_notify", on=on)
        if case.right == Right.PATENT:
            _start_clock(case, ClockKind.MEDIATION_REPLY, "decree81.mediation_reply", on)
        recompute_clocks(case, on)
    return case


def mediation_consent(*, actor: Any, case: Case, on: date | None = None) -> Case:
    """The respondent agrees; a patent mediation is docketed within 5 working days (Art. 66). A refusal
    or no answer is `case_mediation_fail`."""
    on = _date(on)
    with _locked(actor, case, "mediation_consent") as case:
        _stop_clock(case, ClockKind.MEDIATION_REPLY)
        case.both_willing_to_mediate = True
        _move(actor, case, "mediation_consent", on=on)
        if case.right == Right.PATENT:
            _start_clock(case, ClockKind.MEDIATION_DOCKETING, "decree81.mediation_docketing", on)
        recompute_clocks(case, on)
    return case


def case_assign_mediator(*, actor: Any, case: Case, mediator: Mediator, on: date | None = None) -> Case:
    """Assign a mediator of the directory; a declared conflict with a party refuses the assignment."""
    with _locked(actor, case, "assign_mediator", sharing_evidence=True) as case:
        if not mediator.active:
            raise ValidationError({"mediator": _("该调解员已不在册")})
        conflicts = conflicts_for(mediator, case)
        if conflicts:
            raise ValidationError(
                {
                    "mediator": _("调解员已申报与当事人“%(party)s”存在利益冲突（%(relation)s），不能指派")
                    % {
                        "party": conflicts[0].party_name or conflicts[0].party_credit_code,
                        "relation": conflicts[0].relation,
                    }
                }
            )
        case.mediator = mediator.user
        case.mediation_org = mediator.organisation
        _stop_clock(case, ClockKind.MEDIATION_NOTICE)
        _stop_clock(case, ClockKind.MEDIATION_DOCKETING)
        _move(actor, case, "assign_mediator", data={"mediator": mediator.user.username}, on=on)
        from zhichan.core.services import evidence_share

        for item in case.evidence.all():
            evidence_share(actor=actor, evidence=item, users=[mediator.user])
        recompute_clocks(case, on)
    return case


def session_record(
    *, actor: Any, case: Case, held_at: datetime, mode: str, place: str = "", minutes: str = ""
) -> MediationSession:
    if mode not in SessionMode.values:
        raise ValidationError({"mode": _("请选择调解方式")})
    with _locked(actor, case, "session") as case:
        session = MediationSession.objects.create(
            case=case, mediator=case.mediator or actor, held_at=held_at, mode=mode, place=place, minutes=minutes
        )
        _move(actor, case, "session", data={"session": session.pk, "mode": mode}, on=timezone.localtime(held_at).date())
    return session


def session_candidates(case: Case) -> Any:
    """Who may be invited to a live session: the requester and the people of the parties' organisations.

    Parties are known by the requester's organisation and by the credit codes on the case (so the
    respondent's staff can join once their organisation is in the directory).
    """
    codes = [party.credit_code for party in case.parties.all() if party.credit_code]
    return core_selectors.people_linked(
        user_ids=[case.requester_person_id] if case.requester_person_id else [],
        organisation_ids=[case.requester_org_id] if case.requester_org_id else [],
        credit_codes=codes,
    )


MESSAGE_MAX_CHARS = 2000


def session_open(*, actor: Any, case: Case, participants: Iterable[Any], place: str = "") -> MediationSession:
    """Open a live online session in the platform's room, with the invited parties' people."""
    invited = list({person.pk: person for person in participants}.values())
    if not invited:
        raise ValidationError({"participants": _("请至少邀请一名当事人参加")})
    allowed = set(session_candidates(case).values_list("pk", flat=True))
    strangers = [str(person) for person in invited if person.pk not in allowed]
    if strangers:
        raise ValidationError(
            {"participants": _("%(names)s 不是本案当事人或其工作人员，不能邀请") % {"names": "、".join(strangers)}}
        )
    with _locked(actor, case, "session") as case:
        if case.sessions.filter(state=SessionState.LIVE).exists():
            raise IllegalTransition(_("本案已有进行中的在线调解，请先结束"))
        mediator = case.mediator or actor
        session = MediationSession.objects.create(
            case=case,
            mediator=mediator,
            held_at=_now(),
            mode=SessionMode.ONLINE,
            place=place.strip()[:300] or str(_("平台在线调解室")),
            state=SessionState.LIVE,
        )
        session.participants.set([mediator, *invited])
        _move(
            actor,
            case,
            "session",
            data={
                "session": str(session.public_id),
                "mode": SessionMode.ONLINE,
                "live": True,
                "participants": sorted(str(person.public_id) for person in invited),
            },
        )
    return session


def _session_locked(session: MediationSession) -> MediationSession:
    locked = MediationSession.objects.select_for_update().select_related("case").get(pk=session.pk)
    if locked.state != SessionState.LIVE:
        raise IllegalTransition(_("本次调解已结束"))
    return locked


def session_post(*, actor: Any, session: MediationSession, text: str) -> SessionMessage:
    """A participant's statement in a live session: numbered, kept as said, its digest in the audit chain."""
    if not permits(actor, "mediation_session", Action.CHANGE, session):
        deny(actor=actor, action="case.session_message", object_type="case", object_id=session.case_id)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("发言内容不能为空")})
    if len(text) > MESSAGE_MAX_CHARS:
        raise ValidationError(
            {"text": _("发言不能超过 %(n)s 字（现为 %(m)s 字）") % {"n": MESSAGE_MAX_CHARS, "m": len(text)}}
        )
    with transaction.atomic():
        session = _session_locked(session)
        if session.case.is_closed:
            raise IllegalTransition(_("案件已办结，不能继续发言"))
        last = session.messages.order_by("-seq").values_list("seq", flat=True).first() or 0
        message = SessionMessage.objects.create(session=session, seq=last + 1, author=actor, at=_now(), text=text)
        audit.record(
            actor=actor,
            action="case.session_message",
            object_type="case",
            object_id=session.case_id,
            summary={
                "session": str(session.public_id),
                "seq": message.seq,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
            },
        )
    return message


def transcript(statements: Iterable[SessionMessage]) -> str:
    """The statements in order, one line each, as the minutes record them."""
    return "\n".join(f"{timezone.localtime(m.at):%Y-%m-%d %H:%M:%S} {m.author}：{m.text}" for m in statements)


def session_end(*, actor: Any, session: MediationSession, summary: str = "") -> MediationSession:
    """The mediator (or an official) ends the session; the transcript and the summary become its minutes."""
    case = session.case
    if not may_end_session(actor, session):
        _deny(actor, "case.session_end", case)
    with transaction.atomic():
        session = _session_locked(session)
        statements = list(session.messages.select_related("author"))
        minutes = transcript(statements)
        if summary.strip():
            minutes = f"{minutes}\n\n{_('调解员小结')}：{summary.strip()}".strip()
        session.minutes = minutes
        session.state = SessionState.ENDED
        session.ended_at = _now()
        session.save(update_fields=["minutes", "state", "ended_at"])
        _record_event(
            actor,
            session.case,
            "session_end",
            note=summary.strip(),
            data={"session": str(session.public_id), "messages": len(statements)},
            at=session.ended_at,
        )
        audit.record(
            actor=actor,
            action="case.session_end",
            object_type="case",
            object_id=session.case_id,
            summary={
                "session": str(session.public_id),
                "messages": len(statements),
                "minutes_sha256": hashlib.sha256(minutes.encode()).hexdigest(),
            },
        )
    return session


def agreement_sign(
    *,
    actor: Any,
    case: Case,
    terms: str,
    form: str = AgreementForm.WRITTEN,
    requester_signed_on: date | None = None,
    respondent_signed_on: date | None = None,
    mediator_signed_on: date | None = None,
    sealed_on: date | None = None,
    reached_on: date | None = None,
    invited_by_court: str = "",
    subject_district_code: str = "",
    intermediate_jurisdiction: bool = False,
) -> MediationAgreement:
    """Record the agreement; it takes effect when all have signed and the seal is on (written), or when
    reached (oral) (人民调解法 Art. 29/30). The 30-day confirmation window starts from that day."""
    if not terms.strip():
        raise ValidationError({"terms": _("请填写协议内容")})
    if form == AgreementForm.WRITTEN:
        dates = [requester_signed_on, respondent_signed_on, mediator_signed_on, sealed_on]
        if any(d is None for d in dates):
            raise ValidationError({"form": _("书面调解协议须经双方当事人、调解员签名并加盖调解组织印章后生效")})
        effective_on = max(d for d in dates if d is not None)
    else:
        if reached_on is None:
            raise ValidationError({"reached_on": _("口头协议须填写达成日期")})
        effective_on = reached_on
    with _locked(actor, case, "agreement") as case:
        agreement = MediationAgreement.objects.create(
            case=case,
            form=form,
            terms=terms.strip(),
            requester_signed_on=requester_signed_on,
            respondent_signed_on=respondent_signed_on,
            mediator_signed_on=mediator_signed_on,
            sealed_on=sealed_on,
            effective_on=effective_on,
            invited_by_court=invited_by_court.strip(),
            subject_district_code=subject_district_code,
            intermediate_jurisdiction=intermediate_jurisdiction,
        )
        _move(actor, case, "agreement", data={"effective_on": effective_on.isoformat()}, on=effective_on)
        _start_clock(case, ClockKind.CONFIRMATION, "mediation.judicial_confirmation", effective_on)
        recompute_clocks(case, effective_on)
    return agreement


def courts_for(case: Case) -> list[str]:
    agreement = case.agreement
    org = case.mediation_org
    return confirmation_courts(
        invited_by_court=agreement.invited_by_court,
        party_district_codes=[p.district_code for p in case.parties.all() if p.district_code],
        subject_district_code=agreement.subject_district_code,
        mediation_org_district_code=org.district.code if org is not None and org.district_id else "",
        intermediate=agreement.intermediate_jurisdiction,
    )


def confirmation_apply(
    *,
    actor: Any,
    case: Case,
    court: str,
    requester_applies: bool,
    respondent_applies: bool,
    other_consents: bool = False,
    filed_on: date | None = None,
) -> JudicialConfirmation:
    """The joint application within 30 days of the agreement taking effect, to a court the law allows.

    Joint: both apply, or one applies and the other consents (人民调解法 Art. 33)."""
    filed_on = _date(filed_on)
    joint = (requester_applies and respondent_applies) or ((requester_applies or respondent_applies) and other_consents)
    if not joint:
        raise ValidationError(
            {
                "requester_applies": _(
                    "司法确认须双方共同申请；一方申请、另一方同意的，视为共同申请（《人民调解法》第三十三条）"
                )
            }
        )
    with _locked(actor, case, "apply_confirmation") as case:
        allowed = courts_for(case)
        if court not in allowed:
            raise ValidationError(
                {
                    "court": _("应向以下法院申请：%(courts)s（《民事诉讼法》第二百零五条）")
                    % {"courts": "、".join(allowed) or _("无")}
                }
            )
        state = _state_on(_clock(case, ClockKind.CONFIRMATION), filed_on)
        if state.remaining.total_seconds() < 0:
            raise IllegalTransition(
                _("申请司法确认的期限已于 %(due)s 届满（调解协议生效之日起三十日内）") % {"due": state.due.isoformat()}
            )
        confirmation = JudicialConfirmation.objects.create(
            agreement=case.agreement,
            court=court,
            requester_applies=requester_applies,
            respondent_applies=respondent_applies,
            other_consents=other_consents,
            filed_on=filed_on,
        )
        _stop_clock(case, ClockKind.CONFIRMATION)
        _move(actor, case, "apply_confirmation", data={"court": court}, on=filed_on)
        _start_clock(case, ClockKind.COURT_REVIEW, "mediation.court_review", filed_on)
        recompute_clocks(case, filed_on)
    return confirmation


def confirmation_decide(*, actor: Any, case: Case, valid: bool, on: date | None = None) -> Case:
    on = _date(on)
    name = "confirmation_valid" if valid else "confirmation_dismissed"
    with _locked(actor, case, name) as case:
        confirmation = case.agreement.confirmation
        confirmation.outcome = ConfirmationOutcome.VALID if valid else ConfirmationOutcome.DISMISSED
        confirmation.decided_on = on
        confirmation.save(update_fields=["outcome", "decided_on"])
        _stop_clock(case, ClockKind.COURT_REVIEW)
        case.outcome = str(confirmation.get_outcome_display())
        _move(actor, case, name, on=on)
    return case


def case_mediation_fail(*, actor: Any, case: Case, reason: str, on: date | None = None) -> Case:
    with _locked(actor, case, "mediation_fail") as case:
        case.clocks.filter(stopped_at__isnull=True).update(stopped_at=_now())  # nothing runs until rerouted
        _move(actor, case, "mediation_fail", note=reason, on=on)
    return case


# --- fair complaints ---


def fair_create(*, actor: Any, data: dict[str, Any], organiser: Any = None) -> Fair:
    require(actor, "fair", Action.CREATE)
    starts_on, ends_on = data["starts_on"], data["ends_on"]
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("闭幕日不能早于开幕日")})
    with transaction.atomic():
        fair = Fair.objects.create(
            name=data["name"],
            series=data.get("series") or data["name"],
            edition=data["edition"],
            organiser=organiser,
            venue=data.get("venue", ""),
            starts_on=starts_on,
            ends_on=ends_on,
            answer_hours=data.get("answer_hours"),
        )
        audit.record(
            actor=actor, action="fair.create", object_type="fair", object_id=fair.pk, summary={"name": fair.name}
        )
    return fair


def fair_transfer(*, actor: Any, case: Case, at: datetime | None = None) -> Case:
    at = at or _now()
    with _locked(actor, case, "fair_transfer") as case:
        _stop_clock(case, ClockKind.FAIR_TRANSFER)
        case.fair_complaint.transferred_at = at
        case.fair_complaint.save(update_fields=["transferred_at"])
        late = _state_on(_clock(case, ClockKind.FAIR_TRANSFER), at).remaining.total_seconds() < 0
        _move(actor, case, "fair_transfer", data={"at": at.isoformat(), "late": late}, on=timezone.localtime(at).date())
    return case


def fair_notify(*, actor: Any, case: Case, at: datetime | None = None) -> Case:
    """Notify the exhibitor; the answer period is the fair's own, or the rule's 24 hours (指引 Art. 14)."""
    at = at or _now()
    with _locked(actor, case, "fair_notify") as case:
        case.fair_complaint.notified_at = at
        case.fair_complaint.save(update_fields=["notified_at"])
        _move(actor, case, "fair_notify", data={"at": at.isoformat()}, on=timezone.localtime(at).date())
        _start_clock(case, ClockKind.FAIR_ANSWER, "fair.respondent_answer", at, amount=case.fair.answer_hours)
        recompute_clocks(case, at)
    return case


def fair_answer(*, actor: Any, case: Case, at: datetime | None = None, note: str = "") -> Case:
    at = at or _now()
    with _locked(actor, case, "fair_answer") as case:
        _stop_clock(case, ClockKind.FAIR_ANSWER)
        case.fair_complaint.answered_at = at
        case.fair_complaint.save(update_fields=["answered_at"])
        _move(actor, case, "fair_answer", note=note, data={"at": at.isoformat()}, on=timezone.localtime(at).date())
    return case


def fair_measure(*, actor: Any, case: Case, measure: str, at: datetime | None = None, note: str = "") -> Case:
    """Removal or covering: after an answer, or when the answer period ran out without one (指引 Art. 14)."""
    if measure not in Measure.values:
        raise ValidationError({"measure": _("请选择处置措施")})
    at = at or _now()
    with _locked(actor, case, "fair_measure") as case:
        if case.status == S.RESPONDENT_NOTIFIED:
            why = _premature(case, "fair_measure", at)
            if why:
                raise IllegalTransition(why)
            _stop_clock(case, ClockKind.FAIR_ANSWER)
        case.fair_complaint.measure = measure
        case.fair_complaint.save(update_fields=["measure"])
        _move(actor, case, "fair_measure", note=note, data={"measure": measure}, on=timezone.localtime(at).date())
    return case


def consecutive_infringements(series: str, key: str, edition: int) -> int:
    """Editions in a row, ending at `edition`, at which the exhibitor was found infringing."""
    found = {
        c.fair.edition
        for c in FairComplaint.objects.filter(fair__series=series, outcome=FairOutcome.INFRINGING).select_related(
            "fair"
        )
        if c.exhibitor_key == key
    }
    count = 0
    while edition - count in found:
        count += 1
    return count


def fair_decide(*, actor: Any, case: Case, outcome: str, at: datetime | None = None) -> Case:
    """The outcome; an exhibitor infringing at consecutive editions is barred from the next one."""
    if outcome not in FairOutcome.values:
        raise ValidationError({"outcome": _("请选择处理结果")})
    at = at or _now()
    with _locked(actor, case, "fair_decide") as case:
        complaint = case.fair_complaint
        complaint.outcome = outcome
        complaint.save(update_fields=["outcome"])
        case.outcome = str(complaint.get_outcome_display())
        data: dict[str, Any] = {"outcome": outcome}
        if outcome == FairOutcome.INFRINGING:
            key = complaint.exhibitor_key
            run = consecutive_infringements(case.fair.series, key, case.fair.edition)
            if run >= rule("fair.repeat_ban").as_int():
                ban, _created = FairBan.objects.get_or_create(
                    series=case.fair.series,
                    exhibitor_key=key,
                    banned_edition=case.fair.edition + 1,
                    defaults={"exhibitor_name": complaint.exhibitor_name, "decided_by_case": case},
                )
                data["ban"] = {"edition": ban.banned_edition, "consecutive": run}
        _move(actor, case, "fair_decide", data=data, on=timezone.localtime(at).date())
    return case


# --- any channel ---


def case_refer(*, actor: Any, case: Case, to: str, on: date | None = None) -> Case:
    if not to.strip():
        raise ValidationError({"to": _("请填写转办单位")})
    with _locked(actor, case, "refer") as case:
        case.outcome = _("转%(to)s") % {"to": to.strip()[:190]}
        _move(actor, case, "refer", note=to, on=on)
    return case


def case_close(*, actor: Any, case: Case, outcome: str = "", on: date | None = None) -> Case:
    with _locked(actor, case, "close") as case:
        case.outcome = outcome.strip()[:200] or case.outcome
        _move(actor, case, "close", note=outcome, on=on)
    return case


def case_withdraw(*, actor: Any, case: Case, reason: str = "", on: date | None = None) -> Case:
    with _locked(actor, case, "withdraw") as case:
        case.outcome = str(_("撤回"))
        _move(actor, case, "withdraw", note=reason, on=on)
    return case


def case_reopen(*, actor: Any, case: Case, reason: str, on: date | None = None) -> Case:
    """Only an authorised official reopens a closed case, with a reason; it returns to its last open state."""
    if not reason.strip():
        raise ValidationError({"reason": _("重新办理须说明理由")})
    with _locked(actor, case, "reopen") as case:
        target = case.status_before if case.status_before and case.status_before not in CLOSED_STATUSES else S.TRIAGED
        closing = case.events.filter(to_status=case.status).order_by("-at", "-pk").first()
        stopped = (closing.data.get("stopped_clocks") if closing else None) or []
        case.outcome = ""
        _move(actor, case, "reopen", target=target, note=reason, data={"restarted_clocks": stopped}, on=on)
        case.clocks.filter(kind__in=stopped).update(stopped_at=None)  # the clocks the closure stopped run on
        _stop_clock(case, *PARTY_CLOCKS)  # a reopened ruling is not yet a ruling to sue against
        recompute_clocks(case, on)
    return case

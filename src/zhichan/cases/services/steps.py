"""What every step of the cases procedures shares: the table's names and labels, which steps the page
offers, the refusal words, and `_take`, which hands a step's own fields to the core workflow kernel."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, NoReturn

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from zhichan.cases import clocks as clock_bridge
from zhichan.cases.models import (
    Case,
    CaseClock,
    Channel,
    ClockKind,
    Status,
)
from zhichan.cases.workflows import CASE
from zhichan.core.calendar import platform_calendar
from zhichan.core.labels import missing_holidays
from zhichan.core.services import deny
from zhichan.core.workflow import IllegalTransition, Transition, may_take, transition_run
from zhichan.engines.calendar import YearNotCovered

S = Status
TRANSITIONS: dict[str, Transition] = CASE.by_name

# What the timeline calls each recorded action: the moves, and the events that do not move the case.
ACTION_LABELS = {
    **{name: t.label for name, t in TRANSITIONS.items()},
    "intake": pgettext_lazy("案件节点", "登记"),
    "extend": gettext_lazy("延长期限"),
    "suit_filed": gettext_lazy("当事人起诉"),
    "session_end": gettext_lazy("结束调解会议"),
}

# The state each channel starts in after triage (the clocks that start with it: `workflows.py`).
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
    return CASE.available(case)


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
    """Whether the policy lets `actor` take step `t` on `case` (its state is asked elsewhere): changing
    the case (a mediator's right on the cases assigned to them) and the step's own right (the office's
    `case_procedure` for every step but the mediator's, `case_reopen`)."""
    return may_take(actor, CASE, t.name, case)


def _refusal(case: Case, name: str) -> str:
    allowed = "、".join(str(x.label) for x in allowed_transitions(case)) or _("无")
    return _("案件当前状态为“%(status)s”，不能“%(action)s”；当前可以：%(allowed)s") % {
        "status": case.get_status_display(),
        "action": TRANSITIONS[name].label,
        "allowed": allowed,
    }


Write = Callable[[Case], tuple[Iterable[str], dict[str, Any]]]


def _take(
    actor: Any,
    case: Case,
    name: str,
    *,
    on: date,
    write: Write | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    precheck: Callable[[], None] | None = None,
) -> Case:
    """Take the step `name` through the kernel: `write(locked)` sets the step's fields on the locked case
    and returns their names and what the event adds to `data`; `on` is the day the step is taken."""

    def written(locked: Case) -> tuple[Iterable[str], dict[str, Any]]:
        fields, found = write(locked) if write else ((), {})
        return fields, {"note": note, **(data or {}), **found}

    return transition_run(
        actor=actor,
        obj=case,
        workflow=CASE,
        name=name,
        write=written,
        refused_state=lambda locked: _refusal(locked, name),
        precheck=precheck,
        context={"on": on, **(context or {})},
    )


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
            clock_bridge.recompute(case)
        count += 1
    return count

"""The administrative ruling on patent infringement (Decree 81): docketing to the ruling, the approved
extensions of its clocks, and the parties' suit against the ruling."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhichan.cases import clocks as clock_bridge
from zhichan.cases.models import (
    Case,
    ClockKind,
)
from zhichan.cases.services.steps import (
    EXTENSION_RULES,
    S,
    _clock,
    _date,
    _deny,
    _lock,
    _premature,
    _take,
)
from zhichan.cases.timeline import event_record
from zhichan.core import audit
from zhichan.core.policy import Action, permits
from zhichan.core.workflow import IllegalTransition
from zhichan.engines.calendar import ClockError, PauseKind, Period


def case_docket(*, actor: Any, case: Case, panel: list[str], on: date | None = None) -> Case:
    """Docket with a collegial panel of an odd number, at least 3, of handlers (Art. 20)."""
    panel = [name.strip() for name in panel if name.strip()]
    if len(panel) < 3 or len(panel) % 2 == 0:
        raise ValidationError(
            {"panel": _("合议组须由三人以上单数办案人员组成（《专利纠纷行政裁决和调解办法》第二十条）")}
        )
    return _take(actor, case, "docket", on=_date(on), data={"panel": panel})


def case_refuse(*, actor: Any, case: Case, reason: str, on: date | None = None) -> Case:
    if not reason.strip():
        raise ValidationError({"reason": _("不予立案须说明理由（《专利纠纷行政裁决和调解办法》第二十条）")})
    return _take(actor, case, "refuse", on=_date(on), note=reason)


def case_serve(*, actor: Any, case: Case, on: date | None = None) -> Case:
    """Copy served on the respondent; its defence period (15 days, 30 without domicile) starts."""
    return _take(actor, case, "serve", on=_date(on))


def case_receive_defence(*, actor: Any, case: Case, on: date | None = None) -> Case:
    return _take(actor, case, "receive_defence", on=_date(on))


def case_defence_overdue(*, actor: Any, case: Case, on: date | None = None) -> Case:
    """Only once the defence period has run out; the case goes on without a defence (Art. 22)."""
    on = _date(on)

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        why = _premature(case, "defence_overdue", on)
        if why:
            raise IllegalTransition(why)
        return [], {}

    return _take(actor, case, "defence_overdue", on=on, write=write)


def case_forward_defence(*, actor: Any, case: Case, on: date | None = None) -> Case:
    """A copy of the defence sent to the requester (Art. 22: within 5 working days of its receipt)."""
    return _take(actor, case, "forward_defence", on=_date(on))


def case_hearing(*, actor: Any, case: Case, on: date | None = None) -> Case:
    return _take(actor, case, "hearing", on=_date(on))


def case_suspend(*, actor: Any, case: Case, kind: str, reason: str, on: date | None = None) -> Case:
    """Suspend (or another excluded period of Art. 37): the decision clock pauses."""
    if kind not in PauseKind.__members__.values() or not reason.strip():
        raise ValidationError({"reason": _("中止须选择事由并说明理由")})
    on = _date(on)

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        row = _clock(case, ClockKind.DECISION)
        try:
            clock_bridge.engine_clock(row).pause(PauseKind(kind), on, reason)
        except ClockError as exc:
            raise IllegalTransition(str(exc)) from None
        pause = {"kind": kind, "start": on.isoformat(), "end": None, "reason": reason, "resume_to": case.status}
        row.pauses = [*row.pauses, pause]
        row.save(update_fields=["pauses"])
        return [], {"pause": kind}

    return _take(actor, case, "suspend", on=on, write=write, note=reason)


def case_resume(*, actor: Any, case: Case, on: date | None = None) -> Case:
    on = _date(on)

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        row = _clock(case, ClockKind.DECISION)
        try:
            clock_bridge.engine_clock(row).resume(on)
        except ClockError as exc:
            raise IllegalTransition(str(exc)) from None
        row.pauses = [*row.pauses[:-1], {**row.pauses[-1], "end": on.isoformat()}]
        row.save(update_fields=["pauses"])
        case.status = row.pauses[-1].get("resume_to") or S.DOCKETED
        return [], {}

    return _take(actor, case, "resume", on=on, write=write)


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
        event_record(
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
        clock_bridge.recompute(case, on)
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

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        case.outcome = outcome.strip()[:200]
        return ["outcome"], {}

    return _take(
        actor,
        case,
        "rule",
        on=on,
        write=write,
        note=outcome,
        data={"served_on": served_on.isoformat()},
        context={"served_on": served_on},
    )


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
        event_record(actor, case, "suit_filed", note=f"{party} → {court}", data=data)
        clock_bridge.stop(case, ClockKind.SUIT_WINDOW)
        audit.record(
            actor=actor,
            action="case.suit_filed",
            object_type="case",
            object_id=case.pk,
            summary={"number": case.number or "", **data},
        )
    return case


def case_settle(*, actor: Any, case: Case, outcome: str = "", on: date | None = None) -> Case:
    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        case.outcome = outcome.strip()[:200] or str(_("调解结案"))
        return ["outcome"], {}

    return _take(actor, case, "settle", on=_date(on), write=write, note=outcome)

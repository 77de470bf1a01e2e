"""Fair complaints: the fairs, the complaint station's steps and the bans of repeat infringers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.cases.models import (
    Case,
    ClockKind,
    Fair,
    FairBan,
    FairOutcome,
    Measure,
)
from zhichan.cases.selectors import consecutive_infringements
from zhichan.cases.services.steps import (
    _clock,
    _now,
    _premature,
    _state_on,
    _take,
)
from zhichan.core import audit, limits
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.core.workflow import IllegalTransition
from zhichan.engines.rules import rule


def fair_create(*, actor: Any, data: dict[str, Any], organiser: Any = None) -> Fair:
    require(actor, "fair", Action.CREATE)
    starts_on, ends_on = data["starts_on"], data["ends_on"]
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("闭幕日不能早于开幕日")})
    limits.check_values(Fair, data)
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

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        case.fair_complaint.transferred_at = at
        case.fair_complaint.save(update_fields=["transferred_at"])
        late = _state_on(_clock(case, ClockKind.FAIR_TRANSFER), at).remaining.total_seconds() < 0
        return [], {"at": at.isoformat(), "late": late}

    return _take(actor, case, "fair_transfer", on=timezone.localtime(at).date(), write=write)


def fair_notify(*, actor: Any, case: Case, at: datetime | None = None) -> Case:
    """Notify the exhibitor; the answer period is the fair's own, or the rule's 24 hours (指引 Art. 14)."""
    at = at or _now()

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        case.fair_complaint.notified_at = at
        case.fair_complaint.save(update_fields=["notified_at"])
        return [], {"at": at.isoformat()}

    return _take(actor, case, "fair_notify", on=timezone.localtime(at).date(), write=write, context={"at": at})


def fair_answer(*, actor: Any, case: Case, at: datetime | None = None, note: str = "") -> Case:
    at = at or _now()

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        case.fair_complaint.answered_at = at
        case.fair_complaint.save(update_fields=["answered_at"])
        return [], {"at": at.isoformat()}

    return _take(actor, case, "fair_answer", on=timezone.localtime(at).date(), write=write, note=note)


def fair_measure(*, actor: Any, case: Case, measure: str, at: datetime | None = None, note: str = "") -> Case:
    """Removal or covering: after an answer, or when the answer period ran out without one (指引 Art. 14)."""
    if measure not in Measure.values:
        raise ValidationError({"measure": _("请选择处置措施")})
    at = at or _now()

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        why = _premature(case, "fair_measure", at)
        if why:
            raise IllegalTransition(why)
        case.fair_complaint.measure = measure
        case.fair_complaint.save(update_fields=["measure"])
        return [], {"measure": measure}

    return _take(actor, case, "fair_measure", on=timezone.localtime(at).date(), write=write, note=note)


def fair_decide(*, actor: Any, case: Case, outcome: str, at: datetime | None = None) -> Case:
    """The outcome; an exhibitor infringing at consecutive editions is barred from the next one."""
    if outcome not in FairOutcome.values:
        raise ValidationError({"outcome": _("请选择处理结果")})
    at = at or _now()

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
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
        return ["outcome"], data

    return _take(actor, case, "fair_decide", on=timezone.localtime(at).date(), write=write)

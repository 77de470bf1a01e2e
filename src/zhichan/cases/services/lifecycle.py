"""The steps of any channel: referral, closing, withdrawal and an authorised reopen."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhichan.cases.models import (
    CLOSED_STATUSES,
    Case,
)
from zhichan.cases.services.steps import (
    S,
    _date,
    _take,
)


def case_refer(*, actor: Any, case: Case, to: str, on: date | None = None) -> Case:
    if not to.strip():
        raise ValidationError({"to": _("请填写转办单位")})

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        case.outcome = _("转%(to)s") % {"to": to.strip()[:190]}
        return ["outcome"], {}

    return _take(actor, case, "refer", on=_date(on), write=write, note=to)


def case_close(*, actor: Any, case: Case, outcome: str = "", on: date | None = None) -> Case:
    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        case.outcome = outcome.strip()[:200] or case.outcome
        return ["outcome"], {}

    return _take(actor, case, "close", on=_date(on), write=write, note=outcome)


def case_withdraw(*, actor: Any, case: Case, reason: str = "", on: date | None = None) -> Case:
    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        case.outcome = str(_("撤回"))
        return ["outcome"], {}

    return _take(actor, case, "withdraw", on=_date(on), write=write, note=reason)


def case_reopen(*, actor: Any, case: Case, reason: str, on: date | None = None) -> Case:
    """Only an authorised official reopens a closed case, with a reason; it returns to its last open state
    and the clocks its closure stopped run on (the party clocks stop: the step's Stop)."""
    if not reason.strip():
        raise ValidationError({"reason": _("重新办理须说明理由")})

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        closing = case.events.filter(to_status=case.status).order_by("-at", "-pk").first()
        stopped = (closing.data.get("stopped_clocks") if closing else None) or []
        case.status = (
            case.status_before if case.status_before and case.status_before not in CLOSED_STATUSES else S.TRIAGED
        )
        case.outcome = ""
        case.clocks.filter(kind__in=stopped).update(stopped_at=None)
        return ["outcome"], {"restarted_clocks": stopped}

    return _take(actor, case, "reopen", on=_date(on), write=write, note=reason)

"""A case's timeline: one `CaseEvent` per move (written by the workflow for every step) or per event
that leaves the state as it is (an extension, a suit, the end of a session)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from zhichan.cases import clocks
from zhichan.cases.models import CLOSED_STATUSES, Case, CaseEvent


def record_move(case: Case, step: Any, summary: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """The move's event, and what a closure or a reopening changes on the case (the workflow's `record`).

    A case that closes remembers the state it was in and the clocks that still ran, which the closure
    stops, so that an authorised reopen can restart exactly those.
    """
    data = {key: value for key, value in summary.items() if key != "note"}
    data["on"] = step.context["on"].isoformat()
    closing = step.target in CLOSED_STATUSES and step.source not in CLOSED_STATUSES
    if closing:
        data["stopped_clocks"] = sorted(case.clocks.filter(stopped_at__isnull=True).values_list("kind", flat=True))
    CaseEvent.objects.create(
        case=case,
        at=timezone.now(),
        actor=step.actor if getattr(step.actor, "is_authenticated", False) else None,
        action=step.transition.name,
        from_status=step.source,
        to_status=step.target,
        note=summary.get("note", ""),
        data=data,
    )
    fields = ["updated_at"]
    if closing:
        case.status_before = step.source
        case.closed_at = timezone.now()
        clocks.stop(case)
        fields += ["status_before", "closed_at"]
    elif step.source in CLOSED_STATUSES and step.target not in CLOSED_STATUSES:
        case.closed_at = None
        fields.append("closed_at")
    return fields, {"number": case.number or "", **data}


def recompute_after_move(case: Case, step: Any) -> None:
    """The cached due dates follow every move (the workflow's `after`)."""
    clocks.recompute(case, step.context["on"])


def event_record(
    actor: Any, case: Case, action: str, *, note: str = "", data: dict[str, Any], at: datetime | None = None
) -> CaseEvent:
    """A timeline entry that leaves the case's status as it is (an extension, a suit, a session's end)."""
    return CaseEvent.objects.create(
        case=case,
        at=at or timezone.now(),
        actor=actor,
        action=action,
        from_status=case.status,
        to_status=case.status,
        note=note,
        data=data,
    )

"""Watched patents: an owner's request (only for a patent its organisation holds), the office's decision
or direct addition, and the daily reading of their legal events into alerts to the owner.

The patents themselves live in the patents module and are read only through `patents.selectors` (the
import edge declared in `.importlinter`). An alert is a `Reminder` of kind `patent` to the owner
organisation, once per (watched patent, legal event): a rerun of the job makes none again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import audit, jobs
from zhichan.core import services as core_services
from zhichan.core.policy import Action, acts_for
from zhichan.core.services import require
from zhichan.core.workflow import transition_run
from zhichan.engines.text import normalize
from zhichan.patents import selectors as patents
from zhichan.watch import clocks
from zhichan.watch.models import Reminder, ReminderKind, WatchedPatent, WatchState
from zhichan.watch.workflows import PATENT_WATCH

# the legal events told to the owner; a lapse for unpaid fees is urgent (the restoration window runs)
URGENT_KINDS = ("lapse_unpaid",)
INFORMATIVE_KINDS = ("invalidation", "assignment", "licence", "pledge", "restoration", "expiry")
WATCHED_KINDS = URGENT_KINDS + INFORMATIVE_KINDS


def _patent(actor: Any, patent_id: Any) -> Any:
    try:
        return patents.patent_get(user=actor, pk=patent_id)
    except (ObjectDoesNotExist, ValidationError, ValueError):
        raise ValidationError({"patent": _("专利不存在")}) from None


def _create(actor: Any, patent: Any, owner: Any, state: str, action: str) -> WatchedPatent:
    if WatchedPatent.objects.filter(patent_ref=patent.pk, owner=owner).exists():
        raise ValidationError({"patent": _("该专利已在监测名录中")})
    with transaction.atomic():
        watched = WatchedPatent.objects.create(
            patent_ref=patent.pk,
            number=patent.number,
            title=patent.title[:500],
            owner=owner,
            watch_state=state,
            requested_by=actor,
            events_seen_to=timezone.now() if state == WatchState.WATCHED else None,
        )
        audit.record(
            actor=actor,
            action=action,
            object_type="watch_patent",
            object_id=watched.pk,
            summary={"patent": patent.number, "owner": owner.pk, "state": state},
        )
    return watched


def patent_watch_request(*, actor: Any, owner: Any, patent_id: Any) -> WatchedPatent:
    """An owner asks for one of the patents its organisation holds to be watched; the office decides."""
    if not acts_for(actor, "watch_patent", Action.CREATE, owner):
        core_services.deny(
            actor=actor,
            action="watch_patent.request",
            object_type="watch_patent",
            reason="not the owner's organisation",
            message=_("只能为本单位的专利申请监测"),
        )
    patent = _patent(actor, patent_id)
    if not patents.patents_held(user=actor, organisation=owner).filter(pk=patent.pk).exists():
        core_services.deny(
            actor=actor,
            action="watch_patent.request",
            object_type="watch_patent",
            object_id=patent.pk,
            reason="the organisation does not hold the patent",
            message=_("只能为本单位持有的专利申请监测"),
        )
    return _create(actor, patent, owner, WatchState.REQUESTED, "watch_patent.request")


def patent_watch_add(*, actor: Any, owner: Any, patent_id: Any) -> WatchedPatent:
    """The office adds a patent of an owner to the watch directly (watched from now)."""
    require(actor, "watch_patent", Action.CHANGE)
    patent = _patent(actor, patent_id)
    if not patents.patents_held(user=actor, organisation=owner).filter(pk=patent.pk).exists():
        raise ValidationError({"owner": _("该组织不是此专利的专利权人")})
    return _create(actor, patent, owner, WatchState.WATCHED, "watch_patent.add")


def patent_watch_decide(*, actor: Any, watched: WatchedPatent, accept: bool, note: str = "") -> WatchedPatent:
    """The office accepts a request (the events are read from now on) or declines it with its reason."""

    def write(locked: WatchedPatent) -> tuple[list[str], dict[str, Any]]:
        if not accept and not note.strip():
            raise ValidationError({"note": _("不予监测须说明理由")})
        locked.watch_note = note.strip()[:500]
        fields = ["watch_note"]
        if accept and locked.events_seen_to is None:
            locked.events_seen_to = timezone.now()
            fields.append("events_seen_to")
        return fields, {"note": locked.watch_note}

    return transition_run(
        actor=actor, obj=watched, workflow=PATENT_WATCH, name="accept" if accept else "decline", write=write
    )


# --- the daily job ---


def _away_from(event: Any, owner: Any) -> bool:
    """An assignment that takes the patent away from the owner (not one to it, as after a merger)."""
    return not event.party_to or normalize(owner.name) not in normalize(event.party_to)


def _message(watched: WatchedPatent, event: Any) -> tuple[str, Any]:
    subject = {"number": watched.number, "title": watched.title, "date": event.date, "kind": event.get_kind_display()}
    if event.kind == "lapse_unpaid":
        window = clocks.patent_restoration_window(event.date)
        text = _(
            "贵单位监测的专利 %(number)s“%(title)s”因未缴年费（第%(year)s年度）于 %(date)s 终止；"
            "%(label)s：%(due)s（%(basis)s，%(status)s）"
        ) % {**subject, "year": event.fee_year or "—", "label": window.label, "due": window.due,
             "basis": window.basis, "status": window.status}  # fmt: skip
        return text, window.due
    text = _("贵单位监测的专利 %(number)s“%(title)s”：%(date)s %(kind)s") % subject
    parties = "→".join(p for p in (event.party_from, event.party_to) if p)
    return (f"{text}（{parties}）" if parties else text), None


def patent_events_read(*, actor: Any) -> dict[str, int]:
    """Read the legal events recorded since each watched patent's cursor, alert its owner once per event
    of a kind that matters, and move the cursor; audited when anything was made."""
    watched = list(WatchedPatent.objects.filter(watch_state=WatchState.WATCHED).select_related("owner"))
    if not watched:
        return {"patents": 0, "alerts": 0}
    since = min((w.events_seen_to for w in watched if w.events_seen_to), default=None) or timezone.now()
    by_patent: dict[Any, list[Any]] = {}
    for event in patents.legal_events_since(user=actor, since=since, kinds=WATCHED_KINDS):
        by_patent.setdefault(event.patent_id, []).append(event)
    made = urgent = 0
    with transaction.atomic():
        for item in watched:
            cursor: datetime | None = item.events_seen_to
            for event in by_patent.get(item.patent_ref, []):
                if cursor is not None and event.created_at < cursor:
                    continue
                item.events_seen_to = max(item.events_seen_to or event.created_at, event.created_at)
                if event.kind == "assignment" and not _away_from(event, item.owner):
                    continue
                message, due = _message(item, event)
                _row, created = Reminder.objects.get_or_create(
                    key=f"patent:{item.pk}:{event.pk}",
                    defaults={
                        "organisation_id": item.owner_id,
                        "kind": ReminderKind.PATENT,
                        "patent": item,
                        "event_kind": event.kind,
                        "urgent": event.kind in URGENT_KINDS,
                        "message": message,
                        "due_on": due,
                    },
                )
                made += created
                urgent += created and event.kind in URGENT_KINDS
            if item.events_seen_to != cursor:
                WatchedPatent.objects.filter(pk=item.pk).update(events_seen_to=item.events_seen_to)
        if made:
            audit.record(
                actor=actor,
                action="watch_patent.events",
                object_type="watch_patent",
                summary={"alerts": made, "urgent": urgent},
            )
    return {"patents": len(watched), "alerts": made}


def patent_events_job(context: jobs.JobContext) -> dict[str, Any]:
    return patent_events_read(actor=context.job.created_by)

"""The serious-dishonesty list's due process on the workflow kernel (`workflows.LISTING`): proposal,
prior notice (its document's digest kept), the defence period in working days, the decision by a second
official, publication, the management period, and removal (expiry, early, repair)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import audit, documents
from zhichan.core.calendar import platform_calendar
from zhichan.core.policy import Action
from zhichan.core.services import deny, require
from zhichan.core.workflow import transition_run
from zhichan.credit.models import CreditEvent, CreditFile, Listing, ListingStatus, RemovalReason
from zhichan.credit.workflows import LISTING
from zhichan.engines.calendar import Period, compute_deadline
from zhichan.engines.credit import management_until, repair_open_on
from zhichan.engines.rules import rule

OBJECT = "credit_listing"


def listing_propose(
    *, actor: Any, file: CreditFile, events: Iterable[CreditEvent], grounds: str, on: date | None = None
) -> Listing:
    require(actor, OBJECT, Action.CREATE)
    events = list(events)
    if not grounds.strip():
        raise ValidationError({"grounds": _("请写明列入理由")})
    if not events or any(e.file_id != file.pk or e.good for e in events):
        raise ValidationError({"events": _("须选择本主体的失信事项作为依据")})
    with transaction.atomic():
        listing = Listing.objects.create(
            file=file, grounds=grounds.strip(), proposed_by=actor, proposed_on=on or timezone.localdate()
        )
        listing.events.set(events)
        audit.record(
            actor=actor,
            action=f"{OBJECT}.propose",
            object_type=OBJECT,
            object_id=listing.pk,
            summary={"events": [str(e.pk) for e in events], "reason": grounds.strip()[:200]},
        )
    return listing


def notice_html(listing: Listing) -> str:
    """The prior notice (拟列入严重失信名单告知书), rendered from the stored facts (PDF through core)."""
    return documents.render("credit/notice.html", {"listing": listing, "events": list(listing.events.all())})


def listing_notify(*, actor: Any, listing: Listing, on: date | None = None) -> Listing:
    on = on or timezone.localdate()

    def write(locked: Listing) -> tuple[list[str], dict[str, Any]]:
        period = Period.of_rule("credit.defence_period")
        locked.notice_on = on
        locked.defence_until = compute_deadline(on, period, platform_calendar()).due
        locked.notice_digest = hashlib.sha256(notice_html(locked).encode()).hexdigest()
        summary = {"defence_until": str(locked.defence_until), "notice_digest": locked.notice_digest}
        return ["notice_on", "defence_until", "notice_digest"], summary

    return transition_run(actor=actor, obj=listing, workflow=LISTING, name="notify", write=write)


def listing_defence(*, actor: Any, listing: Listing, text: str) -> Listing:
    if not text.strip():
        raise ValidationError({"defence": _("请填写当事人的陈述申辩")})

    def write(locked: Listing) -> tuple[list[str], dict[str, Any]]:
        locked.defence = text.strip()
        return ["defence"], {}

    return transition_run(actor=actor, obj=listing, workflow=LISTING, name="defence", write=write)


def _second_official(actor: Any, listing: Listing, step: str) -> None:
    if listing.proposed_by_id == getattr(actor, "pk", None):
        deny(
            actor=actor,
            action=f"{OBJECT}.{step}",
            object_type=OBJECT,
            object_id=listing.pk,
            reason="proposer may not decide",
            message=_("提出列入建议的人员不能作出决定，须由另一名工作人员决定"),
        )


def listing_decide(
    *, actor: Any, listing: Listing, decision_number: str, reason: str, on: date | None = None
) -> Listing:
    """The decision to list, by a second official, only after the notice and its defence period."""
    on = on or timezone.localdate()

    def precheck() -> None:
        _second_official(actor, listing, "decide")
        if listing.defence_until is None or on <= listing.defence_until:
            raise ValidationError(
                _("陈述申辩期至 %(d)s，期满后方可决定") % {"d": listing.defence_until or _("（尚未告知）")}
            )
        if not decision_number.strip():
            raise ValidationError({"decision_number": _("请填写决定书编号")})

    def write(locked: Listing) -> tuple[list[str], dict[str, Any]]:
        locked.decided_by, locked.decided_on = actor, on
        locked.decision_number, locked.decision_reason = decision_number.strip(), reason.strip()
        fields = ["decided_by", "decided_on", "decision_number", "decision_reason"]
        return fields, {"decision_number": locked.decision_number}

    return transition_run(actor=actor, obj=listing, workflow=LISTING, name="decide", write=write, precheck=precheck)


def listing_not_list(*, actor: Any, listing: Listing, reason: str, on: date | None = None) -> Listing:
    on = on or timezone.localdate()
    if not reason.strip():
        raise ValidationError({"reason": _("请写明不予列入的理由")})

    def write(locked: Listing) -> tuple[list[str], dict[str, Any]]:
        locked.decided_by, locked.decided_on, locked.decision_reason = actor, on, reason.strip()
        return ["decided_by", "decided_on", "decision_reason"], {"reason": reason.strip()[:200]}

    return transition_run(
        actor=actor,
        obj=listing,
        workflow=LISTING,
        name="not_list",
        write=write,
        precheck=lambda: _second_official(actor, listing, "not_list"),
    )


def listing_publish(*, actor: Any, listing: Listing, on: date | None = None) -> Listing:
    on = on or timezone.localdate()

    def write(locked: Listing) -> tuple[list[str], dict[str, Any]]:
        months = rule("credit.management_period", on=on).as_int()
        locked.published_on, locked.management_until = on, management_until(on, months)
        return ["published_on", "management_until"], {"management_until": str(locked.management_until)}

    return transition_run(actor=actor, obj=listing, workflow=LISTING, name="publish", write=write)


def _remove(actor: Any, listing: Listing, name: str, reason: str, on: date) -> Listing:
    def write(locked: Listing) -> tuple[list[str], dict[str, Any]]:
        locked.removed_on, locked.removal_reason = on, reason
        return ["removed_on", "removal_reason"], {"reason": reason}

    return transition_run(actor=actor, obj=listing, workflow=LISTING, name=name, write=write)


def listing_expire(*, actor: Any, listing: Listing, on: date | None = None) -> Listing:
    on = on or timezone.localdate()
    if listing.management_until is None or on <= listing.management_until:
        raise ValidationError(_("管理期至 %(d)s，尚未届满") % {"d": listing.management_until})
    return _remove(actor, listing, "expire", RemovalReason.EXPIRY, on)


def early_removal_open_on(listing: Listing) -> date | None:
    if listing.published_on is None:
        return None
    months = rule("credit.repair_min_elapsed", on=listing.published_on).as_int()
    return repair_open_on(listing.published_on, months)


def listing_remove_early(*, actor: Any, listing: Listing, grounds: str, on: date | None = None) -> Listing:
    """Early removal on the party's application, only after the minimum period (refused with the date)."""
    on = on or timezone.localdate()
    opens = early_removal_open_on(listing)
    if opens is not None and on < opens:
        raise ValidationError(_("列入未满最短期限，%(d)s 起方可申请提前移出") % {"d": opens})
    if not grounds.strip():
        raise ValidationError({"grounds": _("请写明申请理由及已履行义务、整改情况")})
    return _remove(actor, listing, "remove_early", RemovalReason.EARLY, on)


def listings_expire_job(context: Any) -> dict[str, int]:
    """The daily run: listings whose management period has ended are removed (audited as the job's actor)."""
    today = timezone.localdate()
    removed = 0
    for listing in Listing.objects.filter(status=ListingStatus.PUBLISHED, management_until__lt=today):
        listing_expire(actor=context.job.created_by, listing=listing, on=today)
        removed += 1
    return {"removed": removed}

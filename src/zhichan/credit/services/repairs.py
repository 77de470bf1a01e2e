"""Credit repair: an application (only after the minimum period; refused with the reason before it),
its review and the decision; a granted repair ends the event's effect or removes the listing, and the
departments that received the listing are recorded as notified."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import audit
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.core.workflow import transition_run
from zhichan.credit.models import CreditEvent, Listing, Measure, RemovalReason, RepairApplication
from zhichan.credit.services.listings import early_removal_open_on
from zhichan.credit.workflows import LISTING, REPAIR
from zhichan.engines.credit import repair_open_on
from zhichan.engines.rules import rule

OBJECT = "credit_repair"


def repair_open_date(event: CreditEvent | None, listing: Listing | None) -> date | None:
    if listing is not None:
        return early_removal_open_on(listing)
    assert event is not None
    return repair_open_on(event.document_date, rule("credit.repair_min_elapsed", on=event.document_date).as_int())


def repair_submit(
    *,
    actor: Any,
    grounds: str,
    event: CreditEvent | None = None,
    listing: Listing | None = None,
    on: date | None = None,
) -> RepairApplication:
    require(actor, OBJECT, Action.CREATE)
    on = on or timezone.localdate()
    if (event is None) == (listing is None):
        raise ValidationError(_("请选择要修复的一项信用事项或一项名单"))
    opens = repair_open_date(event, listing)
    if opens is None or on < opens:
        raise ValidationError(
            _("未满申请信用修复的最短期限（%(rule)s）：%(d)s 起方可申请")
            % {"rule": rule("credit.repair_min_elapsed", on=on).basis, "d": opens or _("公示后")}
        )
    if not grounds.strip():
        raise ValidationError({"grounds": _("请写明已履行义务、整改情况")})
    file = listing.file if listing is not None else event.file  # type: ignore[union-attr]
    with transaction.atomic():
        application = RepairApplication.objects.create(
            file=file, event=event, listing=listing, applied_on=on, grounds=grounds.strip(), recorded_by=actor
        )
        audit.record(actor=actor, action=f"{OBJECT}.submit", object_type=OBJECT, object_id=application.pk)
    return application


def repair_review(*, actor: Any, application: RepairApplication, note: str) -> RepairApplication:
    def write(locked: RepairApplication) -> tuple[list[str], dict[str, Any]]:
        locked.reviewed_by, locked.review_note = actor, note.strip()
        return ["reviewed_by", "review_note"], {}

    return transition_run(actor=actor, obj=application, workflow=REPAIR, name="review", write=write)


def repair_decide(
    *, actor: Any, application: RepairApplication, grant: bool, reason: str, on: date | None = None
) -> RepairApplication:
    on = on or timezone.localdate()
    if not reason.strip():
        raise ValidationError({"reason": _("请写明决定理由")})

    def write(locked: RepairApplication) -> tuple[list[str], dict[str, Any]]:
        locked.decided_by, locked.decided_on, locked.decision_reason = actor, on, reason.strip()
        fields = ["decided_by", "decided_on", "decision_reason"]
        if grant and locked.event_id:
            CreditEvent.objects.filter(pk=locked.event_id).update(repaired_on=on)
        if grant and locked.listing_id:
            departments = sorted(set(Measure.objects.exclude(department="").values_list("department", flat=True)))
            locked.notified_departments = departments
            fields.append("notified_departments")
        return fields, {"reason": reason.strip()[:200], "departments": locked.notified_departments}

    done = transition_run(
        actor=actor, obj=application, workflow=REPAIR, name="grant" if grant else "refuse", write=write
    )
    if grant and done.listing_id:
        listing = done.listing

        def remove(locked: Listing) -> tuple[list[str], dict[str, Any]]:
            locked.removed_on, locked.removal_reason = on, RemovalReason.REPAIR
            return ["removed_on", "removal_reason"], {"reason": RemovalReason.REPAIR}

        transition_run(actor=actor, obj=listing, workflow=LISTING, name="repair", write=remove)
    return done

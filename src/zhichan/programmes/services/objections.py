"""Objections to a publicised application (公示期内的异议): recorded by the office while the publicity
runs, resolved with a reason; the decision waits for every one (`application_approve` refuses)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhichan.core import audit, limits
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.programmes.models import Application, ApplicationStatus, Objection

OBJECT = "programme_application"


def objection_record(
    *, actor: Any, application: Application, objector: str, grounds: str, received_on: date
) -> Objection:
    require(actor, "programme_review", Action.CHANGE)
    values = {"objector": objector.strip(), "grounds": grounds.strip()}
    if not values["objector"] or not values["grounds"]:
        raise ValidationError({"grounds": _("请填写异议人和异议理由")})
    limits.check_values(Objection, values)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != ApplicationStatus.PUBLICITY:
            raise ValidationError(_("只能在公示期内登记异议"))
        if locked.publicity_until and received_on > locked.publicity_until:
            raise ValidationError(_("异议在公示期（至 %(d)s）届满后收到") % {"d": locked.publicity_until})
        objection = Objection.objects.create(application=locked, received_on=received_on, recorded_by=actor, **values)
        audit.record(
            actor=actor,
            action=f"{OBJECT}.objection",
            object_type=OBJECT,
            object_id=locked.pk,
            summary={"objector": objection.objector, "received_on": str(received_on)},
        )
    return objection


def objection_resolve(
    *, actor: Any, objection: Objection, upheld: bool, resolution: str, resolved_on: date
) -> Objection:
    require(actor, "programme_review", Action.CHANGE)
    resolution = resolution.strip()
    if not resolution:
        raise ValidationError({"resolution": _("请填写处理意见")})
    limits.check_values(Objection, {"resolution": resolution})
    with transaction.atomic():
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        if locked.resolved_on is not None:
            raise ValidationError(_("该异议已处理"))
        locked.upheld, locked.resolution, locked.resolved_on = upheld, resolution, resolved_on
        locked.save(update_fields=["upheld", "resolution", "resolved_on"])
        audit.record(
            actor=actor,
            action=f"{OBJECT}.objection_resolved",
            object_type=OBJECT,
            object_id=locked.application_id,
            summary={"objector": locked.objector, "upheld": upheld},
        )
    return locked

"""The eligibility check other modules ask (subsidy, award, finance, fair): answer, measures and basis.

A subject is restricted for a purpose while it is on the published serious-dishonesty list
(`serious_dishonesty`) or while one of its bad events is in its management period and not repaired
(`credit_management`); the measures of the catalogue that name the purpose say what follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import audit
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.credit.models import Applies, CreditEvent, Listing, ListingStatus, Measure
from zhichan.engines.credit import in_management, management_until
from zhichan.engines.identifiers import clean_uscc
from zhichan.engines.rules import rule


@dataclass(frozen=True)
class Ground:
    code: str  # serious_dishonesty | credit_management
    record: str  # "credit.Listing:<pk>" / "credit.CreditEvent:<pk>"
    reason: str
    until: date | None


@dataclass(frozen=True)
class Answer:
    credit_code: str
    purpose: str
    on: date
    eligible: bool
    grounds: list[Ground] = field(default_factory=list)
    measures: list[dict[str, str]] = field(default_factory=list)


def grounds_for(credit_code: str, on: date) -> list[Ground]:
    found: list[Ground] = []
    listings = Listing.objects.filter(
        file__credit_code=credit_code, status=ListingStatus.PUBLISHED, published_on__lte=on, management_until__gte=on
    )
    for listing in listings:
        reason = _("列入严重失信主体名单（%(number)s）") % {"number": listing.decision_number}
        found.append(Ground("serious_dishonesty", f"credit.Listing:{listing.pk}", reason, listing.management_until))
    events = CreditEvent.objects.filter(file__credit_code=credit_code, good=False, repaired_on__isnull=True)
    for event in events.filter(document_date__lte=on):
        months = rule("credit.management_period", on=event.document_date).as_int()
        if in_management(event.document_date, months, on):
            until = management_until(event.document_date, months)
            reason = _("%(category)s（%(authority)s %(number)s），管理期至 %(until)s") % {
                "category": event.get_category_display(),
                "authority": event.authority,
                "number": event.document_number,
                "until": until,
            }
            found.append(Ground("credit_management", f"credit.CreditEvent:{event.pk}", reason, until))
    return found


def measures_for(grounds: list[Ground], purpose: str) -> list[dict[str, str]]:
    if not grounds:
        return []
    kinds = {Applies.BOTH}
    if any(g.code == "serious_dishonesty" for g in grounds):
        kinds.add(Applies.LISTING)
    if any(g.code == "credit_management" for g in grounds):
        kinds.add(Applies.EVENT)
    chosen = Measure.objects.filter(active=True, applies__in=kinds)
    return [
        {"code": m.code, "name": m.name, "basis": m.basis, "department": m.department}
        for m in chosen
        if not purpose or purpose in m.purposes
    ]


def eligibility_check(*, actor: Any, credit_code: str, purpose: str, on: date | None = None) -> Answer:
    """The answer for `purpose` on `on`, audited (who asked about whom)."""
    require(actor, "credit_eligibility", Action.READ)
    on = on or timezone.localdate()
    code = clean_uscc(credit_code)
    grounds = grounds_for(code, on)
    measures = measures_for(grounds, purpose)
    answer = Answer(code, purpose, on, eligible=not measures, grounds=grounds, measures=measures)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="credit_eligibility.read",
            object_type="credit_eligibility",
            object_id=code,
            summary={"purpose": purpose, "answer": "eligible" if answer.eligible else "restricted"},
        )
    return answer

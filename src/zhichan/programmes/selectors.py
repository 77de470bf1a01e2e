"""Reads of the programmes module, each narrowed by the policy."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from zhichan.core.policy import Action, allowed_queryset
from zhichan.programmes.models import (
    Application,
    ApplicationItem,
    ApplicationStatus,
    Call,
    Certification,
    Clawback,
    CopyrightRegistration,
    EnterpriseTitle,
    Finding,
    Programme,
    ProgrammeVersion,
)

FUNDED = (ApplicationStatus.APPROVED, ApplicationStatus.PAID)


def programme_list(*, user: Any) -> QuerySet[Programme]:
    return allowed_queryset(user, "programme", Action.LIST, Programme.objects.prefetch_related("versions"))


def version_list(*, user: Any, programme: Programme) -> QuerySet[ProgrammeVersion]:
    qs = ProgrammeVersion.objects.filter(programme__in=programme_list(user=user), programme=programme)
    return qs.prefetch_related("calls")


def call_list(*, user: Any) -> QuerySet[Call]:
    return Call.objects.filter(version__programme__in=programme_list(user=user)).select_related("version__programme")


def application_list(*, user: Any, status: str = "") -> QuerySet[Application]:
    qs = Application.objects.select_related("call__version__programme", "organisation")
    if status:
        qs = qs.filter(status=status)
    return allowed_queryset(user, "programme_application", Action.LIST, qs)


def application_items(application: Application) -> QuerySet[ApplicationItem]:
    return application.items.select_related("clawback").order_by("pk")


def publicity_list() -> QuerySet[Application]:
    """What is publicised (公示): applications in their publicity and those decided after it."""
    return (
        Application.objects.filter(status__in=(ApplicationStatus.PUBLICITY, *FUNDED))
        .select_related("call__version__programme", "organisation")
        .order_by("-publicity_from", "organisation__name")
    )


def finding_list(*, user: Any) -> QuerySet[Finding]:
    return allowed_queryset(user, "programme_finding", Action.LIST, Finding.objects.select_related("organisation"))


def clawback_list(*, user: Any) -> QuerySet[Clawback]:
    qs = Clawback.objects.select_related("item__application__organisation", "finding")
    return allowed_queryset(user, "programme_clawback", Action.LIST, qs)


def budget_use(version: ProgrammeVersion) -> dict[str, Any]:
    """A version's budget, what is committed (approved or paid), paid, clawed back and repaid, and the
    committed amount by district and by item kind."""
    funded = Application.objects.filter(call__version=version, status__in=FUNDED)
    committed = funded.aggregate(total=Sum("approved_total"))["total"] or Decimal(0)
    paid = funded.filter(status=ApplicationStatus.PAID).aggregate(total=Sum("payment__amount"))["total"] or Decimal(0)
    clawbacks = Clawback.objects.filter(item__application__call__version=version)
    due = clawbacks.aggregate(total=Sum("amount_due"))["total"] or Decimal(0)
    repaid = clawbacks.aggregate(total=Sum("repaid_amount"))["total"] or Decimal(0)
    by_district: dict[str, Decimal] = defaultdict(Decimal)
    for district, total in funded.values_list("organisation__district__code", "approved_total"):
        by_district[district or ""] += total
    by_kind: dict[str, Decimal] = defaultdict(Decimal)
    items = ApplicationItem.objects.filter(application__in=funded, eligible=True, voided=False)
    for kind, amount in items.values_list("kind", "amount"):
        by_kind[kind] += amount
    return {
        "budget": version.budget,
        "committed": committed,
        "paid": paid,
        "clawback_due": due,
        "repaid": repaid,
        "net_paid": paid - repaid,
        "remaining": version.budget - committed,
        "by_district": dict(sorted(by_district.items())),
        "by_kind": dict(sorted(by_kind.items())),
    }


def certification_list(*, user: Any) -> QuerySet[Certification]:
    return allowed_queryset(user, "programme_register", Action.LIST, Certification.objects.all())


def copyright_list(*, user: Any) -> QuerySet[CopyrightRegistration]:
    return allowed_queryset(user, "programme_register", Action.LIST, CopyrightRegistration.objects.all())


def title_list(*, user: Any) -> QuerySet[EnterpriseTitle]:
    return allowed_queryset(user, "programme_register", Action.LIST, EnterpriseTitle.objects.all())

"""Reads of the agencies module, narrowed by the policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from zhichan.agencies.models import Agency, AgencyKind, Inspection, InspectionPlan, Practitioner
from zhichan.core.policy import Action, allowed_queryset, permits


def agency_list(
    *, user: Any, query: str = "", kind: str = "", district: str = "", brand: str = "", active_only: bool = False
) -> QuerySet[Agency]:
    qs = allowed_queryset(user, "agency", Action.LIST, Agency.objects.select_related("parent"))
    if query.strip():
        qs = qs.filter(Q(name__contains=query.strip()) | Q(credit_code=query.strip().upper()))
    if kind:
        qs = qs.filter(kind=kind)
    if district:
        qs = qs.filter(district=district)
    if brand:
        qs = qs.filter(brand_status=brand)
    if active_only:
        qs = qs.filter(active=True)
    return qs.annotate(practitioner_count=Count("practitioners")).order_by("name", "pk")


def agency_get(*, user: Any, pk: Any) -> Agency:
    return allowed_queryset(user, "agency", Action.READ, Agency.objects.select_related("parent")).get(pk=pk)


def agency_statistics(*, user: Any) -> list[dict[str, Any]]:
    """Agencies in business by district and kind: [{"district", "kind", "count"}]."""
    return list(
        agency_list(user=user, active_only=True)
        .order_by()
        .values("district", "kind")
        .annotate(count=Count("id", distinct=True))
        .order_by("district", "kind")
    )


def dual_registrations(*, user: Any) -> list[dict[str, Any]]:
    """挂证: a certificate registered with more than one patent agency (a branch counts as its head office)."""
    agencies = agency_list(user=user).filter(kind=AgencyKind.PATENT).values_list("pk", flat=True)
    rows = (
        Practitioner.objects.filter(agency__in=agencies)
        .select_related("agency__parent")
        .order_by("certificate_number", "agency__name")
    )
    found: dict[str, list[Practitioner]] = {}
    for practitioner in rows:
        found.setdefault(practitioner.certificate_number, []).append(practitioner)
    result = []
    for certificate, practitioners in found.items():
        heads = {p.agency.parent_id or p.agency_id for p in practitioners}
        if len(heads) > 1:
            result.append({"certificate_number": certificate, "practitioners": practitioners})
    return result


def plan_list(*, user: Any) -> QuerySet[InspectionPlan]:
    return allowed_queryset(user, "agency_inspection_plan", Action.LIST, InspectionPlan.objects.all()).annotate(
        drawn=Count("inspections")
    )


def plan_get(*, user: Any, pk: Any) -> InspectionPlan:
    return allowed_queryset(user, "agency_inspection_plan", Action.READ, InspectionPlan.objects.all()).get(pk=pk)


def plan_inspections(*, plan: InspectionPlan) -> QuerySet[Inspection]:
    return plan.inspections.select_related("agency", "evidence").order_by("rank")


def public_results(*, user: Any) -> QuerySet[Inspection]:
    """Results published (一公开): visible to anyone the policy lets read them, the public included."""
    if not permits(user, "agency_inspection_public", Action.LIST):
        return Inspection.objects.none()
    return (
        Inspection.objects.filter(published_at__isnull=False)
        .select_related("agency", "plan")
        .order_by("-published_at", "plan__title", "rank")
    )

"""The programmes module's own contribution to `programmes.ineligibility`: the office's findings, the
items already funded (no double funding across programmes and years), and copyright registrations and
GB/T 29490 certificates claimed that are not in the module's registers (or not valid on the day)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from zhichan.engines.funding import Signal
from zhichan.programmes.extension import IneligibilityQuery
from zhichan.programmes.models import (
    ApplicationItem,
    ApplicationStatus,
    Certification,
    CopyrightRegistration,
    Finding,
    FindingKind,
    ItemKind,
)

FUNDED = (ApplicationStatus.APPROVED, ApplicationStatus.PAID)


def _items_q(items: Iterable[tuple[str, str]], kind_field: str, number_field: str) -> Q:
    q = Q(pk__in=[])
    for kind, number in items:
        q |= Q(**{kind_field: kind, number_field: number})
    return q


def own_signals(query: IneligibilityQuery) -> list[Signal]:
    found: list[Signal] = []
    for finding in Finding.objects.filter(
        _items_q(query.items, "item_kind", "item_number") | Q(organisation_id=query.organisation_id, item_number="")
    ):
        item = (finding.item_kind, finding.item_number) if finding.item_number else None
        found.append(Signal(finding.kind, f"programmes.Finding:{finding.pk}", finding.basis, item=item))
    funded = (
        ApplicationItem.objects.filter(_items_q(query.items, "kind", "number"), application__status__in=FUNDED)
        .exclude(application_id=query.application_id or None)
        .filter(voided=False)
        .select_related("application__call__version__programme")
    )
    for item in funded:
        version = item.application.call.version
        reason = f"{version.programme.name}（{version.year}）"
        found.append(
            Signal("already_funded", f"programmes.ApplicationItem:{item.pk}", reason, (item.kind, item.number))
        )
    found.extend(_unregistered(query))
    return found


def _unregistered(query: IneligibilityQuery) -> list[Signal]:
    """`not_in_register` for a claimed registration or certificate the registers do not hold as valid."""
    copyrights = {n for k, n in query.items if k == ItemKind.COPYRIGHT}
    certificates = {n for k, n in query.items if k == ItemKind.CERTIFICATE}
    known = set(CopyrightRegistration.objects.filter(number__in=copyrights).values_list("number", flat=True))
    valid = Certification.objects.filter(
        certificate_number__in=certificates, status="valid", issued_on__lte=query.on, expires_on__gte=query.on
    )
    known |= set(valid.values_list("certificate_number", flat=True))
    missing = [(ItemKind.COPYRIGHT, n) for n in sorted(copyrights - known)]
    missing += [(ItemKind.CERTIFICATE, n) for n in sorted(certificates - known)]
    return [
        Signal("not_in_register", f"{kind}:{number}", "登记或认证名录中没有有效记录", (kind, number))
        for kind, number in missing
    ]


__all__ = ["FindingKind", "own_signals"]

"""The programmes module's own contribution to `programmes.ineligibility`: the office's findings and
the items already funded (no double funding across programmes and years)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from zhichan.engines.funding import Signal
from zhichan.programmes.extension import IneligibilityQuery
from zhichan.programmes.models import ApplicationItem, ApplicationStatus, Finding, FindingKind

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
    return found


__all__ = ["FindingKind", "own_signals"]

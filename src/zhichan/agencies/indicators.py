"""Indicator providers of the agencies module: 知识产权服务机构 counted from the directory.

The plan's indicator (3,000 agencies in 2020, 3,500 by 2025) is the agencies in business at the end
of the period; `count_by` gives the same count by district and kind (the statistics page shows it)."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from zhichan.agencies import selectors
from zhichan.agencies.models import Agency, AgencyKind
from zhichan.core.indicators import ProvidedValue


def period_end(year: int, quarter: int | None) -> datetime:
    """The first moment after the year (or quarter), in the platform's time zone."""
    if quarter is None or quarter == 4:
        year, month = year + 1, 1
    else:
        month = quarter * 3 + 1
    return timezone.make_aware(datetime.combine(datetime(year, month, 1).date(), time.min))


def in_business(*, actor: Any, year: int, quarter: int | None, kind: str = "", district: str = "") -> QuerySet[Agency]:
    return selectors.agency_list(user=actor, kind=kind, district=district, active_only=True).filter(
        created_at__lt=period_end(year, quarter)
    )


def _provided(qs: QuerySet[Agency], note: str) -> ProvidedValue:
    ids = [str(pk) for pk in qs.values_list("pk", flat=True)]
    return ProvidedValue(value=Decimal(len(ids)), record_count=len(ids), records=tuple(ids[:1000]), note=note)


def count_by(*, actor: Any, year: int, quarter: int | None = None) -> dict[tuple[str, str], int]:
    """{(district, kind): count} at the end of the period."""
    counts: dict[tuple[str, str], int] = {}
    for district, kind in in_business(actor=actor, year=year, quarter=quarter).values_list("district", "kind"):
        counts[(district, kind)] = counts.get((district, kind), 0) + 1
    return counts


def service_agencies(*, actor: Any, year: int, quarter: int | None) -> ProvidedValue:
    return _provided(in_business(actor=actor, year=year, quarter=quarter), "agencies.Agency(active)")


def patent_agencies(*, actor: Any, year: int, quarter: int | None) -> ProvidedValue:
    qs = in_business(actor=actor, year=year, quarter=quarter, kind=AgencyKind.PATENT)
    return _provided(qs, "agencies.Agency(active, kind=patent_agency)")

"""Indicator providers of the programmes module: 作品著作权登记数量 (the plan's steady-growth indicator,
counted by registration year), GB/T 29490 certified units valid at the period's end, and national and
provincial demonstration and advantage enterprises on the lists and not withdrawn at the period's end."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from zhichan.core.indicators import ProvidedValue
from zhichan.programmes import selectors


def period(year: int, quarter: int | None) -> tuple[date, date]:
    """The first day and the day after the last of the year (or of the quarter)."""
    if quarter is None:
        return date(year, 1, 1), date(year + 1, 1, 1)
    start = date(year, quarter * 3 - 2, 1)
    return start, date(year + 1, 1, 1) if quarter == 4 else date(year, quarter * 3 + 1, 1)


def _provided(qs: QuerySet[Any], note: str, *, distinct: str = "pk") -> ProvidedValue:
    ids = sorted({str(v) for v in qs.values_list(distinct, flat=True)})
    return ProvidedValue(value=Decimal(len(ids)), record_count=len(ids), records=tuple(ids[:1000]), note=note)


def copyright_registrations(*, actor: Any, year: int, quarter: int | None) -> ProvidedValue:
    start, end = period(year, quarter)
    qs = selectors.copyright_list(user=actor).filter(registered_on__gte=start, registered_on__lt=end)
    return _provided(qs, "programmes.CopyrightRegistration(registered_on in period)")


def certified_units(*, actor: Any, year: int, quarter: int | None) -> ProvidedValue:
    """Units (by credit code) holding a valid certificate on the period's last day."""
    _start, end = period(year, quarter)
    last = end - timedelta(days=1)
    qs = selectors.certification_list(user=actor).filter(issued_on__lte=last, expires_on__gte=last, status="valid")
    return _provided(qs, "programmes.Certification(valid at end, distinct credit code)", distinct="credit_code")


def demonstration_enterprises(*, actor: Any, year: int, quarter: int | None) -> ProvidedValue:
    _start, end = period(year, quarter)
    qs = selectors.title_list(user=actor).filter(year__lte=year)
    qs = qs.filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=end))
    return _provided(
        qs, "programmes.EnterpriseTitle(listed, not withdrawn, distinct credit code)", distinct="credit_code"
    )

"""The planning module's own indicator provider, and the period bounds providers count within.

The registry of providers lives in core (`zhichan.core.indicators`): every module declares its
providers in its manifest; this one counts the service agencies of core's directory.
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import Any

from django.utils import timezone

from zhichan.core import selectors as core_selectors
from zhichan.core.indicators import ProvidedValue


def period_end(year: int, quarter: int | None) -> datetime:
    """The first moment after the year (or quarter), in the platform's time zone."""
    if quarter is None:
        year, month = year + 1, 1
    else:
        month = quarter * 3 + 1
        if month > 12:
            year, month = year + 1, 1
    return timezone.make_aware(datetime.combine(datetime(year, month, 1).date(), time.min))


def ip_service_agencies(*, actor: Any, year: int, quarter: int | None) -> ProvidedValue:
    """IP service agencies registered in the platform's directory at the end of the period."""
    qs = core_selectors.organisation_list(user=actor, kind="ip_service_agency").filter(
        created_at__lt=period_end(year, quarter)
    )
    ids = [str(pk) for pk in qs.values_list("pk", flat=True)]
    return ProvidedValue(
        value=Decimal(len(ids)),
        record_count=len(ids),
        records=tuple(ids),
        note="core.Organisation(kind=ip_service_agency)",
    )

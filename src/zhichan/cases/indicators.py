"""Yearly counts of cases that feed the plan's indicators (declared in the cases manifest).

知识产权维权援助和调解办案量: cases handled through rights assistance or mediation, by date of receipt.
知识产权仲裁案件数: cases referred to arbitration, by date of receipt. Both count only what the
asking user may list (the policy table), so an official sees the whole city's figure.
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import Any

from django.utils import timezone

from zhichan.cases import selectors
from zhichan.cases.models import Channel
from zhichan.core.indicators import ProvidedValue

ASSISTANCE_AND_MEDIATION = (Channel.RIGHTS_ASSISTANCE, Channel.MEDIATION)


def _bounds(year: int, quarter: int | None) -> tuple[datetime, datetime]:
    first_month, months = (1, 12) if quarter is None else (3 * quarter - 2, 3)
    start = datetime(year, first_month, 1)
    end_month = first_month + months
    end = datetime(year + (end_month > 12), (end_month - 1) % 12 + 1, 1)
    aware = [timezone.make_aware(datetime.combine(moment.date(), time.min)) for moment in (start, end)]
    return aware[0], aware[1]


def count_cases(*, actor: Any, year: int, quarter: int | None, channels: tuple[str, ...]) -> tuple[int, list[str]]:
    start, end = _bounds(year, quarter)
    qs = selectors.case_list(user=actor).filter(channel__in=channels, received_at__gte=start, received_at__lt=end)
    ids = [str(pk) for pk in qs.values_list("pk", flat=True)]
    return len(ids), ids


def _provided(channels: tuple[str, ...], note: str, *, actor: Any, year: int, quarter: int | None) -> ProvidedValue:
    count, ids = count_cases(actor=actor, year=year, quarter=quarter, channels=channels)
    return ProvidedValue(value=Decimal(count), record_count=count, records=tuple(ids[:1000]), note=note)


def assistance_and_mediation_per_year(*, actor: Any, year: int, quarter: int | None) -> ProvidedValue:
    return _provided(
        ASSISTANCE_AND_MEDIATION,
        "cases.Case(channel in rights_assistance, mediation)",
        actor=actor,
        year=year,
        quarter=quarter,
    )


def arbitration_per_year(*, actor: Any, year: int, quarter: int | None) -> ProvidedValue:
    return _provided((Channel.ARBITRATION,), "cases.Case(channel=arbitration)", actor=actor, year=year, quarter=quarter)

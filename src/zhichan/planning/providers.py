"""The indicator provider registry: modules compute indicators from their own records.

A provider is `fn(*, actor, year, quarter) -> ProvidedValue`: the value for that year (or quarter)
and the records it counted, so that every computed observation keeps its lineage (which provider,
which records, how many, when). Modules register theirs at start-up, e.g. the cases module:

    register_indicator_provider("cases.mediation_per_year", mediation_cases_per_year,
                                label="调解与维权援助案件数（本平台）")

and the IP office links an indicator to a provider (`services.indicator_provider_set`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from typing import Any, Protocol

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhichan.core import selectors as core_selectors


@dataclass(frozen=True, slots=True)
class ProvidedValue:
    value: Decimal
    record_count: int
    records: tuple[str, ...] = ()  # identifiers of the records counted (kept up to a limit)
    note: str = ""


class Provider(Protocol):
    def __call__(self, *, actor: Any, year: int, quarter: int | None) -> ProvidedValue: ...


@dataclass(frozen=True, slots=True)
class RegisteredProvider:
    name: str
    fn: Provider
    label: str


_PROVIDERS: dict[str, RegisteredProvider] = {}


def register_indicator_provider(name: str, fn: Provider | Callable[..., ProvidedValue], *, label: str = "") -> None:
    """Register (or replace) the provider `name`; the label is what officials choose from."""
    _PROVIDERS[name] = RegisteredProvider(name=name, fn=fn, label=str(label or name))


def indicator_provider(name: str) -> RegisteredProvider:
    try:
        return _PROVIDERS[name]
    except KeyError:
        raise LookupError(f"unknown indicator provider {name!r}; known: {', '.join(sorted(_PROVIDERS))}") from None


def indicator_providers() -> list[RegisteredProvider]:
    return sorted(_PROVIDERS.values(), key=lambda p: p.name)


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


register_indicator_provider(
    "core.ip_service_agencies", ip_service_agencies, label=_("本平台登记的知识产权服务机构数（期末）")
)

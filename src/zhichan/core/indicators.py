"""The indicator provider registry: modules compute plan indicators from their own records.

A provider is `fn(*, actor, year, quarter) -> ProvidedValue`: the value for that year (or quarter)
and the records it counted, so that every computed observation keeps its lineage (which provider,
which records, how many, when). Modules declare theirs in their manifest (`indicators=`), core
registers them at start-up, and the planning module lets the IP office link an indicator to one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol


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
    label: Any  # lazily translated: officials choose from it in their language


_PROVIDERS: dict[str, RegisteredProvider] = {}


def register_indicator_provider(name: str, fn: Provider | Callable[..., ProvidedValue], *, label: Any = "") -> None:
    """Register (or replace) the provider `name`; the label is what officials choose from."""
    _PROVIDERS[name] = RegisteredProvider(name=name, fn=fn, label=label or name)


def indicator_provider(name: str) -> RegisteredProvider:
    try:
        return _PROVIDERS[name]
    except KeyError:
        raise LookupError(f"unknown indicator provider {name!r}; known: {', '.join(sorted(_PROVIDERS))}") from None


def indicator_providers() -> list[RegisteredProvider]:
    return sorted(_PROVIDERS.values(), key=lambda p: p.name)

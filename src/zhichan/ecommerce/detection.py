"""The platform's side of the listing engine: the detector built from the brand registry, cached.

Building a detector generates every brand's variants and compiles the automata, so it is kept per
process and rebuilt only when the registry changes (its fingerprint is the brands' latest update,
their count and the authorised sellers' count).
"""

from __future__ import annotations

import threading
from typing import Any

from django.db.models import Count, Max

from zhichan.ecommerce.models import AuthorisedSeller, BrandStatus, ProtectedBrand
from zhichan.engines.listings import Brand, Detector

_lock = threading.Lock()
_cached: dict[str, Any] = {"key": None, "detector": None, "brands": {}}


def _fingerprint() -> tuple[Any, ...]:
    brands = ProtectedBrand.objects.filter(status=BrandStatus.ACTIVE).aggregate(last=Max("updated_at"), n=Count("id"))
    sellers = AuthorisedSeller.objects.aggregate(n=Count("id"), last=Max("id"))
    return brands["last"], brands["n"], sellers["n"], sellers["last"]


def _engine_brand(brand: ProtectedBrand, sellers: list[str]) -> Brand:
    return Brand(
        name=brand.name,
        owner=str(brand.owner_id),
        aliases=tuple(brand.aliases),
        categories=tuple(brand.categories),
        authorised_sellers=frozenset(sellers),
        price_min=float(brand.price_min) if brand.price_min is not None else None,
        price_max=float(brand.price_max) if brand.price_max is not None else None,
    )


def current_detector() -> tuple[Detector | None, dict[tuple[str, str], ProtectedBrand]]:
    """The detector over the active brands and the map from engine brands back to registry rows."""
    key = _fingerprint()
    with _lock:
        if _cached["key"] != key:
            sellers: dict[Any, list[str]] = {}
            for brand_id, seller in AuthorisedSeller.objects.values_list("brand_id", "seller"):
                sellers.setdefault(brand_id, []).append(seller)
            rows = list(ProtectedBrand.objects.filter(status=BrandStatus.ACTIVE))
            engine_brands = [_engine_brand(row, sellers.get(row.pk, [])) for row in rows]
            _cached["detector"] = Detector(engine_brands) if engine_brands else None
            _cached["brands"] = {(row.name, str(row.owner_id)): row for row in rows}
            _cached["key"] = key
        return _cached["detector"], _cached["brands"]

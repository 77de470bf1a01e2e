"""The platform's side of the listing engine: the detector built from the brand registry, cached.

Building a detector generates every brand's variants and compiles the automata, so it is kept per
process and rebuilt only when the registry changes (its fingerprint is the brands' latest update,
their count and the authorised sellers' count).
"""

from __future__ import annotations

import threading
from typing import Any

from django.db.models import Count, Max

from zhichan.ecommerce.models import (
    AuthorisedSeller,
    BrandCategoryPrice,
    BrandStatus,
    CounterfeitTerm,
    LegitimateContext,
    ProtectedBrand,
)
from zhichan.engines import listings as engine
from zhichan.engines.listings import Brand, Detector

_lock = threading.Lock()
_cached: dict[str, Any] = {"key": None, "detector": None, "brands": {}}


def forget() -> None:
    """Drop the cached detector: the next scan builds it from the tables again (tests start with none)."""
    with _lock:
        _cached.update(key=None, detector=None, brands={})


def _fingerprint() -> tuple[Any, ...]:
    brands = ProtectedBrand.objects.filter(status=BrandStatus.ACTIVE).aggregate(last=Max("updated_at"), n=Count("id"))
    sellers = AuthorisedSeller.objects.aggregate(n=Count("id"), last=Max("id"))
    terms = CounterfeitTerm.objects.filter(active=True).aggregate(n=Count("id"), last=Max("updated_at"))
    contexts = LegitimateContext.objects.filter(active=True).aggregate(n=Count("id"), last=Max("updated_at"))
    ranges = BrandCategoryPrice.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (
        brands["last"],
        brands["n"],
        sellers["n"],
        sellers["last"],
        terms["n"],
        terms["last"],
        contexts["n"],
        contexts["last"],
        ranges["n"],
        ranges["last"],
    )


def _vocabulary() -> engine.Vocabulary:
    """The officials' editable tables from the database; look-alike characters from the engine."""
    return engine.Vocabulary(
        counterfeit_terms=tuple(
            engine.CounterfeitTerm(t.term, t.weight, t.meaning) for t in CounterfeitTerm.objects.filter(active=True)
        ),
        legitimate_contexts=tuple(
            engine.LegitimateContext(
                cue=c.cue,
                kind=engine.ContextKind(c.kind),
                position=engine.Position(c.position),
                window=c.window,
                factor=c.factor,
                meaning=c.meaning,
                not_followed_by=c.not_followed_by,
            )
            for c in LegitimateContext.objects.filter(active=True)
        ),
        lookalikes=engine.load_lookalikes(),
    )


def _bound(value: Any) -> float | None:
    return float(value) if value is not None else None


def _engine_brand(brand: ProtectedBrand, sellers: list[str], ranges: list[BrandCategoryPrice]) -> Brand:
    return Brand(
        name=brand.name,
        owner=str(brand.owner_id),
        aliases=tuple(brand.aliases),
        categories=tuple(brand.categories),
        authorised_sellers=frozenset(sellers),
        price_min=float(brand.price_min) if brand.price_min is not None else None,
        price_max=float(brand.price_max) if brand.price_max is not None else None,
        category_prices=tuple(
            engine.CategoryPrice(r.category, _bound(r.price_min), _bound(r.price_max)) for r in ranges
        ),
    )


def current_detector() -> tuple[Detector | None, dict[tuple[str, str], ProtectedBrand]]:
    """The detector over the active brands and the map from engine brands back to registry rows."""
    key = _fingerprint()
    with _lock:
        if _cached["key"] != key:
            sellers: dict[Any, list[str]] = {}
            for brand_id, seller in AuthorisedSeller.objects.values_list("brand_id", "seller"):
                sellers.setdefault(brand_id, []).append(seller)
            ranges: dict[Any, list[BrandCategoryPrice]] = {}
            for entry in BrandCategoryPrice.objects.order_by("brand_id", "category"):
                ranges.setdefault(entry.brand_id, []).append(entry)
            rows = list(ProtectedBrand.objects.filter(status=BrandStatus.ACTIVE))
            engine_brands = [_engine_brand(row, sellers.get(row.pk, []), ranges.get(row.pk, [])) for row in rows]
            _cached["detector"] = Detector(engine_brands, _vocabulary()) if engine_brands else None
            _cached["brands"] = {(row.name, str(row.owner_id)): row for row in rows}
            _cached["key"] = key
        return _cached["detector"], _cached["brands"]

"""The platform's side of the listing engine: the detector built from the brand registry, cached.

Building a detector generates every brand's variants and compiles the automata, so it is kept per
process and rebuilt only when the registry changes (its fingerprint is the brands' latest update,
their count and the authorised sellers' count).
"""

from __future__ import annotations

import threading
from typing import Any

from django.db import connection

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
    """What the registry is now, in one query (it runs on every batch): each table's count and latest
    change, as scalar subqueries of one SELECT (they were five aggregate queries; issue 20, load)."""
    parts = [
        (ProtectedBrand, "updated_at", "status = %s", [BrandStatus.ACTIVE.value]),
        (AuthorisedSeller, "id", "", []),
        (CounterfeitTerm, "updated_at", "active = %s", [True]),
        (LegitimateContext, "updated_at", "active = %s", [True]),
        (BrandCategoryPrice, "updated_at", "", []),
    ]
    selects: list[str] = []
    params: list[Any] = []
    for model, last, where, values in parts:
        table = connection.ops.quote_name(model._meta.db_table)
        condition = f" WHERE {where}" if where else ""
        count = f"(SELECT COUNT(*) FROM {table}{condition})"  # noqa: S608 -- names from the models
        latest = f"(SELECT MAX({last}) FROM {table}{condition})"  # noqa: S608 -- names from the models
        selects += [count, latest]
        params += values * 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        return tuple(cursor.fetchone())


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

"""Issue 20, item 1 (and the dates of item 8): every number and date is bounded where it comes in, and
one bad stored row cannot take down a read path."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from rest_framework.test import APIClient

from zhichan.ecommerce import services
from zhichan.ecommerce.models import BrandCategoryPrice, Clue, Listing, ProtectedBrand

pytestmark = pytest.mark.django_db
FAKE = {"listing_id": "F1", "title": "王老吉 高仿 凉茶 一箱", "price": "20", "seller_id": "s9"}


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_a_brand_price_beyond_its_column_is_refused_on_the_page_and_by_the_service(client, users, orgs):
    client.force_login(users["rights_holder"])
    response = client.post(
        "/ecommerce/brands/", {"name": "天价牌", "owner": str(orgs["own"].pk), "price_min": "1e20", "price_max": "1e21"}
    )
    assert response.status_code == 200 and "整数部分最多 10 位" in response.content.decode()
    assert not ProtectedBrand.objects.filter(name="天价牌").exists()
    with pytest.raises(ValidationError) as refused:
        services.brand_register(
            actor=users["official"], owner=orgs["own"], data={"name": "天价牌", "price_max": "1e20"}
        )
    assert "price_max" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.brand_register(
            actor=users["official"], owner=orgs["own"], data={"name": "天价牌", "category_prices": "手袋:1-1e20"}
        )
    assert not ProtectedBrand.objects.filter(name="天价牌").exists()


def test_a_category_price_beyond_its_column_is_refused(market, users):
    with pytest.raises(ValidationError):
        services.brand_category_price_save(
            actor=users["official"], brand=market["brand"], category="凉茶", price_max="123456789012"
        )
    assert not BrandCategoryPrice.objects.filter(category="凉茶").exists()


def test_a_listing_price_beyond_its_column_rejects_that_item_only(market):
    items = [{**FAKE, "listing_id": "BIG", "price": "1e15"}, FAKE, {**FAKE, "listing_id": "NAN", "price": "NaN"}]
    response = _api(market["client"]).post("/api/v1/listings/batch", {"items": items}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert [r["status"] for r in body["items"]] == ["rejected", "created", "rejected"]
    assert "price" in body["items"][0]["errors"] and "price" in body["items"][2]["errors"]
    assert list(Listing.objects.values_list("listing_id", flat=True)) == ["F1"]


def test_an_impossible_first_seen_rejects_that_item_not_the_batch(market):
    items = [{**FAKE, "listing_id": f"L{i}", "first_seen": "2025-03-01T10:00:00+08:00"} for i in range(1000)]
    items[500]["first_seen"] = "2025-02-30T10:00:00"
    items[600]["first_seen"] = "0001-01-01T00:00:00"
    response = _api(market["client"]).post("/api/v1/listings/batch", {"items": items}, format="json")
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert (body["created"], body["rejected"]) == (998, 2)
    assert set(body["items"][500]["errors"]) == {"first_seen"} and set(body["items"][600]["errors"]) == {"first_seen"}


def test_a_stored_price_out_of_its_column_cannot_take_down_intake_or_pages(market, users, client, caplog):
    """Before the bounds, a brand registered with price_min=1e20 made every batch of every platform, the
    brand page and the clue pages answer 500 (InvalidOperation when reading the row)."""
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite can store a number that does not fit its column (PostgreSQL refuses it)")
    ProtectedBrand.objects.filter(pk=market["brand"].pk).update(price_min=Decimal("1e20"))
    with caplog.at_level(logging.WARNING, logger="zhichan.core.limits"):
        response = _api(market["client"]).post("/api/v1/listings/batch", {"items": [FAKE]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["items"][0]["clues"] == 1
    assert "does not fit its column" in caplog.text and "ProtectedBrand.price_min" in caplog.text
    Listing.objects.filter(listing_id="F1").update(price=Decimal("1e15"))
    client.force_login(users["official"])
    clue = Clue.objects.get()
    for path in ("/ecommerce/brands/", "/ecommerce/clues/", f"/ecommerce/clues/{clue.pk}/"):
        assert client.get(path).status_code == 200, path
    api = _api(users["official"])
    for path in ("/api/v1/brands/", "/api/v1/clues/", "/api/v1/listings/"):
        answer = api.get(path)
        assert answer.status_code in (200, 404), (path, answer.content[:200])
    assert ProtectedBrand.objects.get(pk=market["brand"].pk).price_min is None  # read as empty, logged

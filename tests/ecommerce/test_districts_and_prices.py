"""Sellers' districts (intake, statistics) and reference prices per category of goods."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from tests.kit import assert_denied_and_audited
from zhichan.core.models import AuditEntry, Role, User
from zhichan.ecommerce import selectors, services
from zhichan.ecommerce.models import BrandCategoryPrice, Clue, Listing

FAKE = {"title": "高仿 王老吉凉茶 24罐 工厂直销", "price": "19.90", "seller_id": "好运食品店", "category": "饮料"}


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def _district(listing_id):
    listing = Listing.objects.select_related("seller_district").get(listing_id=listing_id)
    return listing.seller_district.code if listing.seller_district else None, listing.seller_address


# --- sellers' districts ---


def test_intake_derives_the_district_from_the_address_or_the_district_field(market):
    items = [
        {**FAKE, "listing_id": "D1", "seller_address": "廣州市天河區體育西路1號"},  # Traditional address
        {**FAKE, "listing_id": "D2", "seller_district": "440105"},  # a code
        {**FAKE, "listing_id": "D3", "seller_district": "番禺", "seller_address": "大石街105国道旁"},
        {**FAKE, "listing_id": "D4", "seller_address": "广东省深圳市南山区科技园"},  # another city
        {**FAKE, "listing_id": "D5", "seller_district": "贵阳市白云区"},  # another 白云区
        {**FAKE, "listing_id": "D6"},  # none: the fields are optional
    ]
    body = _api(market["client"]).post("/api/v1/listings/batch", {"items": items}, format="json").json()
    assert [i["status"] for i in body["items"]] == ["created"] * 6
    assert _district("D1") == ("440106", "廣州市天河區體育西路1號")
    assert _district("D2") == ("440105", "440105")  # a district alone is kept as the address
    assert _district("D3") == ("440113", "大石街105国道旁")
    assert _district("D4") == (None, "广东省深圳市南山区科技园")
    assert _district("D5") == (None, "贵阳市白云区")
    assert _district("D6") == (None, "")
    listed = {r["listing_id"]: r for r in _api(market["client"]).get("/api/v1/listings/").json()["results"]}
    assert listed["D1"]["seller_district"] == "440106" and listed["D4"]["seller_district"] is None
    assert listed["D1"]["seller_address"] == "廣州市天河區體育西路1號"


def test_district_fields_keep_intake_idempotent_and_are_checked(market):
    api = _api(market["client"])
    plain = {**FAKE, "listing_id": "I1"}
    assert api.post("/api/v1/listings/batch", {"items": [plain]}, format="json").json()["items"][0]["status"] == (
        "created"
    )
    # Empty new fields do not change the content hash: a listing stored before them stays unchanged.
    again = {**plain, "seller_address": "", "seller_district": ""}
    assert api.post("/api/v1/listings/batch", {"items": [again]}, format="json").json()["items"][0]["status"] == (
        "unchanged"
    )
    moved = {**plain, "seller_address": "广州市海珠区凤阳街"}
    result = api.post("/api/v1/listings/batch", {"items": [moved]}, format="json").json()["items"][0]
    assert result["status"] == "updated" and _district("I1")[0] == "440105"
    too_long = {**FAKE, "listing_id": "I2", "seller_address": "路" * 301}
    result = api.post("/api/v1/listings/batch", {"items": [too_long]}, format="json").json()["items"][0]
    assert result["status"] == "rejected" and set(result["errors"]) == {"seller_address"}
    assert not Listing.objects.filter(listing_id="I2").exists()


def test_listings_stored_before_the_district_fields_keep_their_content_hash(market, platform):
    """The hash of the first release (every intake field, no district fields) is unchanged, so a
    platform re-sending its catalogue after the upgrade sees "unchanged", not a rescan of everything."""
    services.listings_submit(actor=market["client"], platform=platform, items=[{**FAKE, "listing_id": "H1"}])
    listing = Listing.objects.get(listing_id="H1")
    first_release = {
        "listing_id": "H1",
        "title": FAKE["title"],
        "seller_id": FAKE["seller_id"],
        "seller_name": "",
        "shop_name": "",
        "category": FAKE["category"],
        "url": "",
        "currency": "CNY",
        "description": "",
        "price": "19.90",
        "cross_border": "False",
        "first_seen": "None",
    }
    text = json.dumps(dict(sorted(first_release.items())), ensure_ascii=False)
    assert listing.content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_import_command_reads_the_district_columns(market, platform, tmp_path):
    path = tmp_path / "listings.csv"
    path.write_text(
        "商品编号,标题,价格,seller,卖家地址,所在区\n"
        "C1,高仿 王老吉凉茶 工厂直销,19.9,好运食品店,广州市白云区石井街,\n"
        "C2,王老吉凉茶 超A,20,某店,,越秀区\n"
        "C3,王老吉凉茶 高仿,20,某店,,\n",
        encoding="utf-8",
    )
    call_command("ecommerce", "import-listings", str(path), "--platform", platform.name, "--as-user", "t-vip")
    assert _district("C1") == ("440111", "广州市白云区石井街")
    assert _district("C2") == ("440104", "越秀区")
    assert _district("C3") == (None, "")


def test_import_command_reads_an_xlsx_workbook_with_the_district_columns(market, platform, tmp_path):
    from zhichan.engines.tabular import write_xlsx

    path = tmp_path / "listings.xlsx"
    path.write_bytes(
        write_xlsx(
            ["商品编号", "标题", "价格", "seller", "卖家地址", "所在区"],
            [
                ["X1", "高仿 王老吉凉茶 工厂直销", 19.9, "好运食品店", "廣州市海珠區", ""],
                ["X2", "王老吉凉茶 超A", 20, "某店", "", 440118],  # a code typed as a number
                ["X3", "", 20, "某店", "", ""],  # no title: reported, the others kept
            ],
        )
    )
    with pytest.raises(CommandError) as failed:
        call_command("ecommerce", "import-listings", str(path), "--platform", platform.name, "--as-user", "t-vip")
    assert failed.value.returncode == 2
    assert _district("X1") == ("440105", "廣州市海珠區")
    assert _district("X2") == ("440118", "440118")
    assert not Listing.objects.filter(listing_id="X3").exists()


def test_statistics_count_clues_by_sellers_district(market, platform, users, client):
    items = [
        {**FAKE, "listing_id": "S1", "seller_address": "广州市天河区体育西路"},
        {**FAKE, "listing_id": "S2", "seller_address": "天河區林和西路"},
        {**FAKE, "listing_id": "S3", "seller_district": "440113"},
        {**FAKE, "listing_id": "S4", "seller_address": "浙江省义乌市"},
        {**FAKE, "listing_id": "S5"},
        {
            **FAKE,
            "listing_id": "S6",
            "title": "王老吉凉茶310ml*24罐",
            "seller_id": "王老吉官方旗舰店",
            "price": "68",
            "seller_address": "广州市海珠区",
        },  # genuine: no clue, not counted
    ]
    services.listings_submit(actor=market["client"], platform=platform, items=items)
    assert Clue.objects.count() == 5
    rows = selectors.clue_statistics(user=users["official"])["by_district"]
    counts = {row["code"]: row["n"] for row in rows}
    assert len(rows) == 13 and [row["district"] for row in rows[:2]] == ["荔湾区", "越秀区"]
    assert counts == {
        **{code: 0 for code in counts if code.isdigit()},
        "440106": 2,
        "440113": 1,
        "outside": 1,
        "unknown": 1,
    }
    assert sum(counts.values()) == Clue.objects.count()
    # the API gives the same counts, narrowed to what the user may see
    body = _api(users["official"]).get("/api/v1/clues/statistics/").json()
    assert {row["code"]: row["n"] for row in body["by_district"]} == counts
    stranger = User.objects.create_user(username="t-s", password="x-password-123", role=Role.RIGHTS_HOLDER)
    narrowed = _api(stranger).get("/api/v1/clues/statistics/").json()
    assert sum(row["n"] for row in narrowed["by_district"]) == 0
    assert _api(market["client"]).get("/api/v1/clues/statistics/").status_code == 403  # platforms see no clues
    for district, expected in (("440106", {"S1", "S2"}), ("outside", {"S4"}), ("unknown", {"S5"})):
        found = selectors.clue_list(user=users["official"], district=district)
        assert {c.listing.listing_id for c in found} == expected
    client.force_login(users["official"])
    queue = client.get("/ecommerce/clues/?district=440113").content.decode()
    assert queue.count('name="clue"') == 1
    outside = Clue.objects.get(listing__listing_id="S4")
    detail = client.get(f"/ecommerce/clues/{outside.pk}/").content.decode()
    assert "外地或无法识别" in detail and "浙江省义乌市" in detail
    page = client.get("/ecommerce/statistics/").content.decode()
    assert 'id="by-district"' in page
    charted = json.loads(page.split('<script id="stats-data" type="application/json">')[1].split("</script>")[0])
    assert {"code": "440106", "district": "天河区", "n": 2} in charted["by_district"]


# --- reference prices per category ---


@pytest.fixture
def gift_box(market, users):
    """王老吉 (brand-wide 50-120) with a range for its gift boxes."""
    services.brand_category_price_save(
        actor=users["official"], brand=market["brand"], category="凉茶礼盒", price_min="150", price_max="300"
    )
    return market["brand"]


def _price_signal(listing_id):
    clue = Clue.objects.filter(listing__listing_id=listing_id).first()
    return clue, next((s for s in clue.signals if s["name"] == "price_far_below"), None) if clue else None


def test_the_category_range_replaces_the_brand_wide_range(gift_box, market, platform, users):
    box = {"title": "王老吉 凉茶礼盒 原单 16罐", "price": "60", "seller_id": "某店", "category": "凉茶礼盒"}
    can = {**box, "category": "饮料"}
    services.listings_submit(
        actor=market["client"], platform=platform, items=[{**box, "listing_id": "P1"}, {**can, "listing_id": "P2"}]
    )
    clue, signal = _price_signal("P1")
    assert signal is not None and signal["detail"] == "0.400"  # 60 / 150
    assert "“凉茶礼盒”类参考价下限150元" in clue.explanation
    clue, signal = _price_signal("P2")
    assert signal is None  # 60 is fair against the brand-wide 50
    # removing the range brings the brand-wide range back on the next scan
    services.brand_category_price_delete(actor=users["official"], brand=gift_box, category="凉茶礼盒")
    services.listings_submit(actor=market["client"], platform=platform, items=[{**box, "listing_id": "P3"}])
    assert _price_signal("P3")[1] is None


def test_category_prices_are_validated_audited_and_owner_scoped(gift_box, users, orgs):
    official = users["official"]
    row = services.brand_category_price_save(
        actor=official, brand=gift_box, category="凉茶礼盒", price_min="120", price_max=""
    )
    assert (row.price_min, row.price_max) == (120, None) and BrandCategoryPrice.objects.count() == 1
    entry = AuditEntry.objects.filter(action="protected_brand.category_price_save").order_by("-id").first()
    assert entry.summary["before"]["price_min"] == "150.00" and entry.summary["after"]["price_min"] == "120.00"
    for bad in ({"price_min": "300", "price_max": "100"}, {"price_min": "", "price_max": ""}, {"price_min": "x"}):
        with pytest.raises(ValidationError):
            services.brand_category_price_save(actor=official, brand=gift_box, category="钱包", **bad)
    with pytest.raises(ValidationError):
        services.brand_category_price_save(actor=official, brand=gift_box, category=" ", price_min="1")
    # the owner's own rights holder may change it; another organisation's may not
    services.brand_category_price_save(actor=users["rights_holder"], brand=gift_box, category="钱包", price_min="5")
    stranger = User.objects.create_user(
        username="t-other-rh", password="x-password-123", role=Role.RIGHTS_HOLDER, organisation=orgs["other"]
    )
    for refused in (
        lambda: services.brand_category_price_save(actor=stranger, brand=gift_box, category="钱包", price_min="1"),
        lambda: services.brand_category_price_delete(actor=stranger, brand=gift_box, category="钱包"),
    ):
        assert_denied_and_audited(
            refused, action="protected_brand.change", object_type="protected_brand", object_id=gift_box.pk
        )
    services.brand_category_price_delete(actor=official, brand=gift_box, category="钱包")
    assert AuditEntry.objects.filter(action="protected_brand.category_price_delete").exists()
    with pytest.raises(ValidationError):
        services.brand_category_price_delete(actor=official, brand=gift_box, category="钱包")


def test_brand_registration_takes_category_prices_written_as_in_brands_csv(users, orgs):
    brand = services.brand_register(
        actor=users["official"],
        owner=orgs["own"],
        data={"name": "广州酒家", "price_min": "80", "category_prices": "月饼:150-600|速冻食品:25-"},
    )
    assert sorted(brand.category_prices.values_list("category", "price_min", "price_max")) == [
        ("月饼", 150, 600),
        ("速冻食品", 25, None),
    ]
    with pytest.raises(ValidationError) as bad:
        services.brand_register(
            actor=users["official"], owner=orgs["own"], data={"name": "利口福", "category_prices": "月饼:600-150"}
        )
    assert "category_prices" in bad.value.message_dict and "下限 600 大于上限 150" in str(bad.value)


def test_brand_page_and_api_show_and_edit_category_prices(gift_box, users, client):
    client.force_login(users["official"])
    page = client.get("/ecommerce/brands/").content.decode()
    assert "凉茶礼盒：150.00 – 300.00" in page
    response = client.post(
        "/ecommerce/brands/",
        {"action": "category_price", "brand": str(gift_box.pk), "category": "凉茶", "price_min": "40", "price_max": ""},
    )
    assert response.status_code == 302
    assert BrandCategoryPrice.objects.filter(brand=gift_box, category="凉茶", price_min=40).exists()
    client.post(
        "/ecommerce/brands/", {"action": "category_price_delete", "brand": str(gift_box.pk), "category": "凉茶"}
    )
    assert not BrandCategoryPrice.objects.filter(category="凉茶").exists()
    body = _api(users["official"]).get(f"/api/v1/brands/{gift_box.pk}/").json()
    assert body["category_prices"] == [{"category": "凉茶礼盒", "price_min": "150.00", "price_max": "300.00"}]

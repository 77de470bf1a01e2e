"""Demo data of the e-commerce module, loaded by `zhichan demo` (idempotent)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from zhichan.ecommerce.models import ProtectedBrand
from zhichan.ecommerce.services import brand_register, listings_submit

BRANDS = [
    (
        "王老吉",
        "广州白云山医药集团股份有限公司",
        ["WONG LO KAT", "wanglaoji"],
        ["饮料", "凉茶"],
        "50",
        "120",
        ["王老吉官方旗舰店"],
    ),
    (
        "广州酒家",
        "广州酒家集团股份有限公司",
        ["广州酒家利口福"],
        ["月饼", "糕点", "速冻食品"],
        "80",
        "600",
        ["广州酒家官方旗舰店"],
    ),
]
LISTINGS = [
    ("vip-1001", "王老吉凉茶310ml*24罐 整箱", "68.00", "王老吉官方旗舰店", "饮料"),
    ("vip-1002", "高仿 王老吉凉茶 24罐 工厂直销 超低价", "19.90", "好运食品店", "饮料"),
    ("vip-1003", "王老古 凉茶植物饮料 310ml*24 特价", "25.00", "好运食品店", "饮料"),
    ("vip-1004", "廣州酒家 双黄白莲蓉月饼礼盒 原单 尾货", "39.00", "月饼批发部", "月饼"),
    ("vip-1005", "适用于王老吉 易拉罐收纳架 冰箱饮料盒", "15.00", "家居小铺", "家居"),
    ("vip-1006", "广州酒家 利口福 广式腊肠 500g", "59.00", "广州酒家官方旗舰店", "速冻食品"),
]


def load(*, admin: Any, organisations: dict[str, Any]) -> None:
    for name, owner, aliases, categories, low, high, sellers in BRANDS:
        if not ProtectedBrand.objects.filter(name=name).exists():
            brand_register(
                actor=admin,
                owner=organisations[owner],
                authorised_sellers=sellers,
                data={"name": name, "aliases": aliases, "categories": categories, "price_min": low, "price_max": high},
            )
    platform = organisations["唯品会（中国）有限公司"]
    official = get_user_model().objects.filter(username="official").first() or admin
    listings_submit(
        actor=official,
        platform=platform,
        items=[
            {
                "listing_id": lid,
                "title": title,
                "price": price,
                "seller_id": seller,
                "shop_name": seller,
                "category": category,
                "url": f"https://detail.vip.com/detail-{lid}.html",
            }
            for lid, title, price, seller, category in LISTINGS
        ],
    )

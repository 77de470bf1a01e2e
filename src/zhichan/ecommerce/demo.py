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
# Reference ranges per category where a brand's goods differ in price (a gift box of mooncakes costs
# more than frozen dim sum); other categories use the brand-wide range above.
CATEGORY_PRICES = {"王老吉": "凉茶礼盒:90-200", "广州酒家": "月饼:150-600|速冻食品:25-120"}
# (listing id, title, price, seller, category, seller's address as platforms send it: full addresses,
# a district alone, Traditional characters, another city, none)
LISTINGS = [
    ("vip-1001", "王老吉凉茶310ml*24罐 整箱", "68.00", "王老吉官方旗舰店", "饮料", "广州市白云区同和街云祥路88号"),
    ("vip-1002", "高仿 王老吉凉茶 24罐 工厂直销 超低价", "19.90", "好运食品店", "饮料", "广州市白云区石井街"),
    ("vip-1003", "王老古 凉茶植物饮料 310ml*24 特价", "25.00", "好运食品店", "饮料", "广州市白云区石井街"),
    ("vip-1004", "廣州酒家 双黄白莲蓉月饼礼盒 原单 尾货", "39.00", "月饼批发部", "月饼", "廣州市荔灣區中山七路"),
    ("vip-1005", "适用于王老吉 易拉罐收纳架 冰箱饮料盒", "15.00", "家居小铺", "家居", "番禺区"),
    ("vip-1006", "广州酒家 利口福 广式腊肠 500g", "59.00", "广州酒家官方旗舰店", "速冻食品", "广州市天河区体育西路"),
    ("vip-1007", "王老吉 凉茶礼盒 1:1 原单 16罐", "29.00", "鑫源批发", "凉茶礼盒", "广州市海珠区凤阳街"),
    ("vip-1008", "广州酒家 流心奶黄月饼 高仿 工厂直销", "45.00", "福记饼家", "月饼", "广东省佛山市南海区"),
    ("vip-1009", "广州酒家利口福 虾饺 速冻 A货", "9.90", "小陈冻品", "速冻食品", "440113"),
    ("vip-1010", "王老吉凉茶 超A 24罐 清仓", "22.00", "优品汇", "饮料", ""),
]


def load(*, admin: Any, organisations: dict[str, Any]) -> None:
    for name, owner, aliases, categories, low, high, sellers in BRANDS:
        if not ProtectedBrand.objects.filter(name=name).exists():
            brand_register(
                actor=admin,
                owner=organisations[owner],
                authorised_sellers=sellers,
                data={
                    "name": name,
                    "aliases": aliases,
                    "categories": categories,
                    "price_min": low,
                    "price_max": high,
                    "category_prices": CATEGORY_PRICES.get(name, ""),
                },
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
                "seller_address": address,
            }
            for lid, title, price, seller, category, address in LISTINGS
        ],
    )

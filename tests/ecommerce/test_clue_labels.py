"""Clue pages and statistics show the signals' names, not their codes, in the reader's language, and the
explanation names the seller as the page does (by name, not by the platform's seller id)."""

from __future__ import annotations

import json
import re

import pytest

from zhichan.core import labels
from zhichan.ecommerce import services
from zhichan.ecommerce.labels import SIGNAL
from zhichan.ecommerce.models import Clue
from zhichan.engines.listings.kinds import SignalName, VariantKind
from zhichan.engines.listings.registry import ContextKind

CODES = ("brand_mention", "seller_not_authorised", "price_far_below", "counterfeit_term", ">name<", ">alias<")


@pytest.fixture
def clue(market, platform):
    services.listings_submit(
        actor=market["client"],
        platform=platform,
        items=[
            {
                "listing_id": "L501",
                "title": "高仿 WONG LO KAT 凉茶 24罐",
                "price": "19.90",
                "seller_id": "s-501",
                "seller_name": "好运食品店",
                "category": "饮料",
            }
        ],
    )
    return Clue.objects.get(listing__listing_id="L501")


def test_every_signal_mention_and_context_code_of_the_engine_has_a_label():
    assert [s for s in SignalName if not labels.known(SIGNAL, s.value)] == []
    assert [v for v in VariantKind if not labels.known("ecommerce.mention", v.value)] == []
    assert [c for c in ContextKind if not labels.known("ecommerce.context", c.value)] == []


def test_the_clue_page_shows_signal_names_and_the_seller_by_name(client, users, clue):
    assert {s["name"] for s in clue.signals} >= {"brand_mention", "seller_not_authorised", "price_far_below"}
    assert "s-501" in clue.explanation  # the engine's stored record names the seller as the platform does
    client.force_login(users["official"])
    page = client.get(f"/ecommerce/clues/{clue.pk}/").content.decode()
    main = page[page.index("<main>") :]
    for shown in ("品牌提及", "品牌别名", "售假用语", "卖家未获品牌授权", "价格远低于参考价", "售价为参考价下限的 40%"):
        assert shown in main, shown
    assert "卖家“好运食品店”不在品牌授权名单内" in main and "“s-501”" not in main
    assert "含售假用语“高仿”，" in main and "售价 19.9 元仅为参考价下限的 40%" in main
    assert 'title="售假用语（高仿）"' in main and 'title="品牌提及（品牌别名）"' in main
    for code in CODES:
        assert code not in re.sub(r'title="[a-z_]+"', "", main), code

    english = client.get(f"/ecommerce/clues/{clue.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    english = english[english.index("<main>") :]
    for shown in ("Brand mention", "Brand alias", "Seller not authorised by the brand", "Counterfeit term"):
        assert shown in english, shown
    assert "the seller “好运食品店” is not on the brand&#x27;s list" in english and "品牌提及" not in english


def test_the_queue_explains_in_the_readers_language(client, users, clue):
    client.force_login(users["official"])
    page = client.get("/ecommerce/clues/").content.decode()
    assert "标题提及品牌“王老吉”（“WONG LO KAT”）" in page and "s-501" not in page
    english = client.get("/ecommerce/clues/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The title names the brand “王老吉”" in english


def test_the_statistics_chart_names_the_signals(client, users, clue):
    client.force_login(users["official"])
    page = client.get("/ecommerce/statistics/").content.decode()
    stats = json.loads(re.search(r'<script id="stats-data" type="application/json">(.*?)</script>', page).group(1))
    named = {row["signal"]: row["label"] for row in stats["by_signal"]}
    assert named["seller_not_authorised"] == "卖家未获品牌授权" and named["brand_mention"] == "品牌提及"
    assert 'bars("by-signal", s.by_signal, "label")' in page
    english = client.get("/ecommerce/statistics/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Seller not authorised by the brand" in english

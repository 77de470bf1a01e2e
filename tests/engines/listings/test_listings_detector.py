"""Brand mentions and every signal and legitimate-use context, one test each."""

from __future__ import annotations

from dataclasses import replace

import pytest

from zhichan.engines.listings import (
    DEFAULT_SETTINGS,
    Brand,
    CategoryPrice,
    Detector,
    Listing,
    Settings,
    VariantKind,
    batch,
    compare,
    parse_category_prices,
    screen,
)

from .conftest import NIKE


def _only(detector: Detector, listing: Listing, brand: str = "耐克"):
    clues = [c for c in detector.assess(listing) if c.brand.name == brand]
    assert len(clues) == 1, clues
    return clues[0]


def _signals(clue) -> dict[str, float]:
    return {s.name: s.weight for s in clue.signals}


# -- mentions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "written", "kind"),
    [
        ("耐克运动鞋", "耐克", VariantKind.NAME),
        ("Nike Air Max 90", "Nike", VariantKind.ALIAS),
        ("耐 克 跑步鞋", "耐 克", VariantKind.NAME),
        ("N.I.K.E 跑步鞋", "N.I.K.E", VariantKind.ALIAS),
        ("Ｎｉｋｅ 跑步鞋", "Ｎｉｋｅ", VariantKind.ALIAS),
        ("Nіke 跑步鞋", "Nіke", VariantKind.ALIAS),  # Cyrillic і
        ("N1KE 跑步鞋", "N1KE", VariantKind.DIGIT_LOOKALIKE),
        ("奈克 跑步鞋", "奈克", VariantKind.HOMOPHONE_MANDARIN),
        ("耐黑 跑步鞋", "耐黑", VariantKind.HOMOPHONE_CANTONESE),
        ("naike 跑步鞋", "naike", VariantKind.PINYIN),
    ],
)
def test_mention_forms_map_back_to_the_written_span(detector, title, written, kind):
    mentions = [m for m in detector.mentions(title) if m.brand.name == "耐克"]
    assert len(mentions) == 1
    mention = mentions[0]
    assert (mention.text, mention.variant.kind) == (written, kind)
    assert title[mention.start : mention.end] == written


def test_knock_off_wang_lao_gu_is_found_as_wang_lao_ji():
    (mention,) = Detector([Brand("王老吉")]).mentions("王老古凉茶310ml*24罐 整箱")
    assert (mention.text, mention.variant.kind, mention.variant.how) == (
        "王老古",
        VariantKind.LOOKALIKE,
        "吉→古（形近）",
    )


def test_lookalike_and_fragment_mentions(detector):
    (ksf,) = detector.mentions("康帅傅红烧牛肉面")
    assert (ksf.brand.name, ksf.text, ksf.variant.kind) == ("康师傅", "康帅傅", VariantKind.LOOKALIKE)
    (oreo,) = detector.mentions("粤利粤夹心饼干")
    assert (oreo.brand.name, oreo.variant.kind) == ("奥利奥", VariantKind.LOOKALIKE)
    (adi,) = detector.mentions("迪达斯 三叶草卫衣")
    assert (adi.brand.name, adi.text, adi.variant.kind) == ("阿迪达斯", "迪达斯", VariantKind.FRAGMENT)


def test_longest_mention_wins_over_its_fragment(detector):
    (mention,) = detector.mentions("阿迪达斯三叶草卫衣")
    assert (mention.text, mention.variant.kind) == ("阿迪达斯", VariantKind.NAME)


def test_latin_names_are_not_cut_out_of_words(detector):
    assert detector.mentions("Nikeair profilament snikey") == []
    assert [m.text for m in detector.mentions("Nike2024新款")] == ["Nike"]


def test_short_latin_names_stand_alone(detector):
    assert [m.text for m in detector.mentions("HP 88A 硒鼓")] == ["HP"]
    assert detector.mentions("5hp 电机") == []
    assert detector.mentions("H P 打印机") == []


def test_no_brand_no_assessment(detector):
    assert detector.assess(Listing("1", "纯棉白色T恤 男款 高仿")) == []


# -- signals -------------------------------------------------------------------------------------


def test_brand_mention_alone_is_not_a_clue(detector):
    clue = _only(detector, Listing("1", "耐克运动鞋"))
    assert _signals(clue) == {"brand_mention": DEFAULT_SETTINGS.mention_weights[VariantKind.NAME]}
    assert not clue.is_clue
    assert clue.explanation.startswith("标题提及品牌“耐克”")


def test_disguise_weighs_more_than_the_name(detector):
    plain = _only(detector, Listing("1", "耐克运动鞋"))
    disguised = _only(detector, Listing("2", "N1KE运动鞋"))
    assert disguised.score > plain.score
    assert "数字替换字母的变体“N1KE”" in disguised.explanation


def test_counterfeit_vocabulary_is_a_signal_with_its_span(detector):
    clue = _only(detector, Listing("1", "高仿耐克AJ1 莆田 1：1 男鞋"))
    terms = {s.detail: s.weight for s in clue.signals if s.name == "counterfeit_term"}
    assert terms == {"高仿": 0.70, "莆田": 0.60, "1:1": 0.60}
    assert clue.is_clue
    spans = {e.text: (e.start, e.end) for e in clue.evidence}
    assert spans["高仿"] == (0, 2) and spans["1：1"] == (11, 14) and spans["耐克"] == (2, 4)
    assert "含售假用语“高仿”“莆田”“1:1”" in clue.explanation


def test_counterfeit_symbol_term_is_not_found_inside_numbers(detector):
    clue = _only(detector, Listing("1", "耐克 11:15 限时"))
    assert "counterfeit_term" not in _signals(clue)


def test_sellers_authorised_on_one_platform_only():
    brand = replace(NIKE, authorised_sellers=frozenset({"天猫:耐克官方旗舰店", "京东：耐克自营"}))
    detector = Detector([brand])
    on_tmall = _only(detector, Listing("1", "耐克运动鞋", seller="耐克官方旗舰店", platform="天猫"))
    on_pdd = _only(detector, Listing("2", "耐克运动鞋", seller="耐克官方旗舰店", platform="拼多多"))
    on_jd = _only(detector, Listing("3", "耐克运动鞋", shop="耐克自营", platform="京东"))
    assert "seller_not_authorised" not in _signals(on_tmall)
    assert "seller_not_authorised" in _signals(on_pdd)
    assert "seller_not_authorised" not in _signals(on_jd)


def test_seller_not_authorised(detector):
    outsider = _only(detector, Listing("1", "耐克运动鞋", seller="张三鞋店"))
    assert _signals(outsider)["seller_not_authorised"] == DEFAULT_SETTINGS.seller_not_authorised_weight
    assert "卖家“张三鞋店”不在品牌授权名单内" in outsider.explanation
    official = _only(detector, Listing("2", "耐克运动鞋", seller="x", shop="耐克官方旗舰店"))
    assert "seller_not_authorised" not in _signals(official)
    unknown = _only(detector, Listing("3", "苹果手机", seller="张三"), brand="苹果")  # no list for 苹果
    assert "seller_not_authorised" not in _signals(unknown)


@pytest.mark.parametrize(
    ("price", "weight"),
    [(None, None), (280.0, None), (120.0, DEFAULT_SETTINGS.price_far_below_weight), (30.0, 0.5)],
)
def test_price_far_below_reference(detector, price, weight):
    clue = _only(detector, Listing("1", "耐克运动鞋", price=price))
    assert _signals(clue).get("price_far_below") == weight


LV = Brand(
    name="路易威登",
    aliases=("LV",),
    price_min=500.0,
    price_max=60000.0,
    category_prices=parse_category_prices("手袋:2000-50000|钱包:800-6000|男士手袋:3000-"),
)


@pytest.fixture(scope="module")
def lv_detector() -> Detector:
    return Detector([LV])


@pytest.mark.parametrize(
    ("price", "category", "weight", "reference"),
    [
        # 900 is far below a handbag (0.45 of 2,000) but fair for a wallet (1.1 x 800) and above the
        # brand-wide minimum of 500 for a scarf, whose category has no range of its own.
        (900.0, "手袋", DEFAULT_SETTINGS.price_far_below_weight, "“手袋”类参考价下限2000元"),
        (900.0, "女士手袋 新款", DEFAULT_SETTINGS.price_far_below_weight, "“手袋”类参考价下限2000元"),
        (500.0, "男士手袋", 0.5, "“男士手袋”类参考价下限3000元"),  # longest category contained (0.17, not 0.25)
        (900.0, "钱包", None, None),
        (900.0, "錢包", None, None),  # Traditional category, same comparison form
        (900.0, "围巾", None, None),
        (200.0, "围巾", DEFAULT_SETTINGS.price_far_below_weight, "参考价下限500元"),
        (200.0, "", DEFAULT_SETTINGS.price_far_below_weight, "参考价下限500元"),
        (300.0, "钱包", DEFAULT_SETTINGS.price_far_below_weight, "“钱包”类参考价下限800元"),
    ],
)
def test_price_far_below_uses_the_listings_category_range(lv_detector, price, category, weight, reference):
    (clue,) = lv_detector.assess(Listing("1", "LV 老花 路易威登", price=price, category=category))
    assert _signals(clue).get("price_far_below") == weight
    if reference:
        assert reference in clue.explanation and f"售价{price:g}元" in clue.explanation
    else:
        assert "参考价" not in clue.explanation


def test_reference_price_falls_back_to_the_brand_wide_range():
    assert LV.reference_price("手袋") == (2000.0, 50000.0, "手袋")
    assert LV.reference_price("围巾") == (500.0, 60000.0, "")
    assert NIKE.reference_price("鞋") == (300.0, 2000.0, "")  # no category ranges at all
    only_max = Brand(name="x", price_min=100.0, category_prices=(CategoryPrice("钱包", None, 900.0),))
    assert only_max.reference_price("钱包") == (None, 900.0, "钱包")  # the category's unknown bound stays unknown


def test_category_outside_the_brands_goods(detector):
    outside = _only(detector, Listing("1", "耐克手机壳", category="手机配饰"))
    assert _signals(outside)["category_outside"] == DEFAULT_SETTINGS.category_outside_weight
    inside = _only(detector, Listing("2", "耐克跑步鞋", category="运动鞋"))
    assert "category_outside" not in _signals(inside)


def test_seller_history_counts_confirmed_clues(detector):
    none = _only(detector, Listing("1", "耐克运动鞋", seller="s"))
    (some,) = detector.assess(Listing("1", "耐克运动鞋", seller="s"), seller_history=2)
    (many,) = detector.assess(Listing("1", "耐克运动鞋", seller="s"), seller_history=20)
    assert "seller_history" not in _signals(none)
    assert _signals(some)["seller_history"] == pytest.approx(1 - 0.85**2, abs=1e-3)
    assert _signals(many)["seller_history"] == DEFAULT_SETTINGS.seller_history_weight_cap
    assert "该卖家已有2条经确认的侵权线索" in some.explanation


def test_batch_reads_seller_history_by_seller(detector):
    listings = [Listing("1", "耐克运动鞋", seller="老赖"), Listing("2", "耐克运动鞋", seller="新手")]
    clues = list(batch(listings, detector, seller_history={"老赖": 9}))
    assert [("seller_history" in _signals(c)) for c in clues] == [True, False]


def test_signals_combine_as_noisy_or_and_stay_in_unit_interval(detector):
    clue = _only(detector, Listing("1", "超A 高仿 N1KE 莆田 纯原", price=1.0, seller="x", category="手机"))
    expected = 1.0
    for signal in clue.signals:
        expected *= 1 - signal.weight
    assert clue.score == pytest.approx(1 - expected, abs=1e-3)
    assert 0.0 <= clue.score <= 1.0


def test_threshold_is_a_setting():
    strict = Detector([NIKE], settings=replace(Settings(), threshold=0.1))
    assert _only(strict, Listing("1", "耐克运动鞋")).is_clue


def test_screen_yields_clues_only_and_batch_every_assessment(detector):
    listings = [Listing("1", "耐克运动鞋"), Listing("2", "高仿耐克运动鞋"), Listing("3", "白色T恤")]
    assert [c.listing_id for c in screen(listings, detector)] == ["2"]
    assert [c.listing_id for c in batch(listings, detector)] == ["1", "2"]


def test_compare_assesses_one_pair_with_its_signals(detector):
    listing = Listing("1", "高仿耐克运动鞋", seller="s")
    clue = compare(listing, NIKE, seller_history=2)
    assert clue is not None and clue.is_clue
    assert {"counterfeit_term", "seller_history"} <= set(_signals(clue))
    (assessed,) = detector.assess(listing, seller_history=2)
    assert (clue.score, clue.signals) == (assessed.score, assessed.signals)
    assert compare(Listing("2", "白色T恤"), NIKE) is None


# -- legitimate-use contexts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "brand", "kind", "cue"),
    [
        ("适用于苹果iPhone15手机壳 高仿皮纹", "苹果", "accessory", "适用于"),
        ("兼容惠普HP88A硒鼓", "惠普", "accessory", "兼容"),
        ("耐克 鞋带 配件 高仿", "耐克", "accessory", "配件"),
        ("耐克专用鞋撑 高仿", "耐克", "accessory", "专用"),
        ("phone case for iPhone 15 高仿", "苹果", "accessory", "for"),
        ("二手耐克篮球鞋 高仿", "耐克", "secondhand", "二手"),
        ("回收苹果手机 高仿", "苹果", "secondhand", "回收"),
        ("闲置耐克外套 高仿", "耐克", "secondhand", "闲置"),
        ("耐克卫衣 转让 高仿", "耐克", "secondhand", "转让"),
        ("耐克路88号 高仿", "耐克", "address", "路"),
        ("耐克街12号 高仿", "耐克", "address", "街"),
        ("耐克大道 高仿", "耐克", "address", "大道"),
        ("耐克大厦5楼 高仿", "耐克", "address", "大厦"),
        ("耐克广场店 高仿", "耐克", "address", "广场"),
        ("耐克小区 高仿", "耐克", "address", "小区"),
        ("耐克花园 高仿", "耐克", "address", "花园"),
        ("耐克村 高仿", "耐克", "address", "村"),
    ],
)
def test_each_legitimate_use_context_lowers_the_score_and_says_so(detector, title, brand, kind, cue):
    with_context = _only(detector, Listing("1", title), brand=brand)
    lawful = [s for s in with_context.signals if s.name == "legitimate_use"]
    assert [s.detail for s in lawful] == [f"{kind}:{cue}"]
    assert any(e.text.lower() == cue for e in with_context.evidence)
    positive = 1.0
    for signal in with_context.signals:
        if signal.name != "legitimate_use":
            positive *= 1 - signal.weight
    assert with_context.score == pytest.approx((1 - positive) * lawful[0].weight, abs=1e-3)
    assert f"但“{cue}”表明" in with_context.explanation and "已降低得分" in with_context.explanation


@pytest.mark.parametrize(
    "title",
    [
        "苹果iPhone15 高仿 适用于学生",  # 适用 after the brand, not before it
        "耐克路跑鞋 高仿",  # 路跑 is road running, not a road
        "耐克街头篮球鞋 高仿",  # 街头 is street style
        "华为 耐克 platform 高仿",  # "for" inside a word
        "耐克 高仿 运动鞋 全场新品 正品保证 特价促销 配件",  # 配件 too far after the brand
    ],
)
def test_cues_out_of_place_are_not_legitimate_use(detector, title):
    for clue in detector.assess(Listing("1", title)):
        assert "legitimate_use" not in _signals(clue), clue.signals


def test_accessory_context_keeps_an_infringing_listing_below_threshold(detector):
    fake = _only(detector, Listing("1", "高仿苹果手机壳"), brand="苹果")
    fitting = _only(detector, Listing("2", "适用于苹果手机壳 高仿"), brand="苹果")
    assert fake.is_clue and not fitting.is_clue


def test_a_brand_that_is_another_brands_disguise_stays_itself():
    # 奈克 is a Mandarin homophone of 耐克; when 奈克 is itself registered it is that brand, exactly.
    detector = Detector([NIKE, Brand("奈克")])
    (mention,) = detector.mentions("奈克 跑步鞋")
    assert (mention.brand.name, mention.variant.kind) == ("奈克", VariantKind.NAME)


def test_a_brand_named_like_a_counterfeit_word_is_found_and_scanned_alike():
    # The scanning automaton holds counterfeit words too (for `scan`'s early exit); a brand with the
    # same text keeps its mention, and `scan` keeps what `assess` puts at the threshold.
    detector = Detector([Brand("同款"), NIKE])
    listings = [Listing("1", "同款高仿耐克"), Listing("2", "同款休闲鞋"), Listing("3", "高仿 同款")]
    assert [m.brand.name for m in detector.mentions("同款高仿耐克")] == ["同款", "耐克"]
    expected = [c for listing in listings for c in detector.assess(listing) if c.is_clue]
    assert expected and list(screen(listings, detector)) == expected


def test_every_signal_the_detector_emits_is_a_named_signal():
    """Statistics count clues per `SignalName`; a signal added to the detector must be named there."""
    import inspect
    import re

    from zhichan.engines.listings import SignalName, detector

    emitted = set(re.findall(r'signals\.append\(\(\s*"([a-z_]+)"', inspect.getsource(detector)))
    assert emitted and emitted <= {name.value for name in SignalName}

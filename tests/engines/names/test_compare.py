"""Each signal of a name against a mark, on names of the kind the register holds."""

import dataclasses
import importlib
from decimal import Decimal

import pytest

from zhichan.engines.names import DEFAULT_SETTINGS, Settings, Strength, Verdict, compare
from zhichan.engines.names.compare import SAME_GOODS_RULE
from zhichan.engines.rules import rule

# the module (the package's `compare` is the function)
names_compare = importlib.import_module("zhichan.engines.names.compare")


def codes(result):
    return [r.code for r in result.reasons]


def test_identical_trade_name_in_related_business_is_infringing():
    r = compare("广州市王老吉餐饮管理有限公司", "王老吉", mark_classes=[32, 43])
    assert r.trade_name == "王老吉"
    assert codes(r) == ["identical", "related", "basis"]  # catering renders class 43 services
    assert r.score == 1.0 and r.verdict is Verdict.INFRINGING
    assert "4.1" in r.reasons[0].text and "王老吉" in r.reasons[0].text
    assert "由名称中的“餐饮管理”推断" in r.reasons[1].text


def test_a_shop_name_is_retail():
    r = compare("王老吉官方旗舰店", "王老吉", mark_classes=[32])
    assert codes(r) == ["identical", "weakly_related", "basis"]
    assert r.verdict is Verdict.INFRINGING
    assert "52 零售业" in r.reasons[1].text


def test_containment_cites_5_1_16_and_without_a_known_business_stays_similar():
    r = compare("王老吉大健康产业有限公司", "王老吉", mark_classes=[32])
    assert codes(r) == ["containment"]
    assert r.reasons[0].text.startswith("5.1.16 完整包含在先商标")
    assert r.score == DEFAULT_SETTINGS.containment_score
    assert r.relation is None and r.verdict is Verdict.SIMILAR  # infringing needs the same or similar goods


def test_the_mark_across_place_and_trade_name_is_contained_in_the_name():
    # 广州酒家利口福: the trade name is 酒家利口福 once 广州 is taken as the place; the name holds 广州酒家
    r = compare("广州酒家利口福食品有限公司", "广州酒家", mark_classes=[30, 43])
    assert codes(r) == ["name_containment", "related"]
    assert r.verdict is Verdict.SIMILAR


def test_a_mark_that_is_only_the_place_is_no_finding():
    r = compare("广州市天河区某某贸易有限公司", "天河", mark_classes=[35])
    assert r.reasons == () and r.verdict is Verdict.NOT_SIMILAR and r.score == 0.0


def test_sound_variant_of_the_trade_name():
    # 淘 and 陶 are both tao2 and look alike: 5.1.4 through the mark engine
    r = compare("广州市淘淘居食品有限公司", "陶陶居", mark_classes=[30])
    assert codes(r)[0] == "sound" and "5.1.4" in r.reasons[0].text
    assert "related" in codes(r)
    assert r.verdict is Verdict.INFRINGING


def test_sound_imitation_inside_a_longer_name():
    r = compare("广州王老记凉茶铺", "王老吉", mark_classes=[32])
    assert codes(r) == ["sound_containment"]
    assert "“王老记”" in r.reasons[0].text and "5.1.16" in r.reasons[0].text
    assert r.score <= DEFAULT_SETTINGS.sound_containment_score
    assert r.verdict is Verdict.SIMILAR


def test_shape_variant_of_the_trade_name():
    r = compare("康帅傅食品有限公司", "康师傅", mark_classes=[30])
    assert {"shape", "mark_rule"} <= set(codes(r))
    assert any("5.1.7" in x.text for x in r.reasons)
    assert any("5.1.5" in x.text for x in r.reasons)
    assert r.verdict is Verdict.INFRINGING


def test_alike_in_sound_alone_is_a_lead_only_in_a_related_business():
    # 奥立 / 奥利: the same sound, unlike shapes (5.1.4 asks for both; the mark engine says 需人工判断)
    shop = compare("奥立小店", "奥利", mark_classes=[30])  # retail: weakly related
    assert codes(shop) == ["sound", "weakly_related"]
    assert shop.score == DEFAULT_SETTINGS.sound_only_score and shop.verdict is Verdict.NOT_SIMILAR
    maker = compare("奥立食品有限公司", "奥利", mark_classes=[30])  # food: related
    assert maker.verdict is Verdict.SIMILAR and maker.score < DEFAULT_SETTINGS.infringing_threshold


def test_a_two_character_mark_inside_a_longer_trade_name_counts_less():
    r = compare("广州市阳纳克餐饮店", "纳克", mark_classes=[43])
    assert codes(r) == ["containment", "related"]
    assert r.signal == DEFAULT_SETTINGS.short_containment_score
    assert r.verdict is Verdict.SIMILAR  # not infringing: 5.1.16 is about distinctive or known marks


def test_a_mark_that_touches_the_trade_name_by_one_character_is_not_contained():
    assert compare("广州市番禺区康傲味姬科技经营部", "区康").reasons == ()


def test_traditional_input_is_compared_as_simplified_and_said_so():
    r = compare("廣州酒家", "广州酒家", mark_classes=[43])
    assert codes(r) == ["identical", "traditional", "related", "basis"]
    assert "廣州酒家 → 广州酒家" in r.reasons[1].text


def test_pinyin_in_latin_letters():
    r = compare("wanglaoji旗舰店", "王老吉", mark_classes=[32])
    assert "pinyin" in codes(r)
    pinyin = next(x for x in r.reasons if x.code == "pinyin")
    assert pinyin.text.startswith("5.1.17") and "wanglaoji" in pinyin.text
    mixed = compare("王老吉wanglaoji官方旗舰店", "王老吉", mark_classes=[32])
    assert codes(mixed)[:2] == ["containment", "pinyin"]


def test_short_pinyin_is_not_a_signal():
    # li (李) is in too many names
    assert "pinyin" not in codes(compare("li旗舰店", "李", mark_classes=[25]))


def test_relatedness_moves_the_score_and_the_verdict():
    name, mark = "广州白云山康养产业有限公司", "白云山"  # containment: 0.9 before relatedness
    strong = compare(name, mark, industry="医药制造业", mark_classes=[5])
    unknown = compare(name, mark, industry="综合", description="", mark_classes=[])
    unrelated = compare(name, mark, industry="金融业", mark_classes=[5])
    assert strong.score > unknown.score > unrelated.score
    assert strong.relation.strength is Strength.STRONG and strong.verdict is Verdict.INFRINGING
    assert unknown.relation is None and unknown.verdict is Verdict.SIMILAR
    assert unrelated.relation.strength is Strength.UNRELATED and unrelated.verdict is Verdict.SIMILAR
    assert "unrelated" in codes(unrelated)
    assert unrelated.score == round(unrelated.signal - DEFAULT_SETTINGS.unrelated_penalty, 4)


def test_an_unknown_or_empty_industry_is_no_signal_never_an_error():
    for industry in ("", "综合类", "99", "J0111", "   "):
        r = compare("陶陶居", "陶陶居", industry=industry, mark_classes=[30, 43])
        assert codes(r) == ["identical"] and r.relation is None
        assert r.verdict is Verdict.SIMILAR


def test_the_given_industry_wins_over_the_words_of_the_name():
    r = compare("广州市王老吉餐饮管理有限公司", "王老吉", industry="6621", mark_classes=[32])
    assert r.relation.strength is Strength.UNRELATED
    assert "6621" in r.relation.evidence


def test_the_description_names_the_business_when_the_industry_is_empty():
    r = compare("陶陶居", "陶陶居", description="月饼、饼干的生产和销售（食品）", mark_classes=[30])
    assert r.relation.strength is Strength.STRONG
    assert "由名称中的“食品”推断" in r.reasons[-2].text


def test_a_mark_with_an_industry_and_no_classes_is_compared_industry_to_industry():
    r = compare("广州市王老吉餐饮管理有限公司", "王老吉", mark_industry="15")
    assert r.relation.strength is Strength.WEAK  # a restaurant serves drinks
    assert compare("王老吉", "王老吉", industry="H", mark_industry="62").relation.strength is Strength.STRONG
    assert compare("王老吉", "王老吉", mark_industry="62").relation is None  # the name's side unknown


def test_a_different_trade_name_is_not_similar():
    r = compare("广州市加多宝餐饮有限公司", "王老吉", mark_classes=[32])
    assert r.reasons == () and r.verdict is Verdict.NOT_SIMILAR


def test_an_infringing_verdict_cites_the_legal_rule_of_same_or_similar_goods():
    r = compare("广州市王老吉餐饮管理有限公司", "王老吉", mark_classes=[32, 43])
    basis = r.reasons[-1]
    assert basis.code == "basis"
    assert rule(SAME_GOODS_RULE).citation in basis.text and "第一条第（一）项" in basis.text
    assert "basis" not in codes(compare("陶陶居", "陶陶居"))  # similar only: no basis cited


def test_the_legal_rule_decides_whether_infringing_needs_related_goods(monkeypatch):
    law = rule(SAME_GOODS_RULE)
    assert compare("陶陶居", "陶陶居").verdict is Verdict.SIMILAR
    monkeypatch.setattr(names_compare, "rule", lambda key: dataclasses.replace(law, value=Decimal(0)))
    assert compare("陶陶居", "陶陶居").verdict is Verdict.INFRINGING
    assert compare("陶陶居", "陶陶居", settings=Settings(infringing_needs_relatedness=True)).verdict is Verdict.SIMILAR


def test_thresholds_are_settings():
    strict = Settings(infringing_needs_relatedness=False)
    assert compare("陶陶居", "陶陶居", settings=strict).verdict is Verdict.INFRINGING
    high = Settings(similar_threshold=0.95, infringing_threshold=0.99)
    assert compare("王老吉大健康产业有限公司", "王老吉", settings=high).verdict is Verdict.NOT_SIMILAR


@pytest.mark.parametrize("mark", ["", "®", "  "])
def test_an_empty_mark_is_not_similar(mark):
    assert compare("王老吉官方旗舰店", mark).verdict is Verdict.NOT_SIMILAR

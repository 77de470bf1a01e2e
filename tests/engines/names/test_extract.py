"""Trade names taken out of enterprise, shop and service names."""

import pytest

from zhichan.engines.names import parse_name


@pytest.mark.parametrize(
    ("name", "places", "trade", "industry", "forms"),
    [
        ("广州市王老吉餐饮管理有限公司", ("广州市",), "王老吉", ("餐饮管理",), ("有限公司",)),
        ("广东省广州市番禺区陶陶居餐饮有限公司", ("广东省", "广州市", "番禺区"), "陶陶居", ("餐饮",), ("有限公司",)),
        ("广州番禺陶陶居食品有限责任公司", ("广州", "番禺"), "陶陶居", ("食品",), ("有限责任公司",)),
        ("王老吉官方旗舰店", (), "王老吉", (), ("官方旗舰店",)),
        ("陶陶居专营店", (), "陶陶居", (), ("专营店",)),
        ("王老吉贸易商行", (), "王老吉", ("贸易",), ("商行",)),
        ("广州王老吉科技有限公司（番禺分公司）", ("广州",), "王老吉", ("科技",), ("有限公司",)),
        # the place in brackets (the register writes a branch's or the founder's place there)
        ("王老吉大健康产业有限公司（广州）", ("广州",), "王老吉大健康产业", (), ("有限公司",)),
        ("wanglaoji旗舰店", (), "wanglaoji", (), ("旗舰店",)),
    ],
)
def test_parts_of_a_name(name, places, trade, industry, forms):
    parts = parse_name(name)
    assert (parts.places, parts.trade_name, parts.industry_words, parts.forms) == (places, trade, industry, forms)


def test_a_district_that_begins_a_word_is_the_trade_name_not_the_place():
    # 白云 is a district of Guangzhou, 白云山 a mountain and a mark; 天河城 a shopping centre
    assert parse_name("广州白云山医药集团股份有限公司").trade_name == "白云山"
    assert parse_name("广州市白云区白云山制药厂").trade_name == "白云山"
    assert parse_name("广州天河城百货有限公司").trade_name == "天河城"


def test_a_place_with_only_an_industry_word_is_the_designation_itself():
    # 广州酒家: the historic name is a place and 酒家; stripping both would leave nothing
    parts = parse_name("广州酒家集团股份有限公司")
    assert parts.trade_name == "广州酒家"
    assert parts.industry_codes == ("62",)


def test_traditional_input_parses_as_simplified_and_is_flagged():
    parts = parse_name("廣州市王老吉餐飲管理有限公司")
    assert parts.trade_name == "王老吉"
    assert parts.industry_words == ("餐饮管理",)
    assert parts.traditional
    assert not parse_name("广州市王老吉餐饮管理有限公司").traditional
    assert not parse_name("WangLaoJi旗舰店").traditional  # case is not a variant form


def test_industry_words_and_shop_forms_name_an_industry():
    assert parse_name("广州市王老吉餐饮管理有限公司").industry_codes == ("62",)
    assert parse_name("王老吉官方旗舰店").industry_codes == ("52",)  # a shop is retail
    assert parse_name("广州市某某科技有限公司").industry_codes == ()  # 科技 says no industry


def test_a_trade_name_is_never_stripped_to_nothing():
    assert parse_name("有限公司").trade_name  # never empty
    assert parse_name("餐饮管理有限公司").trade_name == "餐饮管理"
    assert parse_name("").trade_name == ""

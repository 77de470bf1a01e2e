"""The district of an address or a district value, from the core table of Guangzhou's 11 districts."""

from __future__ import annotations

import pytest

from zhichan.core.districts import GUANGZHOU_DISTRICTS, district_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("440106", "440106"),
        ("天河区", "440106"),
        ("天河", "440106"),
        (" 天 河 區 ", "440106"),  # Traditional, with spaces
        ("广州市天河区体育西路1号", "440106"),
        ("廣州市荔灣區中山七路", "440103"),  # Traditional address
        ("广东省广州市番禺区大石街", "440113"),
        ("中国广东省广州市越秀区北京路", "440104"),
        ("海珠区凤阳街", "440105"),  # the district first, no city
        ("广州白云石井街", "440111"),  # short name right after the city
        ("ＧＵＡＮＧＺＨＯＵ 广州市 南沙区", "440115"),
        ("萝岗区开创大道", "440112"),  # merged into 黄埔区 in 2014
        ("增城市新塘镇", "440118"),  # a district since 2014
        ("东山区", "440104"),
    ],
)
def test_guangzhou_districts_are_recognised(text, code):
    assert district_code(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "广州市",  # the city, no district
        "贵州省贵阳市白云区",  # another 白云区
        "贵阳市白云区",
        "广东省深圳市南山区",
        "上海市长宁区番禺路",  # 番禺 as a street name elsewhere
        "佛山市南海区",
        "外地",
        "440304",  # a district code of Shenzhen
        "Tianhe",
    ],
)
def test_other_places_and_unknown_values_have_no_district(text):
    assert district_code(text) is None


def test_every_district_of_the_table_is_found_by_code_name_and_traditional_name():
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    for code, name in GUANGZHOU_DISTRICTS:
        assert district_code(code) == code
        assert district_code(name) == code
        assert district_code(name[:-1]) == code
        assert district_code(to_traditional.convert(f"广州市{name}某某路1号")) == code

"""The editable tables: shipped defaults load, overrides replace them, bad rows are named."""

from __future__ import annotations

import pytest

from zhichan.engines.listings import (
    Brand,
    CategoryPrice,
    ContextKind,
    Position,
    load_counterfeit_terms,
    load_legitimate_contexts,
    load_lookalikes,
    parse_category_prices,
)
from zhichan.engines.tabular import TableError


def test_shipped_tables_cover_the_issue_vocabulary_with_meanings():
    terms = {t.term: t for t in load_counterfeit_terms()}
    for word in ("高仿", "原单", "A货", "复刻", "1:1", "尾单", "工厂直销", "专柜品质", "超A", "莆田"):
        assert word in terms and terms[word].meaning
    contexts = load_legitimate_contexts()
    assert {c.kind for c in contexts} == set(ContextKind)
    assert {c.cue for c in contexts} >= {"适用于", "兼容", "配件", "二手", "回收", "闲置"}
    assert all(c.meaning for c in contexts)
    assert any(p.original == "师" and p.lookalike == "帅" for p in load_lookalikes())


def test_override_files_in_gbk(tmp_path):
    path = tmp_path / "contexts.csv"
    path.write_bytes("cue,kind,position,window,factor,meaning\n旧货,secondhand,anywhere,0,0.5,旧货转卖\n".encode("gbk"))
    (context,) = load_legitimate_contexts(path)
    assert (context.cue, context.kind, context.position, context.factor) == (
        "旧货",
        ContextKind.SECONDHAND,
        Position.ANYWHERE,
        0.5,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cue,kind,position,window,factor,meaning\n旧货,resale,anywhere,0,0.5,x\n", "第2行，kind 列"),
        ("cue,kind,position,window,factor,meaning\n旧货,secondhand,near,0,0.5,x\n", "第2行，position 列"),
        ("cue,kind,position,window,factor,meaning\n旧货,secondhand,anywhere,-1,0.5,x\n", "第2行，window 列"),
        ("cue,kind,position,window,factor,meaning\n旧货,secondhand,anywhere,0,1.5,x\n", "第2行，factor 列"),
        ("cue,kind,position\n旧货,secondhand,anywhere\n", "缺少列 window, factor, meaning"),
    ],
)
def test_bad_context_rows_are_named(tmp_path, text, message):
    path = tmp_path / "contexts.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TableError, match=message):
        load_legitimate_contexts(path)


def test_bad_term_weight_and_lookalike_width(tmp_path):
    terms = tmp_path / "terms.csv"
    terms.write_text("term,weight,meaning\n高仿,很高,x\n", encoding="utf-8")
    with pytest.raises(TableError, match="第2行，weight 列"):
        load_counterfeit_terms(terms)
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("original,lookalike,meaning\n师傅,帅傅,x\n", encoding="utf-8")
    with pytest.raises(TableError, match="第2行"):
        load_lookalikes(pairs)


def test_brand_names_are_the_name_then_aliases_without_repeats():
    assert Brand("耐克", aliases=("Nike", "耐克", "NIKE")).names == ("耐克", "Nike", "NIKE")


def test_category_prices_are_parsed_with_either_bound_optional():
    parsed = parse_category_prices(" 手袋:2000-50000 | 钱包：800- |围巾:-1,500| ")
    assert parsed == (
        CategoryPrice("手袋", 2000.0, 50000.0),
        CategoryPrice("钱包", 800.0, None),
        CategoryPrice("围巾", None, 1500.0),
    )
    assert parse_category_prices("") == ()
    assert parse_category_prices("T-shirt:100~300") == (CategoryPrice("T-shirt", 100.0, 300.0),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("手袋2000-50000", "“手袋2000-50000”应写作 类别:下限-上限"),
        (":100-200", "应写作 类别:下限-上限"),
        ("手袋:2000", "应写作 类别:下限-上限"),
        ("手袋:两千-5000", "“两千”不是非负数"),
        ("手袋:-5-10", "不是非负数"),
        ("手袋:5000-2000", "下限 5000 大于上限 2000"),
        ("手袋:-", "下限和上限至少填写一个"),
        ("手袋:1-2|手袋 :3-4", "类别“手袋”重复"),
    ],
)
def test_malformed_category_prices_say_which_part_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        parse_category_prices(text)

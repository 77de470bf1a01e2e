"""The editable tables: shipped defaults load, overrides replace them, bad rows are named."""

from __future__ import annotations

import pytest

from zhichan.engines.listings import (
    Brand,
    ContextKind,
    Position,
    load_counterfeit_terms,
    load_legitimate_contexts,
    load_lookalikes,
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

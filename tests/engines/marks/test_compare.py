"""Every rule of 商标审查审理指南 5.1.1-5.1.17 with an example, and the compare() contract."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhichan.engines.marks import Verdict, compare, sample_goods_table


def rules_of(a, b):
    return {r.rule for r in compare(a, b, embeddings=False).reasons}


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        ("康师傅", "傅师康", "5.1.1"),  # same characters, order differs
        ("华为", "华为HUAWEI", "5.1.1"),  # only the pinyin annotation differs
        ("好太阳", "阳太", "5.1.2"),  # distinctive part: same characters, another order
        ("天天", "天", "5.1.3"),  # reduplication
        ("五粮液", "五粮夜", "5.1.4"),  # same sound, similar shape
        ("雪碧", "雷碧", "5.1.5"),  # similar shape
        ("NIKE", "N1KE", "5.1.5"),  # Latin letters that print alike
        ("ADIDAS", "ABIBAS", "5.1.5"),  # five letters or more, same first letter, two letters differ
        ("STARBUCKS", "SUNBUCKS", "5.1.5"),  # eight letters or more: three differ
        ("GUCCI", "CUGCI", "5.1.5"),  # the same letters in another order
        ("雕牌", "周住牌", "5.1.5"),  # one character written as its components side by side
        ("苹果", "APPLE", "5.1.6"),  # translation
        ("皇冠", "王冠", "5.1.6"),  # synonym
        ("耐克", "NIKE", "5.1.6"),  # transliteration
        ("康师傅", "康帅傅", "5.1.7"),  # three characters, one differs
        ("A1", "Al", "5.1.8"),  # one or two letters/digits, only the design differs
        ("ABCD", "ABCE", "5.1.9"),  # three letters or more, one differs
        ("ROMEO JULIET", "JULIET ROMEO", "5.1.10"),  # two words, order differs
        ("THE ROSE", "ROSES", "5.1.11"),  # article and plural
        ("雪碧汽水", "雪碧", "5.1.12"),  # plus a generic name of the goods
        ("广州王老吉", "王老吉", "5.1.13"),  # plus a place name
        ("好太阳", "太阳", "5.1.14"),  # weak modifier
        ("新大宝", "大宝", "5.1.14"),
        ("DR. SMITH", "SMITH", "5.1.14"),
        ("华为HUAWEI", "华为", "5.1.15"),  # composite mark, dominant part
        ("拉菲庄园", "拉菲", "5.1.16"),  # wholly contains the prior mark
        ("华为HUAWEI", "HUAWEI", "5.1.17"),  # Chinese + pinyin against the pinyin
        ("华为", "HUAWEI", "5.1.17"),
    ],
)
def test_each_guideline_rule_has_an_example(a, b, rule):
    result = compare(a, b, embeddings=False)
    assert rule in {r.rule for r in result.reasons}, [str(r) for r in result.reasons]
    assert result.verdict is Verdict.SIMILAR


def test_reason_text_cites_rule_and_evidence():
    reasons = [str(r) for r in compare("康帅傅", "康师傅", embeddings=False).reasons]
    assert "5.1.7 三字以上仅一字不同: 康帅傅 / 康师傅" in reasons
    assert any(r.startswith("5.1.5 字形近似: 雪~雷") for r in map(str, compare("雪碧", "雷碧").reasons))
    assert "5.1.16 完整包含在先商标: 雪碧汽水 contains 雪碧" in [
        str(r) for r in compare("雪碧汽水", "雪碧", embeddings=False).reasons
    ]


def test_guideline_table_examples_from_rules_md():
    for a, b in [
        ("好太阳", "太阳"),
        ("ABCD", "ABCE"),
        ("天天", "天"),
        ("五粮液", "五粮夜"),
        ("HUAWEI", "华为HUAWEI"),
    ]:
        assert compare(a, b).verdict is Verdict.SIMILAR, (a, b)


def test_identical_after_presentation_is_identical():
    for a, b in [("康師傅", "康师傅"), ("Pum\u0430", "PUMA"), ("ＡＢＣ", "abc"), ("雪碧®", "雪 碧")]:
        result = compare(a, b)
        assert result.verdict is Verdict.IDENTICAL
        assert result.score == 1.0
        assert result.reasons[0].rule == "4.1"


def test_distinct_brands_are_not_similar():
    for a, b in [
        ("王老吉", "加多宝"),
        ("华为", "华帝"),
        ("可口可乐", "百事可乐"),
        ("中国银行", "中国人寿"),
        ("小米", "大米"),
    ]:
        result = compare(a, b)
        assert result.verdict is Verdict.NOT_SIMILAR, (a, b, result)
        assert result.reasons == ()


def test_single_character_marks_use_glyph_similarity():
    result = compare("雷", "雪", embeddings=False)
    assert result.shape == pytest.approx(0.4556, abs=1e-3)
    assert result.verdict is Verdict.SIMILAR
    assert compare("人", "天", embeddings=False).verdict is Verdict.NOT_SIMILAR


def test_empty_and_symbol_only_marks_are_not_similar():
    assert compare("", "雪碧").verdict is Verdict.NOT_SIMILAR
    assert compare("®", "™").verdict is Verdict.NOT_SIMILAR


def test_cantonese_only_sound_alike_is_seen():
    # 王 and 黄 are both wong4 in Cantonese, wang and huang in Mandarin.
    result = compare("王记", "黄记", embeddings=False)
    assert result.sound_cantonese == 1.0
    assert result.sound_cantonese > result.sound_mandarin


def test_southern_fuzzy_sound_counts():
    result = compare("张三丰", "赞三丰", embeddings=False)
    assert result.sound_mandarin >= 0.85


def test_goods_are_a_separate_factor_and_never_drop_the_mark():
    table = sample_goods_table()
    result = compare("雪碧", "雷碧", goods_a=["3202"], goods_b=["25"], goods_table=table, embeddings=False)
    assert result.verdict is Verdict.SIMILAR
    assert result.goods is not None and result.goods.relation == "different_class"
    same = compare("雪碧", "雷碧", goods_a=["3202"], goods_b=["3202"], goods_table=table, embeddings=False)
    assert same.goods.relation == "same_group"
    assert "3202" in same.goods.reason


def test_result_dict_has_components_and_reasons():
    data = compare("康帅傅", "康师傅", embeddings=False).as_dict()
    assert set(data["components"]) == {"sound_mandarin", "sound_cantonese", "shape", "meaning", "text"}
    assert data["verdict"] == "similar"
    assert data["reasons"][0]["rule"].startswith("5.1.")


MARKS = st.text(alphabet=st.sampled_from(list("康师傅帅雪雷碧华为天好太阳ABCDEIl1 0O®-")), max_size=6)


@settings(max_examples=60, deadline=None)
@given(MARKS)
def test_a_mark_is_identical_to_itself(mark):
    result = compare(mark, mark, embeddings=False)
    if result.a.strip(" ®-"):
        assert result.verdict is Verdict.IDENTICAL
        assert result.score == 1.0


@settings(max_examples=60, deadline=None)
@given(MARKS, MARKS)
def test_scores_are_symmetric_and_bounded(a, b):
    ab, ba = compare(a, b, embeddings=False), compare(b, a, embeddings=False)
    for name in ("score", "sound_mandarin", "sound_cantonese", "shape", "meaning", "text"):
        assert getattr(ab, name) == pytest.approx(getattr(ba, name), abs=1e-6), name
        assert 0.0 <= getattr(ab, name) <= 1.0
    assert ab.verdict == ba.verdict


@settings(max_examples=60, deadline=None)
@given(MARKS, MARKS)
def test_every_similar_verdict_cites_a_rule(a, b):
    result = compare(a, b, embeddings=False)
    if result.verdict is not Verdict.NOT_SIMILAR:
        assert result.reasons
        assert all(r.rule in ("4.1",) or r.rule.startswith("5.1.") for r in result.reasons)


def test_latin_look_alike_rule_has_limits():
    # Different first letter, too short, or too many letters apart: no 5.1.5 from the Latin rule.
    assert "5.1.5" not in rules_of("CANON", "CARTELO")
    assert "5.1.5" not in rules_of("SONY", "SUNTORY")
    assert "5.1.5" not in rules_of("PUMA", "PUMP")  # four letters: 5.1.9 speaks (one letter differs)
    assert compare("INTEL", "IBM", embeddings=False).verdict is Verdict.NOT_SIMILAR
    # Four letters are too few for the reading "the same letters in another order".
    assert not any("外文字母相同" in str(r) for r in compare("OPPO", "POOP", embeddings=False).reasons)


def test_split_character_needs_the_components_and_the_rest_equal():
    evidence = [str(r) for r in compare("雕牌", "周住牌", embeddings=False).reasons]
    assert any("雕 拆分为 周住" in e for e in evidence), evidence
    assert not any("拆分" in str(r) for r in compare("雕牌", "周住霸", embeddings=False).reasons)
    assert not any("拆分" in str(r) for r in compare("雕牌", "大米牌", embeddings=False).reasons)

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhichan.engines.text import glyph_codes, glyph_similarity, latin_shape_key
from zhichan.engines.text.evaluation import auc, ocr_lookalike_pairs, random_pairs

REPO = Path(__file__).resolve().parents[3]
DATA = Path(os.environ.get("ZHICHAN_TESTDATA", REPO / "../shared/data"))
COMMON = (
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着"
    "去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行"
    "方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理"
    "美点月明"
)


def test_table_holds_codes_from_unihan_and_components():
    codes = glyph_codes("雪")
    assert codes is not None
    assert codes.cangjie == "MBSM"
    assert codes.strokes == 11
    assert codes.radical == "173"
    assert codes.components == {"雨", "彐"}
    assert glyph_codes("A") is None
    assert glyph_similarity("𠮷", "𠮷") == 1.0  # 4-byte characters outside the table still compare


def test_look_alikes_score_above_unrelated_characters():
    pairs = ["雷雪", "帅师", "大太", "王玉", "未末", "己已", "土士"]
    look_alikes = [glyph_similarity(a, b) for a, b in pairs]
    unrelated = [glyph_similarity(a, b) for a, b in ["雪碧", "一鑫", "水龍", "人民", "天地"]]
    assert min(look_alikes) > 0.4
    assert max(unrelated) < 0.1
    assert glyph_similarity("己", "已") > 0.9


def test_identical_character_is_one_and_unknown_is_zero():
    assert glyph_similarity("雪", "雪") == 1.0
    assert glyph_similarity("😀", "😀") == 1.0
    assert glyph_similarity("😀", "雪") == 0.0


@given(st.sampled_from(COMMON), st.sampled_from(COMMON))
def test_glyph_similarity_is_symmetric_and_bounded(a, b):
    s = glyph_similarity(a, b)
    assert s == glyph_similarity(b, a)
    assert 0.0 <= s <= 1.0


def test_latin_visual_confusions_coincide():
    assert latin_shape_key("rnike") == latin_shape_key("mike")
    assert latin_shape_key("NIKE") == latin_shape_key("N1KE") == latin_shape_key("NlKE")
    assert latin_shape_key("G00GLE") == latin_shape_key("GOOGLE")
    assert latin_shape_key("vvolf") == latin_shape_key("wolf")
    assert latin_shape_key("clove") == latin_shape_key("dove")
    assert latin_shape_key("PUMA") != latin_shape_key("PUMP")


def test_auc_counts_ties_half():
    assert auc([1.0, 2.0], [0.0]) == 1.0
    assert auc([1.0], [1.0]) == 0.5
    assert auc([0.0], [1.0]) == 0.0


def test_shape_auc_on_real_ocr_lookalikes():
    """Evaluation: look-alike pairs from real OCR errors against random pairs (held-out lines)."""
    path = DATA / "ocr_shape_errors_train.txt"
    if not path.exists():
        pytest.skip(f"real OCR data not found at {path} (set ZHICHAN_TESTDATA)")
    pairs = ocr_lookalike_pairs(path, lines="even")
    negatives = random_pairs(pairs, seed=2)
    score = auc([glyph_similarity(a, b) for a, b in pairs], [glyph_similarity(a, b) for a, b in negatives])
    print(f"shape AUC on {len(pairs)} held-out OCR look-alike pairs: {score:.3f}")
    assert len(pairs) > 1000
    assert score >= 0.82

from zhichan.engines.marks import Verdict, compare
from zhichan.engines.marks.variants import fold_variants


def test_japanese_new_forms_outside_gb2312_are_folded():
    assert fold_variants("老鼎豊") == "老鼎丰"
    assert fold_variants("広州") == "广州"


def test_standard_characters_and_other_text_are_kept():
    assert fold_variants("芸豆") == "芸豆"  # 芸 is a Chinese character in its own right (jp2t would say 藝)
    assert fold_variants("NIKE") == "NIKE"
    assert fold_variants("😀𠀀") == "😀𠀀"
    assert fold_variants("") == ""


def test_variant_form_is_identical_and_shown_as_given():
    result = compare("鼎丰", "鼎豊", embeddings=False)
    assert result.verdict is Verdict.IDENTICAL
    assert (result.a, result.b) == ("鼎丰", "鼎豊")
    assert "异体" in str(result.reasons[0])
    assert compare("鼎丰", "老鼎豊", embeddings=False).verdict is Verdict.SIMILAR

"""Variants of a brand name: each kind generated and tagged with how it was made."""

from __future__ import annotations

from zhichan.engines.listings import Brand, Settings, VariantKind, brand_variants, load_lookalikes

LOOKALIKES = load_lookalikes()


def _by_text(brand: Brand, settings: Settings | None = None) -> dict[str, VariantKind]:
    return {v.text: v.kind for v in brand_variants(brand, LOOKALIKES, settings or Settings())}


def test_name_and_aliases_come_first_in_comparison_form():
    variants = brand_variants(Brand("耐克", aliases=("ＮＩＫＥ",)), LOOKALIKES)
    assert [(v.text, v.kind) for v in variants[:2]] == [("耐克", VariantKind.NAME), ("nike", VariantKind.ALIAS)]
    assert variants[1].source == "ＮＩＫＥ"


def test_pinyin_digit_lookalike_and_mandarin_homophone():
    found = _by_text(Brand("耐克", aliases=("Nike",)))
    assert found["naike"] is VariantKind.PINYIN
    assert found["n1ke"] is VariantKind.DIGIT_LOOKALIKE
    assert found["n1k3"] is VariantKind.DIGIT_LOOKALIKE
    assert found["奈克"] is VariantKind.HOMOPHONE_MANDARIN


def test_cantonese_homophone_differs_from_mandarin():
    found = _by_text(Brand("耐克"))
    # 克 hak1 = 黑 hak1 in Cantonese; in Mandarin ke4 and hei1 differ.
    assert found["耐黑"] is VariantKind.HOMOPHONE_CANTONESE


def test_lookalike_characters_single_and_all():
    assert _by_text(Brand("康师傅"))["康帅傅"] is VariantKind.LOOKALIKE
    assert _by_text(Brand("奥利奥"))["粤利粤"] is VariantKind.LOOKALIKE
    assert _by_text(Brand("王老吉"))["王老古"] is VariantKind.LOOKALIKE
    assert _by_text(Brand("洽洽"))["治治"] is VariantKind.LOOKALIKE


def test_fragments_only_of_long_chinese_names():
    found = _by_text(Brand("阿迪达斯"))
    assert {t for t, k in found.items() if k is VariantKind.FRAGMENT} == {"阿迪达", "迪达斯"}
    assert VariantKind.FRAGMENT not in _by_text(Brand("康师傅")).values()


def test_every_variant_says_how_and_is_unique_and_capped():
    settings = Settings(max_homophones_per_name=5)
    variants = brand_variants(Brand("康师傅"), LOOKALIKES, settings)
    texts = [v.text for v in variants]
    assert len(texts) == len(set(texts))
    assert all(v.how for v in variants)
    assert sum(v.kind is VariantKind.HOMOPHONE_MANDARIN for v in variants) == 5


def test_short_latin_names_get_no_generated_variants():
    assert [v.kind for v in brand_variants(Brand("HP"), LOOKALIKES)] == [VariantKind.NAME]


def test_one_character_chinese_names_are_not_searched():
    assert brand_variants(Brand("后", aliases=("Whoo",)), LOOKALIKES)[0].text == "whoo"


def test_generated_variants_that_are_common_words_are_dropped():
    found = _by_text(Brand("柯技"))
    assert "科技" not in found  # a word (jieba frequency 15,691), not a disguise
    assert found["柯计"] is VariantKind.HOMOPHONE_MANDARIN
    assert "科技" in _by_text(Brand("柯技"), Settings(common_word_min_frequency=10**9))

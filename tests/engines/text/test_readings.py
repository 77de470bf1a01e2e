from zhichan.engines.text import (
    fuzzy_jyutping,
    fuzzy_syllable,
    jyutping_syllables,
    latin_phonetic_keys,
    pinyin_tones,
    pinyin_units,
    strip_tone,
)


def test_tones_tell_same_sound_from_near_sound():
    assert pinyin_tones("五粮液") == ("wu3", "liang2", "ye4")
    assert [strip_tone(s) for s in pinyin_tones("五粮夜")] == ["wu", "liang", "ye"]
    assert pinyin_tones("五粮夜")[2] == "ye4"


def test_polyphones_offer_other_readings():
    (unit,) = pinyin_units("重")
    assert {unit.toneless, *unit.others} >= {"zhong", "chong"}
    bank = pinyin_units("银行")
    assert bank[1].toneless == "hang" and "xing" in bank[1].others
    assert bank[1].toned == "hang2" and bank[1].han


def test_latin_run_is_one_unit_without_alternatives():
    assert pinyin_units("华为HW")[-1] == ("hw", "hw", frozenset(), False)


def test_southern_fuzzy_sounds_merge():
    pairs = [
        ("zhang", "zang"),
        ("chi", "ci"),
        ("shan", "san"),
        ("nan", "lan"),
        ("hu", "fu"),
        ("fang", "fan"),
        ("beng", "ben"),
        ("jing", "jin"),
    ]
    for a, b in pairs:
        assert fuzzy_syllable(a) == fuzzy_syllable(b), (a, b)
    assert fuzzy_syllable("ba") != fuzzy_syllable("pa")


def test_cantonese_readings_and_lazy_sounds():
    assert jyutping_syllables("广州") == ("gwong2", "zau1")
    assert jyutping_syllables("廣州") == ("gwong2", "zau1")
    assert fuzzy_jyutping("nei5") == fuzzy_jyutping("lei5")
    assert fuzzy_jyutping("ngo5") == fuzzy_jyutping("o5")
    assert fuzzy_jyutping("gwong2") == fuzzy_jyutping("gon2")


def test_cantonese_keeps_latin_runs_and_unknown_characters():
    assert jyutping_syllables("A1酒") == ("a1", "zau2")
    assert jyutping_syllables("") == ()


def test_double_metaphone_keys():
    assert latin_phonetic_keys("NIKE") == latin_phonetic_keys("naike")
    assert latin_phonetic_keys("Smith") == ("SM0", "XMT")
    assert latin_phonetic_keys("") == ()

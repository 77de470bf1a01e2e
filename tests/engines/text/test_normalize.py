import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from zhichan.engines.text import CONFUSABLES, is_han, normalize, pinyin_full, pinyin_initials, script_runs


def test_full_width_and_case_fold_to_ascii():
    assert normalize("ＰＵＭＡ") == "puma"
    assert normalize("ＡＢＣ１２３") == "abc123"
    assert normalize("ｱｲｳ") == "アイウ"  # half-width katakana widened by NFKC


def test_traditional_becomes_simplified():
    assert normalize("康師傅") == "康师傅"
    assert normalize("廣州酒家") == "广州酒家"
    assert normalize("華為") == "华为"


def test_cyrillic_and_greek_confusables_fold_to_latin():
    assert normalize("Pum\u0430") == "puma"  # Cyrillic а
    assert normalize("\u0412\u041c\u0412") == "bmb"  # Cyrillic В М В
    assert normalize("\u039d\u0399\u039a\u0395") == "nike"  # Greek capitals
    assert normalize("Αdidas") == "adidas"


def test_confusable_table_maps_only_to_ascii_letters():
    assert all(v.isascii() and v.isalpha() and len(k) == 1 for k, v in CONFUSABLES.items())


def test_spaces_punctuation_decorations_dropped():
    assert normalize("Coca-Cola®") == "cocacola"
    assert normalize("  老 干 妈 ™ ") == "老干妈"
    assert normalize("《王老吉》·凉茶！") == "王老吉凉茶"
    assert normalize("Café") == normalize("Cafe") == "cafe"


def test_empty_and_symbol_only_strings():
    assert normalize("") == ""
    assert normalize("   ") == ""
    assert normalize("®™©") == ""
    assert pinyin_full("") == ""
    assert pinyin_initials("") == ""


def test_emoji_dropped_but_text_kept():
    assert normalize("😀") == ""
    assert normalize("喜茶🍵HEYTEA") == "喜茶heytea"
    assert normalize("👍🏽好") == "好"


def test_four_byte_han_characters_kept():
    ext_b = "\U00020000\U0002a700"  # CJK Extension B and C
    assert normalize(ext_b) == ext_b
    assert all(is_han(ch) for ch in ext_b)
    assert pinyin_full("𠀀") != ""


def test_kana_voicing_kept_latin_accents_dropped():
    assert normalize("が") != normalize("か")
    assert normalize("Ñandú") == "nandu"


def test_script_runs_split_han_from_latin():
    assert list(script_runs("华为huawei")) == [("华为", True), ("huawei", False)]
    assert list(script_runs("")) == []


def test_pinyin_full_and_initials():
    assert pinyin_full("广州酒家") == "guangzhoujiujia"
    assert pinyin_initials("广州酒家") == "gzjj"
    assert pinyin_full("廣州酒家") == "guangzhoujiujia"
    assert pinyin_full("华为HUAWEI") == "huaweihuawei"
    assert pinyin_initials("华为HUAWEI") == "hwhuawei"
    assert pinyin_full("绿") == "lv"


def test_pinyin_reads_polyphones_in_context():
    assert pinyin_full("银行") == "yinhang"
    assert pinyin_full("行走") == "xingzou"
    assert pinyin_full("重庆") == "chongqing"


@given(st.text(max_size=30))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text(max_size=30))
def test_normalize_leaves_only_letters_and_digits(text):
    assert all(unicodedata.category(ch)[0] in "LNM" for ch in normalize(text))


@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=20))
def test_full_width_ascii_normalises_like_ascii(text):
    wide = "".join(chr(ord(ch) + 0xFEE0) for ch in text)
    assert normalize(wide) == normalize(text)


def test_combining_mark_after_a_dropped_character_is_dropped_too():
    # Found by the idempotence property: U+D7FC is unassigned, U+1CD0 a combining Vedic tone mark.
    assert normalize("\ud7fc\u1cd0") == normalize(normalize("\ud7fc\u1cd0")) == ""
    assert normalize("か\u3099") == normalize("が")  # a voicing mark on a kept kana stays with it

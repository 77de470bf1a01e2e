"""The comparison form of a name or mark: what two strings share once presentation is set aside.

Marks and organisation names arrive full-width, mixed case, in Traditional characters, with ®, spaces,
middle dots and, in knock-offs, Cyrillic or Greek letters that look Latin (`Pumа`). Comparison must
not see any of that; the original string is kept by the caller for display.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

import opencc

# Cyrillic and Greek letters that are drawn like a Latin letter in common fonts. Applied before case
# folding, because folding loses the shape (Greek capital Μ looks like M, its lower case μ like u).
# Built by hand from the Unicode code charts; Unicode's confusables.txt is not in Debian's unicode-data.
_CONFUSABLE_PAIRS = (
    # Cyrillic capitals
    "АA ВB ЕE ЅS ІI ЈJ КK МM НH ОO РP СC ТT УY ХX ҮY ҺH ӀI ԚQ ԜW"
    # Cyrillic small letters
    " аa вb еe ёe ѕs іi їi јj кk мm нh оo рp сc тt уy хx һh ҳx ӏl ԁd ԛq ԝw үy"
    # Greek capitals
    " ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX ϹC ϳj"
    # Greek small letters
    " αa βb γy εe ιi κk νv οo ρp τt υu χx ωw ϲc"
    # Latin look-alikes outside ASCII that NFKC leaves alone
    " ıi ȷj ɑa ɡg ɩi ɪi ʏy ᴀa ᴄc ᴅd ᴇe ᴋk ᴍm ᴏo ᴘp ᴛt ᴜu ᴠv ᴡw ᴢz"
)
CONFUSABLES: dict[str, str] = {pair[0]: pair[1] for pair in _CONFUSABLE_PAIRS.split()}

CONFUSABLE_TABLE = str.maketrans(CONFUSABLES)

# ASCII fast path: keep letters and digits, drop everything else.
_ASCII_DROP = str.maketrans("", "", "".join(chr(c) for c in range(128) if not chr(c).isalnum()))

# Combining accents are dropped only after Latin, Greek and Cyrillic letters (café = cafe); kana voicing
# marks and Indic vowel signs change the letter and are kept.
_ACCENTED_BASE_LIMIT = 0x0530


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _kept(text: str) -> str:
    """Letters and digits carry the mark; punctuation, symbols (®, emoji), spaces and controls do not.

    A combining mark stays only with the letter it belongs to: after a dropped character it would
    attach to whatever comes next, and a second pass would then drop it (normalize must be idempotent).
    """
    out: list[str] = []
    base_kept = False
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Mc", "Mn"):
            if base_kept:
                out.append(ch)
            continue
        base_kept = cat[0] in "LN"
        if base_kept:
            out.append(ch)
    return "".join(out)


def _strip_accents(text: str) -> str:
    # Symbols go first: NFKD would spell ™ as "TM" and ℠ as "SM".
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "S")
    decomposed = unicodedata.normalize("NFKD", text)
    out: list[str] = []
    base = 0
    for ch in decomposed:
        if unicodedata.combining(ch):
            if base < _ACCENTED_BASE_LIMIT:
                continue
        else:
            base = ord(ch)
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The comparison form: NFKC and width folded, confusables to Latin, case folded, Traditional to
    Simplified, and spaces, punctuation, symbols and emoji dropped.

    `normalize("ＰＵＭＡ®")`, `normalize("Pumа")` (Cyrillic а) and `normalize("puma")` are all "puma";
    `normalize("康師傅")` is "康师傅". Idempotent: normalize(normalize(x)) == normalize(x).
    """
    if text.isascii():
        return text.translate(_ASCII_DROP).lower()
    folded = _strip_accents(text).translate(CONFUSABLE_TABLE).casefold()
    # Case folding can expose new compatibility forms (e.g. ß -> ss is fine, but K (Kelvin) -> k).
    folded = unicodedata.normalize("NFKC", folded).translate(CONFUSABLE_TABLE)
    kept = _kept(folded)
    if kept.isascii():
        return kept
    return str(_t2s().convert(kept))

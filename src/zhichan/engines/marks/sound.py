"""Sound similarity of two marks in Mandarin and in Cantonese (5.1.4, 5.1.17).

Units are syllables of Han characters and whole Latin words. Same syllable and tone scores 1; only the
tone differs 0.95; another reading of a polyphonic character, or a southern fuzzy pair (z/zh, n/l,
an/ang ...), 0.85; otherwise a part of the spelling similarity. Latin words sound alike when their
Double Metaphone keys meet. Where a Latin part is involved, the whole reading is also compared as one
string, which lets a Latin mark meet a Chinese one (HUAWEI / 华为, NIKE / 耐克).
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from zhichan.engines.marks.align import align
from zhichan.engines.text import (
    PinyinUnit,
    fuzzy_jyutping,
    fuzzy_syllable,
    is_han,
    jyutping_syllables,
    latin_phonetic_keys,
    normalize,
    pinyin_full,
    pinyin_units,
    strip_tone,
)

SAME_TONELESS = 0.95
ALTERNATIVE = 0.85  # polyphone reading or fuzzy sound
PARTIAL = 0.6  # scale of spelling similarity between different syllables
METAPHONE_MATCH = 0.9


def _latin_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    score = Levenshtein.normalized_similarity(a, b)
    if set(latin_phonetic_keys(a)) & set(latin_phonetic_keys(b)):
        score = max(score, METAPHONE_MATCH)
    return score


@lru_cache(maxsize=1 << 18)  # the same syllable pairs recur across the candidates of a filing
def _mandarin_unit_similarity(x: PinyinUnit, y: PinyinUnit) -> float:
    if x.toned == y.toned:
        return 1.0
    if not (x.han and y.han):
        cross_script = 1.0 if x.han == y.han else 0.8
        return _latin_similarity(x.toneless, y.toneless) * cross_script
    if x.toneless == y.toneless:
        return SAME_TONELESS
    if y.toneless in x.others or x.toneless in y.others or fuzzy_syllable(x.toneless) == fuzzy_syllable(y.toneless):
        return ALTERNATIVE
    return PARTIAL * Levenshtein.normalized_similarity(x.toneless, y.toneless)


def _whole_reading(a: str, b: str, reading_a: str, reading_b: str) -> float:
    """Readings compared as whole strings, only where a non-Han part is involved (华为 / HUAWEI); between
    Han marks the syllable alignment is the finer measure."""
    if all(is_han(ch) for ch in normalize(a) + normalize(b)):
        return 0.0
    score = Levenshtein.normalized_similarity(reading_a, reading_b) if reading_a and reading_b else 0.0
    # Metaphone drops vowels, so it only speaks where a Latin mark is involved (NIKE / 耐克).
    if normalize(a).isascii() or normalize(b).isascii():
        keys_a, keys_b = latin_phonetic_keys(reading_a), latin_phonetic_keys(reading_b)
        if reading_a and reading_b and set(keys_a) & set(keys_b):
            score = max(score, METAPHONE_MATCH)
    return score


def sound_mandarin(a: str, b: str) -> float:
    """How alike two marks sound in Mandarin, in [0, 1]; symmetric."""
    if normalize(a) == normalize(b):
        return 1.0 if normalize(a) else 0.0
    units = align(pinyin_units(a), pinyin_units(b), _mandarin_unit_similarity).score
    return round(max(units, _whole_reading(a, b, pinyin_full(a), pinyin_full(b))), 4)


@lru_cache(maxsize=1 << 18)
def _cantonese_unit_similarity(x: str, y: str) -> float:
    if x == y:
        return 1.0
    bx, by = strip_tone(x), strip_tone(y)
    if bx == by:
        return SAME_TONELESS
    if fuzzy_jyutping(bx) == fuzzy_jyutping(by):
        return ALTERNATIVE
    return PARTIAL * Levenshtein.normalized_similarity(bx, by)


def sound_cantonese(a: str, b: str) -> float:
    """How alike two marks sound in Cantonese (Guangzhou's language), in [0, 1]; symmetric."""
    if normalize(a) == normalize(b):
        return 1.0 if normalize(a) else 0.0
    ja, jb = jyutping_syllables(a), jyutping_syllables(b)
    units = align(ja, jb, _cantonese_unit_similarity).score
    whole_a = "".join(strip_tone(s) for s in ja)
    whole_b = "".join(strip_tone(s) for s in jb)
    return round(max(units, _whole_reading(a, b, whole_a, whole_b)), 4)

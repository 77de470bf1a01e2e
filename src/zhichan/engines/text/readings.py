"""How a mark sounds: Mandarin pinyin (tones, polyphones, southern fuzzy sounds), Cantonese jyutping,
and Double Metaphone keys for Latin words.

Two marks that are read alike are confused by people who hear them (5.1.4, 5.1.17), so sound is
compared on readings, not on characters. Non-Han parts (Latin words, digits) are kept whole in their
normalised form, so that `华为HUAWEI` reads `huawei huawei`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import ToJyutping
from metaphone import doublemetaphone
from pypinyin import Style, lazy_pinyin, pinyin

from zhichan.engines.text.normalize import normalize
from zhichan.engines.text.script import script_runs


def _keep_chunk(chunk: str) -> str:
    """pypinyin's `errors` hook: a run it cannot read is kept as written."""
    return chunk


@lru_cache(maxsize=65536)
def _han_run_tones(run: str) -> tuple[str, ...]:
    """Numbered-pinyin syllables of a run of Han characters, read at once so that pypinyin's phrase
    dictionary picks polyphones in context. The toneless reading is this without the tone digit (the
    same as pypinyin's NORMAL style, checked over the whole CJK block), so pypinyin runs once per run."""
    return tuple(lazy_pinyin(run, style=Style.TONE3, errors=_keep_chunk, neutral_tone_with_five=True))


def _toneless(syllable: str) -> str:
    return syllable.rstrip("12345")


@lru_cache(maxsize=65536)
def _readings(text: str, style: Style) -> tuple[tuple[str, bool], ...]:
    out: list[tuple[str, bool]] = []
    for run, is_han in script_runs(normalize(text)):
        if is_han:
            syllables = _han_run_tones(run)
            out.extend((syl if style == Style.TONE3 else _toneless(syl), True) for syl in syllables)
        else:
            out.append((run, False))
    return tuple(out)


def pinyin_syllables(text: str) -> tuple[str, ...]:
    """Toneless syllables of the normalised text, one per Han character; non-Han runs stay whole.

    Polyphones are read in context (银行 -> yin hang, 行长 -> hang zhang); ü is written v (绿 -> lv).
    """
    return tuple(syl for syl, _ in _readings(text, Style.NORMAL))


def pinyin_tones(text: str) -> tuple[str, ...]:
    """Syllables with tone numbers (`guang3`), to tell 同音 from 音近 (only the tone differs)."""
    return tuple(syl for syl, _ in _readings(text, Style.TONE3))


def pinyin_full(text: str) -> str:
    """Toneless pinyin syllables concatenated in lower case: 广州酒家 -> "guangzhoujiujia"."""
    return "".join(pinyin_syllables(text))


def pinyin_initials(text: str) -> str:
    """First letter of each Han syllable, non-Han runs kept whole: 广州酒家 -> "gzjj"."""
    return "".join(syl[:1] if is_han else syl for syl, is_han in _readings(text, Style.NORMAL))


class PinyinUnit(NamedTuple):
    """One unit of a mark's Mandarin reading: a Han character's syllable, or a whole non-Han run."""

    toneless: str  # `hang`; for a non-Han run, the run itself
    toned: str  # `hang2`
    others: frozenset[str]  # the character's other toneless readings (polyphones)
    han: bool


@lru_cache(maxsize=65536)
def _heteronyms(ch: str) -> frozenset[str]:
    """Every toneless reading of one character."""
    return frozenset(pinyin(ch, style=Style.NORMAL, heteronym=True, errors=_keep_chunk)[0])


@lru_cache(maxsize=65536)
def pinyin_units(text: str) -> tuple[PinyinUnit, ...]:
    """Per unit: the reading in context, with tone, and every other toneless reading of the character.

    A polyphonic character in a mark can be read either way by the public (行: xing, hang, heng), so
    sound comparison accepts the other readings too, at a discount decided by the caller.
    """
    out: list[PinyinUnit] = []
    for run, han in script_runs(normalize(text)):
        if han:
            toned = _han_run_tones(run)
            toneless = [_toneless(syl) for syl in toned]
            if len(toneless) == len(toned) == len(run):
                for ch, plain, tone in zip(run, toneless, toned, strict=True):
                    out.append(PinyinUnit(plain, tone, _heteronyms(ch) - {plain}, True))
                continue
        # A non-Han run, or Han characters pypinyin cannot read: the run is one unit, read as written.
        out.append(PinyinUnit(run, run, frozenset(), False))
    return tuple(out)


# Southern speakers merge these; the key maps each pair to one spelling (initials first, then finals).
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"), ("h", "f"))
_FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


@lru_cache(maxsize=4096)
def fuzzy_syllable(syllable: str) -> str:
    """The southern fuzzy-sound key of a toneless syllable: z/zh c/ch s/sh n/l f/h an/ang en/eng in/ing.

    `fuzzy_syllable("zhang") == fuzzy_syllable("zan")`, `fuzzy_syllable("hu") == fuzzy_syllable("fu")`.
    """
    syl = syllable
    for long, short in _FUZZY_INITIALS:
        if syl.startswith(long):
            syl = short + syl[len(long) :]
            break
    for long, short in _FUZZY_FINALS:
        if syl.endswith(long):
            syl = syl[: -len(long)] + short
            break
    return syl


@lru_cache(maxsize=65536)
def jyutping_syllables(text: str) -> tuple[str, ...]:
    """Cantonese readings with tone numbers (广州 -> gwong2 zau1), one per Han character.

    Guangzhou's own language: two marks may sound alike only in Cantonese. Characters without a
    reading in ToJyutping, and non-Han runs, are kept as they are.
    """
    out: list[str] = []
    for run, han in script_runs(normalize(text)):
        if not han:
            out.append(run)
            continue
        out.extend(jp or ch for ch, jp in ToJyutping.get_jyutping_list(run))
    return tuple(out)


_JYUTPING_TONE = re.compile(r"[1-6]$")
# Cantonese 懒音 (lazy sounds) common in Guangzhou speech: n/l, ng-/zero initial, gw/g, kw/k, -ng/-n, -k/-t.
_JYUT_FUZZY_INITIALS = (("ng", ""), ("gw", "g"), ("kw", "k"), ("n", "l"))
_JYUT_FUZZY_FINALS = (("ng", "n"), ("k", "t"))


@lru_cache(maxsize=4096)
def fuzzy_jyutping(syllable: str) -> str:
    """Toneless Cantonese syllable with the lazy-sound mergers applied (`ngo5` -> `o`, `nei5` -> `lei`)."""
    syl = _JYUTPING_TONE.sub("", syllable)
    for long, short in _JYUT_FUZZY_INITIALS:
        if syl.startswith(long) and len(syl) > len(long):
            syl = short + syl[len(long) :]
            break
    for long, short in _JYUT_FUZZY_FINALS:
        if syl.endswith(long) and len(syl) > len(long):
            syl = syl[: -len(long)] + short
            break
    return syl


def strip_tone(syllable: str) -> str:
    """A jyutping or numbered-pinyin syllable without its tone digit."""
    return syllable.rstrip("123456")


@lru_cache(maxsize=65536)
def latin_phonetic_keys(word: str) -> tuple[str, ...]:
    """Double Metaphone keys (primary, and secondary when it differs) of a Latin word: NIKE -> ("NK",)."""
    norm = normalize(word)
    if not norm:
        return ()
    keys = [k for k in doublemetaphone(norm) if k]
    # Digits and vowel-less strings have no Metaphone key: the word stands for itself.
    return tuple(dict.fromkeys(keys)) if keys else (norm,)

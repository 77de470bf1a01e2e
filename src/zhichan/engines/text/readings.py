"""How a mark sounds: Mandarin pinyin (with and without tones, polyphones in context).

Two marks that are read alike are confused by people who hear them (5.1.4, 5.1.17), so sound is
compared on readings, not on characters. Non-Han parts (Latin words, digits) are kept whole in their
normalised form, so that `华为HUAWEI` reads `huawei huawei`.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from zhichan.engines.text.normalize import normalize
from zhichan.engines.text.script import script_runs


def _keep_chunk(chunk: str) -> list[str]:
    return [chunk]


@lru_cache(maxsize=65536)
def _readings(text: str, style: Style) -> tuple[tuple[str, bool], ...]:
    out: list[tuple[str, bool]] = []
    for run, is_han in script_runs(normalize(text)):
        if is_han:
            # The whole run is read at once so that pypinyin's phrase dictionary picks polyphones in context.
            syllables = lazy_pinyin(run, style=style, errors=_keep_chunk, neutral_tone_with_five=True)
            out.extend((syl, True) for syl in syllables)
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

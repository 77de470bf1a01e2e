"""Chinese and Latin text for comparison: normalisation, readings, glyph shape.

Public API, used on every organisation name, mark and listing title:
`normalize`, `pinyin_full`, `pinyin_initials`, `pinyin_syllables`, `pinyin_tones`,
`pinyin_units`, `fuzzy_syllable`, `jyutping_syllables`, `fuzzy_jyutping`, `strip_tone`,
`latin_phonetic_keys`, `is_han`, `script_runs`, `glyph_similarity`, `glyph_codes`, `latin_shape_key`.
"""

from zhichan.engines.text.glyph import GlyphCodes, glyph_codes, glyph_similarity, latin_shape_key
from zhichan.engines.text.normalize import CONFUSABLES, normalize
from zhichan.engines.text.readings import (
    PinyinUnit,
    fuzzy_jyutping,
    fuzzy_syllable,
    jyutping_syllables,
    latin_phonetic_keys,
    pinyin_full,
    pinyin_initials,
    pinyin_syllables,
    pinyin_tones,
    pinyin_units,
    strip_tone,
)
from zhichan.engines.text.script import all_han, is_han, script_runs

__all__ = [
    "CONFUSABLES",
    "GlyphCodes",
    "PinyinUnit",
    "all_han",
    "fuzzy_jyutping",
    "fuzzy_syllable",
    "glyph_codes",
    "glyph_similarity",
    "is_han",
    "jyutping_syllables",
    "latin_phonetic_keys",
    "latin_shape_key",
    "normalize",
    "pinyin_full",
    "pinyin_initials",
    "pinyin_syllables",
    "pinyin_tones",
    "pinyin_units",
    "script_runs",
    "strip_tone",
]

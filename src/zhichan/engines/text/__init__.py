"""Chinese and Latin text for comparison: normalisation, readings, and (later) glyph shape.

Public API, used on every organisation name, mark and listing title:
`normalize`, `pinyin_full`, `pinyin_initials`, `pinyin_syllables`, `pinyin_tones`, `is_han`, `script_runs`.
"""

from zhichan.engines.text.normalize import CONFUSABLES, normalize
from zhichan.engines.text.readings import pinyin_full, pinyin_initials, pinyin_syllables, pinyin_tones
from zhichan.engines.text.script import is_han, script_runs

__all__ = [
    "CONFUSABLES",
    "is_han",
    "normalize",
    "pinyin_full",
    "pinyin_initials",
    "pinyin_syllables",
    "pinyin_tones",
    "script_runs",
]

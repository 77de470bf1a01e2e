"""Variant characters that Traditional-to-Simplified folding leaves alone: Japanese new forms (新字体).

A knock-off may write a character in a variant form that is not a standard Chinese character: 老鼎豊
for 老鼎丰 (豊, the Japanese form of 豐). OpenCC's t2s table does not fold it; OpenCC's own Japanese
table (jp2t, shipped in the same wheel) maps it to the traditional form, which t2s then simplifies.
Only characters outside GB 2312 (the standard simplified set) are folded, and only to a character in
it, so that Chinese characters that are also Japanese forms of something else (芸, a Chinese
character in its own right and the Japanese form of 藝) are left as they are.
"""

from __future__ import annotations

from functools import cache, lru_cache

import opencc

from zhichan.engines.text import is_han


@cache
def _jp2t() -> opencc.OpenCC:
    return opencc.OpenCC("jp2t")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _standard(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=16384)
def _fold_character(ch: str) -> str:
    if not is_han(ch) or _standard(ch):
        return ch
    folded = str(_t2s().convert(str(_jp2t().convert(ch))))
    return folded if len(folded) == 1 and _standard(folded) else ch


@lru_cache(maxsize=65536)
def fold_variants(text: str) -> str:
    """The text with variant forms outside GB 2312 folded to the standard character: 老鼎豊 -> 老鼎丰."""
    if text.isascii():
        return text
    return "".join(map(_fold_character, text))

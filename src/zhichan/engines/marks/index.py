"""A candidate index over a register of protected marks, so that screening N filings against M marks
compares each filing with a few candidates instead of all M (blocking).

Each mark is filed under keys that two confusable marks share: its normalised text and distinctive part
with characters deleted (SymSpell: a substitution, insertion or deletion leaves one key in common: 康帅傅
and 康师傅 meet at 康傅), the same over its fuzzy pinyin syllables (同音、音近), its Cantonese reading,
the Latin look-alike spelling with deletions and Double Metaphone keys, its pinyin spelling (5.1.17),
its dictionary glosses (苹果 meets APPLE), segments of long marks (pigeonhole: edits confined to one
half or two thirds leave a segment whole) and, for containment (5.1.16), every part of a filing looked
up whole. Keys are stored as 64-bit hashes in two sorted numpy arrays (about 13 bytes per key).

Deletion neighbourhoods are asymmetric: the register side is kept small (it is stored for millions of
marks), a filing's side goes one deletion deeper for Latin marks (it is computed once per filing), so
that a filing with up to three letters added to a register mark (RECIPNIKE / RECIPE) still meets it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from pandas.util import hash_array

from zhichan.engines.marks.lexicon import split_mark
from zhichan.engines.marks.meaning import glosses
from zhichan.engines.marks.settings import DEFAULT_SETTINGS, Settings
from zhichan.engines.marks.variants import fold_variants
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

# Deletions filed per mark, by length of the unit sequence (characters, syllables). fuzz.ratio 0.8
# allows each side about a fifth of its length deleted when the lengths are equal, a third when one is
# two thirds of the other: one deletion up to 5 units, two up to 9; longer marks are found through
# containment, segments and their distinctive part.
REGISTER_DELETIONS = {n: 1 for n in range(1, 6)} | {n: 2 for n in range(6, 10)} | {10: 1}
# Latin look-alike spellings: two deletions up to 12 letters, one up to 16 (the register side) ...
LATIN_REGISTER_DELETIONS = {n: 1 for n in range(1, 6)} | {n: 2 for n in range(6, 13)} | {n: 1 for n in range(13, 17)}
# ... and a filing goes one deeper from 8 (a look-alike spelling may be shorter than the 9 letters of which
# three are a third).
LATIN_QUERY_DELETIONS = LATIN_REGISTER_DELETIONS | {n: 3 for n in range(8, 13)} | {n: 2 for n in range(13, 17)}
# Marks whose distinctive part is at least this long are also filed under three segments of it, and
# normalised marks at least HALVED_LENGTH long under their two halves: edits confined to two thirds of
# the distinctive part (one half of the mark) leave one segment whole (pigeonhole), and a filing looks
# up each of its substrings. Thirds of the whole name are not filed: the last third of a company name
# is its legal form (易有限公司), shared by a fifth of the register, and made blocking four times slower.
MIN_SEGMENTED_LENGTH = 9
HALVED_LENGTH = 10
MIN_SEGMENT = 3
MAX_TRANSLITERATION_LENGTH = 4
# Keys that decide on their own that a pair is worth a full comparison (containment, translation,
# pinyin spelling, order); other keys only propose candidates that a quick string score then filters.
STRONG_PREFIXES = ("c:", "g:", "s:", "o:")
# A filing's substrings are looked up under one prefix: a register mark files itself whole there as a
# strong key (containment, 5.1.16) and its segments as weak keys.
SEGMENT_PREFIX = "c:"


def _deletions(units: Sequence[str], prefix: str, rounds: int) -> set[str]:
    """The sequence itself and each sequence with up to `rounds` units deleted (SymSpell neighbourhood)."""
    if not units or rounds < 0:
        return set()
    variants = level = {tuple(units)}
    for _ in range(rounds):
        level = {v[:i] + v[i + 1 :] for v in level if len(v) > 1 for i in range(len(v))}
        variants = variants | level
    return {prefix + "\x1f".join(v) for v in variants}


@lru_cache(maxsize=65536)
def _mandarin(ch: str) -> str:
    """The fuzzy toneless pinyin of one character, read alone (blocking keys do not need the reading in
    context, which costs a phrase segmentation per mark; the full comparison reads polyphones in context)."""
    units = pinyin_units(ch)
    return fuzzy_syllable(units[0].toneless) if units and units[0].han else ch


@lru_cache(maxsize=65536)
def _spelling(ch: str) -> str:
    """The toneless pinyin of one Han character read alone (花 -> hua)."""
    return pinyin_full(ch)


@lru_cache(maxsize=65536)
def _cantonese(ch: str) -> str:
    """The fuzzy toneless jyutping of one character, read alone."""
    syllables = jyutping_syllables(ch)
    return fuzzy_jyutping(syllables[0]) if syllables else ch


def _sounds(run: str, han: bool, reading: Callable[[str], str]) -> list[str]:
    """Per-character readings of a Han run; a non-Han run is one unit, read as written."""
    return [reading(ch) for ch in run] if han else [run]


def _min_contained(text: str, settings: Settings) -> int:
    return settings.min_contained_han if any(is_han(ch) for ch in text) else settings.min_contained_latin


def _keys(mark: str, *, query: bool, settings: Settings) -> tuple[set[str], set[str]]:
    """(strong keys, weak keys) of a mark, as filed in the index or (query=True) as looked up."""
    mark = fold_variants(mark)
    norm = normalize(mark)
    if not norm:
        return set(), set()
    core = split_mark(mark).core or norm
    strong: set[str] = set()
    weak: set[str] = set()
    latin_rounds = LATIN_QUERY_DELETIONS if query else LATIN_REGISTER_DELETIONS
    for text in {norm, core}:
        rounds = REGISTER_DELETIONS.get(len(text), -1)
        weak |= _deletions(list(text), "d:", rounds)
        if len(text) >= _min_contained(text, settings):
            strong.add(SEGMENT_PREFIX + text)
        if len(text) > 1:
            strong.add("o:" + "".join(sorted(text)))  # the same characters in another order (5.1.1, 5.1.2)
        if not query and text == core and len(text) >= MIN_SEGMENTED_LENGTH:  # not 有限公司 of a name
            third = len(text) // 3
            weak.update(SEGMENT_PREFIX + seg for seg in (text[:third], text[third : 2 * third], text[2 * third :]))
        runs = list(script_runs(text))
        weak |= _deletions([u for run, h in runs for u in _sounds(run, h, _mandarin)], "p:", rounds)
        weak.add("j:" + "\x1f".join(u for run, h in runs for u in _sounds(run, h, _cantonese)))
        han = "".join(run for run, h in runs if h)
        latin = "".join(run for run, h in runs if not h)
        if han:
            spelled = "".join(map(_spelling, han))
            strong.add("s:" + spelled)
            if not query:  # the register also files the reading in context (银行: yinhang, not yinxing)
                strong.add("s:" + pinyin_full(han))
            strong.update("g:" + g for g in glosses(han))
            if len(han) <= MAX_TRANSLITERATION_LENGTH:  # 耐克 (naike) meets NIKE at Metaphone NK
                weak.update("m:" + k for k in latin_phonetic_keys(spelled))
        if latin:
            strong.add("s:" + latin)
            strong.add("g:" + latin)
            shape_key = latin_shape_key(latin)
            weak |= _deletions(list(shape_key), "l:", latin_rounds.get(len(shape_key), -1))
            weak.update("m:" + k for k in latin_phonetic_keys(latin))
    if not query and len(norm) >= HALVED_LENGTH:  # company names: the place and name differ, the rest not
        half = len(norm) // 2
        weak.update((SEGMENT_PREFIX + norm[:half], SEGMENT_PREFIX + norm[half:]))
    if query:
        shortest = min(_min_contained(norm, settings), MIN_SEGMENT)
        for start in range(len(norm)):
            strong.update(SEGMENT_PREFIX + norm[start:end] for end in range(start + shortest, len(norm) + 1))
    return strong, weak - strong


def mark_keys(mark: str, settings: Settings = DEFAULT_SETTINGS) -> set[str]:
    """The keys a mark is filed under in the index."""
    strong, weak = _keys(mark, query=False, settings=settings)
    return strong | weak


def query_keys(mark: str, settings: Settings = DEFAULT_SETTINGS) -> set[str]:
    """The keys looked up for a filing: its own keys (with deeper Latin deletions) plus every part of it
    long enough to be a contained prior mark (5.1.16) or a segment of a long one."""
    strong, weak = _keys(mark, query=True, settings=settings)
    return strong | weak


def key_hashes(keys: Sequence[str]) -> np.ndarray:
    """Stable signed 64-bit hashes of keys (SipHash with pandas' fixed key: the same in every process
    and on every machine), computed in one vectorised call."""
    if not len(keys):
        return np.empty(0, dtype=np.int64)
    hashes: np.ndarray = hash_array(np.asarray(keys, dtype=object), categorize=False).view(np.int64)
    return hashes


def key_hash(key: str) -> int:
    """The stable 64-bit hash of one key."""
    return int(key_hashes([key])[0])


@dataclass(frozen=True)
class Candidates:
    ids: np.ndarray  # positions of candidate marks in the register
    strong: np.ndarray  # bool per candidate: found through a strong key


_EMPTY = Candidates(np.empty(0, dtype=np.int32), np.empty(0, dtype=bool))


def index_arrays(
    marks: Sequence[str], start: int = 0, settings: Settings = DEFAULT_SETTINGS
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Key hashes, owner positions (from `start`) and strong flags of a run of marks, unsorted.

    A pure function over a slice of the register, so that worker processes can each build a part.
    """
    keys: list[str] = []
    owners: list[int] = []
    strong: list[bool] = []
    for offset, mark in enumerate(marks):
        s, w = _keys(mark, query=False, settings=settings)
        keys.extend(s)
        keys.extend(w)
        owners.extend([start + offset] * (len(s) + len(w)))
        strong.extend([True] * len(s) + [False] * len(w))
    return key_hashes(keys), np.asarray(owners, dtype=np.int32), np.asarray(strong, dtype=bool)


class CandidateIndex:
    """Blocking keys of a register, queried per filing. Build once, query many times (read-only)."""

    def __init__(
        self,
        marks: Sequence[str],
        parts: Iterable[tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None,
        *,
        settings: Settings = DEFAULT_SETTINGS,
    ) -> None:
        """Index `marks`; `parts` are `index_arrays` results computed elsewhere (e.g. by workers) with the
        same `settings`."""
        self.marks = list(marks)
        self.settings = settings
        chunks = list(parts) if parts is not None else [index_arrays(self.marks, settings=settings)]
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
        return self.candidates_many([mark])[0]

    def candidates_many(self, marks: Sequence[str], batch: int = 500) -> list[Candidates]:
        """`candidates` of many filings at once: one hashing call, one search and one grouping per batch."""
        out: list[Candidates] = []
        for start in range(0, len(marks), batch):
            out.extend(self._candidates_batch(marks[start : start + batch]))
        return out

    def _candidates_batch(self, marks: Sequence[str]) -> list[Candidates]:
        keys: list[str] = []
        is_strong: list[bool] = []
        filing: list[int] = []
        for n, mark in enumerate(marks):
            s, w = _keys(mark, query=True, settings=self.settings)
            keys.extend(s)
            keys.extend(w)
            is_strong.extend([True] * len(s) + [False] * len(w))
            filing.extend([n] * (len(s) + len(w)))
        if not keys or not len(self._hashes):
            return [_EMPTY] * len(marks)
        wanted = key_hashes(keys)
        by_hash = np.argsort(wanted)  # searching in order keeps the walk through the index cache-friendly
        left = np.empty(len(wanted), dtype=np.int64)
        left[by_hash] = np.searchsorted(self._hashes, wanted[by_hash], side="left")
        sizes = np.zeros(len(wanted), dtype=np.int64)
        inside = left < len(self._hashes)
        sizes[inside] = self._hashes[left[inside]] == wanted[inside]
        # Most keys match nothing or one mark; only those that match look for the end of their run.
        found = np.nonzero(sizes)[0]
        sizes[found] = np.searchsorted(self._hashes, wanted[found], side="right") - left[found]
        hit = sizes > 0
        left, sizes = left[hit], sizes[hit]
        # Every (filing, register position, strong) triple of the matched spans, without a Python loop.
        total = int(sizes.sum())
        if not total:
            return [_EMPTY] * len(marks)
        starts = np.repeat(left - (np.cumsum(sizes) - sizes), sizes) + np.arange(total)
        owners = self._owners[starts].astype(np.int64)
        strong = self._strong[starts] & np.repeat(np.asarray(is_strong, dtype=bool)[hit], sizes)
        filings = np.repeat(np.asarray(filing, dtype=np.int64)[hit], sizes)
        # One row per (filing, owner): one sort of (filing, owner, strong) packed in an integer, strong rows
        # after weak ones, so that the last row of a pair decides.
        packed = np.sort((((filings << 32) | owners) << 1) | strong)
        pair, strong = packed >> 1, (packed & 1).astype(bool)
        last = np.ones(len(pair), dtype=bool)
        last[:-1] = pair[1:] != pair[:-1]
        pair, strong = pair[last], strong[last]
        which = pair >> 32
        bounds = np.searchsorted(which, np.arange(len(marks) + 1))
        ids = (pair & 0xFFFFFFFF).astype(np.int32)
        return [
            Candidates(ids[bounds[n] : bounds[n + 1]], strong[bounds[n] : bounds[n + 1]]) for n in range(len(marks))
        ]

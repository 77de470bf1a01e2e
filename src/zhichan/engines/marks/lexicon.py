"""Words that do not make a mark distinctive, and the distinctive part left without them.

The guideline treats a difference only in weak modifiers (5.1.14: 新 大 好 宝 世家 国际 珍品 DR.),
articles, conjunctions and prepositions (5.1.11: THE AND BY FROM ...), generic names of the goods
(5.1.12) or place names (5.1.13) as no difference. The word lists are in `data/lexicon.csv`, each row
with its source (the guideline's own examples, or a project addition of the same kind).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from zhichan.engines.text import is_han, normalize, script_runs

CATEGORY_RULES = {"weak": "5.1.14", "article": "5.1.11", "generic": "5.1.12", "place": "5.1.13"}
_MIN_HAN_CORE = 2
_MIN_LATIN_CORE = 3
_SEPARATORS = re.compile(r"[^\w]+|_")


@dataclass(frozen=True, slots=True)
class Entry:
    word: str
    category: str
    where: str


@dataclass(frozen=True, slots=True)
class Parts:
    """A mark split into its distinctive part and the non-distinctive words taken off it."""

    words: tuple[str, ...]
    core: str
    removed: tuple[tuple[str, str], ...]  # (word, category)


@cache
def lexicon() -> dict[str, Entry]:
    text = resources.files(__package__).joinpath("data/lexicon.csv").read_text(encoding="utf-8")
    return {row["word"]: Entry(row["word"], row["category"], row["where"]) for row in csv.DictReader(text.splitlines())}


@cache
def _han_affixes(position: str) -> tuple[tuple[int, dict[str, Entry]], ...]:
    """Han entries usable at the start ("prefix") or end ("suffix") of a word, by length, longest first."""
    by_length: dict[int, dict[str, Entry]] = {}
    for e in lexicon().values():
        if is_han(e.word[0]) and e.where in (position, "both"):
            by_length.setdefault(len(e.word), {}).setdefault(e.word, e)
    return tuple(sorted(by_length.items(), reverse=True))


def words(mark: str) -> tuple[str, ...]:
    """Normalised words of a mark: split at spaces and punctuation, and between Han and other scripts."""
    out: list[str] = []
    for piece in _SEPARATORS.split(unicodedata.normalize("NFKC", mark)):
        out.extend(run for run, _ in script_runs(normalize(piece)) if run)
    return tuple(out)


def _long_enough(core: list[str]) -> bool:
    text = "".join(core)
    han = sum(is_han(ch) for ch in text)
    return han >= _MIN_HAN_CORE or (han == 0 and len(text) >= _MIN_LATIN_CORE) or (han > 0 and len(core) > 1)


@lru_cache(maxsize=65536)
def split_mark(mark: str) -> Parts:
    """The distinctive part of a mark: non-distinctive words are taken off its ends (and articles from
    between Latin words) as long as at least two Han characters or three Latin letters remain.

    `split_mark("好太阳").core == "太阳"`, `split_mark("THE ROSE").core == "rose"`,
    `split_mark("雪碧汽水").core == "雪碧"`. A mark made only of such words (广州酒家: a place and a
    generic word) keeps itself whole as its distinctive part.
    """
    ws = list(words(mark))
    removed: list[tuple[str, str]] = []
    entries = lexicon()
    changed = True
    while changed and ws:
        changed = False
        # Latin words are matched whole: THE, AND, BY ... (never the letters inside THEODORE).
        for index in (0, len(ws) - 1) if len(ws) > 1 else ():
            entry = entries.get(ws[index])
            position = "prefix" if index == 0 else "suffix"
            if entry and not is_han(ws[index][0]) and entry.where in (position, "both"):
                rest = ws[:index] + ws[index + 1 :]
                if _long_enough(rest):
                    removed.append((ws[index], entry.category))
                    ws = rest
                    changed = True
                    break
        if changed:
            continue
        for index in range(1, len(ws) - 1):
            entry = entries.get(ws[index])
            if entry and entry.where == "infix":
                removed.append((ws[index], entry.category))
                del ws[index]
                changed = True
                break
        if changed:
            continue
        for position, index in (("prefix", 0), ("suffix", len(ws) - 1)):
            word = ws[index]
            for length, entries_of_length in _han_affixes(position):
                if len(word) < length or (len(word) == length and len(ws) == 1):
                    continue
                entry = entries_of_length.get(word[:length] if position == "prefix" else word[-length:])
                if entry is None:
                    continue
                trimmed = word[len(entry.word) :] if position == "prefix" else word[: -len(entry.word)]
                rest = ws[:index] + ([trimmed] if trimmed else []) + ws[index + 1 :]
                if _long_enough(rest):
                    removed.append((entry.word, entry.category))
                    ws = rest
                    changed = True
                    break
            if changed:
                break
    core = "".join(ws)
    if core in entries:
        return Parts(words=words(mark), core="".join(words(mark)), removed=())
    return Parts(words=words(mark), core=core, removed=tuple(removed))

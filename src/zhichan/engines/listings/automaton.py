"""Aho-Corasick automata laid out so that scanning Chinese titles stays cheap with tens of thousands of patterns.

pyahocorasick finds a node's child by a linear search through the node's children, in the order in
which they were added. The root of the brand automaton has a child for nearly every common character
(3,684 for 5,000 brands with their variants), and every character of a title that does not continue a
partial match is looked up there: a character added late costs thousands of comparisons, and one
that begins no pattern costs the whole list. Measured on the benchmark titles, this search was most of
the automaton's time. Three measures, none of which changes what is found:

- Patterns are added in the order of their first character's frequency in Chinese text (the counts of
  jieba's dictionary, a pinned dependency; ASCII letters and digits, frequent in titles and rare in
  the dictionary, first), so that the common characters are found after a few comparisons.
- A character that occurs inside some pattern but begins none gets a root child of its own: a dummy
  pattern, the character followed by U+0001, which a scanned text never contains (below). It is then
  found in the root's list instead of being missed after the whole list; a dummy never matches, and
  a node that is not the end of a pattern reports nothing, so the matches are the same.
- A character that occurs in no pattern cannot be part of a match: in the text that is scanned it is
  written as one sentinel, U+0000, which is the root's first child (`ScanForms`, one character for
  one character, so positions are unchanged).

If pyahocorasick ever indexes its children, the layout costs nothing and gains nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from string import ascii_lowercase, digits

import ahocorasick

from zhichan.engines.listings.normtext import CHAR_FORMS

SENTINEL = "\x00"
_NEVER = "\x01"  # follows each dummy pattern; `ScanForms` writes it as the sentinel, so it never occurs


@cache
def character_ranks() -> dict[str, int]:
    """Character -> rank by frequency (0 is the most frequent): ASCII digits and lower-case letters
    first, then the characters of jieba's dictionary by the summed counts of the words they occur in."""
    counts: dict[str, int] = {}
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        word, _, rest = line.partition(" ")
        count = int(rest.partition(" ")[0] or 0)
        for ch in word:
            counts[ch] = counts.get(ch, 0) + count
    ranked = [*digits, *ascii_lowercase]
    ranked.extend(sorted((ch for ch in counts if ch not in set(ranked)), key=lambda ch: (-counts[ch], ch)))
    return {ch: rank for rank, ch in enumerate(ranked)}


class ScanForms(dict[int, str]):
    """Code point -> its normalised form (`normtext.CHAR_FORMS`) with every character outside the
    automaton's alphabet written as the sentinel; for `str.translate`, computed once per character."""

    def __init__(self, alphabet: Iterable[str]) -> None:
        super().__init__()
        self.alphabet = frozenset(alphabet)

    def __missing__(self, code: int) -> str:
        alphabet = self.alphabet
        form = "".join(ch if ch in alphabet else SENTINEL for ch in CHAR_FORMS[code])
        self[code] = form
        return form


def build_automaton(payloads: Mapping[str, object], alphabet: Iterable[str] = ()) -> ahocorasick.Automaton | None:
    """An automaton of the texts with their payloads, laid out as the module says. `alphabet` adds
    characters that another automaton scanning the same text needs (they get a root child too).

    None when there is nothing to look for (pyahocorasick cannot search with an empty automaton).
    """
    if not payloads:
        return None
    ranks = character_ranks()
    unranked = len(ranks)

    def rank(ch: str) -> tuple[int, str]:
        return (ranks.get(ch, unranked), ch)

    automaton = ahocorasick.Automaton()
    automaton.add_word(SENTINEL + _NEVER, None)
    first = {text[0] for text in payloads}
    inner = {ch for text in payloads for ch in text[1:]} | set(alphabet)
    starts: dict[str, list[str]] = {}
    for text in payloads:
        starts.setdefault(text[0], []).append(text)
    for ch in sorted(first | inner, key=rank):
        if ch in first:
            for text in starts[ch]:
                automaton.add_word(text, payloads[text])
        else:
            automaton.add_word(ch + _NEVER, None)
    automaton.make_automaton()
    return automaton


def scan_alphabet(*texts: Iterable[str]) -> set[str]:
    """Every character of the texts: what a `ScanForms` must keep for automata built from them."""
    return {ch for group in texts for text in group for ch in text}

"""Aho-Corasick automata laid out so that scanning titles stays cheap with tens of thousands of patterns.

pyahocorasick finds a node's child by a linear search through the node's children, in the order in
which they were added. Over plain characters the root of the brand automaton has a child for nearly
every common character (3,684 for 5,000 brands with their variants), and nearly every character of a
title is looked up there: on the benchmark titles that search was most of the scanning time (about
650 comparisons a character, even with the children in frequency order). So the automaton of brand
variants does not run over characters but over a two-symbol code of them (`ScanCode`):

- Each character that occurs in a pattern gets a code of two symbols, a high one from an open range and
  a low one from 64 others. Codes are given in the order of the characters' frequency in Chinese text
  (the counts of jieba's dictionary, a pinned dependency; ASCII letters and digits, frequent in titles
  and rare in the dictionary, first), so common characters have the first high symbols. A lookup then
  searches at most a few dozen children twice instead of thousands once (measured: about a third of
  the time of the automaton over plain characters, including the longer text).
- Every character outside the patterns is written as one sentinel code, which no pattern contains:
  it cannot be part of a match, so what is found does not change.
- High and low symbols are disjoint and every pattern begins with a high one, so a match can only
  start at the start of a code: matches fall on character boundaries, and the match ending at code
  unit `i` ends after character `i // CODE_WIDTH` of the comparison form.
- A character that occurs inside some pattern but begins none gets a child of its own anyway (a dummy
  pattern, its code followed by U+0001, which a scanned text never contains), so that it is found
  rather than missed after a whole list; a dummy never matches and reports nothing.

The comparison form itself (`normtext.fold`) is unchanged; the code is a second translation table,
built once per detector, that maps each original character straight to the code of its normal form.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from string import ascii_lowercase, digits

import ahocorasick

from zhichan.engines.listings.normtext import CHAR_FORMS

CODE_WIDTH = 2
_LOW_COUNT = 64
_LOW = 0x80  # low symbols U+0080..U+00BF
_HIGH = 0x100  # high symbols from U+0100 on, as many as the characters need
_NEVER = "\x01"  # follows each dummy pattern; a scanned text holds only codes, never this


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


class ScanCode:
    """The two-symbol codes of the characters of a set of patterns; see the module docstring.

    `forms` is the translation table (for `str.translate`) from an original character to the codes of
    its comparison form, filled on first sight of each character.
    """

    def __init__(self, characters: Iterable[str]) -> None:
        ranks = character_ranks()
        unranked = len(ranks)
        ordered = sorted(set(characters), key=lambda ch: (ranks.get(ch, unranked), ch))
        # Code 0 is the sentinel: the most frequent "character" of a title is one no pattern has.
        self.sentinel = self._code(0)
        self.codes = {ch: self._code(index) for index, ch in enumerate(ordered, start=1)}
        self.forms = _CodeForms(self)

    @staticmethod
    def _code(index: int) -> str:
        return chr(_HIGH + index // _LOW_COUNT) + chr(_LOW + index % _LOW_COUNT)

    def encode(self, text: str) -> str:
        """The code of a text in comparison form (a pattern, or a folded title)."""
        codes, sentinel = self.codes, self.sentinel
        return "".join(codes.get(ch, sentinel) for ch in text)


class _CodeForms(dict[int, str]):
    """Code point -> the code of its normalised form (`normtext.CHAR_FORMS`), computed once per character."""

    def __init__(self, code: ScanCode) -> None:
        super().__init__()
        self.code = code

    def __missing__(self, point: int) -> str:
        form = self.code.encode(CHAR_FORMS[point])
        self[point] = form
        return form


def build_automaton(
    payloads: Mapping[str, object], code: ScanCode | None = None, *, every_character: bool = False
) -> ahocorasick.Automaton | None:
    """An automaton of the texts with their payloads. With `code`, the texts are added in their code
    (so the automaton scans texts translated with `code.forms`), and with `every_character` each
    character of the code that begins no text gets a dummy child (module docstring). Without `code`
    it is a plain automaton over characters, with the texts added in the order of their first
    character's frequency.

    None when there is nothing to look for (pyahocorasick cannot search with an empty automaton).
    """
    if not payloads:
        return None
    automaton = ahocorasick.Automaton()
    if code is None:
        ranks = character_ranks()
        unranked = len(ranks)
        for text in sorted(payloads, key=lambda text: (ranks.get(text[0], unranked), text)):
            automaton.add_word(text, payloads[text])
    else:
        starts: dict[str, list[str]] = {}
        for text in payloads:
            starts.setdefault(text[0], []).append(text)
        if every_character:
            automaton.add_word(code.sentinel + _NEVER, None)
        # In code order, so that each node's children are in frequency order too.
        for ch, ch_code in sorted(code.codes.items(), key=lambda item: item[1]):
            if ch in starts:
                for text in starts[ch]:
                    automaton.add_word(code.encode(text), payloads[text])
            elif every_character:
                automaton.add_word(ch_code + _NEVER, None)
        missing = [text for text in payloads if text[0] not in code.codes]
        if missing:
            raise ValueError(f"characters outside the code: {missing[:3]}")
    automaton.make_automaton()
    return automaton

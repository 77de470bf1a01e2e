"""A title in comparison form, with the way back to the characters the seller wrote.

Brand variants are found in the normalised title (`耐 克`, `Ｎｉｋｅ`, `Nіke` with a Cyrillic і all become
`耐克`/`nike`), but evidence must quote the original title. Normalisation here is the text engine's
`normalize` applied character by character, so each character of the comparison form comes from
exactly one original character and the offset map is exact. (Applied to a whole string, OpenCC may
convert a Traditional phrase differently from its characters one by one; brand names are short and
are normalised by the same per-character rule, so both sides agree.)
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from zhichan.engines.text import normalize


class _CharForms(dict[int, str]):
    """Code point -> its normalised form (often "" for spaces and symbols), computed once per character.

    A dict subclass so that `str.translate` does the per-character lookups in C.
    """

    def __missing__(self, code: int) -> str:
        form = normalize(chr(code))
        self[code] = form
        return form


CHAR_FORMS = _CharForms()


def fold(text: str) -> str:
    """The comparison form of a text, character by character (see the module docstring)."""
    return text.translate(CHAR_FORMS)


def is_latin_letter(ch: str) -> bool:
    """Whether the character reads as a Latin letter once normalised (full-width and Cyrillic look-alikes too)."""
    form = CHAR_FORMS[ord(ch)]
    return form[:1].isascii() and form[:1].isalpha()


class NormalizedText:
    """`text` is the comparison form of `original`; `ends[i]` is the length of the comparison form of
    `original[: i + 1]`, from which every normalised position finds its original character.

    `ends` is computed on first use: a scan drops most titles that name a brand below the clue
    threshold without ever quoting them.
    """

    __slots__ = ("_ends", "original", "text")

    def __init__(self, original: str, text: str | None = None) -> None:
        self.original = original
        self.text = fold(original) if text is None else text
        self._ends: tuple[int, ...] | None = None

    @property
    def ends(self) -> tuple[int, ...]:
        if self._ends is None:
            # C-level map and accumulate rather than a Python loop over the characters.
            self._ends = tuple(accumulate(map(len, map(CHAR_FORMS.__getitem__, map(ord, self.original)))))
        return self._ends

    def source(self, position: int) -> int:
        """Index in `original` of the character that normalised position `position` comes from."""
        return bisect_right(self.ends, position)

    @property
    def origin(self) -> tuple[int, ...]:
        """For each normalised character, the index of its original character."""
        return tuple(self.source(position) for position in range(len(self.text)))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span [start, end) of the normalised span [start, end) (end > start)."""
        return self.source(start), self.source(end - 1) + 1


def normalize_with_offsets(original: str) -> NormalizedText:
    """Normalise a title and keep the way back to its characters."""
    return NormalizedText(original)

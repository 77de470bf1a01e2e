"""A title in comparison form, with the way back to the characters the seller wrote.

Brand variants are found in the normalised title (`耐 克`, `Ｎｉｋｅ`, `Nіke` with a Cyrillic і all become
`耐克`/`nike`), but evidence must quote the original title. Normalisation here is the text engine's
`normalize` applied character by character, so each character of the comparison form comes from
exactly one original character and the offset map is exact. (Applied to a whole string, OpenCC may
convert a Traditional phrase differently from its characters one by one; brand names are short and
are normalised by the same per-character rule, so both sides agree.)
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """`text` is the comparison form of `original`; `origin[i]` is the index in `original` of `text[i]`."""

    original: str
    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span [start, end) of the normalised span [start, end) (end > start)."""
        return self.origin[start], self.origin[end - 1] + 1


def normalize_with_offsets(original: str) -> NormalizedText:
    """Normalise a title and keep, for each normalised character, where it came from."""
    forms = CHAR_FORMS
    origin: list[int] = []
    parts: list[str] = []
    for index, ch in enumerate(original):
        form = forms[ord(ch)]
        if form:
            parts.append(form)
            origin.extend([index] * len(form))
    return NormalizedText(original, "".join(parts), tuple(origin))

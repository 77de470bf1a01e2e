"""International Patent Classification codes as registers and exports write them.

Exports write the same code many ways: `H04L 29/06`, `H04L29/06`, `H04L0029060000` (the fixed-width
form of bulk data), full-width `Ｈ０４Ｌ２９／０６`, with an edition `(2006.01)` behind, several in one
cell separated by `;` `；` `,` or `|`. One parser reads them all into the hierarchy a search and a
concordance need: section (H), class (H04), subclass (H04L), main group (H04L 29/00), subgroup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SUBCLASS = re.compile(r"^([A-H])(\d{2})([A-Z])$")
_FULL = re.compile(r"^([A-H]\d{2}[A-Z])\s*(\d{1,4})\s*/\s*(\d{2,6})$")
_FIXED = re.compile(r"^([A-H]\d{2}[A-Z])(\d{4})(\d{6})$")  # H04L0029060000
_EDITION = re.compile(r"[\(（]\s*\d{4}\s*\.\s*\d{2}\s*[\)）]")
_SEPARATORS = re.compile(r"[;；,，|、\n]+")


class IpcError(ValueError):
    """A code that is not an IPC symbol; `code` is what was given."""

    def __init__(self, code: str) -> None:
        super().__init__(f"not an IPC code: {code!r}")
        self.code = code


@dataclass(frozen=True, order=True)
class IpcCode:
    subclass: str  # H04L
    main_group: int | None = None  # 29 (None: the subclass as a whole)
    subgroup: str | None = None  # "06" as written (a subgroup is a decimal fraction: 06 < 061 < 07)

    @property
    def section(self) -> str:
        return self.subclass[0]

    @property
    def klass(self) -> str:
        """The class, e.g. H04 (`class` is a keyword)."""
        return self.subclass[:3]

    @property
    def group(self) -> str | None:
        """The main group, e.g. `H04L 29/00`."""
        return None if self.main_group is None else f"{self.subclass} {self.main_group}/00"

    def __str__(self) -> str:
        if self.main_group is None:
            return self.subclass
        return f"{self.subclass} {self.main_group}/{self.subgroup}"

    def levels(self) -> tuple[str, ...]:
        """Every level the code belongs to, broadest first (what an IPC facet or prefix search counts)."""
        found = [self.section, self.klass, self.subclass]
        if self.group is not None:
            found.append(self.group)
            if self.subgroup != "00":
                found.append(str(self))
        return tuple(found)

    def starts_with(self, prefix: str) -> bool:
        """Whether the code falls under `prefix` (`H`, `H04`, `H04L`, `H04L 29/00`, `H04L 29/06`, `H04L 29`)."""
        wanted = _fold(prefix).rstrip("*").strip()
        if len(wanted) <= 4 and " " not in wanted and "/" not in wanted:
            return self.subclass.startswith(wanted)
        try:
            other = parse_ipc(wanted if "/" in wanted else f"{wanted}/00")
        except IpcError:
            return False
        if other.subclass != self.subclass or other.main_group != self.main_group:
            return False
        return other.subgroup in (None, "00") or (self.subgroup or "").startswith(other.subgroup or "")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).upper().strip()


def parse_ipc(raw: str) -> IpcCode:
    """One code in any of the written forms; IpcError when it is none."""
    text = _EDITION.sub("", _fold(raw)).strip()
    if _SUBCLASS.match(text):
        return IpcCode(text)
    if match := _FULL.match(text):
        return IpcCode(match.group(1), int(match.group(2)), match.group(3))
    if match := _FIXED.match(text.replace(" ", "")):
        subgroup = match.group(3).rstrip("0")
        return IpcCode(match.group(1), int(match.group(2)), subgroup.ljust(2, "0"))
    raise IpcError(raw)


def parse_ipc_list(raw: str) -> tuple[list[IpcCode], list[str]]:
    """All codes of a cell in their order (the main one first, as exports write it), and what was not
    a code (for the import report)."""
    codes: list[IpcCode] = []
    bad: list[str] = []
    for part in _SEPARATORS.split(_fold(raw)):
        part = part.strip()
        if not part:
            continue
        try:
            code = parse_ipc(part)
        except IpcError:
            bad.append(part)
            continue
        if code not in codes:
            codes.append(code)
    return codes, bad

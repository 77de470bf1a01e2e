"""The editable lists of 6.5 (famous persons, works, characters, artworks), 6.6 (places, scenic spots,
buildings) and 6.7 (generic and descriptive terms by Nice class).

Each list is a CSV file with comment lines in front (`# source: ...`, `# version: ...`) that say where it
comes from; the platform ships small starter lists in `data/` and an office replaces them with its own
directory of files of the same names. A mark matches a list term when it is the term, or contains a
term of at least `list_term_min_length` characters (6.5, 6.6); a generic term matches when the mark is
the term of one of its classes, with or without descriptive words in front (6.7).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from zhichan.engines.badfaith.names import key

FILES = {"famous": "famous_names.csv", "places": "places.csv", "generic": "generic_terms.csv"}


class ListError(ValueError):
    """A list file that cannot be read: its name, line and problem."""


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    kind: str
    note: str = ""
    classes: tuple[str, ...] = ()  # generic terms: their Nice classes; empty for any class
    list_name: str = ""  # famous | places | generic
    line: int = 0


@dataclass(frozen=True)
class TermList:
    name: str
    source: str
    version: str
    entries: tuple[Entry, ...]
    by_key: dict[str, Entry] = field(default_factory=dict)
    longest: int = 0  # the longest normalised term: no longer piece of a mark is looked up
    descriptive: tuple[str, ...] = ()  # generic list: the any-class (descriptive) terms, longest first


@dataclass(frozen=True)
class Lists:
    famous: TermList
    places: TermList
    generic: TermList


def _parse(name: str, text: str, filename: str) -> TermList:
    meta: dict[str, str] = {}
    body: list[tuple[int, str]] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            label, _sep, value = stripped.lstrip("#").partition(":")
            meta.setdefault(label.strip().lower(), value.strip())
        elif stripped:
            body.append((line_no, line))
    for needed in ("source", "version"):
        if not meta.get(needed):
            raise ListError(f"{filename}: the header comment '# {needed}: ...' is missing")
    if not body:
        raise ListError(f"{filename}: no header row")
    reader = csv.reader(io.StringIO("\n".join(line for _n, line in body)))
    header = [h.strip() for h in next(reader)]
    if "term" not in header:
        raise ListError(f"{filename} line {body[0][0]}: the header must have the column term")
    entries: list[Entry] = []
    by_key: dict[str, Entry] = {}
    for (line_no, _line), record in zip(body[1:], reader, strict=True):
        cells = dict(zip(header, (c.strip() for c in record), strict=False))
        term = cells.get("term", "")
        if not key(term):
            raise ListError(f"{filename} line {line_no} field term: empty")
        classes = tuple(c for c in cells.get("classes", "").replace(",", "|").split("|") if c.strip())
        if any(not c.strip().isdigit() or not 1 <= int(c) <= 45 for c in classes):
            raise ListError(f"{filename} line {line_no} field classes: Nice classes 1-45 separated by |")
        entry = Entry(
            term, cells.get("kind", ""), cells.get("note", ""), tuple(c.strip() for c in classes), name, line_no
        )
        entries.append(entry)
        by_key.setdefault(key(term), entry)
    longest = max((len(k) for k in by_key), default=0)
    descriptive = tuple(sorted((k for k, e in by_key.items() if not e.classes), key=len, reverse=True))
    return TermList(name, meta["source"], meta["version"], tuple(entries), by_key, longest, descriptive)


def _read(name: str, directory: Path | None) -> TermList:
    filename = FILES[name]
    if directory is None:
        text = resources.files(__package__).joinpath("data").joinpath(filename).read_text(encoding="utf-8")
        return _parse(name, text, filename)
    path = directory / filename
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ListError(f"{path}: file not found") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return _parse(name, raw.decode(encoding), str(path))
        except UnicodeDecodeError:
            continue
    raise ListError(f"{path}: neither UTF-8 nor GBK/GB18030")


def load_lists(directory: Path | None = None) -> Lists:
    """The three lists from `directory` (its files of the names in `FILES`), or the shipped starter lists."""
    return Lists(_read("famous", directory), _read("places", directory), _read("generic", directory))


def _pieces(text: str, shortest: int, longest: int) -> Iterator[str]:
    for start in range(len(text)):
        for end in range(start + shortest, min(len(text), start + longest) + 1):
            yield text[start:end]


def contained(mark_key: str, terms: TermList, *, shortest: int) -> list[Entry]:
    """The entries of `terms` the mark is, or contains, longest first (each once)."""
    found: dict[str, Entry] = {}
    for piece in _pieces(mark_key, shortest, terms.longest):
        entry = terms.by_key.get(piece)
        if entry is not None:
            found.setdefault(piece, entry)
    return sorted(found.values(), key=lambda e: -len(key(e.term)))


def generic_match(mark_key: str, classes: Iterable[str], terms: TermList) -> Entry | None:
    """The generic term the mark is for one of its classes, after any descriptive (any-class) words in front."""
    wanted = set(classes)

    def generic_for(text: str) -> Entry | None:
        entry = terms.by_key.get(text)
        if entry is not None and entry.classes and (not wanted or wanted & set(entry.classes)):
            return entry
        return None

    text = mark_key
    descriptive = terms.descriptive
    for _ in range(3):
        entry = generic_for(text)
        if entry is not None:
            return entry
        front = next((d for d in descriptive if text.startswith(d) and len(text) > len(d)), None)
        if front is None:
            break
        text = text[len(front) :]
    return None

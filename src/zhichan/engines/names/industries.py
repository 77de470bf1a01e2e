"""GB/T 4754-2017 industries as people write them: a code at any level (J, 66, 662, 6621, J6621) or a
name (金融业, 货币金融服务, 金融業), resolved to the section and division the relatedness table knows.

The engine ships the 20 sections and 97 divisions (`data/industries.csv`, written by the project). Codes
of groups and classes resolve by their first two digits; names of groups and classes resolve only with
a full classification given (`Classification.with_names`, the CLI's `--industries FILE`, a CSV with
`code,name` columns such as the standard's own table). What does not resolve is unknown: `resolve`
returns None, and relatedness is then no signal, never an error.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from zhichan.engines.tabular import TableError, open_table, require_header
from zhichan.engines.text import normalize

_CODE = re.compile(r"^([A-Ta-t])?(\d{2,4})$")
_SECTION = re.compile(r"^[A-Ta-t]$")


@dataclass(frozen=True, slots=True)
class Industry:
    """A resolved industry: its section, its division (None for a section) and how it was written."""

    section: str  # "J"
    division: str | None  # "66", or None when only the section is known
    code: str  # the code as resolved (J, 66, 6621)
    name: str  # the title of `code` where known, else of the division or section

    @property
    def key(self) -> str:
        """The most specific code the relatedness table is keyed by: the division, else the section."""
        return self.division or self.section


@dataclass(frozen=True, slots=True)
class Classification:
    """Sections and divisions (shipped), and optionally the names of deeper levels (`with_names`)."""

    sections: dict[str, str]  # letter -> title
    divisions: dict[str, tuple[str, str]]  # two digits -> (section, title)
    deeper: dict[str, str] = field(default_factory=dict)  # normalised name -> code (3 or 4 digits)
    titles: dict[str, str] = field(default_factory=dict)  # code (3 or 4 digits) -> title
    by_name: dict[str, str] = field(default_factory=dict)  # normalised section/division title -> code

    def resolve(self, text: str | None) -> Industry | None:
        """The industry `text` names (a code at any level or a title), or None when unknown or empty."""
        raw = (text or "").strip()
        if not raw:
            return None
        if _SECTION.match(raw):
            letter = raw.upper()
            return Industry(letter, None, letter, self.sections[letter])
        match = _CODE.match(raw)
        if match:
            return self._by_code(match.group(2), match.group(1))
        name = normalize(raw)
        code = self.by_name.get(name) or self.deeper.get(name)
        if code is None:
            return None
        return self.resolve(code)

    def _by_code(self, digits: str, letter: str | None) -> Industry | None:
        division = digits[:2]
        if division not in self.divisions:
            return None
        section, title = self.divisions[division]
        if letter and letter.upper() != section:
            return None  # J0111: the letter and the digits disagree
        if len(digits) == 2:
            return Industry(section, division, division, title)
        return Industry(section, division, digits, self.titles.get(digits, title))

    def with_names(self, rows: Iterable[tuple[str, str]]) -> Classification:
        """This classification with the (code, name) rows of a full table: its group and class names
        resolve to their codes. Rows of sections and divisions are accepted and not needed."""
        deeper = dict(self.deeper)
        titles = dict(self.titles)
        for code, name in rows:
            code = code.strip().upper()
            digits = code.lstrip("ABCDEFGHIJKLMNOPQRST")
            if len(digits) in (3, 4) and digits.isdigit() and digits[:2] in self.divisions:
                deeper.setdefault(normalize(name), digits)
                titles.setdefault(digits, name.strip())
        return Classification(self.sections, self.divisions, deeper, titles, self.by_name)


class IndustryTableError(ValueError):
    """A classification file that cannot be read (the message names the file, row and field)."""


@cache
def shipped_classification() -> Classification:
    """The 20 sections and 97 divisions shipped with the engine (`data/industries.csv`)."""
    text = resources.files(__package__).joinpath("data").joinpath("industries.csv").read_text(encoding="utf-8")
    sections: dict[str, str] = {}
    divisions: dict[str, tuple[str, str]] = {}
    for row in csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#")):
        if row["level"] == "1":
            sections[row["code"]] = row["name"]
        else:
            divisions[row["code"]] = (row["section"], row["name"])
    by_name = {normalize(t): c for c, t in sections.items()} | {normalize(t): c for c, (_, t) in divisions.items()}
    return Classification(sections, divisions, by_name=by_name)


def load_classification(path: Path) -> Classification:
    """The shipped classification with the names of a full table (`code,name` columns; UTF-8, GBK or
    GB18030, read through `engines.tabular`)."""
    try:
        with path.open("rb") as handle:
            stream = open_table(handle, str(path))
            require_header(stream.header, ("code", "name"))
            rows: list[tuple[str, str]] = []
            for line, row in stream.rows:
                if not row["code"]:
                    raise IndustryTableError(f"{path} 第{line}行 code：为空")
                rows.append((row["code"], row["name"]))
    except FileNotFoundError:
        raise IndustryTableError(f"{path}：文件不存在") from None
    except TableError as exc:
        raise IndustryTableError(f"{path}：{exc}") from None
    return shipped_classification().with_names(rows)

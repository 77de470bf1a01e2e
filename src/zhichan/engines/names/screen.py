"""Many names against a register of marks: candidates from an index, then `compare` of each candidate.

Candidates come from four places, none of which compares every pair:
- one Aho-Corasick automaton over the marks' comparison forms, run over each name: every mark the name
  wholly contains (5.1.16), in one pass over the name;
- one over the marks' pinyin, run over the Latin runs of the name (wanglaoji, 5.1.17);
- one over the marks' fuzzy syllables (marks of `min_sound_contained` characters and more), run over the
  name's syllables: parts of the name that sound like a mark (王老记凉茶 / 王老吉);
- the mark engine's candidate index and shortlist (`engines.marks.Register`), asked once per distinct
  trade name: trade names that look or sound like a mark as a whole (淘淘居 / 陶陶居).
The register of marks and its automata are built once (`NameRegister`); `screen` is a pure function of
a batch of names and the register, so it runs in worker processes as the mark engine's screening does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from zhichan.engines.marks import Mark, Register
from zhichan.engines.marks.screen import shortlist
from zhichan.engines.names.compare import Result, Verdict, compare, mark_form, sound_key
from zhichan.engines.names.extract import NameParts, parse_name
from zhichan.engines.names.industries import Classification, shipped_classification
from zhichan.engines.names.relatedness import RelatednessTable, shipped_relatedness
from zhichan.engines.names.settings import DEFAULT_SETTINGS, Settings
from zhichan.engines.text import all_han, pinyin_full, script_runs

_SEP = "|"


@dataclass(frozen=True, slots=True)
class ProtectedMark:
    id: str
    mark: str
    classes: tuple[int, ...] = ()
    industry: str = ""
    owner: str = ""


@dataclass(frozen=True, slots=True)
class Name:
    id: str
    name: str
    industry: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class Alert:
    name_id: str
    mark_id: str
    score: float
    verdict: str
    reasons: str
    result: Result


def _sounds(text: str) -> str:
    return _SEP + _SEP.join(sound_key(ch) for ch in text) + _SEP


def _automaton(patterns: dict[str, list[int]]) -> ahocorasick.Automaton | None:
    if not patterns:
        return None
    automaton = ahocorasick.Automaton()
    for text, positions in patterns.items():
        automaton.add_word(text, tuple(positions))
    automaton.make_automaton()
    return automaton


def _found(automaton: ahocorasick.Automaton | None, text: str) -> set[int]:
    if automaton is None or not text:
        return set()
    out: set[int] = set()
    for _end, positions in automaton.iter(text):
        out.update(positions)
    return out


class NameRegister:
    """The marks with the automata and the mark engine's register they are screened through, built once."""

    def __init__(
        self,
        marks: Sequence[ProtectedMark],
        *,
        settings: Settings = DEFAULT_SETTINGS,
        classification: Classification | None = None,
        relatedness: RelatednessTable | None = None,
        workers: int = 1,
    ) -> None:
        self.marks = list(marks)
        self.settings = settings
        self.classification = classification or shipped_classification()
        self.relatedness = relatedness or shipped_relatedness()
        self.register = Register(
            [Mark(m.id, m.mark, tuple(str(c) for c in m.classes), m.owner) for m in self.marks],
            settings=settings.marks,
            workers=workers,
        )
        texts: dict[str, list[int]] = {}
        spellings: dict[str, list[int]] = {}
        sounds: dict[str, list[int]] = {}
        minimum_han, minimum_latin = settings.marks.min_contained_han, settings.marks.min_contained_latin
        for position, mark in enumerate(self.marks):
            form = mark_form(mark.mark)
            if len(form) >= (minimum_latin if form.isascii() else minimum_han):
                texts.setdefault(form, []).append(position)
            if form and all_han(form):
                spelled = pinyin_full(form)
                if len(spelled) >= settings.min_pinyin_letters:
                    spellings.setdefault(spelled, []).append(position)
                if len(form) >= settings.min_sound_contained:
                    sounds.setdefault(_sounds(form), []).append(position)
        self._texts = _automaton(texts)
        self._spellings = _automaton(spellings)
        self._sounds = _automaton(sounds)

    def __len__(self) -> int:
        return len(self.marks)

    def contained(self, parts: NameParts) -> set[int]:
        """Positions of the marks the name contains as text, as pinyin or as sound."""
        found = _found(self._texts, parts.core)
        for run, han in script_runs(parts.core):
            if not han:
                found |= _found(self._spellings, run)
        han_text = "".join(run for run, han in script_runs(parts.core) if han)
        found |= _found(self._sounds, _sounds(han_text) if han_text else "")
        return found


def screen(
    names: Sequence[Name],
    register: NameRegister,
    *,
    threshold: float | None = None,
) -> list[list[Alert]]:
    """Alerts of each name, in name order, best first: the marks whose comparison with the name reaches
    `threshold` (default: the register's `similar_threshold`)."""
    minimum = register.settings.similar_threshold if threshold is None else threshold
    parsed = [parse_name(n.name) for n in names]
    trades = list(dict.fromkeys(p.trade_name for p in parsed if p.trade_name))
    similar: dict[str, list[int]] = {}
    if trades and len(register):
        found = register.register.index.candidates_many(trades)
        similar = {t: shortlist(t, register.register, f) for t, f in zip(trades, found, strict=True)}
    out: list[list[Alert]] = []
    for name, parts in zip(names, parsed, strict=True):
        positions = register.contained(parts) | set(similar.get(parts.trade_name, ()))
        alerts: list[Alert] = []
        for position in sorted(positions):
            mark = register.marks[position]
            result = compare(
                name.name,
                mark.mark,
                industry=name.industry,
                description=name.description,
                mark_classes=mark.classes,
                mark_industry=mark.industry,
                classification=register.classification,
                relatedness=register.relatedness,
                settings=register.settings,
            )
            if result.reasons and result.score >= minimum:
                reasons = "; ".join(str(r) for r in result.reasons)
                alerts.append(Alert(name.id, mark.id, result.score, str(result.verdict), reasons, result))
        alerts.sort(key=lambda a: (-a.score, a.mark_id))
        out.append(alerts)
    return out


__all__ = ["Alert", "Name", "NameRegister", "ProtectedMark", "Verdict", "screen"]

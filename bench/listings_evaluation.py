"""Measuring detection on real titles: brand mentions against spans annotated by people (BIO files,
brand tag HPPX), and clues against a labelled set derived from those titles by fixed rules.

Used by the evaluation test and the benchmark; the data itself is never shipped (see the shared data
README): callers pass the path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from zhichan.engines.listings.detector import Listing
from zhichan.engines.listings.kinds import VariantKind
from zhichan.engines.listings.registry import Brand, Vocabulary
from zhichan.engines.listings.variants import brand_variants

# The BIO files write the space of the original title as a comma.
_SPACE_MARK = ","


@dataclass(frozen=True, slots=True)
class AnnotatedTitle:
    """A title and its gold spans [start, end) of one tag."""

    title: str
    spans: frozenset[tuple[int, int]]


def read_bio(path: Path, tag: str = "HPPX") -> list[AnnotatedTitle]:
    """Titles of a one-character-per-line BIO file, with the spans tagged `tag`."""
    titles: list[AnnotatedTitle] = []
    chars: list[str] = []
    labels: list[str] = []

    def close() -> None:
        if chars:
            titles.append(AnnotatedTitle("".join(chars), frozenset(_spans(labels, tag))))
            chars.clear()
            labels.clear()

    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\r\n")
            if not line.strip():
                close()
                continue
            char, _, label = line.rpartition(" ")
            chars.append(" " if char == _SPACE_MARK else char)
            labels.append(label)
    close()
    return titles


def _spans(labels: list[str], tag: str) -> Iterable[tuple[int, int]]:
    start = None
    for index, label in enumerate([*labels, "O"]):
        if start is not None and label != f"I-{tag}":
            yield start, index
            start = None
        if label == f"B-{tag}":
            start = index


def register_names(titles: Iterable[AnnotatedTitle]) -> list[str]:
    """The distinct texts of the gold spans, in order of first appearance: a register of names."""
    names = {title.title[start:end].strip(): None for title in titles for start, end in sorted(title.spans)}
    return [name for name in names if name]


@dataclass(frozen=True, slots=True)
class Scores:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def span_scores(titles: Iterable[AnnotatedTitle], predict: Callable[[str], Iterable[tuple[int, int]]]) -> Scores:
    """Exact-span precision and recall of `predict` (title -> spans) against the gold spans."""
    tp = predicted = gold = 0
    for title in titles:
        found = set(predict(title.title))
        tp += len(found & title.spans)
        predicted += len(found)
        gold += len(title.spans)
    return Scores(tp, predicted, gold)


@dataclass(frozen=True, slots=True)
class LabelledListing:
    """A listing derived from a real title by `rule`, its brand and whether the rule makes it a clue."""

    listing: Listing
    brand: str
    infringing: bool
    rule: str


_DISGUISES = frozenset(
    {
        VariantKind.LOOKALIKE,
        VariantKind.DIGIT_LOOKALIKE,
        VariantKind.HOMOPHONE_MANDARIN,
        VariantKind.HOMOPHONE_CANTONESE,
    }
)


def derived_clue_set(
    titles: Sequence[AnnotatedTitle], register: Sequence[str], vocabulary: Vocabulary
) -> list[LabelledListing]:
    """Labelled listings derived from real titles by fixed rules (docs/decisions/0500-listings-detection.md).

    Each title whose first annotated brand is in the register gives, by the title's position `i`:
    - `genuine` (not a clue): the title as published;
    - `counterfeit_word` (clue): the title followed by a counterfeit word of weight >= 0.5 (in turn);
    - `disguised_leftover` (clue): the brand rewritten as one of its disguises (in turn), and 尾单;
    - `secondhand_leftover` (not a clue): 二手 before the title, 尾单 after it (resale is lawful);
    - `accessory` (not a clue): 适用于 before the brand, 原单 after the title.
    """
    known = set(register)
    strong = [t.term for t in vocabulary.counterfeit_terms if t.weight >= 0.5]
    out: list[LabelledListing] = []
    for index, item in enumerate(titles):
        if not item.spans:
            continue
        start, end = min(item.spans)
        name = item.title[start:end].strip()
        if name not in known:
            continue
        title = item.title
        disguises = [v.text for v in brand_variants(Brand(name), vocabulary.lookalikes) if v.kind in _DISGUISES]
        rows = [
            ("genuine", title, False),
            ("counterfeit_word", f"{title} {strong[index % len(strong)]}", True),
            ("secondhand_leftover", f"二手{title} 尾单", False),
            ("accessory", f"{title[:start]}适用于{title[start:]} 原单", False),
        ]
        if disguises:
            disguised = title[:start] + disguises[index % len(disguises)] + title[end:]
            rows.append(("disguised_leftover", f"{disguised} 尾单", True))
        out.extend(
            LabelledListing(Listing(f"{index}-{rule}", text), name, infringing, rule) for rule, text, infringing in rows
        )
    return out

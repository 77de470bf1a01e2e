"""Measuring brand-mention detection against titles annotated by people (BIO files, brand tag HPPX).

Used by the evaluation test and the benchmark; the data itself is never shipped (see the shared data
README): callers pass the path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

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

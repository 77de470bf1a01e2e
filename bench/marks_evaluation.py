"""Measuring mark comparison on labelled pairs: real knock-off cases against real distinct brands."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from zhichan.engines.marks.compare import Verdict, compare
from zhichan.engines.marks.meaning import dictionary_meaning
from zhichan.engines.text import is_han, normalize, pinyin_full
from zhichan.engines.text.evaluation import auc


@dataclass(frozen=True, slots=True)
class LabelledPair:
    a: str
    b: str
    label: int  # 1: confusable (knock-off, decision, defensive registration); 0: distinct brands
    category: str
    source: str


@dataclass(frozen=True, slots=True)
class Metrics:
    pairs: int
    positives: int
    auc: float
    precision: float
    recall: float
    missed: tuple[tuple[str, str], ...]
    false_alarms: tuple[tuple[str, str], ...]


def load_labelled(path: Path) -> list[LabelledPair]:
    """The labelled set: CSV `a,b,label,category,source,note`."""
    with path.open(encoding="utf-8") as fh:
        return [
            LabelledPair(row["a"], row["b"], int(row["label"]), row["category"], row["source"])
            for row in csv.DictReader(fh)
        ]


def brand_spans(path: Path) -> list[str]:
    """Brand names (HPPX spans) of a character-per-line BIO file, in order of first appearance."""
    spans: list[str] = []
    current: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            tag = parts[-1] if len(parts) >= 2 else "O"
            if tag == "I-HPPX" and current:
                current.append(parts[0])
                continue
            if current:
                spans.append("".join(current))
                current = []
            if tag == "B-HPPX":
                current = [parts[0]]
    if current:
        spans.append("".join(current))
    return list(dict.fromkeys(s.replace(",", " ") for s in spans))


def _same_brand(a: str, b: str) -> bool:
    """Two spellings of one brand (NIKE / nike, 华为 / HUAWEI, 耐克 / NIKE) are no negative pair."""
    na, nb = normalize(a), normalize(b)
    if not na or not nb or na in nb or nb in na or pinyin_full(a) == pinyin_full(b):
        return True
    return dictionary_meaning(a, b) is not None


def random_brand_pairs(brands: Sequence[str], count: int, *, seed: int = 0) -> list[LabelledPair]:
    """Random pairs of distinct real brands in the same script (cross-script pairs are often one brand
    written twice), labelled 0."""
    rng = random.Random(seed)
    han = [b for b in brands if any(is_han(c) for c in b)]
    latin = [b for b in brands if normalize(b).isascii() and len(normalize(b)) >= 2]
    out: list[LabelledPair] = []
    attempts = 0
    while len(out) < count and attempts < count * 20:
        attempts += 1
        pool = han if rng.random() < len(han) / max(len(han) + len(latin), 1) else latin
        a, b = rng.sample(pool, 2)
        if not _same_brand(a, b):
            out.append(LabelledPair(a, b, 0, "random_distinct", "brand spans of ecommerce_titles_*.bio"))
    return out


def evaluate(pairs: Iterable[LabelledPair], *, embeddings: bool = True) -> Metrics:
    """AUC of the score, and precision and recall of the default verdict (identical or similar)."""
    scores: list[tuple[LabelledPair, float, bool]] = []
    for pair in pairs:
        result = compare(pair.a, pair.b, embeddings=embeddings)
        scores.append((pair, result.score, result.verdict is not Verdict.NOT_SIMILAR))
    positives = [s for p, s, _ in scores if p.label == 1]
    negatives = [s for p, s, _ in scores if p.label == 0]
    hits = sum(1 for p, _, flagged in scores if flagged and p.label == 1)
    flagged_total = sum(1 for _, _, flagged in scores if flagged)
    return Metrics(
        pairs=len(scores),
        positives=len(positives),
        auc=round(auc(positives, negatives), 4),
        precision=round(hits / flagged_total, 4) if flagged_total else 0.0,
        recall=round(hits / len(positives), 4) if positives else 0.0,
        missed=tuple((p.a, p.b) for p, _, flagged in scores if p.label == 1 and not flagged),
        false_alarms=tuple((p.a, p.b) for p, _, flagged in scores if p.label == 0 and flagged),
    )

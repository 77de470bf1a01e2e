"""Measuring the engine on real data: look-alike pairs from OCR errors, and the AUC of a score."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from zhichan.engines.text.script import is_han


def ocr_lookalike_pairs(path: Path, *, lines: str = "all") -> list[tuple[str, str]]:
    """Distinct pairs of Han characters that OCR read for one another, from `id<TAB>wrong<TAB>right` lines.

    Only sentence pairs of equal length are used, so that characters align position by position.
    `lines` selects "all", "odd" (1st, 3rd ...: calibration) or "even" (held out for evaluation).
    """
    pairs: set[tuple[str, str]] = set()
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if (lines == "odd" and number % 2 == 0) or (lines == "even" and number % 2 == 1):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3 or len(fields[1]) != len(fields[2]):
                continue
            for wrong, right in zip(fields[1], fields[2], strict=True):
                if wrong != right and is_han(wrong) and is_han(right):
                    pairs.add((wrong, right))
    return sorted(pairs)


def random_pairs(pairs: Sequence[tuple[str, str]], *, seed: int = 0) -> list[tuple[str, str]]:
    """As many random pairs of distinct characters, drawn from the same characters as `pairs`."""
    chars = sorted({ch for pair in pairs for ch in pair})
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    out: list[tuple[str, str]] = []
    while len(out) < len(pairs) and len(chars) > 1:
        a, b = rng.sample(chars, 2)
        out.append((a, b))
    return out


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    if not positives or not negatives:
        raise ValueError("AUC needs at least one positive and one negative score")
    ranked = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mean_rank = (i + 1 + j) / 2  # ranks i+1 .. j share their mean
        rank_sum += mean_rank * sum(label for _, label in ranked[i:j])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)

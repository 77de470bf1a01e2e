"""Fit and evaluate the glyph similarity on real OCR look-alikes.

    python -m bench.marks_shape

Fits the logistic weights of the glyph codes on the odd lines of ocr_shape_errors_train.txt and prints
the AUC of the fitted and the shipped similarity on the even lines (held out), against random pairs.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from zhichan.engines.text.evaluation import auc, ocr_lookalike_pairs, random_pairs
from zhichan.engines.text.glyph import glyph_features, glyph_similarity

DATA = Path(os.environ.get("ZHICHAN_TESTDATA", Path(__file__).resolve().parents[1] / "../shared/data"))


def fit_logistic(pos: np.ndarray, neg: np.ndarray, steps: int = 5000) -> np.ndarray:
    """Gradient descent on the log loss, coefficients kept non-negative; returns coefficients + intercept."""
    x = np.c_[np.vstack([pos, neg]), np.ones(len(pos) + len(neg))]
    y = np.r_[np.ones(len(pos)), np.zeros(len(neg))]
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        w -= 0.5 * x.T @ (p - y) / len(y)
        w[:-1] = np.maximum(w[:-1], 0)
    return w


def main() -> None:
    path = DATA / "ocr_shape_errors_train.txt"
    if not path.exists():
        print(f"skipped: {path} not found (set ZHICHAN_TESTDATA)")
        return
    train, test = ocr_lookalike_pairs(path, lines="odd"), ocr_lookalike_pairs(path, lines="even")
    w = fit_logistic(
        np.array([glyph_features(a, b) for a, b in train]),
        np.array([glyph_features(a, b) for a, b in random_pairs(train, seed=1)]),
    )
    print(f"pairs: {len(train)} calibration, {len(test)} held out")
    print("fitted coefficients (cangjie, four_corner, strokes, radical, phonetic, components):", w[:-1].round(3))
    print("fitted intercept:", round(float(w[-1]), 3))
    negatives = random_pairs(test, seed=2)
    shipped = auc([glyph_similarity(a, b) for a, b in test], [glyph_similarity(a, b) for a, b in negatives])
    print(f"held-out AUC of the shipped glyph similarity: {shipped:.3f}")


if __name__ == "__main__":
    main()

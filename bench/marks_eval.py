"""Evaluate mark comparison on the labelled knock-off set and random pairs of real distinct brands.

    python -m bench.marks_eval [--no-embeddings] [--random 300]

Prints AUC of the score, precision and recall of the default verdict, recall by category, the missed
pairs, and precision/recall at other thresholds (to calibrate Settings.similar_threshold).
"""

from __future__ import annotations

import argparse
import os
from collections import defaultdict
from pathlib import Path

from bench.marks_evaluation import brand_spans, evaluate, load_labelled, random_brand_pairs
from zhichan.engines.marks import compare

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ZHICHAN_TESTDATA", ROOT / "../shared/data"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("--random", type=int, default=300)
    args = parser.parse_args()
    embeddings = not args.no_embeddings
    labelled = load_labelled(ROOT / "bench" / "marks_data" / "knockoffs.csv")
    files = [DATA / "ecommerce_titles_train.bio", DATA / "ecommerce_titles_dev.bio"]
    negatives = []
    if all(f.exists() for f in files):
        brands = list(dict.fromkeys(b for f in files for b in brand_spans(f)))
        negatives = random_brand_pairs(brands, args.random, seed=7)
    for name, pairs in (
        ("curated", labelled),
        (f"curated + {len(negatives)} random brand pairs", labelled + negatives),
    ):
        m = evaluate(pairs, embeddings=embeddings)
        print(
            f"{name}: {m.pairs} pairs, {m.positives} positive: AUC {m.auc:.3f} "
            f"precision {m.precision:.3f} recall {m.recall:.3f}"
        )
    by_category: dict[str, list[bool]] = defaultdict(list)
    scored = []
    for pair in labelled + negatives:
        result = compare(pair.a, pair.b, embeddings=embeddings)
        scored.append((pair.label, result.score))
        if pair.label:
            by_category[pair.category].append(result.verdict != "not_similar")
    for category, hits in sorted(by_category.items()):
        print(f"  recall {category}: {sum(hits)}/{len(hits)}")
    print("missed:", ", ".join(f"{a}/{b}" for a, b in evaluate(labelled, embeddings=embeddings).missed))
    for threshold in (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
        flagged = [(label, s) for label, s in scored if s >= threshold]
        tp = sum(label for label, _ in flagged)
        positives = sum(label for label, _ in scored)
        precision = tp / len(flagged) if flagged else 0.0
        print(f"  score >= {threshold:.2f}: precision {precision:.3f} recall {tp / positives:.3f}")


if __name__ == "__main__":
    main()

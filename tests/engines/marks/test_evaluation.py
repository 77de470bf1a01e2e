"""Evaluation on the labelled set of real knock-off cases (bench/marks_data/knockoffs.csv, with sources)
and, where the shared data is present, random pairs of real distinct brands."""

import os
from pathlib import Path

import pytest
from bench.marks_evaluation import brand_spans, evaluate, load_labelled, random_brand_pairs

REPO = Path(__file__).resolve().parents[3]
LABELLED = REPO / "bench" / "marks_data" / "knockoffs.csv"
DATA = Path(os.environ.get("ZHICHAN_TESTDATA", REPO / "../shared/data"))


def test_labelled_set_has_sources_and_both_classes():
    pairs = load_labelled(LABELLED)
    assert all(p.source for p in pairs)
    assert sum(p.label for p in pairs) >= 40
    assert sum(1 - p.label for p in pairs) >= 20


def test_curated_knockoffs_against_curated_distinct_brands():
    metrics = evaluate(load_labelled(LABELLED), embeddings=False)
    print(f"curated: AUC {metrics.auc} precision {metrics.precision} recall {metrics.recall}")
    assert metrics.auc >= 0.88
    assert metrics.precision >= 0.95
    assert metrics.recall >= 0.65


def test_knockoffs_against_random_real_brands():
    files = [DATA / "ecommerce_titles_train.bio", DATA / "ecommerce_titles_dev.bio"]
    if not all(f.exists() for f in files):
        pytest.skip(f"brand data not found in {DATA} (set ZHICHAN_TESTDATA)")
    brands = list(dict.fromkeys(b for f in files for b in brand_spans(f)))
    negatives = random_brand_pairs(brands, 300, seed=7)
    metrics = evaluate([*load_labelled(LABELLED), *negatives], embeddings=False)
    print(f"with {len(negatives)} random brand pairs: AUC {metrics.auc} precision {metrics.precision}")
    assert len(brands) > 1000
    assert metrics.auc >= 0.97
    assert metrics.precision >= 0.95

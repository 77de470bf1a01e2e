"""Detection measured on real listing titles annotated by people (HPPX = brand).

The register is every brand name annotated in the train file. Mentions: precision and recall are
exact-span matches against the gold brand spans of the dev file. Clues: precision and recall of the
default threshold on listings derived from the dev titles by the documented rules of
`evaluation.derived_clue_set`. Figures are printed (run with -s) and recorded in
docs/decisions/0500-listings-detection.md; the floors below sit a little under the measured values so
that a regression fails the test.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bench.listings_evaluation import (
    AnnotatedTitle,
    derived_clue_set,
    read_bio,
    register_names,
    span_scores,
)

from tests.conftest import testdata_dir as shared_data_dir
from zhichan.engines.listings import DEFAULT_SETTINGS, Brand, Detector, load_vocabulary
from zhichan.engines.listings.kinds import EXACT_KINDS


@pytest.fixture(scope="module")
def data() -> tuple[list[AnnotatedTitle], list[AnnotatedTitle]]:
    folder = shared_data_dir()
    train, dev = folder / "ecommerce_titles_train.bio", folder / "ecommerce_titles_dev.bio"
    if not (train.is_file() and dev.is_file()):
        pytest.skip(f"e-commerce BIO titles absent in {folder} (set ZHICHAN_TESTDATA to the shared data folder)")
    return read_bio(Path(train)), read_bio(Path(dev))


def test_bio_reader_restores_titles_and_spans(data):
    train, dev = data
    assert (len(train), len(dev)) == (6000, 998)
    spans = sum(len(t.spans) for t in dev)
    assert spans == 484
    first_brand = next(t for t in dev if t.spans)
    start, end = min(first_brand.spans)
    assert first_brand.title[start:end].strip()


def test_brand_mention_precision_and_recall_on_dev(data):
    train, dev = data
    names = register_names(train)
    detector = Detector([Brand(name) for name in names])

    def spans(kinds: frozenset[str] | None):
        def predict(title: str) -> list[tuple[int, int]]:
            return [(m.start, m.end) for m in detector.mentions(title) if kinds is None or m.variant.kind in kinds]

        return predict

    exact = span_scores(dev, spans(EXACT_KINDS))
    every = span_scores(dev, spans(None))
    known = set(names)
    in_register = [
        AnnotatedTitle(t.title, frozenset(s for s in t.spans if t.title[s[0] : s[1]].strip() in known)) for t in dev
    ]
    covered = span_scores(in_register, spans(None))
    print(
        f"\nregister {len(names)} names from train, {detector.pattern_count} patterns; dev gold spans {exact.gold}"
        f"\nnames and aliases only: precision {exact.precision:.3f} recall {exact.recall:.3f} f1 {exact.f1:.3f}"
        f"\nwith generated variants: precision {every.precision:.3f} recall {every.recall:.3f} f1 {every.f1:.3f}"
        f"\nrecall on gold spans whose name is in the register: {covered.recall:.3f} ({covered.gold} spans)"
    )
    assert exact.precision >= 0.80 and exact.recall >= 0.60
    assert every.precision >= 0.78 and every.recall >= exact.recall
    assert covered.recall >= 0.98


def test_default_threshold_on_the_clue_set_derived_from_real_titles(data):
    train, dev = data
    names = register_names(train)
    vocabulary = load_vocabulary()
    detector = Detector([Brand(name) for name in names], vocabulary)
    rows = derived_clue_set(dev, names, vocabulary)
    outcome: Counter[tuple[str, bool, bool]] = Counter()
    for row in rows:
        flagged = any(c.is_clue and c.brand.name == row.brand for c in detector.assess(row.listing))
        outcome[(row.rule, row.infringing, flagged)] += 1
    tp = sum(n for (_, truth, flagged), n in outcome.items() if truth and flagged)
    fp = sum(n for (_, truth, flagged), n in outcome.items() if not truth and flagged)
    fn = sum(n for (_, truth, flagged), n in outcome.items() if truth and not flagged)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    per_rule = ", ".join(
        f"{rule} {sum(n for (r, t, f), n in outcome.items() if r == rule and f == t)}"
        f"/{sum(n for (r, _, _), n in outcome.items() if r == rule)}"
        for rule in sorted({r for r, _, _ in outcome})
    )
    print(
        f"\nderived clue set: {len(rows)} listings from {len(dev)} dev titles; default threshold "
        f"{DEFAULT_SETTINGS.threshold}: precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})"
        f"\nagreeing with the rule, per rule: {per_rule}"
    )
    assert outcome[("genuine", False, True)] == 0
    assert precision >= 0.98 and recall >= 0.93

"""Brand-mention detection measured on real listing titles annotated by people (HPPX = brand).

The register is every brand name annotated in the train file; precision and recall are exact-span
matches against the gold brand spans of the dev file. Figures are printed (run with -s) and recorded in
docs/decisions/0500-listings-detection.md; the floors below sit a little under the measured values so
that a regression fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import testdata_dir as shared_data_dir
from zhichan.engines.listings import Brand, Detector
from zhichan.engines.listings.evaluation import AnnotatedTitle, read_bio, register_names, span_scores
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
    assert every.precision >= 0.74 and every.recall >= exact.recall
    assert covered.recall >= 0.98

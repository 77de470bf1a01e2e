"""Would look-alike pairs from real OCR errors help the listing engine? Measured, not assumed.

    python -m bench.listings_lookalikes

For the shipped look-alike table, and for the table plus pairs of common characters that OCR read for
one another in ocr_shape_errors_train.txt (seen at least N times, glyph shape similarity of at least
S), prints: brand-mention precision and recall on the dev titles (register from train, as in
tests/engines/listings/test_listings_evaluation.py), the look-alike mentions found in all real titles
(train and dev) and how many of them are gold brand spans, and the derived clue set's precision and
recall. Recorded in docs/decisions/0500-listings-detection.md.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bench.listings_evaluation import derived_clue_set, read_bio, register_names, span_scores
from zhichan.engines.listings import Brand, Detector, VariantKind, load_lookalikes, load_vocabulary
from zhichan.engines.listings.registry import Lookalike
from zhichan.engines.listings.variants import _is_common_han
from zhichan.engines.text import is_han
from zhichan.engines.text.glyph import glyph_similarity

DATA = Path(os.environ.get("ZHICHAN_TESTDATA", Path(__file__).resolve().parents[1] / "../shared/data"))
CANDIDATES = ((3, 0.7), (1, 0.8))  # (times seen at least, shape similarity at least)


def ocr_pair_counts(path: Path) -> Counter[tuple[str, str]]:
    """How often each unordered pair of Han characters was read for one another (aligned sentences)."""
    counts: Counter[tuple[str, str]] = Counter()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3 or len(fields[1]) != len(fields[2]):
                continue
            for wrong, right in zip(fields[1], fields[2], strict=True):
                if wrong != right and is_han(wrong) and is_han(right):
                    counts[(min(wrong, right), max(wrong, right))] += 1
    return counts


def measure(label: str, pairs: Sequence[Lookalike], train, dev, names: list[str]) -> None:
    vocabulary = replace(load_vocabulary(), lookalikes=tuple(pairs))
    detector = Detector([Brand(name) for name in names], vocabulary)
    every = span_scores(dev, lambda title: [(m.start, m.end) for m in detector.mentions(title)])
    lookalike: Counter[bool] = Counter()
    for item in [*train, *dev]:
        for mention in detector.mentions(item.title):
            if mention.variant.kind is VariantKind.LOOKALIKE:
                lookalike[(mention.start, mention.end) in item.spans] += 1
    tp = fp = fn = 0
    for row in derived_clue_set(dev, names, vocabulary):
        flagged = any(c.is_clue and c.brand.name == row.brand for c in detector.assess(row.listing))
        tp += row.infringing and flagged
        fp += flagged and not row.infringing
        fn += row.infringing and not flagged
    print(
        f"{label}: {len(pairs)} pairs, {detector.pattern_count:,} patterns; dev mentions precision "
        f"{every.precision:.3f} recall {every.recall:.3f}; look-alike mentions in {len(train) + len(dev):,} "
        f"real titles: {lookalike[True]} gold, {lookalike[False]} not; clue set precision "
        f"{tp / (tp + fp):.3f} recall {tp / (tp + fn):.3f}"
    )


def main() -> None:
    train = read_bio(DATA / "ecommerce_titles_train.bio")
    dev = read_bio(DATA / "ecommerce_titles_dev.bio")
    names = register_names(train)
    table = load_lookalikes()
    known = {(min(p.original, p.lookalike), max(p.original, p.lookalike)) for p in table}
    counts = ocr_pair_counts(DATA / "ocr_shape_errors_train.txt")
    measure("shipped table", table, train, dev, names)
    for times, shape in CANDIDATES:
        extra = [
            Lookalike(a, b, f"OCR 误读 {n} 次")
            for (a, b), n in sorted(counts.items())
            if n >= times
            and (a, b) not in known
            and _is_common_han(a)
            and _is_common_han(b)
            and glyph_similarity(a, b) >= shape
        ]
        measure(f"+ OCR pairs seen >= {times}, shape >= {shape}", [*table, *extra], train, dev, names)


if __name__ == "__main__":
    main()

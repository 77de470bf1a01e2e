"""Known-item search quality and index speed of the patent text engine on the shared real data.

    python -m bench.patents_search [--sample 500]

Titles (patents_cn_titles_ipc.csv): each title, as plain words, must find its own patent. Abstracts
(kppatent_zh_train.csv): each abstract's keyphrases, as plain words, must find its abstract. Prints
recall@1, recall@10 and MRR of the text mode, the index build rate and the median and p95 query time.
The semantic and hybrid modes of issue 12 will be measured here beside it.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from zhichan.engines.patents.rows import columns_of, parse_row
from zhichan.engines.patents.search import PatentDoc, TantivyIndex, free_text

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ZHICHAN_TESTDATA", ROOT / "../shared/data"))


def _records(name: str) -> list:
    with (DATA / name).open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = columns_of(list(reader.fieldnames or []))
        return [parse_row(row, columns) for row in reader]


def _measure(label: str, records: list, query_of, sample: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        index = TantivyIndex(Path(folder) / "index")
        started = time.perf_counter()
        index.add(PatentDoc(r.number, title=r.title, abstract=r.abstract, ipc=r.ipc) for r in records)
        built = time.perf_counter() - started
        chosen = random.Random(7).sample(records, min(sample, len(records)))
        ranks, times = [], []
        for record in chosen:
            started = time.perf_counter()
            hits = [h.id for h in index.search(free_text(query_of(record)), limit=10).hits]
            times.append((time.perf_counter() - started) * 1000)
            ranks.append(hits.index(record.number) + 1 if record.number in hits else None)
    found = [r for r in ranks if r is not None]
    print(f"{label}: {len(records)} documents, {len(chosen)} queries")
    print(f"  recall@1 {sum(r == 1 for r in found) / len(ranks):.3f}  recall@10 {len(found) / len(ranks):.3f}  "
          f"MRR {sum(1 / r for r in found) / len(ranks):.3f}")  # fmt: skip
    times.sort()
    print(f"  index build {len(records) / built:,.0f} documents/s; query median {statistics.median(times):.1f} ms, "
          f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=500)
    args = parser.parse_args()
    _measure("titles -> own patent", _records("patents_cn_titles_ipc.csv"), lambda r: r.title, args.sample)
    _measure("keyphrases -> abstract", _records("kppatent_zh_train.csv"), lambda r: " ".join(r.keyphrases), args.sample)


if __name__ == "__main__":
    main()

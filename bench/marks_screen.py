"""Screening benchmark: filings against a register of real brand names, company-like names and variants.

    python -m bench.marks_screen [--register 1000000] [--filings 10000] [--brute-sample 200] [--workers 2]
    python -m bench.marks_screen --latency [--register 2000000] [--queries 300]

(1) Blocks all filings through the candidate index (timed, one process), screens a sample of them in
full (blocking, quick filter, compare; timed and scaled), and measures the recall of the index against
brute-force `rapidfuzz.process.cdist` (fuzz.ratio of the normalised marks >= --cutoff, one process like
the blocking) on a sample of filings; the brute-force time of the sample is scaled to all filings (its
cost is linear in the number of filings) and the ratio of times is printed, with peak memory and the
load average (other work on the machine slows both sides; the ratio is measured in one run). Two ratios:
blocking alone, and the index producing brute force's own output (blocking, then fuzz.ratio on each
filing's candidates), which is the like-for-like comparison.
(2) With --latency: p50/p95 latency of screening one mark against the register, wall-clock and CPU
time of this process (the CPU time does not count waiting for a core on a loaded machine).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from bench.marks_evaluation import brand_spans
from zhichan.engines.marks.lexicon import lexicon
from zhichan.engines.marks.screen import Mark, Register, screen_filing
from zhichan.engines.text import glyph_similarity, normalize, pinyin_full

DATA = Path(os.environ.get("ZHICHAN_TESTDATA", Path(__file__).resolve().parents[1] / "../shared/data"))
COMPANY_FORMS = ("有限公司", "科技有限公司", "贸易有限公司", "实业有限公司", "股份有限公司")


def real_names() -> tuple[list[str], list[str]]:
    """Real brand names (e-commerce brand spans) and industry words (GB/T 4754 class names)."""
    brands = list(
        dict.fromkeys(b for name in ("train", "dev") for b in brand_spans(DATA / f"ecommerce_titles_{name}.bio"))
    )
    with (DATA / "gbt4754_2017_industries.csv").open(encoding="utf-8") as fh:
        industries = [row["name"] for row in csv.DictReader(fh) if 2 <= len(row["name"]) <= 6]
    return brands, industries


class Generator:
    """Marks drawn from the characters and words of real names, and knock-off variants of marks."""

    def __init__(self, brands: list[str], industries: list[str], seed: int) -> None:
        self.rng = random.Random(seed)
        self.brands = brands
        self.industries = industries
        self.han = [c for b in brands for c in b if "\u4e00" <= c <= "\u9fff"]
        self.latin = [normalize(b) for b in brands if normalize(b).isascii() and len(normalize(b)) >= 3]
        self.places = [w for w, e in lexicon().items() if e.category == "place" and not w.isascii()]
        self.weak = [w for w, e in lexicon().items() if e.category == "weak" and not w.isascii()]
        self.lookalikes: dict[str, list[str]] = {}

    def han_mark(self) -> str:
        return "".join(self.rng.choice(self.han) for _ in range(self.rng.choice((2, 2, 3, 3, 3, 4))))

    def latin_mark(self) -> str:
        a, b = self.rng.choice(self.latin), self.rng.choice(self.latin)
        return (a[: self.rng.randint(2, len(a))] + b[self.rng.randint(0, len(b) - 2) :]).upper()

    def company(self) -> str:
        return (
            self.rng.choice(self.places)
            + self.han_mark()
            + self.rng.choice(self.industries)
            + self.rng.choice(COMPANY_FORMS)
        )

    def register_mark(self) -> str:
        roll = self.rng.random()
        if roll < 0.55:
            return self.han_mark()
        if roll < 0.75:
            return self.company()
        if roll < 0.9:
            return self.latin_mark()
        return self.variant(self.rng.choice(self.brands))

    def lookalike(self, ch: str) -> str:
        if ch not in self.lookalikes:
            pool = self.rng.sample(self.han, min(300, len(self.han)))
            self.lookalikes[ch] = sorted(pool, key=lambda c: -glyph_similarity(ch, c))[:3]
        return self.rng.choice(self.lookalikes[ch]) if self.lookalikes[ch] else ch

    def variant(self, mark: str) -> str:
        """A knock-off of a mark: a look-alike or random character, an added word, a swap, its pinyin."""
        chars = list(mark)
        kind = self.rng.randrange(6)
        i = self.rng.randrange(len(chars))
        if kind == 0:
            chars[i] = self.lookalike(chars[i])
        elif kind == 1:
            chars[i] = self.rng.choice(self.han)
        elif kind == 2:
            return self.rng.choice(self.weak) + mark
        elif kind == 3:
            return self.rng.choice(self.places) + mark
        elif kind == 4 and len(chars) > 1:
            j = min(i + 1, len(chars) - 1)
            chars[i], chars[j] = chars[j], chars[i]
        elif kind == 5:
            return pinyin_full(mark).upper() or mark
        return "".join(chars)


def build_register(gen: Generator, brands: list[str], size: int) -> list[str]:
    """`size` distinct marks: the real brand names, then generated marks until the register is full."""
    marks = dict.fromkeys(brands)
    while len(marks) < size:
        marks.update(dict.fromkeys(gen.register_mark() for _ in range(size - len(marks))))
    return list(marks)[:size]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def screening(args: argparse.Namespace) -> None:
    brands, industries = real_names()
    gen = Generator(brands, industries, seed=1)
    marks = build_register(gen, brands, args.register)
    register_marks = [Mark(f"P{i}", m) for i, m in enumerate(marks)]
    filings = [
        Mark(f"F{i}", gen.variant(gen.rng.choice(marks)) if gen.rng.random() < 0.5 else gen.register_mark())
        for i in range(args.filings)
    ]
    print(f"register {len(marks):,} marks ({len(brands):,} real brand names), {len(filings):,} filings")

    t0 = time.perf_counter()
    register = Register(register_marks, workers=args.workers)
    build = time.perf_counter() - t0
    size = register.index.nbytes / 2**20
    print(f"index: {register.index.key_count:,} keys, {size:.0f} MiB, built in {build:.1f} s")

    t0 = time.perf_counter()
    found = register.index.candidates_many([f.mark for f in filings])
    blocking = time.perf_counter() - t0
    candidates = [set(c.ids.tolist()) for c in found]
    mean = sum(len(c) for c in candidates) / len(candidates)
    print(f"blocking: {blocking:.1f} s for {len(filings):,} filings (one process), {mean:.0f} candidates each")

    step = max(1, len(filings) // args.verify_sample)
    verified = filings[::step]
    alerts = 0
    times = []
    for filing in verified:
        t0 = time.perf_counter()
        alerts += len(screen_filing(filing, register))
        times.append(time.perf_counter() - t0)
    verify = sum(times) / len(verified)
    cuts = statistics.quantiles(times, n=100)
    print(f"one filing against the register: p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms")
    scaled = verify * len(filings) / args.workers
    print(
        f"full screening (blocking, quick filter, compare), {len(verified)} filings: {verify * 1000:.0f} ms "
        f"each, {alerts / len(verified):.1f} alerts each -> {scaled:.0f} s for all {len(filings):,} "
        f"on {args.workers} workers"
    )
    # What `marks screen` gains by searching the index once per batch of filings (screen) rather
    # than once per filing; the rest of a filing's screening is the same either way.
    marks_of_sample = [f.mark for f in verified]
    t0 = time.perf_counter()
    for mark in marks_of_sample:
        register.index.candidates(mark)
    single = (time.perf_counter() - t0) / len(verified)
    t0 = time.perf_counter()
    register.index.candidates_many(marks_of_sample)
    batch = (time.perf_counter() - t0) / len(verified)
    print(
        f"index search of the same filings: {single * 1000:.2f} ms each one at a time, {batch * 1000:.2f} ms "
        f"each as one batch ({single / batch:.1f}x; {(single - batch) / verify:.0%} of a full screening)"
    )

    normalised = [f for f, _, _ in register.forms]
    sample = list(range(0, len(filings), max(1, len(filings) // args.brute_sample)))
    t0 = time.perf_counter()
    brute_pairs = hits_found = 0
    missed: list[tuple[str, str, int]] = []
    for n in sample:
        scores = process.cdist(
            [normalize(filings[n].mark)],
            normalised,
            scorer=fuzz.ratio,
            score_cutoff=args.cutoff,
            dtype=np.uint8,
            workers=1,
        )[0]
        hits = np.nonzero(scores)[0]
        brute_pairs += len(hits)
        hits_found += len(candidates[n].intersection(hits.tolist()))
        missed.extend((filings[n].mark, marks[h], int(scores[h])) for h in hits.tolist() if h not in candidates[n])
    brute_all = (time.perf_counter() - t0) / len(sample) * len(filings)
    print(
        f"brute force cdist (fuzz.ratio >= {args.cutoff:.0f}) on {len(sample)} filings, scaled to all "
        f"{len(filings):,}: {brute_all:.0f} s (one process)"
    )
    print(f"index recall of brute-force matches: {hits_found}/{brute_pairs} = {hits_found / max(brute_pairs, 1):.4f}")
    print(f"blocking is {brute_all / blocking:.0f}x faster than brute-force cdist over the same filings")
    # like for like: the index producing what brute force produces (the pairs with ratio >= cutoff).
    # fuzz.ratio = 2M / (la + lb) with M <= min(la, lb), so ratio >= c needs min/max >= c / (200 - c): a
    # lossless length filter on each filing's candidates before the ratio is computed.
    t0 = time.perf_counter()
    names = np.array(normalised, dtype=object)
    lengths = np.fromiter((len(name) for name in normalised), dtype=np.int32, count=len(normalised))
    bound = args.cutoff / (200 - args.cutoff)
    pairs = 0
    for filing, ids in zip(filings, found, strict=True):
        query = normalize(filing.mark)
        near = lengths[ids.ids]
        keep = ids.ids[(near >= bound * len(query)) & (near * bound <= len(query))]
        choices = names[keep].tolist()
        if choices:
            scores = process.cdist([query], choices, scorer=fuzz.ratio, score_cutoff=args.cutoff, dtype=np.uint8)[0]
            pairs += int(np.count_nonzero(scores))
    same_output = blocking + time.perf_counter() - t0
    print(
        f"index to the same output as brute force (blocking, a lossless length filter, then fuzz.ratio >= "
        f"{args.cutoff:.0f} on the candidates): {same_output:.1f} s, {pairs:,} pairs -> "
        f"{brute_all / same_output:.0f}x faster"
    )
    print(f"peak memory: {peak_mb():.0f} MiB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if args.misses:
        for filing, mark, score in missed[: args.misses]:
            print(f"  missed: {filing} / {mark} (ratio {score})")


def latency(args: argparse.Namespace) -> None:
    brands, industries = real_names()
    gen = Generator(brands, industries, seed=2)
    marks = build_register(gen, brands, args.register)
    t0 = time.perf_counter()
    register = Register([Mark(f"P{i}", m) for i, m in enumerate(marks)], workers=args.workers)
    print(f"register {len(marks):,} marks indexed in {time.perf_counter() - t0:.1f} s")
    screen_filing(Mark("Q", marks[0]), register)  # loads the glyph table, OpenCC and the dictionaries once
    wall, cpu = [], []
    for _ in range(args.queries):
        query = gen.variant(gen.rng.choice(marks)) if gen.rng.random() < 0.5 else gen.register_mark()
        t0, c0 = time.perf_counter(), time.process_time()
        screen_filing(Mark("Q", query), register)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    for name, times in (("wall", wall), ("CPU", cpu)):
        cuts = statistics.quantiles(times, n=100)
        spread = f"p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms, max {max(times):.1f} ms"
        print(f"one mark against {len(marks):,} ({name}): {spread}")
    print(f"peak memory: {peak_mb():.0f} MiB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--register", type=int, default=1_000_000)
    parser.add_argument("--filings", type=int, default=10_000)
    parser.add_argument("--brute-sample", type=int, default=1000)
    parser.add_argument("--misses", type=int, default=20, help="print this many missed brute-force matches")
    parser.add_argument("--verify-sample", type=int, default=300)
    parser.add_argument("--cutoff", type=float, default=80)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--latency", action="store_true")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    if not (DATA / "ecommerce_titles_train.bio").exists():
        print(f"skipped: real brand data not found in {DATA} (set ZHICHAN_TESTDATA)")
        return
    latency(args) if args.latency else screening(args)


if __name__ == "__main__":
    main()

"""Names screening benchmark: enterprise and shop names against a register of marks.

    python -m bench.names_screen [--marks 20000] [--names 150000] [--brute-sample 5] [--peer-sample 300]
    python -m bench.names_screen --small           (2,000 marks, 10,000 names)

Marks are real brand names (the e-commerce brand spans of the shared data) and marks drawn from their
characters and words (`bench.marks_screen.Generator`), each with one to three Nice classes. Names are
generated from the marks in a seeded way, as the register of a city looks: enterprise names (place +
trade name + industry words + form) whose trade name is a mark, a knock-off variant of a mark or an
unrelated word, shop names (旗舰店, 专营店), names in Traditional characters, a mark's pinyin; half of
them with an industry (a division code or a section name).

Printed: the register's build time, the time to screen every name (the engine as `zhichan watch names`
runs it, in one process: candidates from the automata and the marks index, then `compare`), alerts per
verdict and the peak memory; beside it two brute-force peers on a sample of names, their time scaled
to all names: (1) `compare` on every (name, mark) pair, the engine's own scoring without an index, whose
alerts are the ground truth of the index's recall; (2) rapidfuzz `process.cdist` of every trade name
against every mark (fuzz.ratio) and of every name against every mark (fuzz.partial_ratio, containment),
the cheapest all-pairs string screen. The ratios are measured in one run (other work on the machine
slows both sides alike).
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections import Counter

import numpy as np
from opencc import OpenCC
from rapidfuzz import fuzz, process

from bench.marks_screen import DATA, Generator, build_register, real_names
from zhichan.engines.names import Name, NameRegister, ProtectedMark, compare, parse_name, screen
from zhichan.engines.names.compare import mark_form
from zhichan.engines.names.industries import shipped_classification
from zhichan.engines.text import pinyin_full

PLACES = ("广州市", "广州", "广东省广州市", "广州市番禺区", "广州市天河区", "深圳市", "佛山市顺德区", "")
INDUSTRY_WORDS = ("餐饮管理", "食品", "贸易", "科技", "网络科技", "实业", "医药", "服饰", "文化传播", "饮料", "")
FORMS = ("有限公司", "有限责任公司", "股份有限公司", "餐饮店", "商行", "经营部")
SHOPS = ("官方旗舰店", "旗舰店", "专营店", "专卖店", "小店")
BATCH = 256


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_marks(gen: Generator, brands: list[str], size: int) -> list[ProtectedMark]:
    marks = [m for m in build_register(gen, brands, size * 2) if 2 <= len(m) <= 8][:size]
    return [
        ProtectedMark(f"M{i}", m, tuple(sorted(gen.rng.sample(range(1, 46), gen.rng.randint(1, 3)))))
        for i, m in enumerate(marks)
    ]


def build_names(gen: Generator, marks: list[ProtectedMark], size: int) -> list[Name]:
    rng = gen.rng
    t2s_inverse = OpenCC("s2t")
    industries = [*shipped_classification().divisions, *shipped_classification().sections.values()]
    names: list[Name] = []
    for i in range(size):
        mark = rng.choice(marks).mark
        roll = rng.random()
        if roll < 0.15:
            trade = mark  # uses the mark
        elif roll < 0.25:
            trade = gen.variant(mark)  # a knock-off of it
        elif roll < 0.28:
            trade = pinyin_full(mark) or mark
        else:
            trade = gen.han_mark()  # its own trade name
        if rng.random() < 0.12:
            name = trade + rng.choice(SHOPS)
        else:
            name = rng.choice(PLACES) + trade + rng.choice(INDUSTRY_WORDS) + rng.choice(FORMS)
        if rng.random() < 0.05:
            name = t2s_inverse.convert(name)
        industry = rng.choice(industries) if rng.random() < 0.5 else ""
        names.append(Name(f"N{i}", name, industry))
    return names


def run(args: argparse.Namespace) -> None:
    brands, industries = real_names()
    gen = Generator(brands, industries, seed=22)
    marks = build_marks(gen, brands, args.marks)
    names = build_names(gen, marks, args.names)
    print(f"{len(marks):,} marks ({len(brands):,} real brand names among the sources), {len(names):,} names")

    t0 = time.perf_counter()
    register = NameRegister(marks)
    print(f"register built in {time.perf_counter() - t0:.1f} s")
    screen(names[:8], register)  # loads OpenCC, the glyph table and the dictionaries once

    t0 = time.perf_counter()
    verdicts: Counter[str] = Counter()
    alerts_of: list[set[str]] = []
    for start in range(0, len(names), BATCH):
        for alerts in screen(names[start : start + BATCH], register):
            verdicts.update(a.verdict for a in alerts)
            alerts_of.append({a.mark_id for a in alerts})
    engine = time.perf_counter() - t0
    shown = ", ".join(f"{v} {n:,}" for v, n in sorted(verdicts.items()))
    print(
        f"engine: {engine:.1f} s for {len(names):,} names ({engine / len(names) * 1000:.2f} ms each), alerts: {shown}"
    )
    print(f"peak memory after screening: {peak_mb():.0f} MiB")

    step = max(1, len(names) // args.brute_sample)
    sample = list(range(0, len(names), step))[: args.brute_sample]
    t0 = time.perf_counter()
    truth = found = 0
    missed: list[tuple[str, str, float]] = []
    for n in sample:
        name = names[n]
        for mark in marks:
            r = compare(name.name, mark.mark, industry=name.industry, mark_classes=mark.classes)
            if r.reasons and r.score >= register.settings.similar_threshold:
                truth += 1
                if mark.id in alerts_of[n]:
                    found += 1
                else:
                    missed.append((name.name, mark.mark, r.score))
    brute = (time.perf_counter() - t0) / len(sample) * len(names)
    print(
        f"brute force compare() of every pair on {len(sample)} names, scaled to all: {brute:,.0f} s "
        f"-> the engine is {brute / engine:,.0f}x faster; recall of its alerts {found}/{truth}"
    )
    for name, mark, score in missed[:10]:
        print(f"  missed: {name} / {mark} ({score:.2f})")

    forms = [mark_form(m.mark) for m in marks]
    step = max(1, len(names) // args.peer_sample)
    peer = [names[n] for n in range(0, len(names), step)][: args.peer_sample]
    t0 = time.perf_counter()
    pairs = 0
    for name in peer:
        parts = parse_name(name.name)
        whole = process.cdist([parts.trade_name], forms, scorer=fuzz.ratio, score_cutoff=80, dtype=np.uint8)[0]
        part = process.cdist([parts.core], forms, scorer=fuzz.partial_ratio, score_cutoff=100, dtype=np.uint8)[0]
        pairs += int(np.count_nonzero(whole | part))
    peer_all = (time.perf_counter() - t0) / len(peer) * len(names)
    print(
        f"brute force rapidfuzz cdist (fuzz.ratio >= 80 of the trade name, partial_ratio 100 of the name) on "
        f"{len(peer)} names, scaled to all: {peer_all:,.0f} s, {pairs / len(peer):.1f} pairs a name "
        f"(strings only: no sound, shape, pinyin or relatedness) -> engine / peer time {engine / peer_all:.2f}"
    )
    print(f"peak memory: {peak_mb():.0f} MiB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--marks", type=int, default=20_000)
    parser.add_argument("--names", type=int, default=150_000)
    parser.add_argument("--brute-sample", type=int, default=5, help="names compared with every mark")
    parser.add_argument("--peer-sample", type=int, default=300, help="names through the rapidfuzz peer")
    parser.add_argument("--small", action="store_true", help="2,000 marks and 10,000 names")
    args = parser.parse_args()
    if args.small:
        args.marks, args.names = 2_000, 10_000
    if not (DATA / "ecommerce_titles_train.bio").exists():
        print(f"skipped: real brand data not found in {DATA} (set ZHICHAN_TESTDATA)")
        return
    run(args)


if __name__ == "__main__":
    main()

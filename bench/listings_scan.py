"""Listing scan throughput: the full clue pipeline against plain pyahocorasick exact matching.

    python bench/listings_scan.py [--titles 1000000] [--brands 5000] [--repeat 1]

Titles: the real e-commerce titles of the shared data folder (train + dev), repeated and shuffled, one
in ten with its annotated brand rewritten as a disguise (spaces inserted, full width, digits for
letters, a homophone). Brands: every brand name annotated in those files, topped up to `--brands` with
made-up names (two to four common characters, or six to eight Latin letters), each with all its
generated variants. The full pipeline is what `zhichan listings scan` runs: normalisation, the brand
automaton, vocabulary and contexts for titles that name a brand, signals and score, clues at the
default threshold. Prints titles per second on 1 and 2 cores, peak memory, and the ratio of the full
pipeline to exact-only matching of the brand names (the issue's goal: at least 0.5, and at least
100,000 titles a second on 2 cores). The issue's peer is plain pyahocorasick over the lower-cased
title; a second peer runs the brand names alone through the engine's own coded automaton
(`engines.listings.automaton`: normalisation and the two-symbol code), so that the price of the
variants and the signals can be told apart from the gain of the automaton's layout. The load average
is printed before and after: the machine is shared.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ahocorasick

from bench.listings_evaluation import read_bio, register_names
from zhichan.engines.listings import Brand, Detector, Listing, brand_variants, load_lookalikes, screen
from zhichan.engines.listings.automaton import ScanCode, build_automaton
from zhichan.engines.listings.normtext import fold
from zhichan.engines.listings.variants import _common_han

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED = 20261125


def _data_dir() -> Path:
    return Path(os.environ.get("ZHICHAN_TESTDATA", REPO_ROOT.parent / "shared" / "data"))


def _disguise(rng: random.Random, name: str, brand: Brand) -> str:
    """One disguise of a brand name, as sellers write them (and as the engine is meant to see through)."""
    variants = [v.text for v in brand_variants(brand, load_lookalikes())[1:]]
    choice = rng.randrange(3)
    if choice == 0 and variants:
        return rng.choice(variants)
    if choice == 1:
        return " ".join(name)
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)


def build_corpus(count: int, brand_count: int) -> tuple[list[Brand], list[str]]:
    rng = random.Random(SEED)
    folder = _data_dir()
    annotated = []
    for name in ("ecommerce_titles_train.bio", "ecommerce_titles_dev.bio"):
        path = folder / name
        if not path.is_file():
            sys.exit(f"bench: {path} is absent (set ZHICHAN_TESTDATA to the shared data folder)")
        annotated.extend(read_bio(path))
    names = register_names(annotated)
    common = _common_han()
    made_up: set[str] = set()
    while len(names) + len(made_up) < brand_count:
        if rng.random() < 0.7:
            made_up.add("".join(rng.choice(common) for _ in range(rng.randint(2, 4))))
        else:
            made_up.add("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(6, 8))))
    brands = [Brand(name) for name in [*names, *sorted(made_up - set(names))]][:brand_count]
    by_name = {b.name: b for b in brands}
    titles = []
    for index in range(count):
        item = annotated[rng.randrange(len(annotated))]
        title = item.title
        if index % 10 == 0 and item.spans:
            start, end = min(item.spans)
            name = title[start:end].strip()
            if name in by_name:
                title = title[:start] + _disguise(rng, name, by_name[name]) + title[end:]
        titles.append(title)
    return brands, titles


_WORK: dict[str, object] = {}


def _titles(part: tuple[int, int]) -> list[str]:
    titles = _WORK["titles"]
    assert isinstance(titles, list)
    return titles[part[0] : part[1]]


def _exact_scan(part: tuple[int, int]) -> int:
    titles = _titles(part)
    automaton = _WORK["exact"]
    assert isinstance(automaton, ahocorasick.Automaton)
    found = 0
    for title in titles:
        for _ in automaton.iter(title.lower()):
            found += 1
    return found


def _exact_coded_scan(part: tuple[int, int]) -> int:
    titles = _titles(part)
    automaton, forms = _WORK["exact_coded"]  # type: ignore[misc]
    found = 0
    for title in titles:
        for _ in automaton.iter(title.translate(forms)):
            found += 1
    return found


def _full_scan(part: tuple[int, int]) -> int:
    titles = _titles(part)
    detector = _WORK["detector"]
    assert isinstance(detector, Detector)
    listings = (Listing(str(index), title) for index, title in enumerate(titles, start=part[0]))
    return sum(1 for _ in screen(listings, detector))


def _timed(work: Callable[[tuple[int, int]], int], count: int, cores: int) -> tuple[float, int]:
    """Titles per second of `work` over all titles, in `cores` forked workers (which inherit the titles
    and automata: nothing is pickled but ranges and counts). The titles go in eight ranges per worker,
    taken as workers free up, so that a worker slowed by other jobs on the machine holds up the run
    by one range, not by half the titles."""
    started = time.perf_counter()
    if cores == 1:
        found = work((0, count))
    else:
        size = -(-count // (cores * 8))
        parts = [(start, min(start + size, count)) for start in range(0, count, size)]
        with multiprocessing.get_context("fork").Pool(cores) as pool:
            found = sum(pool.imap_unordered(work, parts))
    return count / (time.perf_counter() - started), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--titles", type=int, default=1_000_000)
    parser.add_argument("--brands", type=int, default=5_000)
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each measurement, interleaved; the best rate of each is kept"
    )
    args = parser.parse_args()

    brands, titles = build_corpus(args.titles, args.brands)
    _WORK["titles"] = titles
    exact = ahocorasick.Automaton()
    for brand in brands:
        exact.add_word(brand.name.lower(), brand.name)
    exact.make_automaton()
    _WORK["exact"] = exact
    names = {fold(brand.name): brand.name for brand in brands if fold(brand.name)}
    code = ScanCode({ch for name in names for ch in name})
    _WORK["exact_coded"] = (build_automaton(names, code, every_character=True), code.forms)
    started = time.perf_counter()
    detector = Detector(brands)
    build = time.perf_counter() - started
    _WORK["detector"] = detector
    print(f"titles {len(titles):,}  brands {len(brands):,}")
    print(f"patterns: exact-only {len(exact):,}, full pipeline {detector.pattern_count:,} (names and variants)")
    print(f"full detector built in {build:.1f} s")

    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    results = {}
    for cores in (1, 2):
        best = {"exact": (0.0, 0), "coded": (0.0, 0), "full": (0.0, 0)}
        for _ in range(args.repeat):  # interleaved, so that a busy moment on the machine hits every peer
            for name, work in (("exact", _exact_scan), ("coded", _exact_coded_scan), ("full", _full_scan)):
                best[name] = max(best[name], _timed(work, len(titles), cores))
        (exact_rate, exact_found), (coded_rate, coded_found), (full_rate, full_found) = best.values()
        results[cores] = (exact_rate, full_rate)
        print(
            f"{cores} core(s): exact-only {exact_rate:,.0f} titles/s ({exact_found:,} matches); "
            f"exact-only coded {coded_rate:,.0f} titles/s ({coded_found:,} matches); "
            f"full pipeline {full_rate:,.0f} titles/s ({full_found:,} clues); "
            f"ratio full/exact {full_rate / exact_rate:.2f}, full/exact coded {full_rate / coded_rate:.2f}"
        )
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: main process {own:,.0f} MiB, largest worker {children:,.0f} MiB")
    two = results[2][1]
    print(
        f"goals: ratio >= 0.5 -> {results[1][1] / results[1][0]:.2f} (1 core), {results[2][1] / results[2][0]:.2f} "
        f"(2 cores); >= 100,000 titles/s on 2 cores -> {two:,.0f}"
    )


if __name__ == "__main__":
    main()

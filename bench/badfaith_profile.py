"""Bad-faith signals benchmark: a week of filings (150,000 by default) assessed in one process.

    python -m bench.badfaith_profile [--filings 150000] [--directory 50000] [--alerts 0.02] [--pairwise 2000]

Synthetic but shaped like a week of publications: applicants drawn from a heavy-tailed distribution
(most file once, a few hundred times), related parties sharing an address or a phone, small and big
agencies, a directory of company names, marks drawn from real-looking pieces (trade names of the
directory, list terms, generic words, random characters), and the mark engine's alerts passed in (the
watch module passes the alerts it stored: nothing is screened again). Prints the time of the whole
`assess` and of the grouping, peak memory and the load average, and two peers measured in the same run.
`assess` is timed cold (the normalisation caches cleared: every name, mark and address is normalised
inside it, the larger part of its time). Two peers: (1) the naive related-party grouping that compares
every pair of applicants (sampled on --pairwise applicants and scaled by the square of the ratio: its
cost is quadratic), the approach union-find replaces; (2) a bare dict group-by that only counts filings
per applicant, the floor of any pass over the applicants (the ratio says what the signals cost on top
of counting). The peer 1 ratio compares grouping with grouping; the union-find side includes the
normalisation of names and addresses and the naive side gets its keys precomputed, so it understates the gain.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from collections import Counter
from datetime import date

from zhichan.engines.badfaith import Filing, Organisation, Settings, assess, group_applicants, load_lists
from zhichan.engines.badfaith.names import address_key, key, phone_key
from zhichan.engines.marks import Alert
from zhichan.engines.text import normalize

# the 3,755 characters of GB 2312 level 1 (the common characters of names and marks)
HAN = "".join(
    bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF) if (hi, lo) < (0xD7, 0xFA)
)
FORMS = ("科技有限公司", "贸易有限公司", "餐饮管理有限公司", "食品有限公司", "实业有限公司")
CITIES = ("广州市", "深圳市", "佛山市", "东莞市")


def word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(HAN) for _ in range(n))


def world(n_filings: int, n_directory: int, alert_share: float, seed: int = 7):
    rng = random.Random(seed)
    lists = load_lists()
    terms = [e.term for e in lists.famous.entries + lists.places.entries + lists.generic.entries]
    directory = [
        Organisation(f"o{i}", rng.choice(CITIES) + word(rng, rng.choice((2, 3))) + rng.choice(FORMS))
        for i in range(n_directory)
    ]
    trade = [o.name[3:5] for o in directory[:5000]]
    applicants: list[str] = []
    contacts: dict[str, tuple[str, str, str]] = {}
    while len(applicants) < n_filings:
        count = min(int(rng.paretovariate(1.6)), 400)
        if rng.random() < 0.05:  # a cluster of related parties: the same address
            address = f"广州市天河区{word(rng, 2)}路{rng.randint(1, 999)}号{rng.randint(100, 2999)}室"
        else:
            address = f"{rng.choice(CITIES)}{word(rng, 2)}区{word(rng, 2)}路{rng.randint(1, 9999)}号"
        phone = f"1{rng.randint(3, 9)}{rng.randint(0, 999999999):09d}"
        agency = f"{word(rng, 2)}知识产权代理有限公司{rng.randint(0, 3000 if rng.random() < 0.7 else 60)}"
        for _ in range(rng.randint(1, 3) if rng.random() < 0.05 else 1):
            member = rng.choice(CITIES) + word(rng, 3) + rng.choice(FORMS)
            contacts[member] = (address, phone, agency)
            applicants += [member] * count
    filings: list[Filing] = []
    for i, applicant in enumerate(applicants[:n_filings]):
        roll = rng.random()
        if roll < 0.05:
            mark = rng.choice(terms) + (word(rng, 1) if rng.random() < 0.5 else "")
        elif roll < 0.08:
            mark = rng.choice(trade)
        else:
            mark = word(rng, rng.choice((2, 3, 3, 4)))
        address, phone, agency = contacts[applicant]
        filings.append(
            Filing(str(i), mark, applicant, (str(rng.randint(1, 45)),), date(2026, 11, 2), address, phone, "", agency)
        )
    alerts = [
        Alert(f.id, f"k{rng.randint(0, 999)}", 0.8, "similar", "5.1.4") for f in filings if rng.random() < alert_share
    ]
    return filings, directory, alerts, lists


def naive_pairs(filings: list[Filing], sample: int) -> tuple[float, int]:
    """Every pair of the first `sample` applicants compared on address and phone: the quadratic peer."""
    seen: dict[str, tuple[str, str]] = {}
    for f in filings:
        seen.setdefault(key(f.applicant), (address_key(f.address), phone_key(f.phone)))
        if len(seen) >= sample:
            break
    items = list(seen.values())
    start = time.perf_counter()
    links = 0
    for i in range(len(items)):
        a = items[i]
        for j in range(i + 1, len(items)):
            b = items[j]
            if a[0] == b[0] or a[1] == b[1]:
                links += 1
    return time.perf_counter() - start, len(items)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--filings", type=int, default=150_000)
    parser.add_argument("--directory", type=int, default=50_000)
    parser.add_argument("--alerts", type=float, default=0.02)
    parser.add_argument("--pairwise", type=int, default=2000)
    args = parser.parse_args()
    start = time.perf_counter()
    filings, directory, alerts, lists = world(args.filings, args.directory, args.alerts)
    print(f"generated {len(filings)} filings, {len(directory)} organisations, {len(alerts)} alerts "
          f"in {time.perf_counter() - start:.1f} s")  # fmt: skip
    settings = Settings()
    for cached in (key, address_key, normalize):
        cached.cache_clear()
    start = time.perf_counter()
    result = assess(filings, alerts=alerts, directory=directory, lists=lists, settings=settings)
    total = time.perf_counter() - start  # cold: every name, mark and address normalised in it
    for cached in (key, address_key, normalize):
        cached.cache_clear()
    start = time.perf_counter()
    groups = group_applicants(filings, directory=directory, settings=settings)
    grouping = time.perf_counter() - start  # cold too: its names and addresses normalised in it
    applicants = len(groups.root_of)
    start = time.perf_counter()
    counts = Counter(f.applicant for f in filings)
    floor = time.perf_counter() - start
    pair_time, sampled = naive_pairs(filings, args.pairwise)
    pair_scaled = pair_time * (applicants / max(sampled, 1)) ** 2
    by_level = Counter(str(a.level) for a in result)
    by_flag = Counter(str(f.situation) for a in result for f in a.flags)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"applicants {applicants}, groups {len(groups.members)}, largest applicant {max(counts.values())} filings")
    print(f"assess total {total:.2f} s ({len(filings) / total:,.0f} filings/s), normalisation included; "
          f"flagged groups {len(result)} {dict(by_level)}")  # fmt: skip
    print(f"grouping alone (union-find, normalisation included) {grouping:.2f} s")
    print(f"flags by situation {dict(sorted(by_flag.items()))}")
    print(f"peer 1, naive pairwise grouping: {pair_time:.2f} s for {sampled} applicants, "
          f"scaled to {applicants}: {pair_scaled:,.0f} s; "
          f"ratio naive/union-find grouping {pair_scaled / grouping:,.0f}x")  # fmt: skip
    print(f"peer 2, bare dict group-by count: {floor:.3f} s; assess/count ratio {total / floor:.0f}x")
    print(f"peak memory {peak:.0f} MB; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

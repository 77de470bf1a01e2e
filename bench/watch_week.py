"""A week of trademark watch end to end: the register and one weekly publication through the platform.

    python -m bench.watch_week [--marks 20000] [--filings 150000] [--peer-sample 300]
    python -m bench.watch_week --small          (2,000 marks, 10,000 filings)

What an official does each week, timed as the commands run it on a fresh SQLite database in a temporary
data folder: `zhichan watch import-marks` (the protected-marks register, per row by registration number),
then `zhichan watch import-publication` (the 商标初步审定公告: filings stored per row by filing number,
then each new filing screened once against the watched marks with `engines.marks.screen`, alerts with
the opposition deadline stored). Each command is its own process: its wall time and peak memory (the
process's maximum resident set, from wait4) are printed, with the alerts stored.

The register is real brand names (the e-commerce brand spans of the shared data) and marks drawn from
their characters and words (`bench.marks_screen.Generator`), each with one to three Nice classes; the
publication is 95 % unrelated marks and 5 % knock-offs of registered marks (look-alike characters, an
added word or place, swapped characters, pinyin), seeded. The peer: brute-force rapidfuzz
`process.cdist` (fuzz.ratio of the normalised marks, one process, every filing against every mark) on a
sample of filings, its time scaled to the whole publication (linear in the filings): the cheapest
all-pairs screen, without sound, shape, classes or reasons. The ratio is measured in one run (other work
on the machine slows both sides alike); the load average is printed.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from bench.marks_screen import Generator, build_register, real_names
from zhichan.engines.text import normalize

PUBLISHED_ON = "2026-11-27"  # a Friday, as the weekly 公告 is dated
ISSUE = "1968"


def write_register(path: Path, marks: list[str], gen: Generator) -> list[tuple[str, ...]]:
    classes = []
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["注册号", "商标", "类别", "注册人", "注册日", "专用权期限至", "中华老字号"])
        for i, mark in enumerate(marks):
            own = tuple(sorted({str(gen.rng.randint(1, 45)) for _ in range(gen.rng.randint(1, 3))}))
            classes.append(own)
            honour = "是" if gen.rng.random() < 0.02 else ""
            out.writerow([f"{20_000_000 + i}", mark, "|".join(own), f"广州权利人{i % 4000}有限公司",
                          "2018-03-14", "2028-03-13", honour])  # fmt: skip
    return classes


def write_publication(
    path: Path, marks: list[str], classes: list[tuple[str, ...]], gen: Generator, size: int
) -> list[str]:
    texts = []
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["申请号", "商标", "类别", "商品/服务", "申请人", "申请人地址", "代理机构", "公告日期", "期号"])
        for i in range(size):
            if gen.rng.random() < 0.05:
                j = gen.rng.randrange(len(marks))
                text, own = gen.variant(marks[j]), gen.rng.choice(classes[j])
            else:
                text, own = gen.register_mark(), str(gen.rng.randint(1, 45))
            texts.append(text)
            out.writerow([f"{70_000_000 + i}", text, own, "", f"申请人{i % 60_000}", f"某省某市某路{i % 9000}号",
                          "", PUBLISHED_ON, ISSUE])  # fmt: skip
    return texts


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run one command in its own process: wall seconds, peak resident MiB, its output."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"{' '.join(argv)} failed:\n{output}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024, output.strip().splitlines()[-1]


def run(args: argparse.Namespace) -> None:
    brands, industries = real_names()
    gen = Generator(brands, industries, seed=7)
    marks = build_register(gen, brands, args.marks)
    with tempfile.TemporaryDirectory(prefix="zhichan-bench-") as folder:
        data = Path(folder)
        classes = write_register(data / "marks.csv", marks, gen)
        filings = write_publication(data / "publication.csv", marks, classes, gen, args.filings)
        env = {**os.environ, "ZHICHAN_DATA_DIR": str(data), "ZHICHAN_ENV": "development"}
        env.pop("DATABASE_URL", None)
        zhichan = [sys.executable, "-m", "zhichan.cli"]
        print(f"register {len(marks):,} marks, publication {len(filings):,} filings; load {os.getloadavg()[0]:.1f}")
        timed([*zhichan, "migrate", "--no-input"], env)
        steps = (("import-marks", "marks.csv"), ("import-publication", "publication.csv"))
        platform = 0.0
        for step, name in steps:
            wall, peak, last = timed([*zhichan, "watch", step, str(data / name)], env)
            platform += wall if step == "import-publication" else 0.0
            print(f"  zhichan watch {step:<19} {wall:8.1f} s   peak {peak:7.0f} MiB   {last}")

    sample = filings[: args.peer_sample]
    choices = [normalize(m) for m in marks]
    start = time.perf_counter()
    scores = process.cdist([normalize(f) for f in sample], choices, scorer=fuzz.ratio, score_cutoff=80, workers=1)
    peer = (time.perf_counter() - start) * len(filings) / len(sample)
    pairs = int((scores > 0).sum())
    print(f"  rapidfuzz cdist (fuzz.ratio >= 80, {len(sample)} filings, scaled) {peer:8.1f} s"
          f"   ({pairs} pairs in the sample)")  # fmt: skip
    print(f"  publication import and screening / brute-force string screen: {platform / peer:.2f}"
          "   (the platform stores every filing and alert with reasons and deadline; the peer scores)")  # fmt: skip
    print(f"  load average at the end {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--marks", type=int, default=20_000)
    parser.add_argument("--filings", type=int, default=150_000)
    parser.add_argument("--peer-sample", type=int, default=300)
    parser.add_argument("--small", action="store_true", help="2,000 marks and 10,000 filings")
    args = parser.parse_args()
    if args.small:
        args.marks, args.filings = 2_000, 10_000
    run(args)


if __name__ == "__main__":
    main()

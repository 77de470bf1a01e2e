"""Precision and recall of the watch module's screening on labelled real cases (`bench/watch_data/cases.csv`).

    python -m bench.watch_evaluation

Two screenings, each at its default threshold, each as users run it:
- names: `zhichan watch names` (the names engine's command line) over the enterprise, shop and service
  names of the set against their marks; a labelled pair is predicted by the alert the command writes for
  it (no alert: not_similar). Printed: the verdict agreement, and precision/recall of "alerted" (infringing
  or similar) against the court's finding (infringing = should be alerted);
- publication: the protected marks and a publication of the filed marks imported into a fresh platform
  (`zhichan watch import-marks`, `import-publication`, SQLite in a temporary folder), then the stored
  alerts read back; precision/recall of "an alert for this pair" against the label.

The set is small (cases we can name, with their sources) and says so: read the figures with their
counts. Rows marked `control` are constructed negatives, without a source; they measure false alerts.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from zhichan.engines.names import cli as names_cli

CASES = Path(__file__).resolve().parent / "watch_data" / "cases.csv"


def read_cases() -> list[dict[str, str]]:
    lines = [line for line in CASES.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def marks_of(cases: list[dict[str, str]]) -> dict[tuple[str, str, str], str]:
    """One register entry per distinct (mark, classes, well known), numbered in the order met."""
    found: dict[tuple[str, str, str], str] = {}
    for case in cases:
        found.setdefault((case["mark"], case["mark_classes"], case["mark_well_known"]), f"9{len(found) + 1:05d}")
    return found


def rates(pairs: list[tuple[bool, bool]]) -> str:
    tp = sum(1 for want, got in pairs if want and got)
    fp = sum(1 for want, got in pairs if not want and got)
    fn = sum(1 for want, got in pairs if want and not got)
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    return f"precision {precision:.2f} ({tp}/{tp + fp}), recall {recall:.2f} ({tp}/{tp + fn}), {len(pairs)} pairs"


def names(cases: list[dict[str, str]], folder: Path) -> None:
    register = marks_of(cases)
    with (folder / "marks.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "mark", "classes"])
        for (mark, classes, _well_known), number in register.items():
            out.writerow([number, mark, classes])
    with (folder / "names.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "name", "industry"])
        for case in cases:
            out.writerow([case["id"], case["subject"], case["subject_industry"]])
    argv = ["--marks", str(folder / "marks.csv"), "--names", str(folder / "names.csv"), "--out", str(folder / "a.csv")]
    if names_cli.main(argv):
        sys.exit("zhichan watch names refused the set")
    with (folder / "a.csv").open(encoding="utf-8-sig") as fh:
        alerts = {(row["name_id"], row["mark_id"]): row for row in csv.DictReader(fh)}
    print(f"names screening ({len(cases)} labelled names):")
    agreement, pairs = Counter(), []
    for case in cases:
        number = register[(case["mark"], case["mark_classes"], case["mark_well_known"])]
        alert = alerts.get((case["id"], number))
        got = alert["verdict"] if alert else "not_similar"
        agreement[got == case["expected"]] += 1
        pairs.append((case["expected"] != "not_similar", got != "not_similar"))
        mark = "✓" if got == case["expected"] else "✗"
        score = alert["score"] if alert else "-"
        print(f"  {mark} {case['id']} {case['subject']} / {case['mark']}: {got} (score {score}), "
              f"label {case['expected']} [{case['confidence']}]")  # fmt: skip
    print(f"  verdict agreement {agreement[True]}/{len(cases)}; alerted vs should be alerted: {rates(pairs)}")


def publication(cases: list[dict[str, str]], folder: Path) -> None:
    register = marks_of(cases)
    with (folder / "marks.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["注册号", "商标", "类别", "注册人", "注册日", "驰名商标"])
        for (mark, classes, well_known), number in register.items():
            out.writerow(
                [number, mark, classes, f"权利人{number}", "2015-06-01", "2016" if well_known == "yes" else ""]
            )
    with (folder / "publication.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["申请号", "商标", "类别", "申请人", "公告日期", "期号"])
        for i, case in enumerate(cases):
            out.writerow(
                [f"{80_000_001 + i}", case["subject"], case["subject_classes"], f"申请人{i}", "2026-11-27", "1968"]
            )
    env = {**os.environ, "ZHICHAN_DATA_DIR": str(folder), "ZHICHAN_ENV": "development"}
    env.pop("DATABASE_URL", None)
    zhichan = [sys.executable, "-m", "zhichan.cli"]
    for argv in (["migrate", "--no-input"], ["watch", "import-marks", str(folder / "marks.csv")],
                 ["watch", "import-publication", str(folder / "publication.csv")]):  # fmt: skip
        done = subprocess.run([*zhichan, *argv], env=env, capture_output=True, text=True, check=False)
        if done.returncode:
            sys.exit(f"zhichan {' '.join(argv)} failed:\n{done.stdout}{done.stderr}")
    with sqlite3.connect(folder / "zhichan.sqlite3") as db:
        alerts = set(
            db.execute(
                "SELECT f.filing_number, m.registration_number FROM watch_alert a "
                "JOIN watch_filing f ON f.id = a.filing_id JOIN watch_protectedmark m ON m.id = a.mark_id"
            ).fetchall()
        )
    print(f"publication screening ({len(cases)} labelled filings):")
    pairs = []
    for i, case in enumerate(cases):
        number = register[(case["mark"], case["mark_classes"], case["mark_well_known"])]
        got = (f"{80_000_001 + i}", number) in alerts
        pairs.append((case["expected"] == "alert", got))
        mark = "✓" if got == (case["expected"] == "alert") else "✗"
        said = "alert" if got else "no alert"
        print(f"  {mark} {case['id']} {case['subject']} ({case['subject_classes']}) / {case['mark']} "
              f"({case['mark_classes']}): {said}, label {case['expected']} [{case['confidence']}]")  # fmt: skip
    print(f"  {rates(pairs)}")


def main() -> None:
    cases = read_cases()
    with tempfile.TemporaryDirectory(prefix="zhichan-eval-") as folder:
        names([c for c in cases if c["kind"] == "name"], Path(folder))
    with tempfile.TemporaryDirectory(prefix="zhichan-eval-") as folder:
        publication([c for c in cases if c["kind"] == "publication"], Path(folder))
    kinds = Counter(c["confidence"] for c in cases)
    print(
        f"set: {len(cases)} cases ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}); sources in {CASES.name}"
    )


if __name__ == "__main__":
    main()

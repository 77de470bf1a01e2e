"""Issue 20, item 10: `zhichan marks compare --pairs` writes a CSV in which no cell is a formula."""

from __future__ import annotations

import csv

from zhichan.engines.marks.cli import main
from zhichan.engines.tabular import FORMULA_TRIGGERS

MARKS = ["=1+2", "+cmd", "-2+3", "@SUM(A1)", ' =HYPERLINK("http://x")', "\u3000＝1+1", "\n=1", "王老吉"]


def test_every_cell_of_the_compare_csv_is_text(tmp_path):
    pairs = tmp_path / "pairs.csv"
    with pairs.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["a", "b"])
        for mark in MARKS:
            writer.writerow([mark, "王老吉"])
            writer.writerow(["王老吉", mark])
    result = tmp_path / "out.csv"
    assert main(["compare", "--pairs", str(pairs), "--out", str(result), "--no-embeddings"]) == 0
    with result.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 1 + 2 * len(MARKS)
    for row in rows[1:]:
        for cell in row:
            assert not cell.lstrip(" \u3000\n\x0b\x0c").startswith(FORMULA_TRIGGERS), row
    assert {row[0] for row in rows[1:]} >= {"'=1+2", "'+cmd", "'@SUM(A1)", '\' =HYPERLINK("http://x")'}

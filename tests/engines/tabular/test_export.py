"""The one export shape: CSV in UTF-8 with BOM whose cells a spreadsheet never evaluates as formulas."""

from __future__ import annotations

import csv

from zhichan.engines.tabular import FORMULA_TRIGGERS, write_csv


def test_write_csv_streams_rows_with_a_bom_and_neutralised_cells(tmp_path):
    out = tmp_path / "out.csv"
    cells = [f"{trigger}1+1" for trigger in FORMULA_TRIGGERS]

    def rows():
        yield ["耐克", 0.75, 3, None]
        yield cells

    assert write_csv(out, ["名称", "score", "n", "note"], rows()) == 2
    assert out.read_bytes().startswith("\ufeff名称,score".encode())
    read = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))
    assert read[0] == ["名称", "score", "n", "note"]
    assert read[1] == ["耐克", "0.75", "3", ""]
    assert read[2] == ["'" + cell for cell in cells]

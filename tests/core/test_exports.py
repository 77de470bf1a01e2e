"""`export_response`: XLSX or CSV with BOM, every cell formula-safe, audited with its name and row count."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.http import Http404
from django.test import RequestFactory

from zhichan.core.exports import ExportSpec, Sheet, export_response
from zhichan.core.models import AuditEntry
from zhichan.engines.tabular import FORMULA_TRIGGERS

pytestmark = pytest.mark.django_db

CELLS = [f"{trigger}1+1" for trigger in FORMULA_TRIGGERS]


def _request(user):
    request = RequestFactory().get("/x")
    request.user = user
    return request


def _spec(**more):
    rows = (row for row in [["耐克", 3, None], CELLS[:3]])
    return ExportSpec(name="organisation", header=["名称", "n", "note"], rows=rows, filename="things-1", **more)


def test_csv_has_a_bom_neutralised_cells_and_an_audit_entry_with_the_row_count(users):
    response = export_response(_request(users["official"]), _spec(filters={"q": "耐"}), "csv")
    assert response["Content-Disposition"] == 'attachment; filename="things-1.csv"'
    assert response.content.startswith("\ufeff名称,n,note".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1:] == [["耐克", "3", ""], ["'" + cell for cell in CELLS[:3]]]
    entry = AuditEntry.objects.get(action="organisation.export")
    assert entry.summary == {"filters": {"q": "耐", "format": "csv"}, "rows": 2}


def test_xlsx_of_several_sheets_stores_strings_as_safe_text(users):
    more = (Sheet("第二", ["a"], [[cell] for cell in CELLS]),)
    response = export_response(_request(users["official"]), _spec(title="第一", more_sheets=more))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["第一", "第二"]
    second = [row[0].value for row in workbook["第二"].iter_rows(min_row=2)]
    assert len(second) == len(CELLS) and all(value.startswith("'") for value in second)
    assert "'=1+1" in second and "'1+1" in second  # the NUL dropped: XLSX cannot hold it
    assert all(row[0].data_type == "s" for row in workbook["第二"].iter_rows(min_row=2))
    assert AuditEntry.objects.get(action="organisation.export").summary["rows"] == 2 + len(CELLS)


def test_an_unknown_format_or_a_csv_of_several_sheets_is_not_found(users):
    with pytest.raises(Http404):
        export_response(_request(users["official"]), _spec(), "pdf")
    with pytest.raises(Http404):
        export_response(_request(users["official"]), _spec(more_sheets=(Sheet("b", ["a"], []),)), "csv")
    assert not AuditEntry.objects.filter(action="organisation.export").exists()

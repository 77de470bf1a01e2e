"""Exports in one shape: a view builds an `ExportSpec` and returns `export_response(request, spec, fmt)`.

The file is XLSX, or CSV in UTF-8 with BOM (so that Excel opens Chinese correctly); either way every
cell that a spreadsheet would evaluate as a formula (a leading = + - @, tab or CR) is neutralised by
the writer in `engines.tabular`, which the engine command lines use too. Data leaving the platform is
audited: one entry `<name>.export` with the filters used, the format and the number of rows written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from zhichan.core import services
from zhichan.engines.tabular import iter_csv_lines, write_workbook

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@dataclass(frozen=True)
class Sheet:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]


@dataclass(frozen=True)
class ExportSpec:
    """One table to export (`more_sheets`: further tables of the same workbook, XLSX only).

    `name` is the object type audited; `filename` the file's name without its extension; `filters`
    what selected the rows, as the audit entry records it.
    """

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    filename: str
    title: str = "Sheet1"
    filters: dict[str, Any] = field(default_factory=dict)
    more_sheets: tuple[Sheet, ...] = ()


class _Counted:
    """Rows passed through, counted (the audit entry says how many rows left the platform)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        for row in rows:
            self.count += 1
            yield row


def export_response(request: HttpRequest, spec: ExportSpec, fmt: str = "xlsx") -> HttpResponse:
    """The file as a download, audited; an unknown format (or CSV of several sheets) is a 404."""
    if fmt not in FORMATS or (fmt == "csv" and spec.more_sheets):
        raise Http404
    counted = _Counted()
    header = [str(name) for name in spec.header]
    if fmt == "csv":
        data = "".join(iter_csv_lines(header, counted(spec.rows))).encode("utf-8")
    else:
        sheets = [Sheet(spec.title, header, spec.rows), *spec.more_sheets]
        data = write_workbook((str(s.title), [str(h) for h in s.header], counted(s.rows)) for s in sheets)
    services.export_record(
        actor=request.user, object_type=spec.name, filters={**spec.filters, "format": fmt}, rows=counted.count
    )
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{spec.filename}.{fmt}"'
    return response

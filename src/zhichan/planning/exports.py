"""The plan's tables as an Excel workbook: tasks, boxed projects and indicators, strings as text."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import openpyxl
from openpyxl.cell import WriteOnlyCell

from zhichan.engines.tabular import safe_cell


def _append(sheet: Any, row: Sequence[Any]) -> None:
    cells: list[Any] = []
    for value in row:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=safe_cell(value))
            cell.data_type = "s"
            cells.append(cell)
        else:
            cells.append(value)
    sheet.append(cells)


def plan_workbook(exported: dict[str, list[dict[str, Any]]], *, base_year: int, target_year: int) -> bytes:
    """Three sheets from the export dict; unit lists joined with 、 as the plan writes them."""
    value_key, target_key = f"value_{base_year}", f"target_{target_year}"
    sheets: list[tuple[str, list[str], list[list[Any]]]] = [
        (
            "任务",
            ["序号", "任务", "章节", "牵头单位", "配合单位"],
            [
                [t["number"], t["title"], t["section"], "、".join(t["lead_units"]), "、".join(t["cooperating_units"])]
                for t in exported["tasks"]
            ],
        ),
        ("专栏", ["专栏号", "标题"], [[c["number"], c["title"]] for c in exported["columns"]]),
        (
            "指标",
            ["指标", "单位", f"{base_year}年", f"{target_year}年目标", "数据来源", "类型", "主要指标"],
            [
                [
                    i["name"],
                    i["unit"] or "",
                    i[value_key],
                    i[target_key],
                    i["source"] or "",
                    i["kind"],
                    "是" if i["key"] else "否",
                ]
                for i in exported["indicators"]
            ],
        ),
    ]
    workbook = openpyxl.Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title)
        _append(sheet, header)
        for row in rows:
            _append(sheet, row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

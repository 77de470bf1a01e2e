"""The plan's tables as an Excel workbook: tasks, boxed projects and indicators, strings as text."""

from __future__ import annotations

from typing import Any

from zhichan.core.exports import Sheet
from zhichan.engines.tabular import write_workbook


def plan_sheets(exported: dict[str, list[dict[str, Any]]], *, base_year: int, target_year: int) -> list[Sheet]:
    """Three sheets from the export dict; unit lists joined with 、 as the plan writes them."""
    value_key, target_key = f"value_{base_year}", f"target_{target_year}"
    return [
        Sheet(
            "任务",
            ["序号", "任务", "章节", "牵头单位", "配合单位"],
            [
                [t["number"], t["title"], t["section"], "、".join(t["lead_units"]), "、".join(t["cooperating_units"])]
                for t in exported["tasks"]
            ],
        ),
        Sheet("专栏", ["专栏号", "标题"], [[c["number"], c["title"]] for c in exported["columns"]]),
        Sheet(
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


def plan_workbook(exported: dict[str, list[dict[str, Any]]], *, base_year: int, target_year: int) -> bytes:
    """The three sheets as XLSX bytes (the command line's export; the page's goes through core.exports)."""
    sheets = plan_sheets(exported, base_year=base_year, target_year=target_year)
    return write_workbook((sheet.title, sheet.header, sheet.rows) for sheet in sheets)

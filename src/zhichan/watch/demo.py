"""Demo data of the watch module, loaded by `zhichan demo` (idempotent: both imports are per row by number).

Registration and filing numbers, dates and applicants are made up for the demo; the names are well-known
Guangzhou brands so that the screening has something real-looking to find.
"""

from __future__ import annotations

from typing import Any

from zhichan.core import imports
from zhichan.engines.tabular import Table
from zhichan.watch.services import marks_import_spec, publication_import_spec, screen_pending

MARKS = [
    {
        "注册号": "900001",
        "商标": "广州酒家",
        "类别": "30|43",
        "注册人": "广州酒家集团股份有限公司",
        "注册日": "2018-03-07",
        "中华老字号": "2006 第一批",
        "驰名商标": "2010-01-05 国家工商行政管理总局商标局",
    },
    {
        "注册号": "900002",
        "商标": "陶陶居",
        "类别": "30",
        "注册人": "广州陶陶居食品有限公司",
        "注册日": "2016-12-28",
        "中华老字号": "2006 第一批",
    },
    {
        "注册号": "900003",
        "商标": "王老吉",
        "类别": "32",
        "注册人": "广州王老吉大健康产业有限公司",
        "注册日": "2017-05-14",
        "驰名商标": "2009 国家工商行政管理总局商标局",
    },
    {
        "注册号": "900004",
        "商标": "增城丝苗米",
        "类别": "30",
        "注册人": "增城区丝苗米协会",
        "注册日": "2017-01-21",
        "地理标志商标": "2016",
        "集体商标": "是",
    },
]
ISSUE = {"公告日期": "2026-11-27", "期号": "1960"}
PUBLICATION = [
    {"申请号": "80000001", "商标": "广洲酒家", "类别": "30", "申请人": "某某食品贸易有限公司", **ISSUE},
    {"申请号": "80000002", "商标": "王老击", "类别": "5", "申请人": "某某药业有限公司", **ISSUE},
    {"申请号": "80000003", "商标": "增城丝苗米香", "类别": "30", "申请人": "某某粮油有限公司", **ISSUE},
    {"申请号": "80000004", "商标": "云海之星", "类别": "9", "申请人": "某某电子有限公司", **ISSUE},
]  # fmt: skip


def _table(rows: list[dict[str, str]]) -> Table:
    header = list(dict.fromkeys(key for row in rows for key in row))
    return Table(header, [{key: row.get(key, "") for key in header} for row in rows], "utf-8")


def load(*, admin: Any, organisations: Any) -> None:
    imports.run(marks_import_spec(), actor=admin, stream=imports.stream_of(_table(MARKS)))
    imports.run(publication_import_spec(), actor=admin, stream=imports.stream_of(_table(PUBLICATION)))
    screen_pending(actor=admin)

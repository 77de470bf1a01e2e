"""A made-up holiday table for 2027 in the shape of a State Council notice, for the import tests.

The real 2027 notice is not part of the test data; these dates only exercise the import and the clocks.
"""

from __future__ import annotations

from datetime import date, timedelta


def _run(first: str, days: int, name: str) -> list[tuple[str, str, str]]:
    start = date.fromisoformat(first)
    return [((start + timedelta(days=n)).isoformat(), "holiday", name) for n in range(days)]


# Every statutory holiday of 2027 is in it (an import without one is refused), with made-up rest runs.
ROWS_2027 = [
    ("2027-01-01", "holiday", "元旦"),
    *_run("2027-02-05", 7, "春节"),  # 除夕 to 正月初六
    ("2027-02-20", "workday", "春节"),
    ("2027-04-05", "holiday", "清明节"),
    *_run("2027-05-01", 2, "劳动节"),
    ("2027-06-09", "holiday", "端午节"),
    ("2027-09-15", "holiday", "中秋节"),
    *_run("2027-10-01", 2, "国庆节"),
    ("2027-10-03", "holiday", "国庆节"),
    ("2027-10-09", "workday", "国庆节"),
]
SOURCE = "测试用表（非真实通知）"


def table(rows=ROWS_2027, header="date,kind,name,source") -> bytes:
    lines = [header, *(f"{day},{kind},{name},{SOURCE}" for day, kind, name in rows)]
    return "\r\n".join(lines).encode("gbk")

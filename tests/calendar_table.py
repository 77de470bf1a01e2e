"""A made-up holiday table for 2027 in the shape of a State Council notice, for the import tests.

The real 2027 notice is not part of the test data; these dates only exercise the import and the clocks.
"""

from __future__ import annotations

ROWS_2027 = [
    ("2027-01-01", "holiday", "元旦"),
    ("2027-02-05", "holiday", "春节"),
    ("2027-02-06", "holiday", "春节"),
    ("2027-02-07", "holiday", "春节"),
    ("2027-02-08", "holiday", "春节"),
    ("2027-02-09", "holiday", "春节"),
    ("2027-02-10", "holiday", "春节"),
    ("2027-02-11", "holiday", "春节"),
    ("2027-02-20", "workday", "春节"),
    ("2027-10-01", "holiday", "国庆节"),
    ("2027-10-02", "holiday", "国庆节"),
    ("2027-10-09", "workday", "国庆节"),
]
SOURCE = "测试用表（非真实通知）"


def table(rows=ROWS_2027, header="date,kind,name,source") -> bytes:
    lines = [header, *(f"{day},{kind},{name},{SOURCE}" for day, kind, name in rows)]
    return "\r\n".join(lines).encode("gbk")

"""Guangzhou's 11 districts and their administrative division codes (GB/T 2260)."""

from __future__ import annotations

from typing import Any

GUANGZHOU_DISTRICTS = (
    ("440103", "荔湾区"),
    ("440104", "越秀区"),
    ("440105", "海珠区"),
    ("440106", "天河区"),
    ("440111", "白云区"),
    ("440112", "黄埔区"),
    ("440113", "番禺区"),
    ("440114", "花都区"),
    ("440115", "南沙区"),
    ("440117", "从化区"),
    ("440118", "增城区"),
)


def ensure_districts(district_model: Any) -> None:
    """Create or correct the 11 districts (used by the data migration and after test flushes)."""
    for code, name in GUANGZHOU_DISTRICTS:
        district_model.objects.update_or_create(code=code, defaults={"name": name})

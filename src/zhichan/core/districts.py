"""Guangzhou's 11 districts and their administrative division codes (GB/T 2260), and the district of
an address or of a district as people write it (`district_code`)."""

from __future__ import annotations

import re
from typing import Any

from zhichan.engines.text import normalize

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


# Names of the same districts before the mergers of 2005 and 2014 (东山区 into 越秀区, 芳村区 into
# 荔湾区, 萝岗区 into 黄埔区; 从化市, 增城市 became districts) and as county-level cities (番禺市, 花都市).
FORMER_NAMES = {
    "东山区": "440104",
    "芳村区": "440103",
    "萝岗区": "440112",
    "从化市": "440117",
    "增城市": "440118",
    "番禺市": "440113",
    "花都市": "440114",
}
_CITY = re.compile(r"^(中国|中华人民共和国)?(广东省?)?(广州市?)?")


def _names() -> list[tuple[str, str]]:
    """(normalised name, code), longest first: full names, former names, then short names (天河)."""
    full = [(normalize(name), code) for code, name in GUANGZHOU_DISTRICTS]
    former = [(normalize(name), code) for name, code in FORMER_NAMES.items()]
    return sorted(full + former, key=lambda item: -len(item[0]))


_NAMES = _names()
_SHORT = {normalize(name[:-1]): code for code, name in GUANGZHOU_DISTRICTS}
_CODES = {code for code, _name in GUANGZHOU_DISTRICTS}


def district_code(text: str) -> str | None:
    """The code of the Guangzhou district an address or district value names, else None.

    Accepted: a code (440106), a name (天河区), a short name (天河), a former name (萝岗区, 增城市),
    an address (广州市天河区体育西路 1 号, 天河区体育西路, 广州天河体育西路), in Simplified or
    Traditional characters, full or half width, with or without spaces. None for an empty value, an
    address in another city (贵阳市白云区: another 白云区; 深圳市南山区) and anything unrecognised:
    callers count those as outside Guangzhou or unknown, they are not errors.
    """
    key = normalize(text or "")
    if not key:
        return None
    if key in _CODES:
        return key
    if key in _SHORT:
        return _SHORT[key]
    for name, code in _NAMES:
        at = key.find(name)
        if at < 0:
            continue
        before = key[:at]
        if not before or "广州" in before:
            return code
        # Without 广州 before it, the district stands first (after 中国, 广东省) or it is another place.
        return code if not _CITY.sub("", before) else None
    prefix = _CITY.match(key)
    if prefix and prefix.group(3):  # 广州天河体育西路: the short name right after the city
        after = key[prefix.end() :]
        for short, code in _SHORT.items():
            if after.startswith(short):
                return code
    return None

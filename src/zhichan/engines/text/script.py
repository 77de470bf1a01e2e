"""Which script a character belongs to, and a string cut into Han and non-Han runs."""

from __future__ import annotations

import re
from collections.abc import Iterator

# CJK Unified Ideographs and their extensions (A to I, incl. 4-byte planes 2 and 3), compatibility
# ideographs and the ideographic zero 〇.
_HAN_RANGES = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
    (0x30000, 0x323AF),
)


_HAN_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _HAN_RANGES)
_HAN = re.compile(f"[{_HAN_CLASS}]")
_ALL_HAN = re.compile(f"[{_HAN_CLASS}]+")


def is_han(ch: str) -> bool:
    """True for a Chinese character (any CJK ideograph block, including the 4-byte extensions)."""
    return "\u4e00" <= ch <= "\u9fff" or _HAN.fullmatch(ch) is not None


def all_han(text: str) -> bool:
    """True for a non-empty string of Chinese characters only."""
    return _ALL_HAN.fullmatch(text) is not None


def script_runs(text: str) -> Iterator[tuple[str, bool]]:
    """Maximal runs of Han / non-Han characters: "华为huawei" -> ("华为", True), ("huawei", False)."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or is_han(text[i]) != is_han(text[start]):
            yield text[start:i], is_han(text[start])
            start = i

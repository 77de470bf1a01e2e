"""Which script a character belongs to, and a string cut into Han and non-Han runs."""

from __future__ import annotations

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


def is_han(ch: str) -> bool:
    """True for a Chinese character (any CJK ideograph block, including the 4-byte extensions)."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _HAN_RANGES)


def script_runs(text: str) -> Iterator[tuple[str, bool]]:
    """Maximal runs of Han / non-Han characters: "华为huawei" -> ("华为", True), ("huawei", False)."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or is_han(text[i]) != is_han(text[start]):
            yield text[start:i], is_han(text[start])
            start = i

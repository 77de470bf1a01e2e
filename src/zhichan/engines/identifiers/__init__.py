"""Identifier checks that need no database: the unified social credit code (GB 32100-2015).

The error messages say exactly what is wrong (which position, or what the check character should be)
so that an official correcting a typo from a paper form knows where to look.
"""

from __future__ import annotations

from dataclasses import dataclass

# GB 32100-2015: digits and upper-case letters without I, O, Z, S, V.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_LENGTH = 18
_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
_FULLWIDTH_OFFSET = 0xFEE0


@dataclass(frozen=True, slots=True)
class CodeError:
    """Why a code was refused: `position` is 1-based (None when the whole code is at fault)."""

    message: str
    position: int | None = None
    expected_check: str | None = None


def clean_uscc(raw: str) -> str:
    """Upper-case, full-width folded, spaces and hyphens dropped: how codes arrive from forms."""
    chars = []
    for ch in raw.strip():
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            ch = chr(code - _FULLWIDTH_OFFSET)
        if ch in " -\u3000":
            continue
        chars.append(ch.upper())
    return "".join(chars)


def uscc_check_character(first17: str) -> str:
    total = sum(_VALUE[ch] * weight for ch, weight in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(code: str) -> CodeError | None:
    """None when `code` (already cleaned) is a well-formed code with the right check character."""
    if len(code) != USCC_LENGTH:
        return CodeError(f"统一社会信用代码应为18位，实为{len(code)}位")
    for index, ch in enumerate(code, start=1):
        if ch not in _VALUE:
            return CodeError(f"第{index}位“{ch}”不是统一社会信用代码允许的字符（不含I、O、Z、S、V）", index)
        if 3 <= index <= 8 and not ch.isdigit():
            return CodeError(f"第{index}位“{ch}”应为数字（第3至8位是登记管理机关行政区划码）", index)
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return CodeError(f"第18位校验码“{code[17]}”有误，应为“{expected}”", 18, expected)
    return None


# --- Chinese patent application and publication numbers ---

_APPLICATION_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_PUBLICATION_KINDS = {"A", "B", "C", "U", "Y", "S"}


def clean_patent_number(raw: str) -> str:
    """Upper-case, full-width folded, spaces dropped; `ZL`/`CN` prefixes kept as written."""
    return clean_uscc(raw).replace("．", ".")


def patent_application_check_digit(digits: str) -> str:
    """The check character after the dot of a CNIPA application number (8 or 12 digits)."""
    total = sum(int(d) * w for d, w in zip(digits, _APPLICATION_WEIGHTS, strict=False))
    value = total % 11
    return "X" if value == 10 else str(value)


def validate_patent_number(number: str) -> CodeError | None:
    """None for a well-formed application number (`2023101234567`, `ZL202310123456.7`, `CN98123456.X`)
    with a right check character, or a publication number (`CN1234567A`, `CN212345678U`)."""
    body = number.removeprefix("ZL").removeprefix("CN")
    if body[-1:] in _PUBLICATION_KINDS and "." not in body:
        digits = body[:-1]
        if digits.isdigit() and 7 <= len(digits) <= 9:
            return None
        return CodeError(f"公告号“{number}”格式有误：应为 CN + 7至9位数字 + 文献种类代码（A、B、C、U、Y、S）")
    digits, dot, check = body.partition(".")
    if not dot and len(body) in (9, 13):
        digits, check = body[:-1], body[-1]
    if not digits.isdigit() or len(digits) not in (8, 12) or len(check) != 1:
        return CodeError(f"申请号“{number}”格式有误：应为8位或12位数字、小数点和1位校验位")
    expected = patent_application_check_digit(digits)
    if check != expected:
        return CodeError(f"申请号“{number}”的校验位有误，应为“{expected}”", expected_check=expected)
    return None

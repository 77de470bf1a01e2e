"""Who carries a task: the clause in brackets at the end of a task, split into unit names.

A unit name may itself hold 、 or brackets (“双随机、一公开”各监管部门, 市市场监督管理局(知识产权局)),
so lists are split only at the top level, outside quotation marks and brackets.
"""

from __future__ import annotations

import re

from zhichan.engines.plan.model import Responsibility

_OPENERS = {
    "(": ")",
    "（": "）",
    "“": "”",
    "‘": "’",
    "《": "》",
    "「": "」",
    "『": "』",
    "[": "]",
    "【": "】",
}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_SHARED = re.compile(r"^(?P<units>.+?)等?按职责分工负责$")
_LEAD = re.compile(r"^牵头单位\s*[:：]\s*")
_COOP = re.compile(r"[,，;；]?\s*配合单位\s*[:：]\s*")


class ResponsibilityError(ValueError):
    """The clause names units in a form the parser does not know."""


def split_top_level(text: str, separators: str) -> list[str]:
    """Split at any of `separators` outside quotation marks and brackets; pieces are stripped."""
    pieces: list[str] = []
    stack: list[str] = []
    current: list[str] = []
    in_ascii_quote = False
    for ch in text:
        if ch == '"':
            in_ascii_quote = not in_ascii_quote
        elif ch in _OPENERS and not in_ascii_quote:
            stack.append(_OPENERS[ch])
        elif ch in _CLOSERS and stack and stack[-1] == ch:
            stack.pop()
        if ch in separators and not stack and not in_ascii_quote:
            pieces.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    pieces.append("".join(current).strip())
    return pieces


def trailing_bracket(text: str) -> tuple[int, str] | None:
    """The bracketed clause that ends `text` (a final 。 allowed): its start index and inner text.

    Brackets are matched from the end, so a unit name with its own brackets stays inside the clause.
    """
    end = len(text.rstrip().rstrip("。.").rstrip())
    if end == 0 or text[end - 1] not in (")", "）"):
        return None
    depth = 0
    for i in range(end - 1, -1, -1):
        ch = text[i]
        if ch in (")", "）"):
            depth += 1
        elif ch in ("(", "（"):
            depth -= 1
            if depth == 0:
                return i, text[i + 1 : end - 1].strip()
    return None


def is_responsibility_clause(inner: str) -> bool:
    return bool(_LEAD.match(inner)) or bool(_SHARED.match(inner))


def _units(text: str, what: str, raw: str) -> tuple[str, ...]:
    units = tuple(split_top_level(text, "、"))
    if not units or any(not u for u in units):
        raise ResponsibilityError(f"{what}为空或有空项：“{raw}”")
    return units


def parse_responsibility(inner: str) -> Responsibility:
    """Parse "牵头单位:A、B,配合单位:C" or "A、B等按职责分工负责" (the text inside the brackets)."""
    inner = inner.strip()
    lead_match = _LEAD.match(inner)
    if lead_match:
        rest = inner[lead_match.end() :]
        coop_match = _first_top_level(_COOP, rest)
        if coop_match is None:
            lead_text, coop_text = rest, ""
        else:
            lead_text, coop_text = rest[: coop_match.start()], rest[coop_match.end() :]
        lead = _units(lead_text.strip().rstrip(",，;；"), "牵头单位", inner)
        coop = _units(coop_text, "配合单位", inner) if coop_match is not None else ()
        return Responsibility(lead_units=lead, cooperating_units=coop, shared_lead=False, raw=inner)
    shared = _SHARED.match(inner)
    if shared:
        units = shared.group("units").strip()
        return Responsibility(
            lead_units=_units(units, "按职责分工负责的单位", inner),
            cooperating_units=(),
            shared_lead=True,
            raw=inner,
        )
    raise ResponsibilityError(
        f"职责分工“{inner}”应为“牵头单位:…[,配合单位:…]”或“…等按职责分工负责”"
        " (expected '牵头单位:…[,配合单位:…]' or '…等按职责分工负责')"
    )


def _first_top_level(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of `pattern` that starts outside quotation marks and brackets."""
    for match in pattern.finditer(text):
        if _balanced(text[: match.start()]):
            return match
    return None


def _balanced(text: str) -> bool:
    stack: list[str] = []
    in_ascii_quote = False
    for ch in text:
        if ch == '"':
            in_ascii_quote = not in_ascii_quote
        elif ch in _OPENERS and not in_ascii_quote:
            stack.append(_OPENERS[ch])
        elif ch in _CLOSERS and stack and stack[-1] == ch:
            stack.pop()
    return not stack and not in_ascii_quote

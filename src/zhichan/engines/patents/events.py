"""Legal-status events of patents (pure): the CNIPA status words read as kinds, and the status they add up to.

`classify(status, detail)` maps the words of a 法律状态 announcement (授权, 专利权的终止, 专利权的恢复,
无效宣告, 专利权的转移, 实施许可合同备案, 质押, 缴纳年费, ...) to an `EventKind`, reading what the
detail says (the fee year, the parties, exclusive or not, the amount, whole or partial invalidation).
A status word it does not know is `OTHER` with the text kept, never an error.

`derive(events)` gives the current status of a patent from its events in date order: granted (and the
grant date), the last fee year paid, lapsed, restored, expired, wholly invalidated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class EventKind(StrEnum):
    GRANT = "grant"
    FEE_PAID = "fee_paid"
    LAPSE_UNPAID = "lapse_unpaid"
    RESTORATION = "restoration"
    EXPIRY = "expiry"
    INVALIDATION = "invalidation"
    ASSIGNMENT = "assignment"
    LICENCE = "licence"
    PLEDGE = "pledge"
    OTHER = "other"


class Status(StrEnum):
    UNKNOWN = ""
    VALID = "valid"
    LAPSED = "lapsed"
    EXPIRED = "expired"
    INVALIDATED = "invalidated"


@dataclass(frozen=True, slots=True)
class EventRecord:
    kind: EventKind
    status_text: str
    detail: str = ""
    fee_year: int | None = None
    partial: bool = False
    party_from: str = ""
    party_to: str = ""
    exclusive: bool | None = None
    amount: Decimal | None = None


# (words any of which in the status text, kind), the first match wins: the ending of a licence or a
# pledge (注销, 解除) is not a licence or a pledge.
_WORDS: tuple[tuple[tuple[str, ...], EventKind], ...] = (
    (("注销", "解除", "撤销", "撤回", "放弃", "驳回", "变更"), EventKind.OTHER),
    (("未缴年费", "年费终止"), EventKind.LAPSE_UNPAID),
    (("期限届满", "有效期届满", "期满终止"), EventKind.EXPIRY),
    (("恢复",), EventKind.RESTORATION),
    (("无效",), EventKind.INVALIDATION),
    (("转移", "转让"), EventKind.ASSIGNMENT),
    (("许可",), EventKind.LICENCE),
    (("质押", "出质"), EventKind.PLEDGE),
    (("缴纳年费", "年费缴纳", "年费已缴", "缴费"), EventKind.FEE_PAID),
    (("授权", "授予", "专利权的授予"), EventKind.GRANT),
)
_COMBINED = ("的生效、变更及注销", "的生效,变更及注销", "生效、变更及注销")
_ENGLISH = {kind.value: kind for kind in EventKind}

_FROM = re.compile(r"(?:变更前权利人|变更前专利权人|转让人|出质人|让与人|许可人)\s*[:：]\s*(\S+)")
_TO = re.compile(r"(?:变更后权利人|变更后专利权人|受让人|质权人|被许可人)\s*[:：]\s*(\S+)")
_AMOUNT = re.compile(r"(?:质押金额|担保金额|金额)\s*[:：]\s*([\d,，.]+)\s*(万元|元)?")
_FEE_YEAR = re.compile(r"第\s*(\d{1,2})\s*年(?:度)?|年度\s*[:：]\s*(\d{1,2})")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def kind_of(status: str, detail: str = "") -> EventKind:
    """The kind the status words say (the detail decides a plain 专利权的终止: unpaid fees or the term)."""
    text = _clean(status)
    if text.lower() in _ENGLISH:
        return _ENGLISH[text.lower()]
    for combined in _COMBINED:  # one heading for coming into force, change and ending: the detail says which
        if combined in text:
            if any(word in _clean(detail) for word in ("注销", "解除")):
                return EventKind.OTHER
            text = text.replace(combined, "")
    if "终止" in text and not any(word in text for word in ("未缴", "届满")):
        rest = _clean(detail)
        if "年费" in rest:
            return EventKind.LAPSE_UNPAID
        if "届满" in rest:
            return EventKind.EXPIRY
        return EventKind.OTHER
    for words, kind in _WORDS:
        if any(word in text for word in words):
            return kind
    return EventKind.OTHER


def _amount(detail: str) -> Decimal | None:
    match = _AMOUNT.search(detail)
    if not match:
        return None
    try:
        value = Decimal(match.group(1).replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None
    return value * 10000 if match.group(2) == "万元" else value


def classify(status: str, detail: str = "", fee_year: int | None = None) -> EventRecord:
    """The event one announcement records; `fee_year` when the file has a column for it."""
    text, rest = _clean(status), _clean(detail)
    kind = kind_of(text, rest)
    year = fee_year
    if year is None and kind in (EventKind.FEE_PAID, EventKind.LAPSE_UNPAID):
        found = _FEE_YEAR.search(rest) or _FEE_YEAR.search(text)
        year = int(found.group(1) or found.group(2)) if found else None
    party_from = _FROM.search(rest)
    party_to = _TO.search(rest)
    return EventRecord(
        kind=kind,
        status_text=status.strip(),
        detail=detail.strip(),
        fee_year=year,
        partial=kind is EventKind.INVALIDATION and "部分" in text + rest,
        party_from=party_from.group(1)[:200] if party_from else "",
        party_to=party_to.group(1)[:200] if party_to else "",
        exclusive=("独占" in rest) if kind is EventKind.LICENCE else None,
        amount=_amount(rest) if kind is EventKind.PLEDGE else None,
    )


@dataclass(frozen=True, slots=True)
class Derived:
    status: Status
    status_on: date | None
    paid_through: int | None
    granted: date | None


def derive(events: Iterable[tuple[date, EventKind, int | None, bool]]) -> Derived:
    """The status the events (date, kind, fee year, partial) add up to, applied in date order; a
    restoration after a lapse counts the lapsed fee year as paid."""
    status, since, paid, granted = Status.UNKNOWN, None, None, None
    lapsed_year: int | None = None
    for day, kind, year, partial in sorted(events, key=lambda e: e[0]):
        if kind is EventKind.GRANT:
            status, since, granted = Status.VALID, day, granted or day
        elif kind is EventKind.FEE_PAID:
            paid = max(paid or 0, year) if year else paid
            if status in (Status.UNKNOWN, Status.LAPSED):
                status, since = Status.VALID, day
        elif kind is EventKind.RESTORATION:
            # restoring a right lost for an unpaid fee requires the missed fee (实施细则第六条: 办理权利丧失前
            # 应当办理的相应手续), so the lapsed fee year counts as paid
            status, since = Status.VALID, day
            paid = max(paid or 0, lapsed_year) if lapsed_year else paid
        elif kind is EventKind.LAPSE_UNPAID:
            status, since, lapsed_year = Status.LAPSED, day, year
        elif kind is EventKind.EXPIRY:
            status, since = Status.EXPIRED, day
        elif kind is EventKind.INVALIDATION and not partial:
            status, since = Status.INVALIDATED, day
    return Derived(status, since, paid, granted)

"""Keys that compare parties and names: normalised names, addresses, phones, e-mails, and the trade name
(字号) of a company name, cut by the names engine.
"""

from __future__ import annotations

import re
from functools import lru_cache

from zhichan.engines.names import is_name_word, parse_name
from zhichan.engines.text import normalize

_DIGITS = re.compile(r"\D")


@lru_cache(maxsize=1 << 18)
def key(text: str) -> str:
    """The normalised form two names are compared in (width, case, Traditional->Simplified, no spaces)."""
    return normalize(text).replace(" ", "")


@lru_cache(maxsize=1 << 18)
def address_key(text: str) -> str:
    """An address without spacing and punctuation, `号` and `室` kept (the number is the address)."""
    return key(text)


def phone_key(text: str) -> str:
    """The digits of a phone number without the country code 86 and a trunk 0."""
    digits = _DIGITS.sub("", text)
    if digits.startswith("86") and len(digits) > 11:
        digits = digits[2:]
    return digits.lstrip("0")


def email_key(text: str) -> str:
    return text.strip().lower()


def trade_name(company: str) -> str:
    """The trade name of a company name (`engines.names.parse_name`): `广州市天河区好味道餐饮管理有限公司`
    -> `好味道`, `广州酒家集团股份有限公司` -> `广州酒家`; a name that is nothing but a place, industry words
    and a legal form gives ""."""
    parts = parse_name(company)
    trade = key(parts.trade_name)
    return "" if not trade or is_name_word(trade) else trade

"""How the plan module writes numbers and dates (decision 0700).

Numbers: at most `places` decimals, trailing zeros dropped (23.5 beside 26, never 23.5000 beside 26),
no thousands separators (as the plan's text and the assessment's explanations write them).
Dates: Chinese documents (the evaluation reports) write 2026年3月2日; data pages and messages ISO.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import dateformat, timezone
from django.utils.translation import pgettext


def number(value: object, places: int = 2) -> str:
    """`value` rounded to `places` decimals without trailing zeros; "" for None or a non-number."""
    if value is None or value == "":
        return ""
    try:
        exact = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    if not exact.is_finite():
        return ""
    try:
        rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the context holds: the value as it is
        rounded = exact
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def document_date(value: date | datetime | None, *, with_time: bool = False) -> str:
    """A date as a Chinese document writes it (2026年3月2日; with the time: 2026年3月2日 14:05)."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if with_time:
        return dateformat.format(value, pgettext("document date and time", "Y年n月j日 H:i"))
    return dateformat.format(value, pgettext("document date", "Y年n月j日"))

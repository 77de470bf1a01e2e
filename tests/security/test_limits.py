"""The validators of `core.limits` at their edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from zhichan.core import limits
from zhichan.ecommerce.models import Listing


def test_a_decimal_fits_its_column_up_to_the_last_digit():
    assert limits.decimal("9999999999.994", Listing, "price") == Decimal("9999999999.99")
    assert limits.decimal(" ", Listing, "price") is None
    for too_big in ("10000000000", "1e10", "-1e10", "1e20"):
        with pytest.raises(ValidationError):
            limits.decimal(too_big, Listing, "price")
    for not_a_number in ("NaN", "Infinity", "-inf", "sNaN", "12,5", "1e"):
        with pytest.raises(ValidationError):
            limits.decimal(not_a_number, Listing, "price")


def test_dates_lie_in_the_year_range_and_exist(settings):
    assert limits.parse_date("2026-02-28") == dt.date(2026, 2, 28)
    for wrong in ("2026-02-30", "0001-01-01", "9999-12-31", "2026-13-01", "tomorrow"):
        with pytest.raises(ValidationError):
            limits.parse_date(wrong)
    settings.ZHICHAN_INPUT_YEAR_MIN = 1800
    assert limits.parse_date("1850-06-01") == dt.date(1850, 6, 1)
    moment = limits.parse_datetime("2025-03-01T10:00:00")
    assert moment is not None and moment.tzinfo is not None  # naive: the platform's zone
    with pytest.raises(ValidationError):
        limits.parse_datetime("2025-02-29T10:00:00")


def test_integers_and_texts_fit_their_columns(settings):
    from zhichan.cases.models import Fair

    with pytest.raises(ValidationError) as refused:
        limits.check_values(Fair, {"edition": 10**30, "name": "名" * 201, "venue": "广州"})
    assert set(refused.value.message_dict) == {"edition", "name"}
    limits.check_values(Fair, {"edition": 2**31 - 1, "name": "名" * 200})
    settings.ZHICHAN_TEXT_MAX_CHARS = 10
    with pytest.raises(ValidationError):
        limits.TextLimit()("x" * 11)
    limits.TextLimit()("x" * 10)


def test_uuid_or_none():
    assert limits.uuid_or_none("not-a-uuid") is None and limits.uuid_or_none(None) is None
    assert str(limits.uuid_or_none(" 12345678-1234-5678-1234-567812345678 ")) == "12345678-1234-5678-1234-567812345678"


def test_a_bounded_decimal_column_rounds_a_float_as_a_decimal_column_does():
    from zhichan.ecommerce.models import Listing

    field = Listing._meta.get_field("price")
    assert field.to_python(0.1) == Decimal("0.100000000000")  # 12 significant digits, the column's
    assert field.to_python("19.90") == Decimal("19.90")

"""Numbers without trailing zeros and dates as Chinese documents write them (decision 0700)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from zhichan.planning.formatting import document_date, number


@pytest.mark.parametrize(
    ("value", "places", "written"),
    [
        (Decimal("23.5000"), 2, "23.5"),
        (Decimal("26.0000"), 2, "26"),
        (Decimal("3100.0000"), 4, "3100"),  # not 3.1E+3, as Decimal.normalize() writes it
        (29.125, 2, "29.13"),
        (0.004, 2, "0"),
        (-0.001, 2, "0"),
        ("12.70", 2, "12.7"),
        (1514000, 2, "1514000"),
        (None, 2, ""),
        ("n/a", 2, ""),
        (float("nan"), 2, ""),
    ],
)
def test_numbers_are_written_without_trailing_zeros(value, places, written):
    assert number(value, places) == written


def test_document_dates_are_written_as_chinese_documents_write_them():
    assert document_date(date(2026, 3, 2)) == "2026年3月2日"
    moment = datetime(2026, 3, 2, 6, 5, tzinfo=UTC)  # 14:05 in Guangzhou
    assert document_date(moment, with_time=True) == "2026年3月2日 14:05"
    assert document_date(None) == ""


def test_indicator_page_writes_values_as_entered_not_padded(client, users, plan):
    from zhichan.planning.services import observation_record

    indicator = plan.indicators.select_related("plan").get(name="每万人口高价值发明专利拥有量")
    observation_record(actor=users["official"], indicator=indicator, year=2021, value="23.5", observed_on="2021-12-31")
    observation_record(actor=users["official"], indicator=indicator, year=2022, value="26")
    client.force_login(users["official"])
    page = client.get(reverse("planning:indicator-detail", args=[indicator.pk])).content.decode()
    assert ">23.5<" in page and ">26<" in page and "23.5000" not in page and "26.0000" not in page
    assert "<dd>20" in page and "<dd>30</dd>" in page  # baseline and target
    assert "2021-12-31" in page  # a data page: ISO dates

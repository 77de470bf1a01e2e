"""An indicator that cannot be assessed for want of its base-year level says so in the reader's language,
on the indicator cards and in the evaluation report (no English code such as `(baseline required)`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from zhichan.planning.reports import render_report

GROWTH = "知识产权质押融资登记金额年均增长率"  # a rate in the table: its base level must be observed


def test_indicator_cards_ask_for_the_base_year_value_in_chinese_or_english(client, users, plan):
    client.force_login(users["official"])
    page = client.get(reverse("planning:indicators")).content.decode()
    assert "缺少2020年基期值，请录入2020年的观测值后再评估" in page
    assert "baseline required" not in page
    english = client.get(reverse("planning:indicators"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The 2020 base-year value is missing" in english and "缺少2020年基期值" not in english


def test_the_evaluation_report_words_the_missing_base_year_value(users, plan):
    html = render_report(user=users["official"], plan=plan, kind="midterm")
    assert GROWTH in html and "缺少2020年基期值" in html and "baseline required" not in html
    with translation.override("en"):
        english = render_report(user=users["official"], plan=plan, kind="midterm")
    assert "baseline required" not in english

"""A revised law keeps one row per version; the version is chosen by the date of the event."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from zhichan.engines.calendar import Period, Unit, compute_deadline, default_calendar
from zhichan.engines.rules import UnknownRule, VersionRequired, all_rules, rule, versions

TRADEMARK_KEYS = [found.key for found in all_rules() if found.key.startswith("trademark.")]


def test_the_opposition_period_shrinks_from_three_to_two_months_on_2027_01_01():
    old = rule("trademark.opposition_period", on=date(2026, 12, 31))
    new = rule("trademark.opposition_period", on=date(2027, 1, 1))
    assert (old.as_int(), old.unit, old.article) == (3, "months", "第三十三条")
    assert (new.as_int(), new.unit, new.article) == (2, "months", "第三十六条")
    assert new.basis == "《中华人民共和国商标法》第三十六条 (2027-01-01)"


def test_articles_are_renumbered_by_the_2027_law():
    renumbered = {
        "trademark.term": ("第三十九条", "第四十三条"),
        "trademark.renewal_window": ("第四十条", "第四十四条"),
        "trademark.invalidation_relative_limit": ("第四十五条第一款", "第五十一条第一款"),
        "trademark.administrative_enforcement": ("第六十条", "第七十四条"),
    }
    for key, (article_2019, article_2027) in renumbered.items():
        assert rule(key, on=date(2026, 6, 30)).article == article_2019
        assert rule(key, on=date(2027, 6, 30)).article == article_2027


def test_a_revised_rule_asked_without_a_date_is_an_error_not_a_guess():
    with pytest.raises(VersionRequired):
        rule("trademark.opposition_period")


def test_an_unrevised_rule_is_the_same_on_any_day():
    assert rule("decree81.defence") == rule("decree81.defence", on=date(1999, 1, 1))


def test_every_trademark_rule_is_versioned_by_the_date_it_applies_from_or_to():
    for key in TRADEMARK_KEYS:
        for found in versions(key):
            assert found.applies_from or found.applies_to, key


def test_versions_of_one_rule_never_overlap_and_leave_no_gap():
    keys = {found.key for found in all_rules()}
    for key in keys:
        found = versions(key)
        for earlier, later in pairwise(found):
            assert earlier.applies_to is not None and later.applies_from is not None
            assert (later.applies_from - earlier.applies_to).days == 1, key


def test_a_day_no_version_covers_is_refused():
    with pytest.raises(UnknownRule, match="no version applying on 2026-12-31"):
        rule("trademark.pending_on_new_law", on=date(2026, 12, 31))


def test_the_period_of_a_revised_rule_counts_by_the_event_date():
    calendar = default_calendar().estimating()  # 2027's holiday notice is not published yet
    december = compute_deadline(
        date(2026, 12, 13), Period.of_rule("trademark.opposition_period", on=date(2026, 12, 13)), calendar
    )
    january = compute_deadline(
        date(2027, 1, 13), Period.of_rule("trademark.opposition_period", on=date(2027, 1, 13)), calendar
    )
    assert Period.of_rule("trademark.opposition_period", on=date(2026, 12, 13)) == Period(3, Unit.MONTHS)
    assert december.due == date(2027, 3, 15)  # 3-13 is a Saturday: the Civil Code moves it to Monday
    assert january.due == date(2027, 3, 15)

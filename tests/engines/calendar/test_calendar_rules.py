"""The time limits the calendar engine reads from legal_rules.csv, with units it can count."""

from __future__ import annotations

import pytest

from zhichan.engines.calendar import Period, Unit
from zhichan.engines.rules import rule


@pytest.mark.parametrize(
    ("key", "period"),
    [
        ("decree81.request_limit", Period(3, Unit.YEARS)),
        ("decree81.docketing", Period(5, Unit.WORKING_DAYS)),
        ("decree81.docketing_extension", Period(5, Unit.WORKING_DAYS)),
        ("decree81.service", Period(5, Unit.WORKING_DAYS)),
        ("decree81.defence", Period(15, Unit.DAYS)),
        ("decree81.defence_no_domicile", Period(30, Unit.DAYS)),
        ("decree81.defence_forward", Period(5, Unit.WORKING_DAYS)),
        ("decree81.decision", Period(3, Unit.MONTHS)),
        ("decree81.decision_extension_head", Period(1, Unit.MONTHS)),
        ("decree81.decision_extension_superior", Period(2, Unit.MONTHS)),
        ("decree81.mediation_notice", Period(5, Unit.WORKING_DAYS)),
        ("decree81.mediation_reply", Period(15, Unit.DAYS)),
        ("decree81.mediation_docketing", Period(5, Unit.WORKING_DAYS)),
        ("patent_law.suit_after_ruling", Period(15, Unit.DAYS)),
        ("ecommerce.declaration_wait", Period(15, Unit.DAYS)),
        ("ecommerce.declaration_wait_cap", Period(20, Unit.WORKING_DAYS)),
        ("mediation.judicial_confirmation", Period(30, Unit.DAYS)),
        ("mediation.court_review", Period(15, Unit.DAYS)),
        ("mediation.court_review_extension", Period(10, Unit.DAYS)),
        ("fair.complaint_transfer", Period(24, Unit.HOURS)),
        ("fair.respondent_answer", Period(24, Unit.HOURS)),
        ("planning.report_due", Period(15, Unit.DAYS)),
    ],
)
def test_procedure_periods_come_from_the_rules_table(key: str, period: Period) -> None:
    assert Period.of_rule(key) == period
    assert rule(key).law and rule(key).article


@pytest.mark.parametrize(
    "key",
    [
        "civil_code.period_start_excluded",
        "civil_code.month_end_fallback",
        "civil_code.holiday_extension",
        "civil_code.day_end_hour",
    ],
)
def test_the_counting_rules_cite_the_civil_code(key: str) -> None:
    assert rule(key).law == "中华人民共和国民法典"
    assert rule(key).article.startswith("第二百零")

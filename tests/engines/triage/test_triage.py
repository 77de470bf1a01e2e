"""One test per triage rule: proposals, exclusions, missing facts and the 3-year limit of Decree 81."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from zhichan.engines.calendar import default_calendar
from zhichan.engines.triage import Channel, Facts, RequestKind, Right, Triage, triage

TODAY = date(2025, 6, 16)
CAL = default_calendar()
BASE = Facts(
    right=Right.PATENT,
    request=RequestKind.PATENT_RULING,
    respondent_named=True,
    respondent_credit_code_known=True,
    has_evidence=True,
    arbitration_agreement=False,
    respondent_abroad=False,
    fair_in_progress=False,
    lawsuit_pending=False,
    both_willing_to_mediate=None,
    infringement_known_on=date(2023, 1, 5),
)


def run(**changes: Any) -> Triage:
    return triage(replace(BASE, **changes), today=TODAY, calendar=CAL)


def test_patent_ruling_request_goes_to_ruling_citing_decree_81() -> None:
    result = run()
    assert result.primary is Channel.ADMINISTRATIVE_RULING
    assert "第81号" in result.proposals[0].reason
    assert result.missing == ()
    assert result.warnings == ()
    assert result.request_limit_ends == date(2026, 1, 5)


def test_request_limit_in_a_year_without_calendar_data_is_not_guessed() -> None:
    result = run(infringement_known_on=date(2025, 3, 1))  # ends in 2028: no holiday data yet
    assert result.request_limit_ends is None
    assert result.warnings == ()


def test_patent_infringement_complaint_also_proposes_ruling() -> None:
    assert run(request=RequestKind.INFRINGEMENT_COMPLAINT).primary is Channel.ADMINISTRATIVE_RULING


def test_trademark_counterfeiting_goes_to_enforcement() -> None:
    result = run(right=Right.TRADEMARK, request=RequestKind.INFRINGEMENT_COMPLAINT, counterfeiting=True)
    assert result.channels == (Channel.ADMINISTRATIVE_ENFORCEMENT,)
    assert "假冒注册商标" in result.proposals[0].reason
    assert "商标法" in result.proposals[0].basis


@pytest.mark.parametrize("right", [Right.COPYRIGHT, Right.TRADE_SECRET, Right.UNFAIR_COMPETITION])
def test_other_rights_complaints_go_to_enforcement(right: Right) -> None:
    assert run(right=right, request=RequestKind.INFRINGEMENT_COMPLAINT).primary is Channel.ADMINISTRATIVE_ENFORCEMENT


def test_ruling_refused_for_non_patent_right() -> None:
    result = run(right=Right.TRADEMARK)
    assert Channel.ADMINISTRATIVE_RULING not in result.channels
    assert result.excluded[0].channel is Channel.ADMINISTRATIVE_RULING
    assert "商标" in result.excluded[0].reason


def test_both_willing_adds_mediation_after_the_requested_channel() -> None:
    assert run(both_willing_to_mediate=True).channels == (Channel.ADMINISTRATIVE_RULING, Channel.MEDIATION)


def test_mediation_request_puts_mediation_first_and_asks_for_consent() -> None:
    result = run(request=RequestKind.MEDIATION)
    assert result.primary is Channel.MEDIATION
    assert [m.field for m in result.missing] == ["both_willing_to_mediate"]


def test_unwilling_party_excludes_mediation() -> None:
    result = run(request=RequestKind.MEDIATION, both_willing_to_mediate=False)
    assert Channel.MEDIATION not in result.channels
    assert any(e.channel is Channel.MEDIATION and "自愿" in e.reason for e in result.excluded)


def test_arbitration_agreement_proposes_arbitration_and_excludes_court() -> None:
    result = run(arbitration_agreement=True, lawsuit_pending=True)
    assert Channel.ARBITRATION in result.channels
    assert Channel.COURT not in result.channels
    assert "仲裁法" in result.proposals[0].basis


def test_agreed_arbitration_bars_the_patent_ruling() -> None:
    """Decree 81 Art. 12 (5): no suit by either party, and no other way of resolving agreed between them."""
    result = run(arbitration_agreement=True)
    assert Channel.ADMINISTRATIVE_RULING not in result.channels
    assert result.primary is Channel.ARBITRATION
    barred = [e for e in result.excluded if e.channel is Channel.ADMINISTRATIVE_RULING]
    assert barred and "其他纠纷解决方式" in barred[0].reason and "第十二条" in barred[0].basis


def test_arbitration_referral_without_agreement_is_excluded_or_asked() -> None:
    assert Channel.ARBITRATION in {e.channel for e in run(request=RequestKind.ARBITRATION_REFERRAL).excluded}
    unknown = run(request=RequestKind.ARBITRATION_REFERRAL, arbitration_agreement=None)
    assert "arbitration_agreement" in [m.field for m in unknown.missing]


def test_respondent_abroad_proposes_overseas_assistance() -> None:
    result = run(respondent_abroad=True, respondent_credit_code_known=False)
    assert Channel.OVERSEAS_ASSISTANCE in result.channels
    assert "respondent_credit_code_known" not in [m.field for m in result.missing]


def test_fair_in_progress_comes_first_with_24_hour_transfer() -> None:
    result = run(right=Right.TRADEMARK, request=RequestKind.INFRINGEMENT_COMPLAINT, fair_in_progress=True)
    assert result.primary is Channel.FAIR_COMPLAINT
    assert "24小时" in result.proposals[0].reason
    assert Channel.ADMINISTRATIVE_ENFORCEMENT in result.channels


def test_fair_complaint_after_the_fair_is_handled_as_a_complaint() -> None:
    result = run(right=Right.TRADEMARK, request=RequestKind.FAIR_COMPLAINT, fair_in_progress=False)
    assert Channel.FAIR_COMPLAINT not in result.channels
    assert result.primary is Channel.ADMINISTRATIVE_ENFORCEMENT


def test_lawsuit_pending_goes_to_court_and_excludes_ruling() -> None:
    result = run(lawsuit_pending=True)
    assert result.primary is Channel.COURT
    assert Channel.ADMINISTRATIVE_RULING not in result.channels
    assert any(e.channel is Channel.ADMINISTRATIVE_RULING for e in result.excluded)


def test_unknown_facts_are_flagged_not_guessed() -> None:
    result = run(
        respondent_named=False,
        has_evidence=False,
        lawsuit_pending=None,
        respondent_abroad=None,
        infringement_known_on=None,
    )
    fields = {m.field for m in result.missing}
    assert fields == {
        "respondent_named",
        "has_evidence",
        "lawsuit_pending",
        "respondent_abroad",
        "infringement_known_on",
    }
    assert result.request_limit_ends is None


def test_request_limit_passed_warns_and_asks_whether_continuing() -> None:
    result = run(infringement_known_on=date(2022, 1, 10))
    assert result.request_limit_ends == date(2025, 1, 10)
    assert [w.code for w in result.warnings] == ["request_limit_passed"]
    assert "infringement_continuing" in [m.field for m in result.missing]
    assert result.primary is Channel.ADMINISTRATIVE_RULING  # the office may still docket; the respondent may object


def test_request_limit_passed_but_continuing_is_accepted() -> None:
    result = run(infringement_known_on=date(2022, 1, 10), infringement_continuing=True)
    assert [w.code for w in result.warnings] == ["request_limit_passed_continuing"]
    assert "第十九条" in result.warnings[0].message


def test_request_limit_last_day_on_a_holiday_moves_to_next_working_day() -> None:
    # 2022-10-01 + 3 years = 2025-10-01, National Day holiday (1-8 October 2025): the limit runs to 10-09.
    result = triage(replace(BASE, infringement_known_on=date(2022, 10, 1)), today=date(2025, 10, 9), calendar=CAL)
    assert result.request_limit_ends == date(2025, 10, 9)
    assert result.warnings == ()


def test_rights_assistance_is_the_fallback() -> None:
    result = run(right=Right.COPYRIGHT, request=RequestKind.RIGHTS_ASSISTANCE)
    assert result.channels == (Channel.RIGHTS_ASSISTANCE,)
    assert result.as_dict()["primary"] == "rights_assistance"

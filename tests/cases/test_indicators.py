"""The yearly counts for the plan indicators (and their registration when the planning module exists)."""

from __future__ import annotations

import pytest

from zhichan.cases import services as s
from zhichan.cases.indicators import count_cases

from .conftest import beijing

pytestmark = pytest.mark.django_db


def test_counts_by_channel_and_period(users, complaint):
    official = users["official"]
    s.case_triage_decide(
        actor=official, case=complaint(received_at=beijing(2025, 2, 1)), channel="mediation", reason="调解"
    )
    s.case_triage_decide(
        actor=official,
        case=complaint(received_at=beijing(2025, 12, 31, 23, 30)),
        channel="rights_assistance",
        reason="援助",
    )
    s.case_triage_decide(
        actor=official, case=complaint(received_at=beijing(2026, 1, 1, 0, 30)), channel="mediation", reason="调解"
    )
    s.case_triage_decide(
        actor=official, case=complaint(received_at=beijing(2025, 5, 1)), channel="arbitration", reason="有仲裁协议"
    )
    assert count_cases(actor=official, year=2025, quarter=None, channels=("mediation", "rights_assistance"))[0] == 2
    assert count_cases(actor=official, year=2025, quarter=1, channels=("mediation",))[0] == 1
    assert count_cases(actor=official, year=2025, quarter=4, channels=("rights_assistance",))[0] == 1
    assert count_cases(actor=official, year=2025, quarter=None, channels=("arbitration",))[0] == 1
    assert count_cases(actor=users["arbitrator"], year=2025, quarter=None, channels=("arbitration",))[0] == 0


def test_providers_declared_in_the_manifest_are_registered(users, complaint):
    from zhichan.core.indicators import indicator_provider

    provider = indicator_provider("cases.assistance_and_mediation_per_year")
    assert str(provider.label) == "知识产权维权援助和调解办案量（本平台受理）"
    s.case_triage_decide(
        actor=users["official"], case=complaint(received_at=beijing(2025, 2, 1)), channel="mediation", reason="调解"
    )
    assert provider.fn(actor=users["official"], year=2025, quarter=None).record_count == 1

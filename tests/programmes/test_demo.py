"""`zhichan demo` builds the programmes' walk (applied, checked, paid, one item clawed back) and the
registers, and a second run adds nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
import time_machine


def _counts():
    from zhichan.programmes.models import Application, Clawback, CopyrightRegistration, Finding, Payment

    return [m.objects.count() for m in (Application, Payment, Finding, Clawback, CopyrightRegistration)]


@pytest.fixture
def demo(db):
    from django.core.management import call_command

    with time_machine.travel("2026-11-02 10:00:00+08:00", tick=False):
        call_command("demo", stdout=io.StringIO())
        first = _counts()
        call_command("demo", stdout=io.StringIO())
        return first, _counts()


def test_the_demo_walks_the_issue_and_is_idempotent(demo):
    from zhichan.core.models import User
    from zhichan.programmes import indicators, selectors
    from zhichan.programmes.models import Application, Clawback

    first, second = demo
    assert first == second == [2, 2, 2, 1, 2]
    application = Application.objects.get(organisation__name="广州酒家集团股份有限公司")
    refused = {i.number: [c["code"] for c in i.checks if not c["passed"]] for i in application.items.all()}
    assert refused == {
        "ZL202310000001.1": [],
        "ZL202310000002.X": ["once"],
        "ZL202310000003.8": ["abnormal"],
        "ZY2026-0001": [],
        "CN202610000004.0": ["granted"],
    }
    assert application.status == "paid" and Clawback.objects.get().amount_due == Decimal("15000.00")
    use = selectors.budget_use(application.call.version)
    assert use["paid"] == Decimal("23000.00") and use["clawback_due"] == Decimal("15000.00")
    official = User.objects.get(username="official")
    assert indicators.copyright_registrations(actor=official, year=2026, quarter=None).value == 2

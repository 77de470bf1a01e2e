"""The cast of the programmes tests: an IP-office reviewer and a second official, a finance officer
(the module's role), the rights holder of orgs['own'] as applicant; a conversion programme with its
2026 version (rules as data) and an open call."""

from __future__ import annotations

from datetime import date

import pytest

from zhichan.core.models import Membership, Role, User
from zhichan.programmes import services
from zhichan.programmes.demo import RULES  # the tests fund by the same terms the demo shows
from zhichan.programmes.policy import FINANCE


@pytest.fixture
def cast(users):
    official2 = User.objects.create_user(
        username="t-official-2",
        password="test-password-123",
        role=Role.OFFICIAL,
        display_name="second",
        organisation=users["official"].organisation,
    )
    finance = User.objects.create_user(username="t-finance", password="test-password-123", display_name="finance")
    Membership.objects.create(user=finance, role=FINANCE, organisation=None)
    return {**users, "official2": official2, "finance": finance}


@pytest.fixture
def programme(cast):
    official = cast["official"]
    programme = services.programme_create(
        actor=official, code="conversion", name="专利转化运用资助", kind="conversion", department="市知识产权局"
    )
    version = services.version_create(
        actor=official,
        programme=programme,
        data={
            "year": 2026,
            "measure": "广州市知识产权工作专项资金管理办法",
            "document_number": "穗市监规字〔2026〕1号",
            "document_date": date(2026, 1, 15),
            "budget": "1000000",
            "rules": RULES,
            "documents_required": ["营业执照", "专利证书", "费用凭证"],
        },
    )
    call = services.call_create(
        actor=official,
        version=version,
        title="2026年专利转化运用资助申报",
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 4, 30),
    )
    return {"programme": programme, "version": version, "call": call}


ITEMS = [
    {"kind": "patent", "number": "ZL202310000001.1", "stage": "granted", "on": "2026-02-01", "cost": "30000"},
    {"kind": "patent", "number": "ZL202310000002.X", "stage": "granted", "on": "2026-02-01", "cost": "50000"},
    {"kind": "patent", "number": "ZL202310000003.8", "stage": "granted", "on": "2026-02-01", "cost": "10000"},
    {"kind": "pledge", "number": "ZY2026-0001", "on": "2026-03-01", "cost": "16000"},
    {"kind": "patent", "number": "CN202610000004.0", "stage": "application", "cost": "8000"},
]

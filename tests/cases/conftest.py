"""Fixtures of the cases tests: a complaint factory and a mediation organisation with a mediator."""

from __future__ import annotations

from datetime import datetime

import pytest

from zhichan.engines.calendar import BEIJING

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def beijing(y, m, d, h=10, minute=0):
    return datetime(y, m, d, h, minute, tzinfo=BEIJING)


@pytest.fixture
def complaint(users):
    """`complaint(**overrides)` files a patent ruling request as the rights holder."""
    from zhichan.cases.services import case_intake

    def make(actor=None, received_at=None, evidence=(), fair=None, **data):
        values = {
            "right": "patent",
            "request_kind": "patent_ruling",
            "facts": "被请求人制造、销售的产品落入我方发明专利权利要求1的保护范围。",
            "remedy": "责令停止侵权",
            "requester_name": "广州酒家集团股份有限公司",
            "respondent_name": "佛山某某电器有限公司",
            "respondent_credit_code": "914403001922038216",
            "respondent_abroad": False,
            "lawsuit_pending": False,
            "arbitration_agreement": False,
            "fair_in_progress": False,
            "infringement_known_on": "2025-01-10",
            **data,
        }
        return case_intake(
            actor=actor or users["rights_holder"],
            data=values,
            evidence=evidence,
            fair=fair,
            received_at=received_at or beijing(2025, 9, 26),
        )

    return make


@pytest.fixture
def mediation_org(db):
    from zhichan.core.districts import ensure_districts
    from zhichan.core.models import District, Organisation, OrganisationKind

    ensure_districts(District)
    return Organisation.objects.create(
        name="广州知识产权人民调解委员会",
        name_normalized="广州知识产权人民调解委员会",
        name_pinyin="guangzhouzhishichanquanrenmintiaojieweiyuanhui",
        name_initials="gzzscqrmtjwyh",
        kind=OrganisationKind.MEDIATION_ORGANISATION,
        district=District.objects.get(code="440104"),
    )


@pytest.fixture
def mediator(users, mediation_org):
    from zhichan.cases.services import mediator_register

    return mediator_register(actor=users["official"], user=users["mediator"], organisation=mediation_org)

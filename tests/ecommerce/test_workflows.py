"""The notice procedure, cell by cell, from its table: every (state, step, party) is allowed or refused.

Generated from `zhichan.ecommerce.workflows.NOTICE` and the policy, so that a change of either changes
what is tested. Parties: the office, the platform the notice is addressed to, another platform, the
rights holder whose brand it is, and two roles with no part in it.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.kit import assert_workflow_cell, workflow_cells
from zhichan.core.models import Organisation, OrganisationKind, Role, User
from zhichan.ecommerce import services
from zhichan.ecommerce.models import Clue
from zhichan.ecommerce.workflows import NOTICE

pytestmark = pytest.mark.django_db

ACTORS = ("official", "platform", "other_platform", "rights_holder", "auditor", "liaison")
TEXT = {"measures": "已删除商品链接", "declaration": "本店商品系从正规渠道采购，附进货发票。", "complaint": "已起诉"}
FAKE = {"listing_id": "L1", "title": "高仿 王老吉凉茶 24罐 工厂直销", "price": "19.90", "seller_id": "好运食品店"}


@pytest.fixture
def notice(users, market, platform):
    services.listings_submit(actor=market["client"], platform=platform, items=[FAKE])
    clue = Clue.objects.get()
    services.clues_decide(actor=users["official"], clues=[clue], decision="confirmed", reason="假冒")
    notice = services.notice_send(actor=users["official"], clue=clue)
    notice.wait_due, notice.wait_provisional = date(2026, 11, 1), False  # the waiting period has passed
    notice.save(update_fields=["wait_due", "wait_provisional"])
    return notice


@pytest.fixture
def actors(users, market):
    other = Organisation.objects.create(
        name="某某商城有限公司", name_normalized="某某商城有限公司", kind=OrganisationKind.ECOMMERCE_PLATFORM
    )
    other_client = User.objects.create_user(
        username="t-other-vip", password="x-password-123", role=Role.PLATFORM_CLIENT, organisation=other
    )
    return {**users, "platform": market["client"], "other_platform": other_client}


@pytest.mark.parametrize(("state", "step", "actor"), workflow_cells(NOTICE, ACTORS))
def test_every_cell_of_the_notice_procedure(notice, actors, state, step, actor):
    who = actors[actor]
    assert_workflow_cell(
        workflow=NOTICE,
        obj=notice,
        state=state,
        name=step,
        actor=who,
        take=lambda: services.notice_step(actor=who, notice=notice, step=step, text=TEXT.get(step, "")),
    )

"""CNIPA legal-status words read as event kinds, the detail read for its facts, and the derived status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zhichan.engines.patents.events import EventKind as K
from zhichan.engines.patents.events import Status, classify, derive, kind_of


@pytest.mark.parametrize(
    ("status", "detail", "kind"),
    [
        ("授权", "", K.GRANT),
        ("发明专利权授予", "", K.GRANT),
        (
            "专利权的终止",
            "未缴年费专利权终止 IPC(主分类)：A23L 2/38 申请日：20140120 授权公告日：20160601",
            K.LAPSE_UNPAID,
        ),
        ("专利权的终止", "专利权有效期届满 IPC(主分类)：A21C 11/00", K.EXPIRY),
        ("未缴年费专利权终止", "", K.LAPSE_UNPAID),
        ("专利权的恢复", "", K.RESTORATION),
        ("专利权的无效宣告", "宣告专利权部分无效", K.INVALIDATION),
        ("专利申请权、专利权的转移", "变更前权利人：中山大学 变更后权利人：广州某科技有限公司", K.ASSIGNMENT),
        ("专利实施许可合同备案的生效、变更及注销", "许可种类：独占许可 被许可人：广州某公司", K.LICENCE),
        ("专利实施许可合同备案的生效、变更及注销", "备案合同注销 解除日：20230101", K.OTHER),
        (
            "专利权质押合同登记的生效、变更及注销",
            "出质人：广州酒家集团股份有限公司 质权人：某银行 质押金额：500万元",
            K.PLEDGE,
        ),
        ("缴纳年费", "第13年度", K.FEE_PAID),
        ("实质审查的生效", "", K.OTHER),
        ("避免重复授权放弃专利权", "", K.OTHER),
        ("某种新的公告类别", "", K.OTHER),
        ("pledge", "", K.PLEDGE),
    ],
)
def test_status_words(status, detail, kind):
    assert kind_of(status, detail) is kind


def test_the_detail_is_read_for_its_facts():
    pledge = classify("专利权质押合同登记的生效", "出质人：广州酒家集团股份有限公司 质权人：某银行 质押金额：500万元")
    assert (pledge.party_from, pledge.party_to, pledge.amount) == (
        "广州酒家集团股份有限公司",
        "某银行",
        Decimal(5000000),
    )
    licence = classify("专利实施许可合同备案的生效", "许可种类：独占许可 许可人：中山大学 被许可人：广州某公司")
    assert (licence.exclusive, licence.party_from, licence.party_to) == (True, "中山大学", "广州某公司")
    assert classify("无效宣告", "宣告专利权全部无效").partial is False
    assert classify("无效宣告", "宣告专利权部分无效").partial is True
    assert classify("缴纳年费", "第１３年度年费").fee_year == 13  # full-width digits
    assert classify("缴纳年费", "", fee_year=7).fee_year == 7
    unknown = classify("某种新的公告类别", "原文")
    assert (unknown.kind, unknown.status_text, unknown.detail) == (K.OTHER, "某种新的公告类别", "原文")


def test_the_status_the_events_add_up_to():
    events = [
        (date(2016, 6, 1), K.GRANT, None, False),
        (date(2017, 1, 10), K.FEE_PAID, 4, False),
        (date(2018, 1, 12), K.FEE_PAID, 5, False),
        (date(2019, 1, 20), K.LAPSE_UNPAID, 6, False),
    ]
    lapsed = derive(events)
    assert (lapsed.status, lapsed.status_on, lapsed.paid_through, lapsed.granted) == (
        Status.LAPSED, date(2019, 1, 20), 5, date(2016, 6, 1),
    )  # fmt: skip
    restored = derive(
        [*events, (date(2019, 8, 1), K.RESTORATION, None, False), (date(2019, 8, 1), K.FEE_PAID, 6, False)]
    )
    assert (restored.status, restored.paid_through) == (Status.VALID, 6)
    assert derive([*events[:2], (date(2020, 1, 1), K.INVALIDATION, None, True)]).status is Status.VALID
    assert derive([*events[:2], (date(2020, 1, 1), K.INVALIDATION, None, False)]).status is Status.INVALIDATED
    assert derive([]).status is Status.UNKNOWN
    # restored without a payment of its own in the file: the lapsed year was paid to restore it
    back = derive([*events, (date(2019, 9, 2), K.RESTORATION, None, False)])
    assert (back.status, back.status_on, back.paid_through) == (Status.VALID, date(2019, 9, 2), 6)

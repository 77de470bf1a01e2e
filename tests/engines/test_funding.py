"""The funding engine: rules as data checked by field, every condition with its deciding record, the
amount methods and caps, and the clawback arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zhichan.engines.funding import Facts, Item, RulesError, Signal, clawback_due, evaluate, parse_rules

RULES = {
    "conditions": [
        {"code": "kind", "test": "applicant_kind_in", "label": "申请人类型", "values": ["enterprise"]},
        {"code": "district", "test": "district_in", "label": "注册地在本市", "values": ["4401"]},
        {"code": "credit", "test": "no_signal", "label": "无严重失信", "signals": ["serious_dishonesty"]},
        {"code": "items", "test": "item_kind_in", "label": "资助对象", "values": ["patent", "pledge"]},
        {"code": "granted", "test": "item_stage_not_in", "label": "不资助申请阶段", "values": ["application"]},
        {"code": "date", "test": "item_date_between", "label": "年度内", "start": "2026-01-01", "end": "2026-12-31"},
        {"code": "cost", "test": "item_cost_at_least", "label": "最低费用", "minimum": "1000"},
        {"code": "clean", "test": "item_no_signal", "label": "非异常申请", "signals": ["abnormal_application"]},
        {"code": "once", "test": "item_no_signal", "label": "未获资助", "signals": ["already_funded"]},
    ],
    "amount": {"method": "share", "rate": "0.5", "cap_per_item": "30000"},
    "cap_per_application": "100000",
}


def item(number: str, **kw: object) -> Item:
    values: dict = {
        "kind": "patent",
        "number": number,
        "stage": "granted",
        "on": date(2026, 5, 1),
        "cost": Decimal(20000),
    }
    values.update(kw)
    return Item(**values)


def facts(*items: Item, signals: tuple[Signal, ...] = (), kind: str = "enterprise", district: str = "440106") -> Facts:
    return Facts(applicant_kind=kind, district=district, items=items, signals=signals)


def test_an_item_passing_every_check_earns_its_share():
    result = evaluate(parse_rules(RULES), facts(item("ZL1")))
    assert result.eligible and result.total == Decimal("10000.00")
    assert [c.code for c in result.items[0].checks] == ["items", "granted", "date", "cost", "clean", "once"]
    assert all(c.passed and c.record == "patent:ZL1" for c in result.items[0].checks)


@pytest.mark.parametrize(
    ("changed", "failing"),
    [
        ({"kind": "mark"}, "items"),
        ({"stage": "application"}, "granted"),
        ({"on": date(2025, 12, 31)}, "date"),
        ({"on": None}, "date"),
        ({"cost": Decimal(999)}, "cost"),
    ],
)
def test_each_item_condition_refuses_the_item_it_names(changed, failing):
    result = evaluate(parse_rules(RULES), facts(item("ZL1", **changed), item("ZL2")))
    refused, kept = result.items
    assert [c.code for c in refused.checks if not c.passed] == [failing] and refused.amount == 0
    assert kept.eligible and result.total == Decimal("10000.00")


def test_a_signal_refuses_only_its_item_and_names_its_record():
    abnormal = Signal("abnormal_application", "programmes.Finding:7", "非正常申请已确认", item=("patent", "ZL1"))
    funded = Signal("already_funded", "programmes.ApplicationItem:3", "2025年已资助", item=("patent", "ZL2"))
    result = evaluate(parse_rules(RULES), facts(item("ZL1"), item("ZL2"), item("ZL3"), signals=(abnormal, funded)))
    failed = {r.item.number: [(c.code, c.record) for c in r.checks if not c.passed] for r in result.items}
    assert failed == {
        "ZL1": [("clean", "programmes.Finding:7")],
        "ZL2": [("once", "programmes.ApplicationItem:3")],
        "ZL3": [],
    }
    assert result.total == Decimal("10000.00")


@pytest.mark.parametrize(
    ("applicant", "failing"),
    [({"kind": "person"}, "kind"), ({"district": "440300"}, "district"), ({"district": ""}, "district")],
)
def test_an_applicant_condition_refuses_every_item(applicant, failing):
    result = evaluate(parse_rules(RULES), facts(item("ZL1"), **applicant))
    assert [c.code for c in result.checks if not c.passed] == [failing]
    assert not result.eligible and result.total == 0 and result.items[0].amount == 0


def test_an_applicant_signal_fails_with_the_record_that_holds_it():
    listing = Signal("serious_dishonesty", "credit.Listing:9", "列入严重失信主体名单")
    result = evaluate(parse_rules(RULES), facts(item("ZL1"), signals=(listing,)))
    (credit,) = [c for c in result.checks if c.code == "credit"]
    assert (credit.passed, credit.record, credit.reason) == (False, "credit.Listing:9", "列入严重失信主体名单")
    assert result.total == 0


def test_the_item_cap_and_the_application_cap():
    result = evaluate(parse_rules(RULES), facts(item("A", cost=Decimal(100000)), item("B", cost=Decimal(80000))))
    assert [r.amount for r in result.items] == [Decimal("30000.00"), Decimal("30000.00")]
    many = facts(*(item(f"P{n}", cost=Decimal(100000)) for n in range(4)))
    capped = evaluate(parse_rules(RULES), many)
    assert capped.capped and capped.total == Decimal("100000.00")
    assert [r.amount for r in capped.items] == [Decimal("25000.00")] * 4


def test_a_capped_application_shares_the_cap_to_the_cent():
    rules = parse_rules({**RULES, "cap_per_application": "100"})
    result = evaluate(
        rules, facts(*(item(f"P{n}", cost=Decimal(30000)) for n in range(3)), item("X", stage="application"))
    )
    assert [r.amount for r in result.items] == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34"), Decimal(0)]
    assert sum(r.amount for r in result.items) == result.total == Decimal("100.00")


def test_fixed_amounts_by_kind_and_tiers_are_marginal():
    fixed = parse_rules({"amount": {"method": "fixed", "per_item": {"patent": "5000", "*": "1000"}}})
    result = evaluate(fixed, facts(item("A"), item("B", kind="copyright")))
    assert [r.amount for r in result.items] == [Decimal("5000.00"), Decimal("1000.00")]
    tiers = parse_rules({"amount": {"method": "tiers", "tiers": [["10000", "0.5"], ["50000", "0.3"]]}})
    # 10000 × 0.5 + 20000 × 0.3; nothing above the last tier
    assert evaluate(tiers, facts(item("A", cost=Decimal(30000)))).total == Decimal("11000.00")
    assert evaluate(tiers, facts(item("A", cost=Decimal(90000)))).total == Decimal("17000.00")


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        ({"amount": {"method": "bonus"}}, "amount.method"),
        ({"amount": {"method": "share", "rate": "1.5"}}, "amount.rate"),
        ({"amount": {"method": "share", "rate": "x"}}, "amount.rate"),
        ({"amount": {"method": "fixed", "per_item": {}}}, "amount.per_item"),
        ({"amount": {"method": "tiers", "tiers": [["5", "1"], ["4", "1"]]}}, "amount.tiers[1][0]"),
        (
            {"amount": {"method": "share", "rate": "1"}, "conditions": [{"code": "a", "test": "x", "label": "l"}]},
            "conditions[0].test",
        ),
        (
            {
                "amount": {"method": "share", "rate": "1"},
                "conditions": [{"code": "a", "test": "district_in", "label": "l"}],
            },
            "conditions[0].values",
        ),
        (
            {
                "amount": {"method": "share", "rate": "1"},
                "conditions": [
                    {"code": "a", "test": "item_date_between", "label": "l", "start": "2026-02-01", "end": "2026-01-01"}
                ],
            },
            "conditions[0].end",
        ),
        ({"amount": {"method": "share", "rate": "1"}, "cap_per_application": "-1"}, "cap_per_application"),
        ({"amount": {"method": "share", "rate": "1"}, "clawback_share": "2"}, "clawback_share"),
    ],
)
def test_malformed_rules_name_their_field(rules, field):
    with pytest.raises(RulesError) as refused:
        parse_rules(rules)
    assert refused.value.field == field


def test_a_repeated_condition_code_is_refused():
    same = {"code": "a", "test": "district_in", "label": "l", "values": ["4401"]}
    with pytest.raises(RulesError, match=r"conditions\[1\].code"):
        parse_rules({"amount": {"method": "share", "rate": "1"}, "conditions": [same, same]})


def test_clawback_is_the_share_of_what_was_paid_less_what_came_back():
    assert clawback_due(paid=Decimal("10000"), share=Decimal(1)) == Decimal("10000.00")
    assert clawback_due(paid=Decimal("10000"), share=Decimal("0.5")) == Decimal("5000.00")
    assert clawback_due(paid=Decimal("10000"), share=Decimal(1), repaid=Decimal("4000")) == Decimal("6000.00")
    assert clawback_due(paid=Decimal("333.33"), share=Decimal("0.5")) == Decimal("166.67")
    assert clawback_due(paid=Decimal("100"), share=Decimal(1), repaid=Decimal("150")) == 0
    with pytest.raises(ValueError):
        clawback_due(paid=Decimal("100"), share=Decimal("1.2"))


def test_the_documents_a_version_requires_are_checked_by_name():
    rules = parse_rules(
        {
            "conditions": [
                {"code": "docs", "test": "documents_provided", "label": "材料齐全", "values": ["营业执照", "专利证书"]}
            ],
            "amount": {"method": "fixed", "per_item": {"*": "100"}},
        }
    )
    partial = Facts(applicant_kind="enterprise", district="440106", items=(item("A"),), documents=("营业执照",))
    (check,) = evaluate(rules, partial).checks
    assert (check.passed, check.record, check.reason) == (False, "documents", "专利证书")
    complete = Facts(
        applicant_kind="enterprise", district="440106", items=(item("A"),), documents=("专利证书", "营业执照")
    )
    assert evaluate(rules, complete).total == Decimal("100.00")

"""The issue's walk through the services: an enterprise applies with patents and a pledge, sees each
rule checked (one item refused as a confirmed abnormal application, one as already funded, one at the
application stage), the application passes review and publicity and is paid; a later finding claws one
item back with its notice and the repayment is recorded; the budget shows the use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.kit import assert_denied_and_audited
from tests.programmes.conftest import ITEMS
from zhichan.core.models import AuditEntry
from zhichan.programmes import selectors, services
from zhichan.programmes.models import Application, ApplicationItem, ApplicationStatus, Clawback, Payment

SUBMIT_DAY = date(2026, 3, 10)


def funded_before(cast, programme, orgs, number):
    """An application of the year before, paid for `number` (no double funding across years)."""
    data = {**programme["version"].__dict__, "year": 2025, "budget": "500000", "rules": programme["version"].rules}
    version = services.version_create(actor=cast["official"], programme=programme["programme"], data=data)
    call = services.call_create(
        actor=cast["official"], version=version, title="2025", opens_on=date(2025, 3, 1), closes_on=date(2025, 4, 30)
    )
    other = Application.objects.create(call=call, organisation=orgs["other"], applicant=cast["official"])
    ApplicationItem.objects.create(application=other, kind="patent", number=number, eligible=True, amount=1)
    Application.objects.filter(pk=other.pk).update(status=ApplicationStatus.PAID)
    return other


def apply(cast, programme, orgs, items=ITEMS):
    return services.application_create(
        actor=cast["rights_holder"], call=programme["call"], organisation=orgs["own"], items=items, today=SUBMIT_DAY
    )


def walk_to_publicity(cast, application):
    official = cast["official"]
    application = services.application_submit(actor=cast["rights_holder"], application=application, today=SUBMIT_DAY)
    application = services.application_step(actor=official, application=application, name="formal_pass")
    application = services.application_step(
        actor=official, application=application, name="review_pass", today=date(2026, 5, 6)
    )
    return services.application_step(actor=official, application=application, name="publicise", today=date(2026, 5, 6))


@pytest.fixture
def checked(cast, programme, orgs):
    services.finding_record(
        actor=cast["official"],
        kind="abnormal_application",
        basis="国家知识产权局非正常专利申请通知书（第2026-001号）",
        found_on=date(2026, 2, 20),
        item_kind="patent",
        item_number="ZL202310000003.8",
    )
    funded_before(cast, programme, orgs, "ZL202310000002.X")
    application = apply(cast, programme, orgs)
    return services.application_submit(actor=cast["rights_holder"], application=application, today=SUBMIT_DAY)


def failed(application):
    return {
        i.number: [(c["code"], c["record"].split(":")[0]) for c in i.checks if not c["passed"]]
        for i in application.items.order_by("pk")
    }


def test_each_rule_is_checked_and_names_the_record_that_decided(checked):
    assert checked.status == ApplicationStatus.SUBMITTED
    assert all(c["passed"] for c in checked.checks)
    assert failed(checked) == {
        "ZL202310000001.1": [],
        "ZL202310000002.X": [("once", "programmes.ApplicationItem")],
        "ZL202310000003.8": [("abnormal", "programmes.Finding")],
        "ZY2026-0001": [],
        "CN202610000004.0": [("granted", "patent")],
    }
    amounts = dict(checked.items.values_list("number", "amount"))
    # half of the cost, at most 20,000 per item; refused items earn nothing
    assert amounts["ZL202310000001.1"] == Decimal("15000.00") and amounts["ZY2026-0001"] == Decimal("8000.00")
    assert checked.requested_total == Decimal("23000.00")


def test_review_publicity_decision_payment_and_a_clawback(checked, cast, programme):
    official, second, finance = cast["official"], cast["official2"], cast["finance"]
    application = services.application_step(actor=official, application=checked, name="formal_pass")
    application = services.application_step(
        actor=official, application=application, name="review_pass", today=date(2026, 5, 6)
    )
    application = services.application_step(
        actor=official, application=application, name="publicise", today=date(2026, 5, 6)
    )
    # five working days from the rules table, counted from the next day: 7, 8, 9 (the Saturday worked
    # after the May Day holiday of 2026), 11 and 12 May
    assert application.publicity_until == date(2026, 5, 12)
    assert application in selectors.publicity_list() and checked.organisation.name in str(application)
    with pytest.raises(ValidationError, match="公示期"):
        services.application_approve(actor=second, application=application, today=date(2026, 5, 12))
    assert_denied_and_audited(
        lambda: services.application_approve(actor=official, application=application, today=date(2026, 5, 14)),
        action="programme_application.approve",
        object_type="programme_application",
        object_id=application.pk,
        reason="reviewer may not decide",
    )
    application = services.application_approve(actor=second, application=application, today=date(2026, 5, 14))
    assert (application.status, application.approved_total, application.decided_by) == (
        "approved",
        Decimal("23000.00"),
        second,
    )
    assert_denied_and_audited(
        lambda: services.application_pay(
            actor=official, application=application, batch="B1", paid_on=date(2026, 6, 1), voucher="V1"
        ),
        action="programme_application.pay",
        object_type="programme_application",
        object_id=application.pk,
    )
    application = services.application_pay(
        actor=finance, application=application, batch="2026-01", paid_on=date(2026, 6, 1), voucher="PZ-0001"
    )
    assert application.status == "paid" and Payment.objects.get(application=application).amount == Decimal("23000.00")

    _finding, opened = services.finding_record(
        actor=official,
        kind="abnormal_application",
        basis="国家知识产权局非正常专利申请认定通知书（第2026-088号）",
        found_on=date(2026, 9, 1),
        item_kind="patent",
        item_number="zl202310000001.1",
    )
    (clawback,) = opened
    assert (clawback.amount_due, clawback.item.number, clawback.item.voided) == (
        Decimal("15000.00"),
        "ZL202310000001.1",
        True,
    )
    assert clawback.notice_number.startswith("ZHZJ-ZH-2026-")
    with pytest.raises(ValidationError, match="超过尚欠"):
        services.clawback_repay(actor=finance, clawback=clawback, amount="15000.01", repaid_on=date(2026, 9, 20))
    clawback = services.clawback_repay(actor=finance, clawback=clawback, amount="5000", repaid_on=date(2026, 9, 20))
    assert (clawback.status, clawback.repaid_amount) == ("due", Decimal("5000.00"))
    clawback = services.clawback_repay(actor=finance, clawback=clawback, amount="10000", repaid_on=date(2026, 9, 30))
    assert clawback.status == "repaid"

    use = selectors.budget_use(programme["version"])
    assert (use["committed"], use["paid"], use["clawback_due"], use["repaid"]) == (
        Decimal("23000.00"),
        Decimal("23000.00"),
        Decimal("15000.00"),
        Decimal("15000.00"),
    )
    assert use["net_paid"] == Decimal("8000.00") and use["remaining"] == Decimal("977000.00")
    assert use["by_district"] == {"440106": Decimal("23000.00")}
    assert use["by_kind"] == {"pledge": Decimal("8000.00")}  # the voided patent no longer counts
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "programme_application.submit",
        "programme_application.review_pass",
        "programme_application.publicise",
        "programme_application.approve",
        "programme_application.pay",
        "programme_finding.create",
        "programme_clawback.create",
        "programme_clawback.repay",
    } <= actions


def test_a_paid_item_is_refused_as_already_funded_in_a_later_application(checked, cast, programme, orgs):
    application = services.application_step(actor=cast["official"], application=checked, name="formal_pass")
    application = services.application_step(actor=cast["official"], application=application, name="review_pass")
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.PAID)
    again = services.application_submit(
        actor=cast["rights_holder"], application=apply(cast, programme, orgs, ITEMS[:1]), today=SUBMIT_DAY
    )
    assert failed(again) == {"ZL202310000001.1": [("once", "programmes.ApplicationItem")]}
    assert again.requested_total == 0


def test_a_finding_during_the_publicity_refuses_its_item_at_the_decision(checked, cast):
    official = cast["official"]
    application = services.application_step(actor=official, application=checked, name="formal_pass")
    application = services.application_step(
        actor=official, application=application, name="review_pass", today=date(2026, 5, 6)
    )
    application = services.application_step(
        actor=official, application=application, name="publicise", today=date(2026, 5, 6)
    )
    services.finding_record(
        actor=official,
        kind="abnormal_application",
        basis="国家知识产权局非正常专利申请认定通知书（第2026-090号）",
        found_on=date(2026, 5, 8),
        item_kind="patent",
        item_number="ZL202310000001.1",
    )
    application = services.application_approve(
        actor=cast["official2"], application=application, today=date(2026, 5, 14)
    )
    assert application.approved_total == Decimal("8000.00")  # the pledge only
    assert failed(application)["ZL202310000001.1"] == [("abnormal", "programmes.Finding")]


def test_an_applicant_finding_refuses_every_item(cast, programme, orgs):
    services.finding_record(
        actor=cast["official"],
        kind="serious_dishonesty",
        basis="列入严重违法失信名单（决定书 2026-5）",
        found_on=date(2026, 3, 1),
        organisation=orgs["own"],
    )
    application = services.application_submit(
        actor=cast["rights_holder"], application=apply(cast, programme, orgs), today=SUBMIT_DAY
    )
    (credit,) = [c for c in application.checks if c["code"] == "credit"]
    assert not credit["passed"] and credit["record"].startswith("programmes.Finding:")
    assert application.requested_total == 0 and not application.items.filter(eligible=True).exists()


def test_the_call_window_and_the_own_organisation(cast, programme, orgs):
    with pytest.raises(ValidationError, match="申报期"):
        services.application_create(
            actor=cast["rights_holder"],
            call=programme["call"],
            organisation=orgs["own"],
            items=ITEMS,
            today=date(2026, 5, 1),
        )
    assert_denied_and_audited(
        lambda: services.application_create(
            actor=cast["rights_holder"],
            call=programme["call"],
            organisation=orgs["other"],
            items=ITEMS,
            today=SUBMIT_DAY,
        ),
        action="programme_application.create",
        object_type="programme_application",
        object_id="",
        reason="not a member of the organisation",
    )
    with pytest.raises(ValidationError) as repeated:
        apply(cast, programme, orgs, [ITEMS[0], ITEMS[0]])
    assert "items[1].number" in repeated.value.message_dict


def test_the_budget_refuses_a_decision_over_it(cast, programme, orgs):
    programme["version"].budget = Decimal("20000")
    programme["version"].save()
    application = walk_to_publicity(cast, apply(cast, programme, orgs))
    with pytest.raises(ValidationError, match="超出年度预算"):
        services.application_approve(actor=cast["official2"], application=application, today=date(2026, 5, 14))


def test_steps_by_the_wrong_party_are_refused_and_audited(checked, cast):
    assert_denied_and_audited(
        lambda: services.application_step(actor=cast["rights_holder"], application=checked, name="formal_pass"),
        action="programme_application.formal_pass",
        object_type="programme_application",
        object_id=checked.pk,
    )
    with pytest.raises(PermissionDenied):
        services.finding_record(
            actor=cast["rights_holder"],
            kind="false_material",
            basis="x",
            found_on=date(2026, 1, 1),
            item_kind="patent",
            item_number="1",
        )
    assert Clawback.objects.count() == 0


def test_an_objection_in_the_publicity_holds_the_decision_until_resolved(checked, cast):
    official, second = cast["official"], cast["official2"]
    application = walk_from_submitted(cast, checked)
    with pytest.raises(ValidationError, match="届满后收到"):
        services.objection_record(
            actor=official, application=application, objector="张某", grounds="x", received_on=date(2026, 5, 13)
        )
    objection = services.objection_record(
        actor=official,
        application=application,
        objector="张某",
        grounds="质押合同未实际履行",
        received_on=date(2026, 5, 8),
    )
    with pytest.raises(ValidationError, match="尚未处理"):
        services.application_approve(actor=second, application=application, today=date(2026, 5, 14))
    with pytest.raises(PermissionDenied):
        services.objection_resolve(
            actor=cast["rights_holder"],
            objection=objection,
            upheld=False,
            resolution="x",
            resolved_on=date(2026, 5, 13),
        )
    services.objection_resolve(
        actor=official,
        objection=objection,
        upheld=True,
        resolution="经核实，质押合同已解除",
        resolved_on=date(2026, 5, 13),
    )
    with pytest.raises(ValidationError, match="异议成立"):
        services.application_approve(actor=second, application=application, today=date(2026, 5, 14))
    application = services.application_step(actor=official, application=application, name="reject", note="异议成立")
    assert application.status == ApplicationStatus.REJECTED


def test_an_objection_found_groundless_lets_the_decision_go(checked, cast):
    application = walk_from_submitted(cast, checked)
    objection = services.objection_record(
        actor=cast["official"],
        application=application,
        objector="李某",
        grounds="重复申报",
        received_on=date(2026, 5, 7),
    )
    services.objection_resolve(
        actor=cast["official"], objection=objection, upheld=False, resolution="未重复", resolved_on=date(2026, 5, 12)
    )
    application = services.application_approve(
        actor=cast["official2"], application=application, today=date(2026, 5, 14)
    )
    assert application.status == ApplicationStatus.APPROVED


def walk_from_submitted(cast, application):
    official = cast["official"]
    application = services.application_step(actor=official, application=application, name="formal_pass")
    application = services.application_step(
        actor=official, application=application, name="review_pass", today=date(2026, 5, 6)
    )
    return services.application_step(actor=official, application=application, name="publicise", today=date(2026, 5, 6))

"""Findings and clawbacks (Decree 77 Art. 9(5): no subsidy for abnormal filings, paid subsidies clawed back).

A finding the office records (a confirmed abnormal application, a bad-faith mark, false material, a
serious dishonesty listing) refuses its item in every application checked afterwards (through the
module's own `programmes.ineligibility` contribution) and voids it where it was funded: an approved
item loses its amount, a paid one gets a clawback of the version's share of what was paid
(`engines.funding.clawback_due`), with its notice; repayments are recorded by the finance officer.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from zhichan.core import audit, limits
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.engines.funding import clawback_due, parse_rules
from zhichan.programmes.models import (
    ApplicationItem,
    ApplicationStatus,
    Clawback,
    ClawbackStatus,
    Finding,
    FindingKind,
    ItemKind,
)

FINDING, CLAWBACK = "programme_finding", "programme_clawback"


def notice_number(finding: Finding, item: ApplicationItem) -> str:
    return f"ZHZJ-ZH-{finding.found_on:%Y}-{finding.pk:05d}-{item.pk:05d}"


def finding_record(
    *,
    actor: Any,
    kind: str,
    basis: str,
    found_on: date,
    item_kind: str = "",
    item_number: str = "",
    organisation: Any = None,
) -> tuple[Finding, list[Clawback]]:
    """Record a finding and void the funded items it names; returns it with the clawbacks it opened."""
    require(actor, FINDING, Action.CREATE)
    if kind not in FindingKind.values:
        raise ValidationError({"kind": _("未知的认定类别")})
    item_number = " ".join(item_number.split()).upper()
    if item_number and item_kind not in ItemKind.values:
        raise ValidationError({"item_kind": _("请选择对象类别")})
    if not item_number and organisation is None:
        raise ValidationError({"item_number": _("须填写对象号码或申请单位")})
    values = {
        "kind": kind,
        "basis": basis.strip(),
        "item_kind": item_kind if item_number else "",
        "item_number": item_number,
    }
    if not values["basis"]:
        raise ValidationError({"basis": _("请填写认定依据（文书名称和文号）")})
    limits.check_values(Finding, values)
    opened: list[Clawback] = []
    with transaction.atomic():
        finding = Finding.objects.create(organisation=organisation, found_on=found_on, recorded_by=actor, **values)
        hit = Q(kind=item_kind, number=item_number) if item_number else Q(application__organisation=organisation)
        funded = (
            ApplicationItem.objects.select_for_update()
            .filter(hit, voided=False, eligible=True)
            .filter(application__status__in=(ApplicationStatus.APPROVED, ApplicationStatus.PAID))
            .select_related("application__call__version")
        )
        voided = 0
        for item in funded:
            item.voided = True
            item.save(update_fields=["voided"])
            voided += 1
            if item.paid_amount > 0:
                share = parse_rules(item.application.call.version.rules).clawback_share
                clawback = Clawback.objects.create(
                    item=item,
                    finding=finding,
                    share=share,
                    amount_due=clawback_due(paid=item.paid_amount, share=share),
                    notice_number=notice_number(finding, item),
                    notified_on=found_on,
                    created_by=actor,
                )
                opened.append(clawback)
                audit.record(
                    actor=actor,
                    action=f"{CLAWBACK}.create",
                    object_type=CLAWBACK,
                    object_id=clawback.pk,
                    summary={
                        "item": item.number,
                        "amount_due": str(clawback.amount_due),
                        "notice": clawback.notice_number,
                    },
                )
            else:
                application = item.application
                application.approved_total = max(application.approved_total - item.amount, Decimal(0))
                application.save(update_fields=["approved_total"])
        audit.record(
            actor=actor,
            action=f"{FINDING}.create",
            object_type=FINDING,
            object_id=finding.pk,
            summary={"kind": kind, "item": item_number, "voided": voided, "clawbacks": len(opened)},
        )
    return finding, opened


def clawback_repay(*, actor: Any, clawback: Clawback, amount: Any, repaid_on: date) -> Clawback:
    """A repayment received (the finance officer): repaid once nothing is owed."""
    require(actor, CLAWBACK, Action.CHANGE, clawback)
    paid = limits.decimal(amount, Clawback, "repaid_amount")
    if paid is None or paid <= 0:
        raise ValidationError({"amount": _("请填写退回金额")})
    with transaction.atomic():
        locked = Clawback.objects.select_for_update().get(pk=clawback.pk)
        owed = clawback_due(paid=locked.amount_due, share=Decimal(1), repaid=locked.repaid_amount)
        if paid > owed:
            raise ValidationError({"amount": _("退回金额超过尚欠金额 %(o)s 元") % {"o": owed}})
        locked.repaid_amount += paid
        locked.repaid_on = repaid_on
        if locked.repaid_amount >= locked.amount_due:
            locked.status = ClawbackStatus.REPAID
        locked.save(update_fields=["repaid_amount", "repaid_on", "status"])
        audit.record(
            actor=actor,
            action=f"{CLAWBACK}.repay",
            object_type=CLAWBACK,
            object_id=locked.pk,
            summary={"amount": str(paid), "outstanding": str(locked.amount_due - locked.repaid_amount)},
        )
    return locked

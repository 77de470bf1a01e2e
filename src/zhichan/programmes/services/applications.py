"""Applications: created by an organisation's member with the items claimed, checked by the funding
engine against the version's rules and every register's signals (`programmes.ineligibility`), moved
through review, publicity, the second official's decision and payment on the workflow kernel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import audit, limits
from zhichan.core import services as core_services
from zhichan.core.calendar import platform_calendar
from zhichan.core.policy import Action, acts_for
from zhichan.core.services import deny, require
from zhichan.core.workflow import transition_run
from zhichan.engines.funding import Evaluation, Facts, Item, evaluate, parse_rules
from zhichan.engines.rules import rule
from zhichan.programmes.extension import IneligibilityQuery, signals_for
from zhichan.programmes.models import (
    Application,
    ApplicationDocument,
    ApplicationItem,
    ApplicationStatus,
    Call,
    ItemKind,
    ItemStage,
    Payment,
    ProgrammeVersion,
)
from zhichan.programmes.workflows import APPLICATION

OBJECT = "programme_application"
MAX_ITEMS = 500


def _item_values(raw: dict[str, Any], n: int) -> dict[str, Any]:
    kind, number = str(raw.get("kind", "")).strip(), " ".join(str(raw.get("number", "")).split()).upper()
    if kind not in ItemKind.values:
        raise ValidationError({f"items[{n}].kind": _("未知的资助对象类别“%(v)s”") % {"v": kind}})
    if not number:
        raise ValidationError({f"items[{n}].number": _("请填写号码")})
    stage = str(raw.get("stage", "") or "")
    if stage not in ItemStage.values:
        raise ValidationError({f"items[{n}].stage": _("未知的阶段“%(v)s”") % {"v": stage}})
    values = {
        "kind": kind,
        "number": number,
        "title": str(raw.get("title", "")).strip(),
        "stage": stage,
        "on": limits.parse_date(raw.get("on")),
        "cost": limits.decimal(raw.get("cost"), ApplicationItem, "cost") or Decimal(0),
    }
    limits.check_values(ApplicationItem, values)
    return values


def application_create(
    *, actor: Any, call: Call, organisation: Any, items: list[dict[str, Any]], today: date | None = None
) -> Application:
    """A draft for `organisation` (the applicant's own, through a membership) with the items claimed."""
    require(actor, OBJECT, Action.CREATE)
    if not acts_for(actor, OBJECT, Action.CREATE, organisation):
        deny(
            actor=actor,
            action=f"{OBJECT}.create",
            object_type=OBJECT,
            object_id="",
            reason="not a member of the organisation",
            message=_("只能以本人所属组织的名义申报"),
        )
    today = today or timezone.localdate()
    if not call.open_on(today):
        raise ValidationError({"call": _("不在申报期内（%(a)s 至 %(b)s）") % {"a": call.opens_on, "b": call.closes_on}})
    if not items or len(items) > MAX_ITEMS:
        raise ValidationError({"items": _("请填写 1 至 %(n)d 项资助对象") % {"n": MAX_ITEMS}})
    parsed = [_item_values(raw, n) for n, raw in enumerate(items)]
    keys = [(v["kind"], v["number"]) for v in parsed]
    for n, key in enumerate(keys):
        if key in keys[:n]:
            raise ValidationError({f"items[{n}].number": _("同一申报中重复填写：%(v)s") % {"v": key[1]}})
    with transaction.atomic():
        application = Application.objects.create(call=call, organisation=organisation, applicant=actor)
        ApplicationItem.objects.bulk_create(ApplicationItem(application=application, **v) for v in parsed)
        audit.record(
            actor=actor,
            action=f"{OBJECT}.create",
            object_type=OBJECT,
            object_id=application.pk,
            summary={"call": call.title, "items": len(parsed)},
        )
    return application


def evaluation_of(application: Application, on: date) -> Evaluation:
    """The engine's answer for `application` now: the version's rules, the applicant's facts, every
    register's signals."""
    version = application.call.version
    items = list(application.items.all())
    organisation = application.organisation
    query = IneligibilityQuery(
        organisation_id=organisation.pk,
        credit_code=organisation.credit_code or "",
        items=tuple((i.kind, i.number) for i in items),
        on=on,
        application_id=str(application.pk),
    )
    signals, _sources = signals_for(query)
    facts = Facts(
        applicant_kind=organisation.kind,
        district=organisation.district.code if organisation.district_id else "",
        items=tuple(Item(i.kind, i.number, i.stage, i.on, i.cost) for i in items),
        signals=tuple(signals),
        documents=tuple(application.documents.values_list("requirement", flat=True)),
    )
    return evaluate(parse_rules(version.rules), facts)


def _store_checks(application: Application, on: date) -> tuple[list[str], dict[str, Any]]:
    """Run the checks and keep them with the application and each item (inside the step's transaction)."""
    result = evaluation_of(application, on)
    application.checks = [asdict(c) for c in result.checks]
    application.checked_at = timezone.now()
    application.requested_total = result.total
    by_key = {(r.item.kind, r.item.number): r for r in result.items}
    for item in application.items.all():
        found = by_key[(item.kind, item.number)]
        item.checks = [asdict(c) for c in found.checks]
        item.eligible = found.eligible and all(c.passed for c in result.checks)
        item.amount = found.amount
        item.save(update_fields=["checks", "eligible", "amount"])
    failed = sum(not r.eligible for r in result.items)
    return ["checks", "checked_at", "requested_total"], {"total": str(result.total), "items_refused": failed}


def application_submit(*, actor: Any, application: Application, today: date | None = None) -> Application:
    today = today or timezone.localdate()

    def precheck() -> None:
        if not application.call.open_on(today):
            raise ValidationError(_("申报期已结束，不能提交"))

    def write(locked: Application) -> tuple[list[str], dict[str, Any]]:
        fields, summary = _store_checks(locked, today)
        locked.submitted_at = timezone.now()
        return [*fields, "submitted_at"], summary

    return transition_run(
        actor=actor, obj=application, workflow=APPLICATION, name="submit", write=write, precheck=precheck
    )


def publicity_days(version: ProgrammeVersion, on: date) -> int:
    return version.publicity_days or int(rule("programmes.publicity_period", on=on).value)


def publicity_end(start: date, days: int) -> date:
    """The last day of a publicity of `days` working days that starts on `start` (counted from the next)."""
    calendar = platform_calendar()
    day = start
    while days:
        day += timedelta(days=1)
        days -= calendar.is_working_day(day)
    return day


def application_step(
    *, actor: Any, application: Application, name: str, note: str = "", today: date | None = None
) -> Application:
    """The office's steps: return, formal_pass, review_pass (checks rerun, amounts fixed), publicise, reject."""
    if name not in ("return", "formal_pass", "review_pass", "publicise", "reject"):
        raise ValidationError({"step": _("未知的步骤“%(s)s”") % {"s": name}})
    today = today or timezone.localdate()
    note = note.strip()[:500]
    if name in ("return", "reject") and not note:
        raise ValidationError({"note": _("退回或不予资助须说明理由")})

    def write(locked: Application) -> tuple[list[str], dict[str, Any]]:
        fields: list[str] = ["note"]
        summary: dict[str, Any] = {"note": note} if note else {}
        locked.note = note or locked.note
        if name == "review_pass":
            checked, summary = _store_checks(locked, today)
            if not locked.requested_total:
                raise ValidationError(_("没有符合条件的资助对象，请选择“不予资助”"))
            locked.reviewer = actor
            locked.approved_total = locked.requested_total
            fields += [*checked, "reviewer", "approved_total"]
        if name == "publicise":
            locked.publicity_from = today
            locked.publicity_until = publicity_end(today, publicity_days(locked.call.version, today))
            fields += ["publicity_from", "publicity_until"]
            summary["publicity_until"] = str(locked.publicity_until)
        return fields, summary

    return transition_run(actor=actor, obj=application, workflow=APPLICATION, name=name, write=write)


def application_approve(*, actor: Any, application: Application, today: date | None = None) -> Application:
    """The decision after publicity, by a second official: the reviewer may not decide what they reviewed."""
    today = today or timezone.localdate()

    def precheck() -> None:
        if application.reviewer_id == getattr(actor, "pk", None):
            deny(
                actor=actor,
                action=f"{OBJECT}.approve",
                object_type=OBJECT,
                object_id=application.pk,
                reason="reviewer may not decide",
                message=_("评审人不能批准本人评审的申报，须由另一名工作人员决定"),
            )
        if application.publicity_until and today <= application.publicity_until:
            raise ValidationError(_("公示期至 %(d)s，期满后方可批准") % {"d": application.publicity_until})
        if application.objections.filter(resolved_on__isnull=True).exists():
            raise ValidationError(_("公示期内的异议尚未处理，处理后方可批准"))
        if application.objections.filter(upheld=True).exists():
            raise ValidationError(_("异议成立：请选择“不予资助”并说明理由"))

    def write(locked: Application) -> tuple[list[str], dict[str, Any]]:
        # checked once more: a finding recorded during the publicity refuses its item now
        checked, summary = _store_checks(locked, today)
        if not locked.requested_total:
            raise ValidationError(_("没有符合条件的资助对象，请选择“不予资助”"))
        locked.approved_total = locked.requested_total
        version = locked.call.version
        committed = Application.objects.filter(
            call__version=version, status__in=(ApplicationStatus.APPROVED, ApplicationStatus.PAID)
        ).aggregate(total=Sum("approved_total"))["total"] or Decimal(0)
        if committed + locked.approved_total > version.budget:
            raise ValidationError(
                _("超出年度预算：已批准 %(c)s 元，本项 %(a)s 元，预算 %(b)s 元")
                % {"c": committed, "a": locked.approved_total, "b": version.budget}
            )
        locked.decided_by = actor
        return [*checked, "approved_total", "decided_by"], {**summary, "approved_total": str(locked.approved_total)}

    return transition_run(
        actor=actor, obj=application, workflow=APPLICATION, name="approve", write=write, precheck=precheck
    )


def application_pay(*, actor: Any, application: Application, batch: str, paid_on: date, voucher: str) -> Application:
    """The payment of an approved application (batch, date, voucher): each eligible item is paid its amount."""
    batch, voucher = batch.strip(), voucher.strip()
    if not batch or not voucher:
        raise ValidationError({"voucher": _("请填写拨付批次和凭证号")})
    limits.check_values(Payment, {"batch": batch, "voucher": voucher})

    def write(locked: Application) -> tuple[list[str], dict[str, Any]]:
        paid = Decimal(0)
        for item in locked.items.filter(eligible=True, voided=False):
            item.paid_amount = item.amount
            item.save(update_fields=["paid_amount"])
            paid += item.amount
        Payment.objects.create(
            application=locked, batch=batch, paid_on=paid_on, voucher=voucher, amount=paid, recorded_by=actor
        )
        return [], {"batch": batch, "voucher": voucher, "amount": str(paid), "paid_on": str(paid_on)}

    return transition_run(actor=actor, obj=application, workflow=APPLICATION, name="pay", write=write)


def application_document_add(
    *, actor: Any, application: Application, requirement: str, name: str, chunks: Iterable[bytes]
) -> ApplicationDocument:
    """Attach a document to a draft (the applicant): stored as evidence of its organisation."""
    require(actor, "programme_submission", Action.CHANGE, application)
    if requirement not in application.call.version.documents_required:
        raise ValidationError(
            {"requirement": _("申报材料应为：%(l)s") % {"l": "、".join(application.call.version.documents_required)}}
        )
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError(_("只能在草稿中添加材料"))
    evidence = core_services.evidence_upload(
        actor=actor, name=name, chunks=chunks, description=requirement, organisation=application.organisation
    )
    with transaction.atomic():
        document = ApplicationDocument.objects.create(
            application=application, requirement=requirement, evidence=evidence, added_by=actor
        )
        audit.record(
            actor=actor,
            action=f"{OBJECT}.document",
            object_type=OBJECT,
            object_id=application.pk,
            summary={"requirement": requirement, "sha256": evidence.sha256},
        )
    return document

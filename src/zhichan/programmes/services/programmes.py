"""Programmes, their yearly versions (the measure, its document number and date, the rules as data)
and calls for applications."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhichan.core import audit, limits
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.engines.funding import RulesError, parse_rules
from zhichan.programmes.models import Call, Programme, ProgrammeKind, ProgrammeVersion

OBJECT = "programme"


def programme_create(*, actor: Any, code: str, name: str, kind: str, department: str = "") -> Programme:
    require(actor, OBJECT, Action.CREATE)
    if kind not in ProgrammeKind.values:
        raise ValidationError({"kind": _("未知的项目类别")})
    values = {"code": code.strip(), "name": name.strip(), "kind": kind, "department": department.strip()}
    limits.check_values(Programme, values)
    if Programme.objects.filter(code=values["code"]).exists():
        raise ValidationError({"code": _("项目代码已存在")})
    with transaction.atomic():
        programme = Programme.objects.create(**values)
        audit.record(
            actor=actor,
            action=f"{OBJECT}.create",
            object_type=OBJECT,
            object_id=programme.pk,
            summary={"code": programme.code, "name": programme.name},
        )
    return programme


def rules_checked(rules: Any) -> dict[str, Any]:
    """The rules as stored, once the engine reads them; a ValidationError names the field that is wrong."""
    if not isinstance(rules, dict):
        raise ValidationError({"rules": _("条件与资助标准须为 JSON 对象")})
    try:
        parse_rules(rules)
    except RulesError as exc:
        raise ValidationError(
            {"rules": _("%(field)s：%(reason)s") % {"field": exc.field, "reason": exc.reason}}
        ) from None
    return rules


def version_create(*, actor: Any, programme: Programme, data: dict[str, Any]) -> ProgrammeVersion:
    """A year's terms: `data` has year, measure, document_number, document_date, budget, rules (and
    documents_required, publicity_days)."""
    require(actor, OBJECT, Action.CHANGE, programme)
    values = {
        "year": data["year"],
        "measure": data["measure"].strip(),
        "document_number": data["document_number"].strip(),
        "document_date": data["document_date"],
        "budget": limits.decimal(data["budget"], ProgrammeVersion, "budget"),
        "rules": rules_checked(data["rules"]),
        "documents_required": list(data.get("documents_required") or []),
        "publicity_days": data.get("publicity_days"),
    }
    if values["budget"] is None:
        raise ValidationError({"budget": _("请填写年度预算")})
    limits.check_values(ProgrammeVersion, values)
    if ProgrammeVersion.objects.filter(programme=programme, year=values["year"]).exists():
        raise ValidationError({"year": _("该年度的版本已存在")})
    with transaction.atomic():
        version = ProgrammeVersion.objects.create(programme=programme, **values)
        audit.record(
            actor=actor,
            action=f"{OBJECT}.version",
            object_type=OBJECT,
            object_id=programme.pk,
            summary={"year": version.year, "document_number": version.document_number},
        )
    return version


def call_create(*, actor: Any, version: ProgrammeVersion, title: str, opens_on: Any, closes_on: Any) -> Call:
    require(actor, OBJECT, Action.CHANGE, version.programme)
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("截止日期不能早于开始日期")})
    limits.check_values(Call, {"title": title})
    with transaction.atomic():
        call = Call.objects.create(version=version, title=title.strip(), opens_on=opens_on, closes_on=closes_on)
        audit.record(
            actor=actor,
            action=f"{OBJECT}.call",
            object_type=OBJECT,
            object_id=version.programme_id,
            summary={"title": call.title, "opens_on": str(opens_on), "closes_on": str(closes_on)},
        )
    return call

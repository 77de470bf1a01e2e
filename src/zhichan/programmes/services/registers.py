"""Imports of the registers (core.imports, errors by row and field):

- certifications (GB/T 29490): all or nothing, keyed by certificate number (a rerun updates);
- copyright registrations: per row in batches (a large yearly file; a rerun resumes, rows already in
  are unchanged), keyed by registration number;
- demonstration and advantage enterprises: all or nothing, keyed by (credit code, level, title, year);
  a withdrawal date and reason in the file withdraw the title.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils.translation import gettext as _

from zhichan.core import imports, jobs, limits
from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.core.districts import district_code
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.engines.identifiers import clean_uscc, validate_uscc
from zhichan.programmes.models import (
    Certification,
    CopyrightKind,
    CopyrightRegistration,
    EnterpriseTitle,
    TitleKind,
    TitleLevel,
)

REGISTER = "programme_register"


def _authorise(actor: Any) -> None:
    require(actor, REGISTER, Action.CREATE)


def _text(cells: dict[str, str], key: str, label: str, errors: list[imports.RowError], required: bool = True) -> str:
    value = " ".join(cells.get(key, "").split())
    if required and not value:
        errors.append(imports.RowError(label, _("不能为空")))
    return value


def _day(
    cells: dict[str, str], key: str, label: str, errors: list[imports.RowError], required: bool = True
) -> date | None:
    raw = cells.get(key, "").strip().replace("/", "-").replace(".", "-")
    if not raw:
        if required:
            errors.append(imports.RowError(label, _("不能为空")))
        return None
    try:
        return limits.parse_date(raw)
    except Exception:
        errors.append(imports.RowError(label, _("“%(v)s”不是日期（YYYY-MM-DD）") % {"v": raw}))
        return None


def _code(cells: dict[str, str], label: str, errors: list[imports.RowError], required: bool = True) -> str:
    code = clean_uscc(cells.get("credit_code", ""))
    if not code and not required:
        return ""
    if validate_uscc(code) is not None:
        errors.append(imports.RowError(label, _("“%(v)s”不是有效的统一社会信用代码") % {"v": code}))
    return code


def _district(cells: dict[str, str], errors: list[imports.RowError]) -> str:
    text = cells.get("district", "").strip()
    code = district_code(text) if text else ""
    if code is None:
        errors.append(imports.RowError("所在区", _("未知的区“%(v)s”") % {"v": text}))
    return code or ""


def _choice(value: str, choices: type[models.TextChoices], label: str, errors: list[imports.RowError]) -> str:
    names = {str(name): code for code, name in choices.choices} | {str(c): str(c) for c in choices.values}
    found = names.get(value.strip())
    if found is None:
        errors.append(imports.RowError(label, _("未知的取值“%(v)s”") % {"v": value.strip()}))
    return found or ""


def _upsert(
    model: type[models.Model], key: dict[str, Any], values: dict[str, Any], report: imports.ImportReport
) -> None:
    current = model._default_manager.filter(**key).first()
    if current is None:
        model._default_manager.create(**key, **values)
        report.created += 1
    elif any(getattr(current, k) != v for k, v in values.items()):
        model._default_manager.filter(pk=current.pk).update(**values)
        report.updated += 1
    else:
        report.unchanged += 1


def _applier(model: type[models.Model], key_fields: tuple[str, ...]) -> Callable[..., dict[str, Any]]:
    def apply(actor: Any, rows: list[tuple[int, dict[str, Any]]], report: imports.ImportReport) -> dict[str, Any]:
        with transaction.atomic():
            for _n, row in rows:
                key = {k: row[k] for k in key_fields}
                _upsert(model, key, {k: v for k, v in row.items() if k not in key_fields}, report)
        return {}

    return apply


# --- certifications (GB/T 29490) ---

CERTIFICATION_COLUMNS = (
    imports.Column("certificate_number", ("证书编号", "certificate_number"), required=True),
    imports.Column("holder_name", ("获证单位", "单位名称", "holder_name"), required=True),
    imports.Column("credit_code", ("统一社会信用代码", "credit_code"), required=True),
    imports.Column("certifying_body", ("认证机构", "certifying_body"), required=True),
    imports.Column("district", ("所在区", "区", "district")),
    imports.Column("issued_on", ("发证日期", "issued_on"), required=True),
    imports.Column("expires_on", ("有效期至", "expires_on"), required=True),
    imports.Column("status", ("证书状态", "status")),
)
CERTIFICATE_STATUS = {"": "valid", "有效": "valid", "valid": "valid", "暂停": "suspended", "suspended": "suspended"}
CERTIFICATE_STATUS |= {"撤销": "withdrawn", "withdrawn": "withdrawn"}


def parse_certification(cells: dict[str, str]) -> dict[str, Any]:
    errors: list[imports.RowError] = []
    row = {
        "certificate_number": _text(cells, "certificate_number", "证书编号", errors).upper(),
        "holder_name": _text(cells, "holder_name", "获证单位", errors),
        "credit_code": _code(cells, "统一社会信用代码", errors),
        "certifying_body": _text(cells, "certifying_body", "认证机构", errors),
        "district": _district(cells, errors),
        "issued_on": _day(cells, "issued_on", "发证日期", errors),
        "expires_on": _day(cells, "expires_on", "有效期至", errors),
        "status": CERTIFICATE_STATUS.get(cells.get("status", "").strip(), ""),
    }
    if not row["status"]:
        errors.append(imports.RowError("证书状态", _("未知的证书状态“%(v)s”") % {"v": cells.get("status", "")}))
    if row["issued_on"] and row["expires_on"] and row["expires_on"] < row["issued_on"]:
        errors.append(imports.RowError("有效期至", _("早于发证日期")))
    if errors:
        raise imports.RowErrors(errors)
    return row


def certification_import_spec() -> imports.ImportSpec[dict[str, Any]]:
    return imports.ImportSpec(
        name="programme_certification",
        columns=CERTIFICATION_COLUMNS,
        parse_row=parse_certification,
        apply=_applier(Certification, ("certificate_number",)),
        authorise=_authorise,
        mode=imports.Mode.ALL_OR_NOTHING,
        identity=lambda row: ("certificate_number", row["certificate_number"]),
    )


# --- copyright registrations ---

COPYRIGHT_COLUMNS = (
    imports.Column("number", ("登记号", "number"), required=True),
    imports.Column("title", ("作品名称", "软件名称", "title"), required=True),
    imports.Column("kind", ("类别", "kind"), required=True),
    imports.Column("owner_name", ("著作权人", "owner_name"), required=True),
    imports.Column("credit_code", ("统一社会信用代码", "credit_code")),
    imports.Column("district", ("所在区", "区", "district")),
    imports.Column("registered_on", ("登记日期", "registered_on"), required=True),
)


def parse_copyright(cells: dict[str, str]) -> dict[str, Any]:
    errors: list[imports.RowError] = []
    row = {
        "number": _text(cells, "number", "登记号", errors).upper(),
        "title": _text(cells, "title", "作品名称", errors),
        "kind": _choice(cells.get("kind", ""), CopyrightKind, "类别", errors),
        "owner_name": _text(cells, "owner_name", "著作权人", errors),
        "credit_code": _code(cells, "统一社会信用代码", errors, required=False),
        "district": _district(cells, errors),
        "registered_on": _day(cells, "registered_on", "登记日期", errors),
    }
    if errors:
        raise imports.RowErrors(errors)
    return row


def copyright_import_spec() -> imports.ImportSpec[dict[str, Any]]:
    return imports.ImportSpec(
        name="programme_copyright",
        columns=COPYRIGHT_COLUMNS,
        parse_row=parse_copyright,
        apply=_applier(CopyrightRegistration, ("number",)),
        authorise=_authorise,
        mode=imports.Mode.PER_ROW,
        identity=lambda row: ("number", row["number"]),
    )


# --- demonstration and advantage enterprises ---

TITLE_COLUMNS = (
    imports.Column("holder_name", ("企业名称", "holder_name"), required=True),
    imports.Column("credit_code", ("统一社会信用代码", "credit_code"), required=True),
    imports.Column("level", ("级别", "level"), required=True),
    imports.Column("kind", ("称号", "kind"), required=True),
    imports.Column("year", ("认定年度", "year"), required=True),
    imports.Column("district", ("所在区", "区", "district")),
    imports.Column("withdrawn_on", ("撤销日期", "withdrawn_on")),
    imports.Column("withdrawal_reason", ("撤销原因", "withdrawal_reason")),
)


def parse_title(cells: dict[str, str]) -> dict[str, Any]:
    errors: list[imports.RowError] = []
    year_text = cells.get("year", "").strip().removesuffix("年")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else None
    if year is None:
        errors.append(imports.RowError("认定年度", _("“%(v)s”不是年份") % {"v": year_text}))
    row = {
        "holder_name": _text(cells, "holder_name", "企业名称", errors),
        "credit_code": _code(cells, "统一社会信用代码", errors),
        "level": _choice(cells.get("level", ""), TitleLevel, "级别", errors),
        "kind": _choice(cells.get("kind", ""), TitleKind, "称号", errors),
        "year": year,
        "district": _district(cells, errors),
        "withdrawn_on": _day(cells, "withdrawn_on", "撤销日期", errors, required=False),
        "withdrawal_reason": _text(cells, "withdrawal_reason", "撤销原因", errors, required=False),
    }
    if row["withdrawn_on"] and not row["withdrawal_reason"]:
        errors.append(imports.RowError("撤销原因", _("撤销须写明原因（信用或认定结论）")))
    if errors:
        raise imports.RowErrors(errors)
    return row


def title_import_spec() -> imports.ImportSpec[dict[str, Any]]:
    return imports.ImportSpec(
        name="programme_title",
        columns=TITLE_COLUMNS,
        parse_row=parse_title,
        apply=_applier(EnterpriseTitle, ("credit_code", "level", "kind", "year")),
        authorise=_authorise,
        mode=imports.Mode.ALL_OR_NOTHING,
        identity=lambda row: ("credit_code", (row["credit_code"], row["level"], row["kind"], row["year"])),
    )


SPECS = {"certification": certification_import_spec, "copyright": copyright_import_spec, "title": title_import_spec}


def register_import_start(*, actor: Any, register: str, name: str, chunks: Iterable[bytes]) -> Any:
    _authorise(actor)
    if register not in SPECS:
        raise ValueError(register)
    return core_services.import_start(
        actor=actor,
        kind="programmes.register_import",
        name=name,
        chunks=chunks,
        description=_("企业知识产权名录导入文件"),
        params={"register": register},
    )


def register_import_job(context: jobs.JobContext, *, evidence_id: str, actor_id: int, register: str) -> dict[str, Any]:
    actor = get_user_model().objects.get(pk=actor_id)
    evidence = core_selectors.evidence_list(user=actor).get(pk=evidence_id)
    with core_services.evidence_open(actor=actor, evidence=evidence) as stored:
        report = imports.run_stored(
            SPECS[register](), actor=actor, handle=stored, name=evidence.original_name, context=context
        )
    for error in report.errors[:200]:
        context.log(str(error))
    return report.as_dict(errors=200)

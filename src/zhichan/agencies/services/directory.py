"""The directory of service agencies: its import (all or nothing, errors by row and field).

One row is an agency, or one practitioner of it: rows with the same credit code describe one agency
(the first row's fields are kept; the practitioner columns of every row are added). A branch names
its head office's credit code in 总机构信用代码, and the head office is in the file or the directory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from zhichan.agencies.models import Agency, AgencyKind, BrandStatus, Practitioner
from zhichan.core import imports, jobs
from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.core.districts import district_code
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.engines.identifiers import clean_uscc, validate_uscc

KIND_NAMES = {str(label): value for value, label in AgencyKind.choices} | {v: v for v in AgencyKind.values}
BRAND_NAMES = {str(label): value for value, label in BrandStatus.choices if value} | {
    v: v for v in BrandStatus.values if v
}
_SPLIT = re.compile(r"[|;；,，、/]+")

COLUMNS = (
    imports.Column("name", ("机构名称", "名称", "name"), required=True),
    imports.Column("credit_code", ("统一社会信用代码", "credit_code"), required=True),
    imports.Column("kind", ("机构类型", "类型", "kind"), required=True),
    imports.Column("licence_number", ("执业许可证号", "licence_number")),
    imports.Column("trademark_record", ("商标代理备案号", "trademark_record")),
    imports.Column("parent_credit_code", ("总机构信用代码", "parent_credit_code")),
    imports.Column("district", ("所在区", "区", "district")),
    imports.Column("services", ("服务项目", "services")),
    imports.Column("brand_status", ("品牌机构", "brand_status")),
    imports.Column("address", ("地址", "address")),
    imports.Column("practitioner", ("专利代理师", "practitioner")),
    imports.Column("certificate_number", ("资格证号", "certificate_number")),
)


@dataclass(frozen=True)
class AgencyRow:
    credit_code: str
    values: dict[str, Any]
    parent_credit_code: str
    practitioner: tuple[str, str] | None


def parse_agency_row(cells: dict[str, str]) -> AgencyRow:
    errors: list[imports.RowError] = []
    name = " ".join(cells.get("name", "").split())
    if not name:
        errors.append(imports.RowError("机构名称", _("不能为空")))
    elif len(name) > 200:
        errors.append(imports.RowError("机构名称", _("超过 %(n)d 个字符") % {"n": 200}))
    code = clean_uscc(cells.get("credit_code", ""))
    if validate_uscc(code) is not None:
        errors.append(imports.RowError("统一社会信用代码", _("“%(v)s”不是有效的统一社会信用代码") % {"v": code}))
    kind = KIND_NAMES.get(cells.get("kind", "").strip())
    if kind is None:
        errors.append(imports.RowError("机构类型", _("未知类型“%(v)s”") % {"v": cells.get("kind", "").strip()}))
    licence = cells.get("licence_number", "").strip()[:64]
    if kind == AgencyKind.PATENT and not licence:
        errors.append(imports.RowError("执业许可证号", _("专利代理机构须填写执业许可证号")))
    district_text = cells.get("district", "").strip()
    district = district_code(district_text) if district_text else ""
    if district is None:
        errors.append(imports.RowError("所在区", _("未知的区“%(v)s”") % {"v": district_text}))
    brand_text = cells.get("brand_status", "").strip()
    brand = BRAND_NAMES.get(brand_text, "") if brand_text not in ("", "否", "无") else ""
    if brand_text not in ("", "否", "无") and not brand:
        errors.append(imports.RowError("品牌机构", _("未知的品牌机构状态“%(v)s”") % {"v": brand_text}))
    person = " ".join(cells.get("practitioner", "").split())[:100]
    certificate = cells.get("certificate_number", "").strip().upper()[:64]
    if bool(person) != bool(certificate):
        errors.append(imports.RowError("资格证号", _("专利代理师的姓名和资格证号须同时填写")))
    if errors:
        raise imports.RowErrors(errors)
    return AgencyRow(
        credit_code=code,
        values={
            "name": name,
            "kind": kind,
            "licence_number": licence,
            "trademark_record": cells.get("trademark_record", "").strip()[:64],
            "district": district or "",
            "services": [s.strip() for s in _SPLIT.split(cells.get("services", "")) if s.strip()][:50],
            "brand_status": brand,
            "address": cells.get("address", "").strip()[:300],
        },
        parent_credit_code=cells.get("parent_credit_code", "").strip().upper(),
        practitioner=(person, certificate) if person else None,
    )


def _apply(actor: Any, rows: list[tuple[int, AgencyRow]], report: imports.ImportReport) -> dict[str, Any]:
    codes = {row.credit_code for _n, row in rows} | {row.parent_credit_code for _n, row in rows}
    organisations = {
        o.credit_code: o for o in core_selectors.organisation_list(user=actor).filter(credit_code__in=codes)
    }
    known = {a.credit_code: a for a in Agency.objects.filter(credit_code__in=codes)}
    in_file = {row.credit_code for _n, row in rows}
    orphans = [
        (row_no, row)
        for row_no, row in rows
        if row.parent_credit_code
        and (row.parent_credit_code == row.credit_code or row.parent_credit_code not in in_file | set(known))
    ]
    for row_no, _row in orphans:  # all or nothing: nothing is written when a branch has no head office
        report.refuse(row_no, [imports.RowError("总机构信用代码", _("总机构不在名录或文件中"))])
    if orphans:
        return {}
    practitioners = 0
    with transaction.atomic():
        done: set[str] = set()
        for _row_no, row in rows:
            agency = known.get(row.credit_code)
            if row.credit_code not in done:
                values = {**row.values, "organisation": organisations.get(row.credit_code)}
                if agency is None:
                    agency = Agency.objects.create(credit_code=row.credit_code, **values)
                    known[row.credit_code] = agency
                    report.created += 1
                elif any(getattr(agency, k) != v for k, v in values.items()):
                    for key, value in values.items():
                        setattr(agency, key, value)
                    agency.save()
                    report.updated += 1
                else:
                    report.unchanged += 1
                done.add(row.credit_code)
            if row.practitioner:
                _p, created = Practitioner.objects.update_or_create(
                    agency=agency, certificate_number=row.practitioner[1], defaults={"name": row.practitioner[0]}
                )
                practitioners += created
        for _row_no, row in rows:
            if not row.parent_credit_code:
                continue
            parent = known[row.parent_credit_code]
            Agency.objects.filter(pk=known[row.credit_code].pk).update(parent=parent)
    return {"practitioners": practitioners}


def agencies_import_spec() -> imports.ImportSpec[AgencyRow]:
    return imports.ImportSpec(
        name="agency",
        columns=COLUMNS,
        parse_row=parse_agency_row,
        apply=_apply,
        authorise=lambda actor: require(actor, "agency", Action.CREATE),
        mode=imports.Mode.ALL_OR_NOTHING,
    )


def agencies_import_start(*, actor: Any, name: str, chunks: Iterable[bytes]) -> Any:
    require(actor, "agency", Action.CREATE)
    return core_services.import_start(
        actor=actor, kind="agencies.import", name=name, chunks=chunks, description=_("服务机构名录导入文件"), params={}
    )


def agencies_import_job(context: jobs.JobContext, *, evidence_id: str, actor_id: int) -> dict[str, Any]:
    actor = get_user_model().objects.get(pk=actor_id)
    evidence = core_selectors.evidence_list(user=actor).get(pk=evidence_id)
    with core_services.evidence_open(actor=actor, evidence=evidence) as stored:
        report = imports.run_stored(
            agencies_import_spec(), actor=actor, handle=stored, name=evidence.original_name, context=context
        )
    for error in report.errors[:200]:
        context.log(str(error))
    return report.as_dict(errors=200)

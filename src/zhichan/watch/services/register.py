"""The protected-marks register: its import (per row by registration number) and owners' watch requests."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhichan.core import audit, imports, jobs
from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.core.policy import Action, acts_for
from zhichan.core.services import require
from zhichan.core.workflow import transition_run
from zhichan.engines.text import normalize
from zhichan.watch import clocks
from zhichan.watch.models import (
    Honour,
    HonourKind,
    MarkStatus,
    ProtectedMark,
    WatchState,
)
from zhichan.watch.services.common import read_classes, read_date, read_groups, read_text
from zhichan.watch.workflows import WATCH_REQUEST

_YEAR = re.compile(r"(19|20)\d\d")
_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


# --- the protected-marks register ---

HONOUR_COLUMNS = {
    HonourKind.ZHONGHUA_LAOZIHAO: ("中华老字号", "zhonghua_laozihao"),
    HonourKind.GUANGDONG_LAOZIHAO: ("广东老字号", "guangdong_laozihao"),
    HonourKind.WELL_KNOWN: ("驰名商标", "well_known"),
    HonourKind.GUANGZHOU_CUSTOM: ("广州定制", "guangzhou_custom"),
    HonourKind.GI_PRODUCT: ("地理标志产品", "gi_product"),
    HonourKind.GI_MARK: ("地理标志商标", "gi_mark"),
    HonourKind.COLLECTIVE: ("集体商标", "collective"),
    HonourKind.CERTIFICATION: ("证明商标", "certification"),
}
_NO = {"", "否", "无", "no", "n", "0", "false", "-"}
STATUS_NAMES = {str(label): value for value, label in MarkStatus.choices} | {v: v for v in MarkStatus.values}

MARK_COLUMNS = (
    imports.Column("registration_number", ("注册号", "registration_number"), required=True),
    imports.Column("mark", ("商标", "商标名称", "mark"), required=True),
    imports.Column("classes", ("类别", "尼斯分类", "classes"), required=True),
    imports.Column("similar_groups", ("类似群", "similar_groups")),
    imports.Column("goods", ("商品/服务", "商品或服务", "goods")),
    imports.Column("owner_name", ("注册人", "owner")),
    imports.Column("owner_credit_code", ("统一社会信用代码", "owner_credit_code")),
    imports.Column("filing_date", ("申请日", "filing_date")),
    imports.Column("registration_date", ("注册日", "registration_date")),
    imports.Column("expiry_date", ("专用权期限至", "有效期至", "expiry_date")),
    imports.Column("status", ("状态", "status")),
    *(imports.Column(code, (zh, code)) for zh, code in HONOUR_COLUMNS.values()),
)


@dataclass(frozen=True)
class MarkRow:
    registration_number: str
    values: dict[str, Any]
    owner_credit_code: str
    owner_name: str
    honours: dict[str, dict[str, Any]]


def _honour(text: str) -> dict[str, Any]:
    """A cell such as `2006 第一批` or `2009-04-01 国家工商总局商标局 商标驰字[2009]第12号`: the year and
    day found in it, the rest kept as written."""
    day = _DAY.search(text)
    year = _YEAR.search(text)
    recognised = None
    if day:
        try:
            recognised = date.fromisoformat("-".join(p.zfill(2) for p in day.group().split("-")))
        except ValueError:
            recognised = None
    return {
        "year": recognised.year if recognised else (int(year.group()) if year else None),
        "recognised_on": recognised,
        "batch": text[:100],
    }


def parse_mark_row(cells: dict[str, str]) -> MarkRow:
    errors: list[imports.RowError] = []

    def attempt(fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except imports.RowError as exc:
            errors.append(exc)
            return None

    number = attempt(read_text, cells, "registration_number", "注册号", 32, required=True)
    mark = attempt(read_text, cells, "mark", "商标", 200, required=True)
    classes = attempt(read_classes, cells.get("classes", ""), "类别")
    if classes == []:
        errors.append(imports.RowError("类别", _("不能为空")))
    groups = attempt(read_groups, cells.get("similar_groups", ""), "类似群") or []
    dates = {
        key: attempt(read_date, cells.get(key, ""), label)
        for key, label in (("filing_date", "申请日"), ("registration_date", "注册日"), ("expiry_date", "专用权期限至"))
    }
    status_text = cells.get("status", "").strip()
    status = STATUS_NAMES.get(status_text or MarkStatus.REGISTERED)
    if status is None:
        errors.append(imports.RowError("状态", _("未知状态“%(v)s”") % {"v": status_text}))
    if dates.get("registration_date") and not dates.get("expiry_date"):
        dates["expiry_date"] = clocks.expiry_of(dates["registration_date"])
    honours = {
        kind: _honour(cells.get(code, "").strip())
        for kind, (_zh, code) in HONOUR_COLUMNS.items()
        if cells.get(code, "").strip().lower() not in _NO
    }
    if errors:
        raise imports.RowErrors(errors)
    return MarkRow(
        registration_number=number,
        values={
            "mark": mark,
            "classes": classes,
            "similar_groups": groups,
            "goods": cells.get("goods", "").strip()[:5000],
            "status": status,
            **dates,
        },
        owner_credit_code=cells.get("owner_credit_code", "").strip().upper(),
        owner_name=read_text(cells, "owner_name", "注册人", 200),
        honours=honours,
    )


def _owner(actor: Any, row: MarkRow) -> Any:
    """The owner on the platform: by credit code where given, else by normalised name."""
    organisations = core_selectors.organisation_list(user=actor)
    if row.owner_credit_code:
        found = organisations.filter(credit_code=row.owner_credit_code).first()
        if found is not None:
            return found
    if row.owner_name:
        return organisations.filter(name_normalized=normalize(row.owner_name)[:200]).first()
    return None


def _apply_marks(actor: Any, rows: list[tuple[int, MarkRow]], report: imports.ImportReport) -> dict[str, Any]:
    with transaction.atomic():
        known = {
            m.registration_number: m
            for m in ProtectedMark.objects.filter(
                registration_number__in=[row.registration_number for _n, row in rows]
            ).prefetch_related("honours")
        }
        for _row_no, row in rows:
            owner = _owner(actor, row)
            values = {**row.values, "owner": owner, "owner_name": row.owner_name or (owner.name if owner else "")}
            mark = known.get(row.registration_number)
            honours = {h.kind: h for h in mark.honours.all()} if mark else {}
            if mark is None:
                mark = ProtectedMark.objects.create(registration_number=row.registration_number, **values)
                report.created += 1
            else:
                changed = [k for k, v in values.items() if getattr(mark, k) != v]
                changed_honours = set(honours) != set(row.honours) or any(
                    honours[k].batch != v["batch"] for k, v in row.honours.items() if k in honours
                )
                if not changed and not changed_honours:
                    report.unchanged += 1
                    continue
                for key in changed:
                    setattr(mark, key, values[key])
                mark.save()
                report.updated += 1
            Honour.objects.filter(mark=mark).exclude(kind__in=list(row.honours)).delete()
            for kind, detail in row.honours.items():
                Honour.objects.update_or_create(mark=mark, kind=kind, defaults=detail)
    return {}


def marks_import_spec() -> imports.ImportSpec[MarkRow]:
    return imports.ImportSpec(
        name="watch_mark",
        columns=MARK_COLUMNS,
        parse_row=parse_mark_row,
        apply=_apply_marks,
        authorise=lambda actor: require(actor, "watch_mark", Action.CREATE),
        mode=imports.Mode.PER_ROW,
        identity=lambda row: ("registration_number", row.registration_number),
        batch_size=500,
    )


def marks_import_start(*, actor: Any, name: str, chunks: Iterable[bytes]) -> Any:
    require(actor, "watch_mark", Action.CREATE)
    return core_services.import_start(
        actor=actor,
        kind="watch.marks_import",
        name=name,
        chunks=chunks,
        description=_("保护商标名录导入文件"),
        params={},
    )


def run_import_job(context: jobs.JobContext, spec: Any, evidence_id: str, actor_id: int) -> imports.ImportReport:
    actor = get_user_model().objects.get(pk=actor_id)
    evidence = core_selectors.evidence_list(user=actor).get(pk=evidence_id)
    with core_services.evidence_open(actor=actor, evidence=evidence) as stored:
        report = imports.run_stored(spec, actor=actor, handle=stored, name=evidence.original_name, context=context)
    for error in report.errors[:200]:
        context.log(str(error))
    return report


def marks_import_job(context: jobs.JobContext, *, evidence_id: str, actor_id: int) -> dict[str, Any]:
    report = run_import_job(context, marks_import_spec(), evidence_id, actor_id)
    return report.as_dict(errors=200)


def mark_watch_request(*, actor: Any, data: dict[str, Any]) -> ProtectedMark:
    """An owner asks for one of its marks to be watched; the office accepts or declines it."""
    owner = data["owner"]
    if not acts_for(actor, "watch_mark", Action.CREATE, owner):
        core_services.deny(
            actor=actor,
            action="watch_mark.request",
            object_type="watch_mark",
            reason="not the owner's organisation",
            message=_("只能为本单位的商标申请监测"),
        )
    if ProtectedMark.objects.filter(registration_number=data["registration_number"]).exists():
        raise ValidationError({"registration_number": _("该注册号已在名录中")})
    with transaction.atomic():
        mark = ProtectedMark.objects.create(
            registration_number=data["registration_number"],
            mark=data["mark"],
            classes=data["classes"],
            goods=data.get("goods", ""),
            owner=owner,
            owner_name=owner.name,
            registration_date=data.get("registration_date"),
            expiry_date=data.get("registration_date") and clocks.expiry_of(data["registration_date"]),
            watch_state=WatchState.REQUESTED,
            requested_by=actor,
        )
        audit.record(
            actor=actor,
            action="watch_mark.request",
            object_type="watch_mark",
            object_id=mark.pk,
            summary={"mark": mark.mark, "registration_number": mark.registration_number},
        )
    return mark


def mark_watch_decide(*, actor: Any, mark: ProtectedMark, accept: bool, note: str = "") -> ProtectedMark:
    def write(locked: ProtectedMark) -> tuple[list[str], dict[str, Any]]:
        if not accept and not note.strip():
            raise ValidationError({"note": _("不予监测须说明理由")})
        locked.watch_note = note.strip()[:500]
        return ["watch_note"], {"note": locked.watch_note}

    return transition_run(
        actor=actor, obj=mark, workflow=WATCH_REQUEST, name="accept" if accept else "decline", write=write
    )

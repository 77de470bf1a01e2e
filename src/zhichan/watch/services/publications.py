"""The weekly publications: their import (per row by filing number) and the screening against the register."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import audit, imports, jobs
from zhichan.core import services as core_services
from zhichan.core.policy import Action, permits
from zhichan.core.services import require
from zhichan.engines.marks import GoodsRelation, GoodsTable, Mark, Register, compare_goods, load_goods_table, screen
from zhichan.engines.marks.settings import DEFAULT_SETTINGS
from zhichan.engines.rules import rule
from zhichan.engines.text import normalize
from zhichan.watch import clocks, conf
from zhichan.watch.models import (
    NAME_HONOURS,
    Alert,
    Filing,
    Ground,
    HonourKind,
    MarkStatus,
    ProtectedMark,
    Publication,
    WatchState,
)
from zhichan.watch.services.common import read_classes, read_date, read_groups, read_text
from zhichan.watch.services.register import run_import_job

# a classes-only table: codes are Nice classes, so goods compare as same class or different class
CLASSES_ONLY = GoodsTable(edition="尼斯分类（未导入区分表）", groups={})


# --- publications ---

FILING_COLUMNS = (
    imports.Column("filing_number", ("申请号", "filing_number"), required=True),
    imports.Column("mark", ("商标", "商标名称", "mark"), required=True),
    imports.Column("classes", ("类别", "尼斯分类", "classes"), required=True),
    imports.Column("similar_groups", ("类似群", "similar_groups")),
    imports.Column("goods", ("商品/服务", "商品或服务", "goods")),
    imports.Column("applicant", ("申请人", "applicant"), required=True),
    imports.Column("applicant_address", ("申请人地址", "applicant_address")),
    imports.Column("agency", ("代理机构", "agency")),
    imports.Column("published_on", ("公告日期", "publication_date"), required=True),
    imports.Column("issue", ("期号", "公告期号", "issue"), required=True),
)


@dataclass(frozen=True)
class FilingRow:
    filing_number: str
    issue: str
    published_on: date
    values: dict[str, Any]


def parse_filing_row(cells: dict[str, str]) -> FilingRow:
    errors: list[imports.RowError] = []

    def attempt(fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except imports.RowError as exc:
            errors.append(exc)
            return None

    number = attempt(read_text, cells, "filing_number", "申请号", 32, required=True)
    mark = attempt(read_text, cells, "mark", "商标", 200, required=True)
    classes = attempt(read_classes, cells.get("classes", ""), "类别")
    if classes == []:
        errors.append(imports.RowError("类别", _("不能为空")))
    groups = attempt(read_groups, cells.get("similar_groups", ""), "类似群") or []
    stray = [g for g in groups if classes and int(g[:2]) not in classes]
    if stray:
        message = _("类似群 %(g)s 不在申请的类别内") % {"g": "、".join(stray)}
        errors.append(imports.RowError("类似群", message))
    applicant = attempt(read_text, cells, "applicant", "申请人", 200, required=True)
    address = attempt(read_text, cells, "applicant_address", "申请人地址", 300)
    agency = attempt(read_text, cells, "agency", "代理机构", 200)
    issue = attempt(read_text, cells, "issue", "期号", 32, required=True)
    published_on = attempt(read_date, cells.get("published_on", ""), "公告日期")
    if published_on is None and not any(e.field == "公告日期" for e in errors):
        errors.append(imports.RowError("公告日期", _("不能为空")))
    if errors:
        raise imports.RowErrors(errors)
    return FilingRow(
        number,
        issue,
        published_on,
        {
            "mark": mark,
            "classes": classes,
            "similar_groups": groups,
            "goods": cells.get("goods", "").strip()[:5000],
            "applicant": applicant,
            "applicant_address": address,
            "agency": agency,
        },
    )


def _apply_filings(actor: Any, rows: list[tuple[int, FilingRow]], report: imports.ImportReport) -> dict[str, Any]:
    issues: dict[str, Publication] = {}
    fresh: list[Filing] = []
    publications: set[int] = set()
    with transaction.atomic():
        known = set(
            Filing.objects.filter(filing_number__in=[r.filing_number for _n, r in rows]).values_list(
                "filing_number", flat=True
            )
        )
        for row_no, row in rows:
            publication = issues.get(row.issue)
            if publication is None:
                publication, _created = Publication.objects.get_or_create(
                    issue=row.issue, defaults={"published_on": row.published_on}
                )
                issues[row.issue] = publication
            if publication.published_on != row.published_on:
                message = _("第%(issue)s期的公告日期是 %(day)s") % {
                    "issue": row.issue,
                    "day": publication.published_on.isoformat(),
                }
                report.refuse(row_no, [imports.RowError("公告日期", message)])
                continue
            if row.filing_number in known:
                report.unchanged += 1
                continue
            fresh.append(Filing(filing_number=row.filing_number, publication=publication, **row.values))
            publications.add(publication.pk)
        Filing.objects.bulk_create(fresh)
        report.created += len(fresh)
    return {"publications": sorted(publications)}


def publication_import_spec() -> imports.ImportSpec[FilingRow]:
    return imports.ImportSpec(
        name="watch_publication",
        columns=FILING_COLUMNS,
        parse_row=parse_filing_row,
        apply=_apply_filings,
        authorise=lambda actor: require(actor, "watch_publication", Action.CREATE),
        mode=imports.Mode.PER_ROW,
        identity=lambda row: ("filing_number", row.filing_number),
        batch_size=2000,
    )


def publication_import_start(*, actor: Any, name: str, chunks: Iterable[bytes]) -> Any:
    require(actor, "watch_publication", Action.CREATE)
    return core_services.import_start(
        actor=actor,
        kind="watch.publication_import",
        name=name,
        chunks=chunks,
        description=_("商标初步审定公告导入文件"),
        params={},
    )


def publication_import_job(context: jobs.JobContext, *, evidence_id: str, actor_id: int) -> dict[str, Any]:
    """Import the filings, then screen what is new against the register (in the same job)."""
    report = run_import_job(context, publication_import_spec(), evidence_id, actor_id)
    actor = get_user_model().objects.get(pk=actor_id)
    found = screen_pending(actor=actor, progress=context.progress)
    _assess_after(actor, found)
    context.log(
        _("新增申请 %(c)d，已有 %(u)d，有误 %(e)d 行；筛查 %(s)d 件，新预警 %(a)d 条")
        % {
            "c": report.created,
            "u": report.unchanged,
            "e": report.rows_with_errors,
            "s": found.screened,
            "a": found.alerts,
        }
    )
    return {**report.as_dict(errors=200), "screened": found.screened, "alerts": found.alerts}


# --- screening ---


@dataclass
class Screened:
    screened: int = 0
    alerts: int = 0


def _watched() -> list[ProtectedMark]:
    return list(
        ProtectedMark.objects.filter(watch_state=WatchState.WATCHED)
        .exclude(status__in=[MarkStatus.INVALIDATED, MarkStatus.CANCELLED])
        .select_related("owner")
        .prefetch_related("honours")
    )


@lru_cache(maxsize=4)
def _load_table(path: str, _mtime: float) -> GoodsTable:
    return load_goods_table(Path(path))


def goods_table() -> GoodsTable | None:
    """The office's 类似商品和服务区分表 (`WATCH_GOODS_TABLE`), read again when the file changes; None
    when none is set. A bad file fails the screening with its file, row and field."""
    path = conf.get("WATCH_GOODS_TABLE")
    if not path:
        return None
    return _load_table(str(path), Path(path).stat().st_mtime)


def _goods(filing: Filing, mark: ProtectedMark, table: GoodsTable | None = None) -> Any:
    """Goods by 类似群 where the table and both sides have groups (the 区分表 rule: same group, similar
    goods), else by Nice class (same class: manual review)."""
    classes_a, classes_b = [str(c) for c in filing.classes], [str(c) for c in mark.classes]
    if table is not None:
        groups_a = [g for g in filing.similar_groups if g in table.groups]
        groups_b = [g for g in mark.similar_groups if g in table.groups]
        if groups_a and groups_b:
            return compare_goods([*groups_a, *classes_a], [*groups_b, *classes_b], table)
    return compare_goods(classes_a, classes_b, CLASSES_ONLY)


def _risk(score: float, relation: str, honours: set[str]) -> float:
    goods_weight = conf.get("WATCH_GOODS_WEIGHTS").get(relation, 1.0)
    honour_weight = max([conf.get("WATCH_HONOUR_WEIGHTS").get(kind, 1.0) for kind in honours] or [1.0])
    return round(score * goods_weight * honour_weight, 4)


def _own_filing(filing: Filing, mark: ProtectedMark) -> bool:
    """The owner's own filing is not a threat to its mark."""
    return bool(mark.owner_name) and normalize(filing.applicant) == normalize(mark.owner_name)


def _substrings(text: str, shortest: int) -> Iterator[str]:
    for start in range(len(text)):
        for end in range(start + shortest, len(text) + 1):
            yield text[start:end]


def _alerts_for(
    filings: list[Filing],
    register: Register,
    marks: dict[str, ProtectedMark],
    names: dict[str, list[ProtectedMark]],
    table: GoodsTable | None = None,
) -> list[Alert]:
    threshold = conf.get("WATCH_THRESHOLD")
    found = screen(
        [Mark(str(f.pk), f.mark, tuple(str(c) for c in f.classes)) for f in filings], register, threshold=threshold
    )
    alerts: list[Alert] = []
    shortest = conf.get("WATCH_CONTAINMENT_MIN_LENGTH")
    for filing, engine_alerts in zip(filings, found, strict=True):
        due = clocks.opposition_deadline(filing.publication.published_on).due
        published = filing.publication.published_on
        paired: set[int] = set()
        for hit in engine_alerts:
            mark = marks[hit.protected_id]
            if _own_filing(filing, mark):
                continue
            goods = _goods(filing, mark, table)
            honours = mark.honour_kinds
            if goods.relation is GoodsRelation.DIFFERENT_CLASS:
                cross_class = rule("trademark.wellknown_cross_class", on=published)
                if not (
                    HonourKind.WELL_KNOWN in honours and mark.status == MarkStatus.REGISTERED and cross_class.value == 1
                ):
                    continue
                ground = Ground.WELL_KNOWN
            else:
                ground = Ground.PRIOR_SIMILAR
            paired.add(mark.pk)
            alerts.append(
                Alert(
                    filing=filing,
                    mark=mark,
                    score=hit.score,
                    verdict=hit.verdict,
                    reasons=hit.reasons,
                    ground=ground,
                    goods=goods.reason,
                    opposition_due=due,
                    risk=_risk(hit.score, goods.relation, honours),
                )
            )
        text = normalize(filing.mark)
        for piece in set(_substrings(text, shortest)) if names else ():
            for mark in names.get(piece, []):
                if mark.pk in paired or piece == text or _own_filing(filing, mark):
                    continue
                goods = _goods(filing, mark, table)
                score = conf.get("WATCH_CONTAINMENT_SCORE")
                kinds = "、".join(str(HonourKind(k).label) for k in sorted(mark.honour_kinds & NAME_HONOURS))
                paired.add(mark.pk)
                alerts.append(
                    Alert(
                        filing=filing,
                        mark=mark,
                        score=score,
                        verdict="similar",
                        ground=Ground.CONTAINS_NAME,
                        reasons=_("5.1.16 完整包含%(kinds)s名称“%(name)s”") % {"kinds": kinds, "name": mark.mark},
                        goods=goods.reason,
                        opposition_due=due,
                        risk=_risk(score, goods.relation, mark.honour_kinds),
                    )
                )
    return alerts


def screen_pending(*, actor: Any, progress: Any = None) -> Screened:
    """Screen every filing not screened yet against the watched marks; each filing is screened once."""
    require(actor, "watch_publication", Action.CREATE)
    marks = _watched()
    pending = Filing.objects.filter(screened=False).select_related("publication").order_by("pk")
    total = pending.count()
    result = Screened()
    if not marks:
        return result
    register = Register(
        [Mark(str(m.pk), m.mark, tuple(str(c) for c in m.classes), m.owner_name) for m in marks],
        settings=DEFAULT_SETTINGS,
    )
    by_id = {str(m.pk): m for m in marks}
    names: dict[str, list[ProtectedMark]] = {}
    for mark in marks:
        if mark.honour_kinds & NAME_HONOURS and len(normalize(mark.mark)) >= conf.get("WATCH_CONTAINMENT_MIN_LENGTH"):
            names.setdefault(normalize(mark.mark), []).append(mark)
    batch = conf.get("WATCH_SCREEN_BATCH")
    table = goods_table()
    while True:
        filings = list(pending[:batch])
        if not filings:
            break
        alerts = _alerts_for(filings, register, by_id, names, table)
        with transaction.atomic():
            Alert.objects.bulk_create(alerts, ignore_conflicts=True)
            Filing.objects.filter(pk__in=[f.pk for f in filings]).update(screened=True)
            Publication.objects.filter(pk__in={f.publication_id for f in filings}).update(screened_at=timezone.now())
            audit.record(
                actor=actor,
                action="watch_publication.screen",
                object_type="watch_publication",
                summary={"filings": len(filings), "alerts": len(alerts), "marks": len(marks)},
            )
        result.screened += len(filings)
        result.alerts += len(alerts)
        if progress is not None:
            progress(result.screened, total)
    return result


def screen_start(*, actor: Any) -> Any:
    require(actor, "watch_publication", Action.CREATE)
    return core_services.job_enqueue(actor=actor, kind="watch.screen", params={"actor_id": actor.pk})


def _assess_after(actor: Any, found: Screened) -> None:
    """New filings screened: their applicants are assessed for bad-faith signals next (a job of its own)."""
    from zhichan.watch.services.badfaith import badfaith_start

    if found.screened and permits(actor, "watch_applicant_signal", Action.CREATE):
        badfaith_start(actor=actor)


def screen_job(context: jobs.JobContext, *, actor_id: int) -> dict[str, Any]:
    actor = get_user_model().objects.get(pk=actor_id)
    found = screen_pending(actor=actor, progress=context.progress)
    _assess_after(actor, found)
    return {"screened": found.screened, "alerts": found.alerts}

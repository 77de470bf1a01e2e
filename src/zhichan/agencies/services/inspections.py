"""双随机、一公开 inspections: a plan, its fixing (the seed committed by its hash, the lists published),
the draw (`engines.draw`), the results with evidence and their publication within the rules' period.

The seed's SHA-256 is audited when the plan is fixed, in the same transaction, before any draw can
happen; the draw is audited after it; once drawn the seed itself is shown, so anyone recomputes the
draw from the published lists (`plan_verify`, the page and `zhichan agencies verify-draw PLAN_ID`).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.agencies.models import (
    Agency,
    Conflict,
    Inspection,
    InspectionPlan,
    Inspector,
    Outcome,
    PlanStatus,
)
from zhichan.core import audit
from zhichan.core.calendar import platform_calendar
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.engines import draw as engine
from zhichan.engines.rules import rule

PLAN = "agency_inspection_plan"


def plan_create(*, actor: Any, data: dict[str, Any], inspectors: list[tuple[str, str]]) -> InspectionPlan:
    """A plan with its scope, share, period and inspector pool [(执法证号, 姓名)]."""
    require(actor, PLAN, Action.CREATE)
    share = Decimal(data["share"])
    if not Decimal(0) < share <= Decimal(1):
        raise ValidationError({"share": _("抽查比例须大于 0 且不超过 1")})
    if data["period_end"] < data["period_start"]:
        raise ValidationError({"period_end": _("结束日期不能早于开始日期")})
    if len({code for code, _n in inspectors}) != len(inspectors) or not inspectors:
        raise ValidationError({"inspectors": _("检查人员名录不能为空，执法证号不能重复")})
    with transaction.atomic():
        plan = InspectionPlan.objects.create(
            title=data["title"],
            scope_kinds=list(data.get("scope_kinds") or []),
            scope_district=data.get("scope_district", ""),
            share=share,
            inspectors_per_agency=data.get("inspectors_per_agency", 2),
            period_start=data["period_start"],
            period_end=data["period_end"],
            created_by=actor,
        )
        Inspector.objects.bulk_create(Inspector(plan=plan, code=c, name=n) for c, n in inspectors)
        audit.record(
            actor=actor, action=f"{PLAN}.create", object_type=PLAN, object_id=plan.pk, summary={"title": plan.title}
        )
    return plan


def conflict_declare(
    *, actor: Any, plan: InspectionPlan, inspector: Inspector, agency: Agency, reason: str
) -> Conflict:
    require(actor, PLAN, Action.CHANGE, plan)
    if inspector.plan_id != plan.pk:
        raise ValidationError({"inspector": _("该检查人员不在本计划的名录中")})
    with transaction.atomic():
        locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.status != PlanStatus.DRAFT:
            raise ValidationError(_("名单固定后不能再申报回避"))
        conflict, _c = Conflict.objects.update_or_create(
            inspector=inspector, agency=agency, defaults={"reason": reason[:300]}
        )
        audit.record(
            actor=actor, action=f"{PLAN}.conflict", object_type=PLAN, object_id=plan.pk,
            summary={"agency": agency.name, "inspector": inspector.code},
        )  # fmt: skip
    return conflict


def _candidates(plan: InspectionPlan) -> list[Agency]:
    qs = Agency.objects.filter(active=True)
    if plan.scope_kinds:
        qs = qs.filter(kind__in=plan.scope_kinds)
    if plan.scope_district:
        qs = qs.filter(district=plan.scope_district)
    return list(qs)


def published_inputs(plan: InspectionPlan) -> dict[str, Any]:
    """The engine's inputs as published on the plan's page (the lists fixed with the seed's hash)."""
    return {
        "agencies": [engine.Candidate(i, n) for i, n in plan.candidates],
        "inspectors": [engine.Candidate(i, n) for i, n in plan.inspector_list],
        "share": plan.share,
        "per_agency": plan.inspectors_per_agency,
        "conflicts": plan.conflicts,
    }


def plan_fix(*, actor: Any, plan: InspectionPlan) -> InspectionPlan:
    """Fix the lists and commit to a fresh seed: its hash goes into the audit chain before any draw."""
    require(actor, PLAN, Action.CHANGE, plan)
    with transaction.atomic():
        locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.status != PlanStatus.DRAFT:
            raise ValidationError(_("计划已固定"))
        agencies = engine.canonical(engine.Candidate(str(a.pk), a.name) for a in _candidates(locked))
        if not agencies:
            raise ValidationError(_("抽查范围内没有机构"))
        pool = list(locked.inspectors.all())
        inspectors = engine.canonical(engine.Candidate(i.code, i.name) for i in pool)
        conflicts: dict[str, list[str]] = {}
        for conflict in Conflict.objects.filter(inspector__plan=locked).select_related("inspector"):
            conflicts.setdefault(str(conflict.agency_id), []).append(conflict.inspector.code)
        seed = engine.new_seed()
        locked.candidates = [[c.id, c.name] for c in agencies]
        locked.candidates_digest = engine.list_digest(agencies)
        locked.inspector_list = [[c.id, c.name] for c in inspectors]
        locked.inspectors_digest = engine.list_digest(inspectors)
        locked.conflicts = {k: sorted(v) for k, v in sorted(conflicts.items())}
        locked.seed = seed.hex()
        locked.seed_hash = engine.seed_hash(seed)
        locked.draw_version = engine.DRAW_VERSION
        locked.status = PlanStatus.FIXED
        locked.fixed_at = timezone.now()
        locked.save()
        audit.record(
            actor=actor,
            action=f"{PLAN}.fix",
            object_type=PLAN,
            object_id=locked.pk,
            summary={
                "seed_hash": locked.seed_hash,
                "candidates_digest": locked.candidates_digest,
                "inspectors_digest": locked.inspectors_digest,
                "candidates": len(agencies),
            },
        )
    return locked


def plan_draw(*, actor: Any, plan: InspectionPlan) -> InspectionPlan:
    require(actor, PLAN, Action.CHANGE, plan)
    with transaction.atomic():
        locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.status != PlanStatus.FIXED:
            raise ValidationError(_("只能对已固定名单的计划抽取"))
        try:
            result = engine.draw(bytes.fromhex(locked.seed), **published_inputs(locked))
        except engine.DrawError as exc:
            raise ValidationError(str(exc)) from None
        pool = {i.code: i for i in locked.inspectors.all()}
        for rank, assignment in enumerate(result.assignments, start=1):
            inspection = Inspection.objects.create(
                plan=locked, agency_id=assignment.agency_id, rank=rank, inspector_codes=list(assignment.inspector_ids)
            )
            inspection.inspectors.set([pool[code] for code in assignment.inspector_ids])
        locked.status = PlanStatus.DRAWN
        locked.drawn_at = timezone.now()
        locked.save(update_fields=["status", "drawn_at"])
        audit.record(
            actor=actor,
            action=f"{PLAN}.draw",
            object_type=PLAN,
            object_id=locked.pk,
            summary={"seed_hash": locked.seed_hash, "drawn": len(result.assignments)},
        )
    return locked


def recorded_assignments(plan: InspectionPlan) -> list[tuple[str, tuple[str, ...]]]:
    return [(str(i.agency_id), tuple(i.inspector_codes)) for i in plan.inspections.order_by("rank")]


def plan_verify(plan: InspectionPlan) -> list[str]:
    """Recompute the draw from the published seed and lists; the discrepancies (none: verified)."""
    if plan.status != PlanStatus.DRAWN:
        return [_("尚未抽取")]
    return engine.verify(
        bytes.fromhex(plan.seed),
        published_seed_hash=plan.seed_hash,
        published_agencies_digest=plan.candidates_digest,
        published_inspectors_digest=plan.inspectors_digest,
        assignments=recorded_assignments(plan),
        **published_inputs(plan),
    )


def publish_due(result_on: date) -> date:
    """The last day to publish a result: the rules table's working days after the result."""
    days = int(rule("inspection.results_publication").value)
    calendar = platform_calendar()
    day = result_on
    while days:
        day += timedelta(days=1)
        days -= calendar.is_working_day(day)
    return day


def inspection_result(
    *, actor: Any, inspection: Inspection, outcome: str, findings: str, result_on: date, evidence: Any = None
) -> Inspection:
    require(actor, PLAN, Action.CHANGE, inspection.plan)
    if outcome not in Outcome.values or not outcome:
        raise ValidationError({"outcome": _("请选择检查结果")})
    if outcome != Outcome.COMPLIANT and evidence is None:
        raise ValidationError({"evidence": _("发现问题的检查须附证据")})
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.published_at is not None:
            raise ValidationError(_("结果已公示，不能修改"))
        locked.outcome, locked.findings, locked.result_on = outcome, findings[:2000], result_on
        locked.evidence = evidence
        locked.publish_due = publish_due(result_on)
        locked.save()
        audit.record(
            actor=actor, action=f"{PLAN}.result", object_type=PLAN, object_id=locked.plan_id,
            summary={"agency": locked.agency.name, "outcome": outcome},
        )  # fmt: skip
    return locked


def plan_publish(*, actor: Any, plan: InspectionPlan) -> int:
    """Publish every result entered and not yet published (一公开)."""
    require(actor, PLAN, Action.CHANGE, plan)
    with transaction.atomic():
        count = (
            Inspection.objects.select_for_update()
            .filter(plan=plan, published_at__isnull=True)
            .exclude(outcome="")
            .update(published_at=timezone.now())
        )
        audit.record(
            actor=actor, action=f"{PLAN}.publish", object_type=PLAN, object_id=plan.pk, summary={"drawn": count}
        )
    return count

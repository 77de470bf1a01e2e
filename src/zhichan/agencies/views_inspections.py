"""Pages of the 双随机、一公开 inspections: plans, the draw and its verification, results, publication."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.agencies import selectors, services
from zhichan.agencies.forms import ConflictForm, PlanForm, ResultForm
from zhichan.agencies.models import Agency, InspectionPlan, PlanStatus
from zhichan.core import exports
from zhichan.core import services as core_services
from zhichan.core.policy import Action, permits
from zhichan.core.web import deny_unless, error_text, not_visible

PLAN = "agency_inspection_plan"


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    deny_unless(request, PLAN, Action.LIST)
    return render(
        request,
        "agencies/plans.html",
        {
            "plans": selectors.plan_list(user=request.user),
            "can_create": permits(request.user, PLAN, Action.CREATE),
            "can_export": permits(request.user, PLAN, Action.DOWNLOAD),
        },
    )


@login_required
def plans_export(request: HttpRequest, fmt: str) -> HttpResponse:
    deny_unless(request, PLAN, Action.DOWNLOAD)
    header = [
        _("计划名称"),
        _("检查开始"),
        _("检查结束"),
        _("抽查比例"),
        _("状态"),
        _("种子哈希"),
        _("种子"),
        _("抽中机构数"),
    ]
    rows = (
        [p.title, p.period_start, p.period_end, p.share, p.get_status_display(), p.seed_hash, p.seed_public, p.drawn]
        for p in selectors.plan_list(user=request.user)
    )
    spec = exports.ExportSpec(
        name=PLAN, header=header, rows=rows, filename="inspection-plans", title=_("双随机抽查计划")
    )
    return exports.export_response(request, spec, fmt)


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    deny_unless(request, PLAN, Action.CREATE)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        pool = data.pop("inspectors")
        try:
            plan = services.plan_create(actor=request.user, data=data, inspectors=pool)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            return redirect("agencies:plan", pk=plan.pk)
    return render(request, "agencies/plan_new.html", {"form": form})


def _plan_or_404(request: HttpRequest, pk: Any) -> InspectionPlan:
    try:
        return selectors.plan_get(user=request.user, pk=pk)
    except InspectionPlan.DoesNotExist:
        raise not_visible(request, PLAN, pk) from None


@login_required
def plan_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    deny_unless(request, PLAN, Action.READ)
    plan = _plan_or_404(request, pk)
    inspectors = [(str(i.pk), f"{i.code} {i.name}") for i in plan.inspectors.all()]
    agencies = [(str(a.pk), a.name) for a in selectors.agency_list(user=request.user, active_only=True)]
    conflict_form = ConflictForm(request.POST or None, inspectors=inspectors, agencies=agencies)
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "fix":
                services.plan_fix(actor=request.user, plan=plan)
            elif step == "draw":
                services.plan_draw(actor=request.user, plan=plan)
            elif step == "publish":
                services.plan_publish(actor=request.user, plan=plan)
            elif step == "conflict" and conflict_form.is_valid():
                services.conflict_declare(
                    actor=request.user,
                    plan=plan,
                    inspector=plan.inspectors.get(pk=conflict_form.cleaned_data["inspector"]),
                    agency=Agency.objects.get(pk=conflict_form.cleaned_data["agency"]),
                    reason=conflict_form.cleaned_data["reason"],
                )
            else:
                raise ValidationError(_("未知的步骤"))
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("已记录"))
        return redirect("agencies:plan", pk=plan.pk)
    may_change = permits(request.user, PLAN, Action.CHANGE)
    return render(
        request,
        "agencies/plan_detail.html",
        {
            "plan": plan,
            "inspections": selectors.plan_inspections(plan=plan),
            "pool": plan.inspectors.all(),
            "problems": services.plan_verify(plan) if plan.status == PlanStatus.DRAWN else None,
            "may_change": may_change,
            "conflict_form": conflict_form if may_change and plan.status == PlanStatus.DRAFT else None,
        },
    )


@login_required
def inspection_result(request: HttpRequest, pk: Any, rank: int) -> HttpResponse:
    deny_unless(request, PLAN, Action.CHANGE)
    plan = _plan_or_404(request, pk)
    inspection = selectors.plan_inspections(plan=plan).filter(rank=rank).first()
    if inspection is None:
        raise not_visible(request, PLAN, pk)
    form = ResultForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evidence = None
            if data.get("evidence"):
                evidence = core_services.evidence_upload(
                    actor=request.user,
                    name=data["evidence"].name,
                    chunks=data["evidence"].chunks(),
                    description=_("双随机抽查检查记录"),
                )
            services.inspection_result(
                actor=request.user,
                inspection=inspection,
                outcome=data["outcome"],
                findings=data["findings"],
                result_on=data["result_on"],
                evidence=evidence,
            )
        except (ValueError, ValidationError) as exc:
            form.add_error(None, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            return redirect("agencies:plan", pk=plan.pk)
    return render(request, "agencies/result.html", {"plan": plan, "inspection": inspection, "form": form})


def public_results(request: HttpRequest) -> HttpResponse:
    """一公开: the published results, open to everyone (the policy's anonymous row)."""
    deny_unless(request, "agency_inspection_public", Action.LIST)
    items = selectors.public_results(user=request.user)
    return render(
        request,
        "agencies/public.html",
        {"page": Paginator(items, 50).get_page(request.GET.get("page")), "query": ""},
    )


def public_results_export(request: HttpRequest, fmt: str) -> HttpResponse:
    deny_unless(request, "agency_inspection_public", Action.LIST)
    header = [_("计划名称"), _("机构名称"), _("统一社会信用代码"), _("检查结果"), _("检查完成日期"), _("公示时间")]
    rows = (
        [
            i.plan.title,
            i.agency.name,
            i.agency.credit_code,
            i.get_outcome_display(),
            i.result_on,
            timezone.localdate(i.published_at),
        ]
        for i in selectors.public_results(user=request.user)
    )
    spec = exports.ExportSpec(
        name="agency_inspection_public", header=header, rows=rows, filename="inspection-results",
        title=_("双随机抽查结果公示"),
    )  # fmt: skip
    return exports.export_response(request, spec, fmt)

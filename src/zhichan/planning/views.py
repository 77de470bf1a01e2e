"""Pages of the planning app: thin views over its services and selectors."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.core.exports import ExportSpec, export_response
from zhichan.core.indicators import indicator_providers
from zhichan.core.policy import Action, organisations_in_scope, permits
from zhichan.core.web import error_text, not_visible
from zhichan.engines.tabular import TableError, read_table
from zhichan.planning import selectors, services
from zhichan.planning.exports import plan_sheets
from zhichan.planning.formatting import number
from zhichan.planning.forms import (
    AnnualPlanForm,
    AsOfForm,
    DepartmentAliasForm,
    ObservationForm,
    ObservationImportForm,
    ProgressReportForm,
    ProviderForm,
    ReviewForm,
    TaskFilterForm,
)
from zhichan.planning.models import Indicator, Milestone, Plan, TaskProgress
from zhichan.planning.reports import REPORT_KINDS, department_rows, render_report, report_title, report_year

DEPARTMENT_KINDS = ("government_department", "court", "arbitration_body", "other")


def _no_plan(request: HttpRequest, page_title: str) -> HttpResponse:
    """A page of the module before any plan is imported: says so and how to import one (not a 404)."""
    return render(
        request,
        "planning/no_plan.html",
        {"page_title": page_title, "can_import_plan": permits(request.user, "plan", Action.CREATE)},
    )


def _plan_or_404(request: HttpRequest) -> Plan:
    plan = selectors.plan_current(user=request.user)
    if plan is None:
        raise Http404(_("尚未导入规划：请运行 zhichan plan import 规划文本路径"))
    return plan


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    plan = selectors.plan_current(user=request.user)
    if plan is None:
        return _no_plan(request, _("规划监测评估"))
    sections = list(selectors.section_list(plan=plan))
    form = TaskFilterForm(request.GET or None, sections=sections, departments=selectors.lead_departments(plan=plan))
    filters = form.cleaned_data if form.is_valid() else {}
    tasks = selectors.task_list(
        user=request.user, plan=plan, section=filters.get("section") or "", department=filters.get("department") or None
    )
    return render(
        request,
        "planning/overview.html",
        {
            "plan": plan,
            "form": form,
            "tasks": tasks,
            "columns": selectors.column_list(user=request.user, plan=plan),
            "top_sections": [s for s in sections if s.parent_id is None],
            "can_export": permits(request.user, "plan", Action.DOWNLOAD),
            "can_export_annual": permits(request.user, "plan_annual_plan", Action.LIST),
            "by_department": _tasks_by_department(request, plan),
        },
    )


def _tasks_by_department(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    """Tasks led by each department, by the progress of its latest accepted report (chart data)."""
    year = min(max(timezone.localdate().year, plan.base_year + 1), plan.target_year)
    rows = department_rows(user=request.user, plan=plan, year=year)
    return {
        "year": year,
        "departments": [r.department for r in rows],
        "series": [
            {"name": str(label), "data": [r.counts[i] for r in rows]}
            for i, label in enumerate([*TaskProgress.labels, _("未报告")])
        ],
    }


@login_required
def annual_plan_export(request: HttpRequest) -> HttpResponse:
    if not permits(request.user, "plan_annual_plan", Action.LIST):
        core_services.denial_record(actor=request.user, action="plan_annual_plan.list", object_type="plan_annual_plan")
        raise PermissionDenied
    entries = selectors.annual_plan_list(user=request.user).order_by("year", "task__number", "department__name")
    header = [
        _("任务序号"),
        _("任务"),
        _("年度"),
        _("牵头部门"),
        _("工作措施"),
        _("节点"),
        _("审核状态"),
        _("审核意见"),
    ]
    rows = (
        [
            e.task.number,
            e.task.title,
            e.year,
            e.department.name,
            e.measures,
            "\n".join(f"{m.due_on:%Y-%m-%d} {m.title}" for m in e.milestones.all()),
            str(e.get_review_status_display()),
            e.review_comment,
        ]
        for e in entries
    )
    spec = ExportSpec(
        name="plan_annual_plan", header=header, rows=rows, title=_("年度工作计划"), filename="annual-plans"
    )
    return export_response(request, spec)


@login_required
def task_detail(request: HttpRequest, number: int) -> HttpResponse:
    plan = _plan_or_404(request)
    task = selectors.task_list(user=request.user, plan=plan).filter(number=number).first()
    if task is None:
        raise Http404
    departments = selectors.task_lead_departments(task)
    for_whom = organisations_in_scope(request.user, "plan_annual_plan", Action.CREATE)
    is_office = for_whom is None  # enters for any lead department, and chooses which
    own = {str(pk) for pk in for_whom or ()}
    may_enter = permits(request.user, "plan_annual_plan", Action.CREATE) and (
        is_office or any(pk in own for pk, _name in departments)
    )
    choose = departments if is_office else None
    which = request.POST.get("form") if request.method == "POST" else None
    plan_form = AnnualPlanForm(request.POST if which == "annual_plan" else None, departments=choose)
    report_form = ProgressReportForm(
        request.POST if which == "report" else None,
        request.FILES if which == "report" else None,
        progress_choices=TaskProgress.choices,
        departments=choose,
    )
    if which and may_enter:
        form = plan_form if which == "annual_plan" else report_form
        if form.is_valid():
            data = form.cleaned_data
            department = _chosen_department(request, data.get("department"))
            try:
                if which == "annual_plan":
                    services.annual_plan_save(
                        actor=request.user,
                        task=task,
                        year=data["year"],
                        measures=data["measures"],
                        milestones=plan_form.milestone_rows(),
                        department=department,
                        submit="submit" in request.POST,
                    )
                else:
                    evidence = []
                    if data.get("evidence"):
                        upload = data["evidence"]
                        evidence.append(
                            core_services.evidence_upload(
                                actor=request.user,
                                name=upload.name,
                                chunks=upload.chunks(),
                                description=_("任务%(n)d进展报告佐证材料") % {"n": task.number},
                            )
                        )
                    services.progress_report_save(
                        actor=request.user,
                        task=task,
                        year=data["year"],
                        quarter=data["quarter"],
                        progress=data["progress"],
                        work_done=data["work_done"],
                        problems=data["problems"],
                        evidence=evidence,
                        department=department,
                        submit="submit" in request.POST,
                    )
            except ValidationError as exc:
                messages.error(request, error_text(exc))
            except core_services.EvidenceRejected as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("已提交审核") if "submit" in request.POST else _("已保存草稿"))
                return redirect("planning:task-detail", number=number)
    return render(
        request,
        "planning/task_detail.html",
        {
            "plan": plan,
            "task": task,
            "annual_plans": selectors.annual_plan_list(user=request.user, task=task),
            "reports": selectors.progress_report_list(user=request.user, task=task),
            "plan_form": plan_form if may_enter else None,
            "report_form": report_form if may_enter else None,
        },
    )


def _chosen_department(request: HttpRequest, pk: str | None) -> Any:
    if not pk:
        return None
    return core_selectors.organisation_get(user=request.user, pk=pk)


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    if not permits(request.user, "plan_review", Action.LIST):
        core_services.denial_record(actor=request.user, action="plan_review.list", object_type="plan_review")
        raise PermissionDenied
    annual_plans, reports = selectors.review_queue(user=request.user)
    return render(
        request,
        "planning/reviews.html",
        {"annual_plans": annual_plans, "reports": reports, "form": ReviewForm()},
    )


@login_required
@require_POST
def review_action(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind == "annual_plan":
        queryset: Any = selectors.annual_plan_list(user=request.user)
    elif kind == "report":
        queryset = selectors.progress_report_list(user=request.user)
    else:
        raise Http404
    entry = queryset.filter(pk=pk).first()
    if entry is None:
        raise not_visible(request, "plan_annual_plan" if kind == "annual_plan" else "plan_progress_report", pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        services.submission_review(
            actor=request.user,
            entry=entry,
            approve=request.POST.get("decision") == "approve",
            comment=form.cleaned_data.get("comment", ""),
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("已审核"))
    return redirect("planning:reviews")


@login_required
def overdue_list(request: HttpRequest) -> HttpResponse:
    if not permits(request.user, "plan_annual_plan", Action.LIST):
        core_services.denial_record(actor=request.user, action="plan_annual_plan.list", object_type="plan_annual_plan")
        raise PermissionDenied
    items = selectors.overdue_items()
    items = selectors.overdue_in_scope(user=request.user, items=items)
    return render(request, "planning/overdue.html", {"items": items})


@login_required
@require_POST
def milestone_done(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        milestone = selectors.milestone_get(user=request.user, pk=pk)
    except Milestone.DoesNotExist:
        raise not_visible(request, "plan_annual_plan", pk) from None
    try:
        services.milestone_complete(actor=request.user, milestone=milestone, done_on=request.POST.get("done_on"))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("planning:task-detail", number=milestone.annual_plan.task.number)


@login_required
def indicator_dashboard(request: HttpRequest) -> HttpResponse:
    plan = selectors.plan_current(user=request.user)
    if plan is None:
        return _no_plan(request, _("指标监测"))
    form = AsOfForm(request.GET or None, years=range(plan.base_year + 1, plan.target_year + 1))
    as_of = form.cleaned_data.get("as_of") if form.is_valid() else None
    assessments = selectors.indicator_assessments(user=request.user, plan=plan, as_of=as_of)
    return render(
        request,
        "planning/indicators.html",
        {
            "plan": plan,
            "form": form,
            "assessments": assessments,
            "charts": [a.chart() for a in assessments],
            "can_import": permits(request.user, "plan_observation", Action.CREATE),
        },
    )


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        indicator = selectors.indicator_get(user=request.user, pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None
    can_record = permits(request.user, "plan_observation", Action.CREATE)
    can_change = permits(request.user, "plan", Action.CHANGE)
    providers = [(p.name, p.label) for p in indicator_providers()]
    form = ObservationForm(
        request.POST if request.method == "POST" and "value" in request.POST else None,
        districts=[(d.code, d.name) for d in core_selectors.districts()],
    )
    provider_form = ProviderForm(
        request.POST if request.method == "POST" and "provider" in request.POST else None,
        providers=providers,
        initial={"provider": indicator.provider},
    )
    if request.method == "POST":
        try:
            if "value" in request.POST and form.is_valid():
                data = form.cleaned_data
                services.observation_record(actor=request.user, indicator=indicator, **data)
                messages.success(request, _("已记录观测值"))
                return redirect("planning:indicator-detail", pk=pk)
            if "provider" in request.POST and provider_form.is_valid():
                services.indicator_provider_set(
                    actor=request.user, indicator=indicator, provider=provider_form.cleaned_data["provider"]
                )
                messages.success(request, _("已设置自动计算来源"))
                return redirect("planning:indicator-detail", pk=pk)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
    listed = selectors.indicator_list(user=request.user, plan=indicator.plan).get(pk=pk)
    assessment = selectors.indicator_assessment(listed)
    return render(
        request,
        "planning/indicator_detail.html",
        {
            "indicator": listed,
            "assessment": assessment,
            "charts": [assessment.chart()],
            "observations": selectors.observation_list(user=request.user, indicator=listed),
            "form": form if can_record else None,
            "provider_form": provider_form if can_change else None,
            "can_record": can_record,
        },
    )


@login_required
@require_POST
def indicator_compute(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        indicator = selectors.indicator_get(user=request.user, pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None
    try:
        year = int(request.POST.get("year", ""))
        observation = services.indicator_compute(actor=request.user, indicator=indicator, year=year)
    except ValueError:
        messages.error(request, _("请填写年份"))
    except (ValidationError, LookupError) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(
            request,
            _("已自动计算：%(v)s（%(n)d条记录）")
            % {"v": number(observation.value, 4), "n": observation.lineage["record_count"]},
        )
    return redirect("planning:indicator-detail", pk=pk)


@login_required
def observation_import(request: HttpRequest) -> HttpResponse:
    plan = _plan_or_404(request)
    if not permits(request.user, "plan_observation", Action.CREATE):
        core_services.denial_record(
            actor=request.user, action="plan_observation.create", object_type="plan_observation"
        )
        raise PermissionDenied
    form = ObservationImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload.read(), upload.name)
            report = services.observations_import(actor=request.user, plan=plan, table=table)
        except TableError as exc:
            errors = [str(exc)]
        else:
            if report.errors:
                errors = [str(e) for e in report.errors]
            else:
                messages.success(
                    request,
                    _("已导入：新增 %(c)d，更新 %(u)d，未变 %(n)d")
                    % {"c": report.created, "u": report.updated, "n": report.unchanged},
                )
                return redirect("planning:indicators")
    return render(request, "planning/observation_import.html", {"form": form, "errors": errors})


@login_required
def department_list(request: HttpRequest) -> HttpResponse:
    if selectors.plan_current(user=request.user) is None:
        return _no_plan(request, _("责任部门名称对照"))
    return render(
        request,
        "planning/departments.html",
        {
            "aliases": selectors.department_alias_list(),
            "can_change": permits(request.user, "plan", Action.CHANGE),
        },
    )


@login_required
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not permits(request.user, "plan", Action.CHANGE):
        core_services.denial_record(actor=request.user, action="plan.change", object_type="plan", object_id=pk)
        raise PermissionDenied
    alias = selectors.department_alias_list().filter(pk=pk).first()
    if alias is None:
        raise Http404
    organisations = core_selectors.organisation_list(user=request.user).filter(kind__in=DEPARTMENT_KINDS)
    choices = [(str(o.pk), o.name) for o in organisations]
    form = DepartmentAliasForm(
        request.POST or None,
        organisations=choices,
        initial={"organisation": str(alias.organisation_id or "")},
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["organisation"]
        organisation = organisations.get(pk=chosen) if chosen else None
        services.department_alias_update(actor=request.user, alias=alias, organisation=organisation)
        messages.success(request, _("已更新“%(name)s”对应的部门") % {"name": alias.name})
        return redirect("planning:departments")
    return render(request, "planning/department_edit.html", {"alias": alias, "form": form})


@login_required
def plan_export(request: HttpRequest, fmt: str) -> HttpResponse:
    plan = _plan_or_404(request)
    if fmt not in ("json", "xlsx"):
        raise Http404
    if not permits(request.user, "plan", Action.DOWNLOAD):
        core_services.denial_record(actor=request.user, action="plan.download", object_type="plan", object_id=plan.pk)
        raise PermissionDenied
    exported = selectors.plan_export(plan=plan)
    filename = f"plan-{plan.base_year + 1}-{plan.target_year}"
    if fmt == "xlsx":
        first, *more = plan_sheets(exported, base_year=plan.base_year, target_year=plan.target_year)
        spec = ExportSpec(
            name="plan",
            header=first.header,
            rows=first.rows,
            title=first.title,
            filename=filename,
            filters={"plan": plan.pk},
            more_sheets=tuple(more),
        )
        return export_response(request, spec, fmt)
    core_services.export_record(actor=request.user, object_type="plan", filters={"format": fmt, "plan": plan.pk})
    response = HttpResponse(
        json.dumps(exported, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    plan = selectors.plan_current(user=request.user)
    if plan is None:
        return _no_plan(request, _("评估报告"))
    generated = core_selectors.job_list(user=request.user).filter(kind="planning.evaluation_report")[:50]
    return render(
        request,
        "planning/reports.html",
        {
            "plan": plan,
            "jobs": generated,
            "kinds": [(kind, report_title(plan, kind), report_year(plan, kind)) for kind in REPORT_KINDS],
            "can_generate": permits(request.user, "plan", Action.DOWNLOAD),
        },
    )


def _report_kind(kind: str) -> str:
    if kind not in REPORT_KINDS:
        raise Http404
    return kind


@login_required
def report_preview(request: HttpRequest, kind: str) -> HttpResponse:
    plan = _plan_or_404(request)
    return HttpResponse(render_report(user=request.user, plan=plan, kind=_report_kind(kind)))


@login_required
@require_POST
def report_start(request: HttpRequest, kind: str) -> HttpResponse:
    plan = _plan_or_404(request)
    job = services.report_start(actor=request.user, plan=plan, kind=_report_kind(kind))
    messages.success(request, _("报告已在后台生成"))
    return redirect("core:job-detail", pk=job.pk)


@login_required
def report_file(request: HttpRequest, sha256: str, suffix: str) -> HttpResponse:
    if not permits(request.user, "plan", Action.DOWNLOAD):
        core_services.denial_record(actor=request.user, action="plan.download", object_type="plan", object_id=sha256)
        raise PermissionDenied
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        raise Http404
    path = services.reports_dir() / f"{sha256}.{suffix}"
    if not path.is_file():
        raise Http404
    core_services.export_record(actor=request.user, object_type="plan", filters={"report": path.name})
    if suffix == "pdf":
        response = HttpResponse(path.read_bytes(), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{sha256[:12]}.pdf"'
        return response
    response = HttpResponse(path.read_bytes(), content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
@require_POST
def indicators_compute(request: HttpRequest) -> HttpResponse:
    plan = _plan_or_404(request)
    try:
        job = services.indicators_compute_start(actor=request.user, plan=plan, year=int(request.POST.get("year", "")))
    except ValueError:
        messages.error(request, _("请填写年份"))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        return redirect("core:job-detail", pk=job.pk)
    return redirect("planning:indicators")

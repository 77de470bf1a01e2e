"""Pages of the funding programmes: programmes and their versions, applying, the applications with
their checks and steps, findings and clawback notices, budget use and the public publicity list."""

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

from zhichan.core import exports
from zhichan.core import selectors as core_selectors
from zhichan.core.districts import GUANGZHOU_DISTRICTS
from zhichan.core.policy import Action, acts_for, permits
from zhichan.core.web import deny_unless, error_text, visible_or_404, without_page
from zhichan.core.workflow import may_take
from zhichan.engines.funding import parse_rules
from zhichan.programmes import selectors, services
from zhichan.programmes.extension import code_label
from zhichan.programmes.forms import (
    ApplicationFilterForm,
    ApplicationForm,
    FindingForm,
    ObjectionForm,
    PaymentForm,
    RepaymentForm,
    ResolutionForm,
    StepForm,
)
from zhichan.programmes.models import Application, ApplicationStatus, Call, ItemKind, Programme, ProgrammeVersion
from zhichan.programmes.workflows import APPLICATION

DISTRICT_NAMES = dict(GUANGZHOU_DISTRICTS)
OFFICE_STEPS = ("return", "formal_pass", "review_pass", "publicise", "reject")


@login_required
def programmes(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "programme", Action.LIST)
    today = timezone.localdate()
    calls = [c for c in selectors.call_list(user=request.user) if c.open_on(today)]
    return render(
        request,
        "programmes/programmes.html",
        {
            "programmes": selectors.programme_list(user=request.user),
            "open_calls": calls,
            "may_apply": permits(request.user, "programme_application", Action.CREATE),
        },
    )


def _rules_view(version: ProgrammeVersion) -> dict[str, Any]:
    rules = parse_rules(version.rules)
    return {
        "conditions": rules.conditions,
        "amount": rules.amount,
        "cap": rules.cap_per_application,
        "clawback_share": rules.clawback_share,
    }


@login_required
def programme_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    deny_unless(request, "programme", Action.READ)
    programme = visible_or_404(request, "programme", Programme.objects.all(), pk)
    versions = [(v, _rules_view(v)) for v in selectors.version_list(user=request.user, programme=programme)]
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "versions": versions,
            "today": timezone.localdate(),
            "may_apply": permits(request.user, "programme_application", Action.CREATE),
            "may_budget": permits(request.user, "programme_budget", Action.READ),
        },
    )


@login_required
def application_new(request: HttpRequest, pk: Any) -> HttpResponse:
    deny_unless(request, "programme_application", Action.CREATE)
    call = visible_or_404(request, "programme", Call.objects.select_related("version__programme"), pk)
    organisation = request.user.organisation
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                actor=request.user, call=call, organisation=organisation, items=form.cleaned_data["items"]
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("申报草稿已保存；核对后请提交"))
            return redirect("programmes:application", pk=application.pk)
    may_act = organisation is not None and acts_for(request.user, "programme_application", Action.CREATE, organisation)
    return render(
        request, "programmes/apply.html", {"call": call, "form": form, "organisation": organisation, "may_act": may_act}
    )


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "programme_application", Action.LIST)
    form = ApplicationFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_bound and form.is_valid() else ""
    items = selectors.application_list(user=request.user, status=status)
    return render(
        request,
        "programmes/applications.html",
        {
            "form": form,
            "page": Paginator(items, 50).get_page(request.GET.get("page")),
            "query": without_page(request),
            "may_export": permits(request.user, "programme_application", Action.DOWNLOAD),
            "may_findings": permits(request.user, "programme_finding", Action.LIST),
        },
    )


@login_required
def applications_export(request: HttpRequest, fmt: str) -> HttpResponse:
    deny_unless(request, "programme_application", Action.DOWNLOAD)
    header = [_("项目"), _("年度"), _("申报单位"), _("统一社会信用代码"), _("状态"), _("测算资助额"), _("批准资助额")]
    rows = (
        [
            a.call.version.programme.name,
            a.call.version.year,
            a.organisation.name,
            a.organisation.credit_code,
            a.get_status_display(),
            a.requested_total,
            a.approved_total,
        ]
        for a in selectors.application_list(user=request.user)
    )
    spec = exports.ExportSpec(
        name="programme_application", header=header, rows=rows, filename="programme-applications", title=_("资助申报")
    )
    return exports.export_response(request, spec, fmt)


def _take_step(request: HttpRequest, application: Application) -> None:
    step = request.POST.get("step", "")
    if step == "submit":
        services.application_submit(actor=request.user, application=application)
    elif step in OFFICE_STEPS:
        form = StepForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        services.application_step(actor=request.user, application=application, name=step, note=note)
    elif step == "document":
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError(_("请选择文件"))
        services.application_document_add(
            actor=request.user, application=application, requirement=request.POST.get("requirement", ""),
            name=upload.name, chunks=upload.chunks(),
        )  # fmt: skip
    elif step == "objection":
        form = ObjectionForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("请填写异议人、异议理由和收到日期"))
        services.objection_record(actor=request.user, application=application, **form.cleaned_data)
    elif step == "resolve":
        form = ResolutionForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("请填写处理结果、处理意见和处理日期"))
        data = dict(form.cleaned_data)
        objection = application.objections.get(pk=data.pop("objection"))
        services.objection_resolve(actor=request.user, objection=objection, **data)
    elif step == "approve":
        services.application_approve(actor=request.user, application=application)
    elif step == "pay":
        form = PaymentForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("请填写拨付批次、日期和凭证号"))
        services.application_pay(actor=request.user, application=application, **form.cleaned_data)
    else:
        raise ValidationError(_("未知的步骤“%(s)s”") % {"s": step})


@login_required
def application_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    deny_unless(request, "programme_application", Action.READ)
    qs = selectors.application_list(user=request.user)
    application = visible_or_404(request, "programme_application", qs, pk)
    if request.method == "POST":
        try:
            _take_step(request, application)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("已办理"))
        return redirect("programmes:application", pk=application.pk)
    steps = [t for t in APPLICATION.available(application) if may_take(request.user, APPLICATION, t.name, application)]
    items = list(selectors.application_items(application))
    may_object = application.status == ApplicationStatus.PUBLICITY and permits(
        request.user, "programme_review", Action.CHANGE
    )
    return render(
        request,
        "programmes/application_detail.html",
        {
            "application": application,
            "version": application.call.version,
            "items": items,
            "steps": steps,
            "step_form": StepForm(),
            "payment_form": PaymentForm(),
            "code_label": code_label,
            "may_clawbacks": permits(request.user, "programme_clawback", Action.READ),
            "objections": application.objections.all(),
            "documents": application.documents.select_related("evidence"),
            "may_attach": application.status == ApplicationStatus.DRAFT
            and permits(request.user, "programme_submission", Action.CHANGE, application),
            "objection_form": ObjectionForm() if may_object else None,
            "may_resolve": may_object,
        },
    )


@login_required
def findings(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "programme_finding", Action.LIST)
    may_create = permits(request.user, "programme_finding", Action.CREATE)
    form = FindingForm(request.POST or None) if may_create else None
    if request.method == "POST":
        deny_unless(request, "programme_finding", Action.CREATE)
        if form is not None and form.is_valid():
            data = dict(form.cleaned_data)
            code = data.pop("credit_code").strip().upper()
            organisation = (
                core_selectors.organisation_list(user=request.user).filter(credit_code=code).first() if code else None
            )
            try:
                _finding, opened = services.finding_record(actor=request.user, organisation=organisation, **data)
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("认定已记录；发出追回通知 %(n)d 份") % {"n": len(opened)})
                return redirect("programmes:findings")
    return render(
        request,
        "programmes/findings.html",
        {
            "findings": selectors.finding_list(user=request.user)[:200],
            "clawbacks": selectors.clawback_list(user=request.user)[:200],
            "form": form,
        },
    )


@login_required
def clawback_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The clawback notice (追回通知书) as a document, and the finance officer's record of repayment."""
    deny_unless(request, "programme_clawback", Action.READ)
    clawback = visible_or_404(request, "programme_clawback", selectors.clawback_list(user=request.user), pk)
    may_repay = permits(request.user, "programme_clawback", Action.CHANGE, clawback)
    form = RepaymentForm(request.POST or None) if may_repay else None
    if request.method == "POST":
        deny_unless(request, "programme_clawback", Action.CHANGE)
        if form is not None and form.is_valid():
            try:
                services.clawback_repay(actor=request.user, clawback=clawback, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("退回已记录"))
                return redirect("programmes:clawback", pk=clawback.pk)
    item = clawback.item
    return render(
        request,
        "programmes/clawback_notice.html",
        {
            "clawback": clawback,
            "item": item,
            "application": item.application,
            "version": item.application.call.version,
            "outstanding": clawback.amount_due - clawback.repaid_amount,
            "form": form,
        },
    )


@login_required
def budget(request: HttpRequest, pk: Any) -> HttpResponse:
    deny_unless(request, "programme_budget", Action.READ)
    version = visible_or_404(request, "programme", ProgrammeVersion.objects.select_related("programme"), pk)
    use = selectors.budget_use(version)
    kinds = dict(ItemKind.choices)
    return render(
        request,
        "programmes/budget.html",
        {
            "version": version,
            "use": use,
            "by_district": [(DISTRICT_NAMES.get(d, d) or _("未填写"), v) for d, v in use["by_district"].items()],
            "by_kind": [(kinds.get(k, k), v) for k, v in use["by_kind"].items()],
        },
    )


def publicity(request: HttpRequest) -> HttpResponse:
    """The publicity list (公示): open to everyone, signed in or not."""
    deny_unless(request, "programme_publicity", Action.LIST)
    items = selectors.publicity_list()
    return render(
        request,
        "programmes/publicity.html",
        {"page": Paginator(items, 50).get_page(request.GET.get("page")), "query": ""},
    )


def publicity_export(request: HttpRequest, fmt: str) -> HttpResponse:
    deny_unless(request, "programme_publicity", Action.DOWNLOAD)
    header = [_("项目"), _("年度"), _("单位名称"), _("拟资助金额（元）"), _("公示开始"), _("公示截止"), _("状态")]
    rows = (
        [
            a.call.version.programme.name,
            a.call.version.year,
            a.organisation.name,
            a.approved_total,
            a.publicity_from,
            a.publicity_until,
            a.get_status_display(),
        ]
        for a in selectors.publicity_list()
    )
    spec = exports.ExportSpec(
        name="programme_publicity", header=header, rows=rows, filename="programme-publicity", title=_("资助项目公示")
    )
    return exports.export_response(request, spec, fmt)

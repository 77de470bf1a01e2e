"""Pages of the core app: thin views over services and selectors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhichan.core import exports, jobs, labels, periodic, registry, selectors, services
from zhichan.core.auth import (
    TOTP_ISSUER,
    mark_second_factor_verified,
    qr_svg,
    second_factor_lock_message,
    second_factor_pending,
)
from zhichan.core.calendar import platform_calendar
from zhichan.core.evidence import EvidenceRejected
from zhichan.core.forms import (
    AuditFilterForm,
    AuditPurgeDecisionForm,
    AuditPurgeRequestForm,
    CalendarImportForm,
    EvidenceUploadForm,
    ImportForm,
    MembershipForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonForm,
    SecondFactorForm,
)
from zhichan.core.models import AuditResult, Organisation, OrganisationKind, User
from zhichan.core.policy import Action, Scope, needs_second_factor, permits, scope_for
from zhichan.core.web import deny_unless, visible_or_404, without_page
from zhichan.engines.otp import provisioning_uri

# The plan's modules (mission.md), shown on the dashboard in the reader's language; those an installed
# module implements (its manifest's `codes`) are marked live and link to it.
PLAN_MODULES = [
    ("M1", gettext_lazy("规划监测评估")),
    ("M2", gettext_lazy("一站式保护与案件办理")),
    ("M3", gettext_lazy("在线调解与司法确认")),
    ("M4", gettext_lazy("知识产权信用监管")),
    ("M5", gettext_lazy("预警监测")),
    ("M6", gettext_lazy("展会知识产权保护")),
    ("M7", gettext_lazy("电商侵权线索检测")),
    ("M8", gettext_lazy("海外维权服务")),
    ("M9", gettext_lazy("非正常申请与恶意注册")),
    ("M10", gettext_lazy("高价值专利")),
    ("M11", gettext_lazy("专利检索与评估")),
    ("M12", gettext_lazy("专利导航与密集型产业")),
    ("M13", gettext_lazy("技术转移")),
    ("M14", gettext_lazy("知识产权金融")),
    ("M15", gettext_lazy("公共信息服务")),
    ("M16", gettext_lazy("服务业监管")),
    ("M17", gettext_lazy("人才、文化与宣传")),
]


def _page(request: HttpRequest, queryset: QuerySet, per_page: int = 25) -> Any:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    counts = selectors.dashboard_counts(user=request.user)
    live = registry.live_codes(request.user)
    kind_labels = dict(OrganisationKind.choices)
    by_kind = [
        {"name": str(kind_labels.get(row["kind"], row["kind"])), "value": row["n"]}
        for row in selectors.organisations_by_kind(user=request.user)
    ]
    return render(
        request,
        "core/dashboard.html",
        {
            "counts": counts,
            "tiles": registry.tiles_for(request.user),
            "modules": [(code, name, live.get(code)) for code, name in PLAN_MODULES],
            "by_kind": by_kind,
            "by_district": selectors.organisations_by_district(user=request.user),
        },
    )


def _next_url(request: HttpRequest) -> str:
    """Where the log-in was going: a local `next` address, else the dashboard."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _second_factor_accepted(request: HttpRequest) -> HttpResponse:
    request.session.cycle_key()  # a new session id for the now fully authenticated session
    mark_second_factor_verified(request.session, request.user)
    return redirect(_next_url(request))


def _code_accepted(request: HttpRequest, form: SecondFactorForm, check: Callable[[str], bool], wrong: str) -> bool:
    """Check a posted code unless the step is locked out; when it is not accepted the form says why."""
    if request.method != "POST" or not form.is_valid():
        return False
    locked = second_factor_lock_message(request.user)
    if locked:
        form.add_error(None, locked)
        return False
    if check(form.cleaned_data["code"]):
        return True
    form.add_error("code", wrong)
    return False


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """The second step of a privileged log-in: a code from the authenticator app (enrol first if none)."""
    if not second_factor_pending(request):
        return redirect(_next_url(request))
    device = selectors.mfa_device_of(user=request.user)
    if device is None or device.confirmed_at is None:
        return redirect(f"{reverse('core:second-factor-enrol')}?{urlencode({'next': _next_url(request)})}")
    form = SecondFactorForm(request.POST or None)
    if _code_accepted(
        request,
        form,
        lambda code: services.mfa_verify(user=request.user, code=code),
        _("验证码错误或已使用，请输入认证应用上的新验证码"),
    ):
        return _second_factor_accepted(request)
    return render(request, "core/second_factor.html", {"form": form, "next": _next_url(request)})


@login_required
def second_factor_enrol(request: HttpRequest) -> HttpResponse:
    """First log-in of a privileged account: scan the key into an authenticator app, confirm with a code."""
    if not second_factor_pending(request):
        return redirect(_next_url(request))
    try:
        device = services.mfa_device_start(user=request.user)
    except ValidationError:  # already enrolled: enter a code instead
        return redirect(f"{reverse('core:second-factor')}?{urlencode({'next': _next_url(request)})}")
    form = SecondFactorForm(request.POST or None)
    if _code_accepted(
        request,
        form,
        lambda code: services.mfa_device_confirm(user=request.user, code=code),
        _("验证码不正确：请核对手机时间，并输入认证应用上当前显示的验证码"),
    ):
        messages.success(request, _("已启用双因素认证；以后每次登录都需输入认证应用上的验证码"))
        return _second_factor_accepted(request)
    uri = provisioning_uri(device.secret, account=request.user.get_username(), issuer=TOTP_ISSUER)
    return render(
        request,
        "core/second_factor_enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr": mark_safe(qr_svg(uri)),  # noqa: S308 -- SVG drawn by segno from our own URI
            "secret_groups": [device.secret[i : i + 4] for i in range(0, len(device.secret), 4)],
            "uri": uri,
        },
    )


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.organisation_list(
        user=request.user,
        query=filters.get("q", ""),
        kind=filters.get("kind", ""),
        district=filters.get("district", ""),
    )
    return render(
        request,
        "core/organisation_list.html",
        {
            "form": form,
            "page": _page(request, qs),
            "query_string": without_page(request),
            "can_create": permits(request.user, "organisation", Action.CREATE),
            "can_export": permits(request.user, "organisation", Action.DOWNLOAD),
        },
    )


@login_required
def organisation_export(request: HttpRequest) -> HttpResponse:
    if not permits(request.user, "organisation", Action.DOWNLOAD):
        services.denial_record(actor=request.user, action="organisation.download", object_type="organisation")
        raise PermissionDenied
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.organisation_list(
        user=request.user,
        query=filters.get("q", ""),
        kind=filters.get("kind", ""),
        district=filters.get("district", ""),
    )
    kinds = dict(OrganisationKind.choices)
    header = [
        _("名称"),
        _("统一社会信用代码"),
        _("类型"),
        _("所在区"),
        _("地址"),
        _("联系人"),
        _("联系电话"),
        _("电子邮箱"),
    ]
    rows = (
        [
            o.name,
            o.credit_code or "",
            str(kinds.get(o.kind, o.kind)),
            o.district.name if o.district else "",
            o.address,
            o.contact_name,
            o.contact_phone,
            o.contact_email,
        ]
        for o in qs.iterator()
    )
    spec = exports.ExportSpec(
        name="organisation",
        header=header,
        rows=rows,
        title=_("组织机构"),
        filename=f"organisations-{timezone.localdate():%Y%m%d}",
        filters=filters,
    )
    return exports.export_response(request, spec)


@login_required
def organisation_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.organisations_import_start(actor=request.user, name=upload.name, chunks=upload.chunks())
        except (EvidenceRejected, ValidationError) as exc:
            form.add_error("file", "; ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("导入任务已提交，进度见下方"))
            return redirect("core:job-detail", pk=job.pk)
    return render(request, "core/organisation_import.html", {"form": form})


def organisation_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    organisation = visible_or_404(request, "organisation", Organisation.objects.select_related("district"), pk)
    return render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            "can_change": permits(request.user, "organisation", Action.CHANGE, organisation),
            "show_contacts": request.user.is_authenticated,
        },
    )


@login_required
def organisation_edit(request: HttpRequest, pk: Any = None) -> HttpResponse:
    organisation = visible_or_404(request, "organisation", Organisation.objects.all(), pk) if pk else None
    initial = {}
    if organisation is not None:
        initial = {name: getattr(organisation, name) for name in services.ORGANISATION_FIELDS}
        initial["district"] = organisation.district.code if organisation.district else None
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["district"] = data["district"].code if data["district"] else None
        try:
            if organisation is None:
                organisation = services.organisation_create(actor=request.user, data=data)
            else:
                services.organisation_update(actor=request.user, organisation=organisation, data=data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("已保存"))
            return redirect("core:organisation-detail", pk=organisation.pk)
    return render(request, "core/organisation_form.html", {"form": form, "organisation": organisation})


@login_required
def evidence_list(request: HttpRequest) -> HttpResponse:
    form = EvidenceUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            evidence = services.evidence_upload(
                actor=request.user,
                name=upload.name,
                chunks=upload.chunks(),
                description=form.cleaned_data["description"],
            )
        except EvidenceRejected as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("已上传，SHA-256：%(h)s") % {"h": evidence.sha256})
            return redirect("core:evidence-detail", pk=evidence.pk)
    return render(
        request,
        "core/evidence_list.html",
        {
            "form": form,
            "page": _page(request, selectors.evidence_list(user=request.user)),
            "can_upload": permits(request.user, "evidence", Action.CREATE),
        },
    )


@login_required
def evidence_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    evidence = visible_or_404(request, "evidence", selectors.evidence_list(user=request.user), pk)
    return render(
        request,
        "core/evidence_detail.html",
        {
            "evidence": evidence,
            "custody": selectors.evidence_custody(evidence=evidence),
            "can_download": permits(request.user, "evidence", Action.DOWNLOAD, evidence),
        },
    )


@login_required
def evidence_download(request: HttpRequest, pk: Any) -> HttpResponse:
    evidence = visible_or_404(request, "evidence", selectors.evidence_list(user=request.user), pk)
    try:
        handle = services.evidence_open(actor=request.user, evidence=evidence)
    except services.EvidenceCorrupted as exc:
        return render(request, "core/error.html", {"message": str(exc)}, status=409)
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type="application/octet-stream"
    )
    response["X-Content-SHA256"] = evidence.sha256
    return response


def _audit_filters(request: HttpRequest) -> tuple[AuditFilterForm, dict[str, Any]]:
    form = AuditFilterForm(request.GET or None)
    data = dict(form.cleaned_data) if form.is_valid() else {}
    zone = timezone.get_current_timezone()
    if data.get("since"):
        data["since"] = timezone.make_aware(datetime.combine(data["since"], time.min), zone)
    if data.get("until"):
        data["until"] = timezone.make_aware(datetime.combine(data["until"], time.max), zone)
    return form, {key: value for key, value in data.items() if value}


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not permits(request.user, "audit_entry", Action.LIST):
        services.denial_record(actor=request.user, action="audit_entry.list", object_type="audit_entry")
        raise PermissionDenied
    form, filters = _audit_filters(request)
    return render(
        request,
        "core/audit_list.html",
        {
            "form": form,
            "page": _page(request, selectors.audit_list(user=request.user, **filters), 50),
            "query_string": without_page(request),
            "can_export": permits(request.user, "audit_entry", Action.DOWNLOAD),
            **_audit_purge_context(request),
        },
        status=400 if form.errors else 200,  # a filter that cannot be applied is not silently dropped
    )


def _audit_purge_context(request: HttpRequest) -> dict[str, Any]:
    """The retention purge section of the audit page: requests, and the forms the user's role may use."""
    if not permits(request.user, "audit_purge", Action.LIST):
        return {}
    retention = selectors.audit_retention()
    may_request = permits(request.user, "audit_purge", Action.CREATE)
    return {
        "purges": selectors.audit_purges(user=request.user)[:10],
        "retention": retention,
        "purge_form": AuditPurgeRequestForm(initial={"older_than_days": retention["days"]}) if may_request else None,
        "can_decide": permits(request.user, "audit_purge", Action.CHANGE),
    }


@login_required
@require_POST
def audit_purge_request(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "audit_purge", Action.CREATE)
    form = AuditPurgeRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("core:audit-list")
    try:
        services.audit_purge_request(actor=request.user, older_than_days=form.cleaned_data["older_than_days"])
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("清理申请已提交，须由另一名审计员审批后执行"))
    return redirect("core:audit-list")


@login_required
@require_POST
def audit_purge_decide(request: HttpRequest, pk: Any) -> HttpResponse:
    purge = visible_or_404(request, "audit_purge", selectors.audit_purges(user=request.user), pk)
    form = AuditPurgeDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择批准或驳回"))
        return redirect("core:audit-list")
    try:
        if form.cleaned_data["decision"] == "approve":
            services.audit_purge_approve(actor=request.user, purge=purge)
            messages.success(request, _("已批准；清理由后台任务执行"))
        else:
            services.audit_purge_refuse(actor=request.user, purge=purge, reason=form.cleaned_data["reason"])
            messages.success(request, _("已驳回该清理申请"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("core:audit-list")


@login_required
def audit_export(request: HttpRequest) -> HttpResponse:
    if not permits(request.user, "audit_entry", Action.DOWNLOAD):
        services.denial_record(actor=request.user, action="audit_entry.download", object_type="audit_entry")
        raise PermissionDenied
    form, filters = _audit_filters(request)
    if form.errors:  # never export more than was asked for
        message = "；".join(" ".join(errors) for errors in form.errors.values())
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    qs = selectors.audit_list(user=request.user, **filters)
    header = [
        _("序号"),
        _("时间"),
        _("操作人"),
        _("角色"),
        _("操作"),
        _("操作代码"),
        _("对象类型"),
        _("对象标识"),
        _("结果"),
        _("客户端地址"),
        _("摘要"),
        _("哈希"),
    ]
    results = dict(AuditResult.choices)
    rows = (
        [
            e.seq,
            timezone.localtime(e.at).isoformat(),
            e.actor_label,
            labels.label(labels.ROLE, e.actor_role),
            labels.label(labels.AUDIT_ACTION, e.action),
            e.action,  # the code, as the API and the page's filter know it
            labels.label(labels.OBJECT_TYPE, e.object_type),
            e.object_id,
            str(results.get(e.result, e.result)),
            e.client_ip or "",
            labels.summary_text(e.summary, object_type=e.object_type),
            e.entry_hash,
        ]
        for e in qs.iterator()
    )
    spec = exports.ExportSpec(
        name="audit_entry",
        header=header,
        rows=rows,
        title=_("审计记录"),
        filename=f"audit-{timezone.localdate():%Y%m%d}",
        filters={k: str(v) for k, v in filters.items()},
    )
    return exports.export_response(request, spec)


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """Which years the legal clocks can count, from which notices; officials import next year's notice."""
    if not permits(request.user, "work_calendar", Action.LIST):
        services.denial_record(actor=request.user, action="work_calendar.list", object_type="work_calendar")
        raise PermissionDenied
    may_import = permits(request.user, "work_calendar", Action.CREATE)
    form = CalendarImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not may_import:
            services.denial_record(actor=request.user, action="work_calendar.create", object_type="work_calendar")
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.calendar_import(actor=request.user, data=upload.read(), filename=upload.name)
            except ValidationError as exc:
                form.add_error("file", "；".join(exc.messages))
            else:
                messages.success(
                    request,
                    _("已导入 %(years)s 年的 %(rows)s 个日期；相关期限由后台任务重新计算")
                    % {"years": "、".join(str(y) for y in report["years"]), "rows": report["rows"]},
                )
                return redirect("core:calendar")
    current = platform_calendar()
    years = sorted(current.covered_years)
    return render(
        request,
        "core/calendar.html",
        {
            "form": form if may_import else None,
            "first_year": years[0] if years else None,
            "last_year": years[-1] if years else None,
            "next_year_missing": timezone.localdate().year + 1 not in current.covered_years,
            "next_year": timezone.localdate().year + 1,
            "sources": current.sources,
            "days": selectors.calendar_days(user=request.user),
            "recompute": selectors.calendar_recompute_latest(user=request.user) if may_import else None,
        },
    )


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    if request.headers.get("HX-Request"):
        return render(request, "core/_job_rows.html", {"page": _page(request, selectors.job_list(user=request.user))})
    everyones = scope_for(request.user, "job", Action.LIST) == Scope.ALL  # the schedules are everyone's work
    return render(
        request,
        "core/job_list.html",
        {
            "page": _page(request, selectors.job_list(user=request.user)),
            "schedules": periodic.schedule_list() if everyones else None,
        },
    )


_REPORT_SHOWN = 500  # errors listed on the job page; the file's whole report is in the API's result


@login_required
def job_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    job = visible_or_404(request, "job", selectors.job_list(user=request.user), pk)
    template = "core/_job_status.html" if request.headers.get("HX-Request") else "core/job_detail.html"
    result = job.result if isinstance(job.result, dict) else {}
    errors = [e for e in result.get("errors") or [] if isinstance(e, dict)]
    shown = {key: value for key, value in result.items() if key not in ("errors", "rows_with_errors")}
    resubmit = jobs.resubmit_page(job)
    return render(
        request,
        template,
        {
            "job": job,
            "can_rerun": permits(request.user, "job", Action.CHANGE, job),
            "result_lines": labels.summary_lines(shown, object_type=job.kind) if shown else [],
            "links": jobs.links_of(job),
            "report": errors[:_REPORT_SHOWN],
            "report_cut": len(errors) > _REPORT_SHOWN,
            "report_total": len(errors),
            "resubmit": reverse(resubmit) if resubmit else None,
        },
    )


@login_required
@require_POST
def job_rerun(request: HttpRequest, pk: Any) -> HttpResponse:
    job = visible_or_404(request, "job", selectors.job_list(user=request.user), pk)
    try:
        new_job = services.job_rerun(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("core:job-detail", pk=job.pk)
    return redirect("core:job-detail", pk=new_job.pk)


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    if not permits(request.user, "person", Action.LIST):
        services.denial_record(actor=request.user, action="person.list", object_type="person")
        raise PermissionDenied
    return render(
        request,
        "core/person_list.html",
        {
            "page": _page(request, selectors.people_list(user=request.user), 50),
            "can_create": permits(request.user, "person", Action.CREATE),
        },
    )


@login_required
@require_POST
def person_second_factor_reset(request: HttpRequest, public_id: Any) -> HttpResponse:
    """An administrator removes a person's authenticator (lost phone); they enrol again at next log-in."""
    try:
        person = selectors.people_list(user=request.user).get(public_id=public_id)
    except User.DoesNotExist:
        services.denial_record(
            actor=request.user, action="person.change", object_type="person", object_id=public_id, reason="not visible"
        )
        raise Http404 from None
    had_device = services.mfa_device_reset(actor=request.user, user=person)
    messages.success(
        request,
        _("已重置双因素认证，此人的会话和 API 令牌已失效；下次登录时重新绑定认证应用")
        if had_device
        else _("此人尚未绑定认证应用；已使其会话和 API 令牌失效"),
    )
    return redirect("core:person-edit", public_id=person.public_id)


@login_required
@require_POST
def person_login_unlock(request: HttpRequest, public_id: Any) -> HttpResponse:
    """An administrator ends a person's log-in lock (too many wrong passwords or codes); audited."""
    try:
        person = selectors.people_list(user=request.user).get(public_id=public_id)
    except User.DoesNotExist:
        services.denial_record(
            actor=request.user, action="person.change", object_type="person", object_id=public_id, reason="not visible"
        )
        raise Http404 from None
    was_locked = services.login_unlock(actor=request.user, user=person)
    messages.success(request, _("已解除登录锁定") if was_locked else _("此账号未被锁定；失败次数已清零"))
    return redirect("core:person-edit", public_id=person.public_id)


@login_required
def person_edit(request: HttpRequest, public_id: Any = None) -> HttpResponse:
    person = None
    if public_id is None and not permits(request.user, "person", Action.CREATE):
        services.denial_record(actor=request.user, action="person.create", object_type="person")
        raise PermissionDenied
    if public_id is not None:
        try:
            person = selectors.people_list(user=request.user).get(public_id=public_id)
        except User.DoesNotExist:
            services.denial_record(
                actor=request.user,
                action="person.read",
                object_type="person",
                object_id=public_id,
                reason="not visible",
            )
            raise Http404 from None
    initial = {}
    if person is not None:
        initial = {
            "username": person.username,
            "display_name": person.display_name,
            "organisation": person.organisation_id,
            "email": person.email,
            "is_active": person.is_active,
        }
    form = PersonForm(request.POST or None, initial=initial, editing=person is not None)
    token = None
    if request.method == "POST" and "issue_token" in request.POST and person is not None:
        try:
            token = services.api_token_issue(actor=request.user, user=person)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if person is None:
                person = services.user_create(
                    actor=request.user,
                    username=data["username"],
                    password=data["password"],
                    role=data["role"],
                    display_name=data["display_name"],
                    email=data["email"],
                    organisation=data["organisation"],
                )
            else:
                services.user_update(
                    actor=request.user,
                    user=person,
                    data={key: data[key] for key in ("display_name", "organisation", "email", "is_active")},
                )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("已保存"))
            return redirect("core:person-edit", public_id=person.public_id)
    return render(
        request,
        "core/person_form.html",
        {
            "form": form,
            "person": person,
            "token": token,
            "can_change": person is None or permits(request.user, "person", Action.CHANGE, person),
            "second_factor": _second_factor_status(request, person),
            "login_lock": _login_lock_status(request, person),
            "memberships": person.memberships.select_related("organisation") if person else (),
            "membership_form": MembershipForm() if person else None,
            "may_hold_token": person is not None and permits(person, "api_token", Action.CREATE),
        },
    )


@login_required
@require_POST
def person_roles(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Grant a person one more role in an organisation, or take one (`revoke` = the membership's id)."""
    try:
        person = selectors.people_list(user=request.user).get(public_id=public_id)
    except User.DoesNotExist:
        services.denial_record(
            actor=request.user, action="person.change", object_type="person", object_id=public_id, reason="not visible"
        )
        raise Http404 from None
    try:
        if "revoke" in request.POST:
            membership = get_object_or_404(person.memberships, pk=request.POST["revoke"])
            services.membership_revoke(actor=request.user, membership=membership)
        else:
            form = MembershipForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.get("role") or form.errors.get("organisation") or _("请选择角色"))
            services.membership_grant(
                actor=request.user,
                user=person,
                role=form.cleaned_data["role"],
                organisation=form.cleaned_data["organisation"],
            )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("角色已更新"))
    return redirect("core:person-edit", public_id=person.public_id)


def _second_factor_status(request: HttpRequest, person: User | None) -> dict[str, Any] | None:
    """What the person page says about the person's authenticator, for roles that need one."""
    if person is None or not needs_second_factor(person):
        return None
    device = selectors.mfa_device_of(user=person)
    return {
        "confirmed_at": device.confirmed_at if device is not None else None,
        "can_reset": permits(request.user, "person", Action.CHANGE, person),
    }


def _login_lock_status(request: HttpRequest, person: User | None) -> dict[str, Any] | None:
    """Until when the person's log-in is locked, and whether the reader may unlock it; None: not locked."""
    until = selectors.login_locked_until(user=person) if person is not None else None
    if until is None:
        return None
    return {"until": until, "can_unlock": permits(request.user, "person", Action.CHANGE, person)}

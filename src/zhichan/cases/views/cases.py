"""Pages of a case: intake with a summary before submitting, the queue, the case page and its actions,
its documents, statistics."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from zhichan.cases import clocks as clock_bridge
from zhichan.cases import documents, selectors, services
from zhichan.cases.forms import (
    ActionForm,
    IntakeForm,
    StepForm,
)
from zhichan.cases.models import (
    Case,
    Channel,
    ClockKind,
    IntakeVia,
    MediationSession,
    Status,
)
from zhichan.core import limits
from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.core.policy import Action, permits
from zhichan.core.web import error_text, not_visible


def _case_or_404(request: HttpRequest, pk: Any, action: Action = Action.READ) -> Case:
    try:
        return selectors.case_get(user=request.user, pk=pk, action=action)
    except Case.DoesNotExist:
        raise not_visible(request, "case", pk, action) from None


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Officials: open cases by nearest deadline; others: their own (or assigned) cases, same order."""
    if not permits(request.user, "case", Action.LIST):
        core_services.denial_record(actor=request.user, action="case.list", object_type="case")
        raise PermissionDenied
    channel = request.GET.get("channel", "")
    qs = selectors.queue(user=request.user, channel=channel if channel in Channel.values else "")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [{"case": case, "clocks": [clock_bridge.view(c, today) for c in case.clocks.all()]} for case in page]
    return render(
        request,
        "cases/queue.html",
        {
            "page": page,
            "rows": rows,
            "channels": Channel.choices,
            "channel": channel,
            "can_create": permits(request.user, "case", Action.CREATE),
            "query_string": f"channel={channel}" if channel else "",
        },
    )


def _intake_data(form: IntakeForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    known = data.get("infringement_known_on")
    data["infringement_known_on"] = known.isoformat() if isinstance(known, date) else ""
    return data


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    """Step 1 fills the form and uploads evidence; step 2 shows the summary and proposal; then submit."""
    if not permits(request.user, "case", Action.CREATE):
        core_services.denial_record(actor=request.user, action="case.create", object_type="case")
        raise PermissionDenied
    initial = {}
    if request.GET.get("fair"):  # filed from a fair's complaint station page
        initial = {"fair": request.GET["fair"], "fair_in_progress": "true", "request_kind": "fair_complaint"}
    form = IntakeForm(request.POST or None, request.FILES or None, initial=initial)
    summary = None
    evidence: list[Any] = []
    if request.method == "POST" and form.is_valid():
        ids = [limits.uuid_or_none(i) for i in form.cleaned_data["evidence_ids"].split(",") if i]
        if None in ids:  # the page posts the ids it was given: anything else names no evidence
            return HttpResponseBadRequest(_("证据文件标识无效"), content_type="text/plain; charset=utf-8")
        evidence = list(core_selectors.evidence_list(user=request.user).filter(pk__in=ids))
        try:
            for upload in form.cleaned_data["files"]:
                evidence.append(
                    core_services.evidence_upload(actor=request.user, name=upload.name, chunks=upload.chunks())
                )
        except (ValueError, PermissionDenied) as exc:  # the evidence store's refusal, with its reason
            form.add_error("files", str(exc) or _("无权上传证据"))
        data = _intake_data(form)
        requester_org = None
        code = form.cleaned_data.get("requester_credit_code", "").strip()
        if code and permits(request.user, "case_on_behalf", Action.CREATE):
            requester_org = core_selectors.organisation_list(user=request.user, query=code).first()
            if requester_org is None:
                form.add_error("requester_credit_code", _("该统一社会信用代码的单位尚未登记，请先在组织机构名录中登记"))
        fair = None
        if data.get("fair"):
            fair = selectors.fairs(user=request.user).filter(pk=data["fair"]).first()
        if not form.errors:
            try:
                if request.POST.get("step") == "submit":
                    on_behalf = permits(request.user, "case_on_behalf", Action.CREATE)
                    via = IntakeVia.OFFICIAL if on_behalf else IntakeVia.WEB
                    case = services.case_intake(
                        actor=request.user,
                        data=data,
                        via=via,
                        evidence=evidence,
                        fair=fair,
                        requester_org=requester_org,
                    )
                    messages.success(
                        request,
                        _("已提交，受理编号 %(number)s；受理回执可在本页“证据与文书”中下载")
                        % {"number": case.acceptance_number},
                    )
                    return redirect("cases:detail", pk=case.pk)
                summary = services.preview_triage(data, has_evidence=bool(evidence))
            except ValidationError as exc:
                for field, problems in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                    form.add_error(field if field in form.fields else None, " ".join(problems))
        form.data = form.data.copy()
        form.data["evidence_ids"] = ",".join(str(e.pk) for e in evidence)
    return render(request, "cases/intake.html", {"form": form, "summary": summary, "evidence": evidence})


@login_required
def detail(request: HttpRequest, pk: Any) -> HttpResponse:
    case = _case_or_404(request, pk)
    today = timezone.localdate()
    runs_procedure = permits(request.user, "case", Action.CHANGE, case) and permits(
        request.user, "case_procedure", Action.CHANGE, case
    )  # extensions and the suit window are the office's, not a mediator's

    def may(t: services.Transition) -> bool:
        return services.may_take_step(request.user, case, t)

    ready, waiting = services.offered_transitions(case)
    steps = [t for t in ready if may(t)]
    mediators = (
        selectors.mediators(user=request.user)
        if case.status in (Status.MEDIATION_REQUESTED, Status.MEDIATION_CONSENTED)
        else []
    )
    choices = {
        "mediators": [(m.pk, f"{m.user}（{m.organisation}）") for m in mediators],
        "courts": selectors.courts_for(case) if hasattr(case, "agreement") else [],
    }
    initial = {"channel": (case.triage or {}).get("primary")}
    extendable = (
        [c for c in case.clocks.all() if c.stopped_at is None and c.kind in services.EXTENSION_RULES]
        if runs_procedure and not case.is_closed
        else []
    )
    context = {
        "case": case,
        "clocks": [clock_bridge.view(c, today) for c in case.clocks.all()],
        "steps": [(t, StepForm(t.name, choices=choices, initial=initial)) for t in steps],
        "waiting": [(t, why) for t, why in waiting if may(t)],
        "extendable": [(c, StepForm("extend", key=f"extend_{c.kind}")) for c in extendable],
        "suit_window": next(
            (c for c in case.clocks.all() if c.kind == ClockKind.SUIT_WINDOW and c.stopped_at is None), None
        )
        if runs_procedure
        else None,
        "suit_form": StepForm("suit_filed"),
        "can_download": permits(request.user, "case", Action.DOWNLOAD, case),
        "documents": [(kind, DOCUMENT_LABELS[kind]) for kind in documents.available(case)],
        "session_candidates": selectors.session_candidates(case) if any(t.name == "session" for t in steps) else [],
        "sessions": selectors.sessions(user=request.user).filter(case=case),
        "timeline": [(event, services.ACTION_LABELS.get(event.action, event.action)) for event in case.events.all()],
    }
    return render(request, "cases/detail.html", context)


DOCUMENT_LABELS = {
    "receipt": gettext_lazy("受理回执"),
    "agreement": gettext_lazy("调解协议书"),
    "confirmation": gettext_lazy("司法确认申请书"),
}


def _clock_key(row: Any) -> tuple[Any, ...]:
    return (row.stopped_at, row.start_on, row.start_at, row.due_on, row.expires_at, row.paused)


def _clock_phrase(row: Any) -> str:
    """A running clock in a message: until when it runs (ISO, as pages write dates), or why not."""
    if row.paused:
        return _("%(clock)s暂停计算") % {"clock": row.get_kind_display()}
    if row.unit == "hours" and row.expires_at is not None:
        due = timezone.localtime(row.expires_at).strftime("%Y-%m-%d %H:%M")
    elif row.due_on is not None:
        due = row.due_on.isoformat()
    else:
        return _("%(clock)s暂无法计算（%(problem)s）") % {"clock": row.get_kind_display(), "problem": row.problem}
    return _("%(clock)s至 %(due)s") % {"clock": row.get_kind_display(), "due": due}


def _done_message(case: Case, name: str, before: dict[str, tuple[Any, ...]], number_before: str | None) -> str:
    """What the step did: the step, the state it led to, a new case number, and the clocks it started or moved."""
    parts = [_("已办理“%(step)s”") % {"step": services.ACTION_LABELS.get(name, name)}]
    if name in services.TRANSITIONS:
        parts.append(_("案件状态：%(status)s") % {"status": case.get_status_display()})
    if case.number and case.number != number_before:
        parts.append(_("案号：%(number)s") % {"number": case.number})
    for row in case.clocks.all():
        if row.stopped_at is None and before.get(row.kind) != _clock_key(row):
            parts.append(_clock_phrase(row))
    return pgettext("separator of clauses", "；").join(parts) + pgettext("end of a sentence", "。")


@login_required
@require_POST
def act(request: HttpRequest, pk: Any) -> HttpResponse:
    """One action from the case page, taken by the service the step names; refusals come back as messages."""
    case = _case_or_404(request, pk)
    form = ActionForm(request.POST, user=request.user, case=case)
    if not form.is_valid():
        messages.error(request, _("请求无效"))
        return redirect("cases:detail", pk=case.pk)
    name = form.cleaned_data["action"]
    before = {c.kind: _clock_key(c) for c in case.clocks.all()}
    number_before = case.number
    try:
        done = services.STEP_SERVICES[name](actor=request.user, case=case, **form.arguments())
        case = Case.objects.get(pk=case.pk)
        messages.success(request, _done_message(case, name, before, number_before))
        if isinstance(done, MediationSession):
            return redirect("cases:session", public_id=done.public_id)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    except (ValueError, LookupError) as exc:
        messages.error(request, str(exc))
    return redirect("cases:detail", pk=case.pk)


@login_required
def document(request: HttpRequest, pk: Any, kind: str) -> HttpResponse:
    """The mediation agreement or the judicial confirmation application, as HTML (or PDF with ?format=pdf)."""
    case = _case_or_404(request, pk, Action.DOWNLOAD)
    try:
        html = documents.render_document(case, kind)
    except LookupError:
        raise Http404 from None
    core_services.export_record(
        actor=request.user, object_type="case", filters={"case": str(case.pk), "document": kind}
    )
    if request.GET.get("format") == "pdf":
        pdf = documents.to_pdf(html)
        if pdf is None:
            messages.error(request, _("本机未安装 PDF 生成组件，请使用网页版本打印"))
            return redirect("cases:detail", pk=case.pk)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{kind}-{case.pk}.pdf"'
        return response
    return HttpResponse(html)


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    if not permits(request.user, "case", Action.LIST):
        core_services.denial_record(actor=request.user, action="case.list", object_type="case")
        raise PermissionDenied
    return render(request, "cases/statistics.html", {"stats": selectors.statistics(user=request.user)})

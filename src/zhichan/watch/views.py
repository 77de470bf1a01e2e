"""Pages of the watch module: thin, every read through selectors and every write through services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import exports
from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.core.policy import Action, acts_for, permits
from zhichan.core.web import deny_unless, not_visible, take_step, without_page
from zhichan.core.workflow import may_take
from zhichan.watch import clocks, selectors, services
from zhichan.watch.forms import AlertFilterForm, ImportForm, MarkFilterForm, NoteForm, OutcomeForm, WatchRequestForm
from zhichan.watch.models import Alert, ProtectedMark
from zhichan.watch.workflows import ALERT, WATCH_REQUEST

PAGE = 50


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, PAGE).get_page(request.GET.get("page"))


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    """The alert queue, highest risk first, each with the time left to oppose."""
    deny_unless(request, "watch_alert", Action.LIST)
    form = AlertFilterForm(request.GET or {"status": "open"})
    filters = form.cleaned_data if form.is_valid() else {"status": "open", "q": ""}
    status = filters.get("status", "")
    items = selectors.alert_list(
        user=request.user,
        status="" if status == "open" else status,
        open_only=status == "open",
        query=filters.get("q", ""),
    )
    today = timezone.localdate()
    page = _page(request, items)
    rows = [(alert, (alert.opposition_due - today).days) for alert in page]
    return render(
        request,
        "watch/alerts.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": without_page(request),
            "can_import": permits(request.user, "watch_publication", Action.CREATE),
            "can_see_marks": permits(request.user, "watch_mark", Action.LIST),
            "can_see_publications": permits(request.user, "watch_publication", Action.LIST),
            "can_see_reminders": permits(request.user, "watch_reminder", Action.LIST),
            "can_see_names": permits(request.user, "watch_name_alert", Action.LIST),
            "can_screen_names": permits(request.user, "watch_name_alert", Action.CREATE),
        },
    )


def _alert_or_404(request: HttpRequest, pk: int) -> Alert:
    try:
        return selectors.alert_get(user=request.user, pk=pk)
    except Alert.DoesNotExist:
        raise not_visible(request, "watch_alert", pk) from None


@login_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deny_unless(request, "watch_alert", Action.READ)
    alert = _alert_or_404(request, pk)
    if request.method == "POST":
        actor = request.user
        take_step(
            request,
            {
                "confirm": lambda note: services.alert_review(actor=actor, alert=alert, confirm=True, note=note),
                "dismiss": lambda note: services.alert_review(actor=actor, alert=alert, confirm=False, note=note),
                "reopen": lambda note: services.alert_reopen(actor=actor, alert=alert),
                "notify": lambda note: services.alert_notify_owner(actor=actor, alert=alert),
                "prepare": lambda note: services.alert_prepare(actor=actor, alert=alert),
                "outcome": lambda note: services.alert_outcome(
                    actor=actor, alert=alert, outcome=request.POST.get("outcome", ""), note=note
                ),
            },
        )
        return redirect("watch:alert-detail", pk=alert.pk)
    steps = [t for t in ALERT.available(alert) if may_take(request.user, ALERT, t.name, alert)]
    today = timezone.localdate()
    return render(
        request,
        "watch/alert_detail.html",
        {
            "alert": alert,
            "steps": steps,
            "windows": services.alert_windows(alert),
            "today": today,
            "days_left": (alert.opposition_due - today).days,
            "note_form": NoteForm(),
            "outcome_form": OutcomeForm(),
            "reasons": alert.reasons.split("; "),
            "honours": alert.mark.honours.all(),
            "can_download": alert.statement_id is not None,
        },
    )


@login_required
def alert_statement(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft statement of grounds, verified against its hash as it is served."""
    deny_unless(request, "watch_alert", Action.READ)
    alert = _alert_or_404(request, pk)
    if alert.statement is None:
        raise Http404
    handle = core_services.evidence_open(actor=request.user, evidence=alert.statement)
    return FileResponse(handle, as_attachment=True, filename=alert.statement.original_name)


@login_required
def marks(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "watch_mark", Action.LIST)
    form = MarkFilterForm(request.GET or None)
    items = selectors.mark_list(user=request.user, **_mark_filters(form))
    return render(
        request,
        "watch/marks.html",
        {
            "form": form,
            "page": _page(request, items),
            "query": without_page(request),
            "can_import": permits(request.user, "watch_mark", Action.CHANGE),
            "can_request": permits(request.user, "watch_mark", Action.CREATE),
            "can_export": permits(request.user, "watch_mark", Action.DOWNLOAD),
        },
    )


def _mark_filters(form: MarkFilterForm) -> dict[str, Any]:
    if not form.is_bound or not form.is_valid():
        return {}
    data = form.cleaned_data
    return {
        "query": data["q"],
        "honour": data["honour"],
        "nice_class": data["nice_class"],
        "watch_state": data["watch_state"],
        "status": data["status"],
    }


@login_required
def marks_export(request: HttpRequest, fmt: str) -> HttpResponse:
    deny_unless(request, "watch_mark", Action.DOWNLOAD)
    form = MarkFilterForm(request.GET or None)
    filters = _mark_filters(form)
    header = [
        _("注册号"),
        _("商标"),
        _("尼斯分类"),
        _("类似群"),
        _("注册人"),
        _("注册日"),
        _("专用权期限至"),
        _("状态"),
        _("监测"),
        _("类别"),
        _("待处理预警"),
    ]
    rows = (
        [
            m.registration_number,
            m.mark,
            "|".join(str(c) for c in m.classes),
            "|".join(m.similar_groups),
            m.owner_name,
            m.registration_date,
            m.expiry_date,
            m.get_status_display(),
            m.get_watch_state_display(),
            "、".join(str(h.get_kind_display()) for h in m.honours.all()),
            m.open_alerts,
        ]
        for m in selectors.mark_list(user=request.user, **filters).iterator(chunk_size=2000)
    )
    spec = exports.ExportSpec(
        name="watch_mark",
        header=header,
        rows=rows,
        filename="protected-marks",
        title=_("保护商标名录"),
        filters={k: str(v) for k, v in filters.items() if v},
    )
    return exports.export_response(request, spec, fmt)


@login_required
def mark_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deny_unless(request, "watch_mark", Action.READ)
    try:
        mark = selectors.mark_get(user=request.user, pk=pk)
    except ProtectedMark.DoesNotExist:
        raise not_visible(request, "watch_mark", pk) from None
    if request.method == "POST":
        take_step(
            request,
            {
                "accept": lambda note: services.mark_watch_decide(
                    actor=request.user, mark=mark, accept=True, note=note
                ),
                "decline": lambda note: services.mark_watch_decide(
                    actor=request.user, mark=mark, accept=False, note=note
                ),
            },
        )
        return redirect("watch:mark-detail", pk=mark.pk)
    today = timezone.localdate()
    steps = [t for t in WATCH_REQUEST.available(mark) if may_take(request.user, WATCH_REQUEST, t.name, mark)]
    return render(
        request,
        "watch/mark_detail.html",
        {
            "mark": mark,
            "honours": mark.honours.all(),
            "steps": steps,
            "note_form": NoteForm(),
            "renewal": clocks.renewal(mark.expiry_date, today) if mark.expiry_date else None,
            "alerts": selectors.alert_list(user=request.user, mark=mark)[:50]
            if permits(request.user, "watch_alert", Action.LIST)
            else None,
        },
    )


def _import_page(request: HttpRequest, *, object_type: str, start: Any, template: str) -> HttpResponse:
    deny_unless(request, object_type, Action.CREATE)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = start(actor=request.user, name=upload.name, chunks=upload.chunks())
        except (ValueError, ValidationError) as exc:
            form.add_error("file", "; ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("导入任务已提交，进度见下方"))
            return redirect("core:job-detail", pk=job.pk)
    return render(request, template, {"form": form})


@login_required
def marks_import(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "watch_mark", Action.CHANGE)
    return _import_page(
        request, object_type="watch_mark", start=services.marks_import_start, template="watch/marks_import.html"
    )


@login_required
def publication_import(request: HttpRequest) -> HttpResponse:
    return _import_page(
        request,
        object_type="watch_publication",
        start=services.publication_import_start,
        template="watch/publication_import.html",
    )


@login_required
def mark_request(request: HttpRequest) -> HttpResponse:
    """An owner asks for one of its own marks to be watched."""
    deny_unless(request, "watch_mark", Action.CREATE)
    owners = [
        (str(o.pk), o.name)
        for o in core_selectors.organisation_list(user=request.user)
        if acts_for(request.user, "watch_mark", Action.CREATE, o)
    ]
    form = WatchRequestForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        data["owner"] = core_selectors.organisation_get(user=request.user, pk=data["owner"])
        try:
            mark = services.mark_watch_request(actor=request.user, data=data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("监测申请已提交，待知识产权局审核"))
            return redirect("watch:mark-detail", pk=mark.pk)
    return render(request, "watch/mark_request.html", {"form": form})


@login_required
def publications(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "watch_publication", Action.LIST)
    if request.method == "POST":
        job = services.screen_start(actor=request.user)
        return redirect("core:job-detail", pk=job.pk)
    items = [
        (p, clocks.opposition_window(p.published_on))
        for p in _page(request, selectors.publication_list(user=request.user))
    ]
    return render(
        request,
        "watch/publications.html",
        {
            "rows": items,
            "page": _page(request, selectors.publication_list(user=request.user)),
            "query": without_page(request),
            "unscreened": selectors.filings_unscreened(),
            "can_import": permits(request.user, "watch_publication", Action.CREATE),
            "today": timezone.localdate(),
        },
    )


@login_required
def reminders(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "watch_reminder", Action.LIST)
    return render(
        request,
        "watch/reminders.html",
        {
            "page": _page(request, selectors.reminder_list(user=request.user)),
            "query": without_page(request),
        },
    )

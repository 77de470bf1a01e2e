"""The pages of the legal-status history and the annual-fee monitor (年费监控)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhichan.core.calendar import platform_calendar
from zhichan.core.policy import Action, permits
from zhichan.core.web import deny_unless
from zhichan.engines.patents.fees import STATE_LABELS, FeeState
from zhichan.patents import selectors
from zhichan.patents.events import events_import_start
from zhichan.patents.fees import status_of
from zhichan.patents.forms import ImportForm
from zhichan.patents.models import Patent

PAGE = 50


@login_required
def fees(request: HttpRequest) -> HttpResponse:
    """The fee state of each granted patent in force the user may follow, one page at a time."""
    deny_unless(request, "patent_fee", Action.LIST)
    today = timezone.localdate()
    calendar = platform_calendar()
    page = Paginator(selectors.fee_patent_list(user=request.user).prefetch_related("holders"), PAGE).get_page(
        request.GET.get("page")
    )
    rows = [row for row in (status_of(p, today, calendar) for p in page.object_list) if row is not None]
    context: dict[str, Any] = {
        "page": page,
        "rows": [(row, gettext(STATE_LABELS[row.status.state])) for row in rows],
        "today": today,
        "reminders": selectors.fee_reminder_list(user=request.user)[:20]
        if permits(request.user, "patent_fee_reminder", Action.LIST)
        else [],
        "can_import": permits(request.user, "patent_event", Action.CREATE),
        "warn": (FeeState.DUE, FeeState.IN_GRACE, FeeState.LAPSED),
    }
    return render(request, "patents/fees.html", context)


@login_required
def fee_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    """One patent's fees and its legal-status history (404 outside the user's scope)."""
    deny_unless(request, "patent_fee", Action.READ)
    try:
        patent = selectors.fee_patent_get(user=request.user, pk=pk)
    except Patent.DoesNotExist:
        raise Http404 from None
    row = status_of(patent, timezone.localdate(), platform_calendar())
    context = {
        "patent": patent,
        "row": row,
        "state": gettext(STATE_LABELS[row.status.state]) if row else "",
        "events": selectors.event_list(patent=patent),
    }
    return render(request, "patents/fee_detail.html", context)


@login_required
def events_import(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "patent_event", Action.CREATE)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = events_import_start(actor=request.user, name=upload.name, chunks=upload.chunks())
        except (ValueError, ValidationError) as exc:
            form.add_error("file", "; ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("导入任务已提交，进度见下方"))
            return redirect("core:job-detail", pk=job.pk)
    return render(request, "patents/events_import.html", {"form": form})

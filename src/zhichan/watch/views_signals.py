"""Pages of the bad-faith filing signals (辅助研判): applicants ranked by attention level with their flags
and evidence, and the findings of the competent authority the office records. Thin, as every page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhichan.core.policy import Action, permits
from zhichan.core.web import deny_unless, error_text, not_visible, without_page
from zhichan.engines.badfaith import NOT_A_VERDICT
from zhichan.engines.rules import UnknownRule, rule
from zhichan.watch import selectors, services
from zhichan.watch.forms import FindingForm, SignalFilterForm
from zhichan.watch.models import ApplicantSignal

PAGE = 50


@login_required
def signals(request: HttpRequest) -> HttpResponse:
    """The applicants of the latest assessment, highest attention first; an official runs a new one."""
    deny_unless(request, "watch_applicant_signal", Action.LIST)
    if request.method == "POST":
        job = services.badfaith_start(actor=request.user)
        return redirect("core:job-detail", pk=job.pk)
    form = SignalFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    items = selectors.signal_list(
        user=request.user, level=data.get("level", ""), situation=data.get("situation", ""), query=data.get("q", "")
    )
    return render(
        request,
        "watch/signals.html",
        {
            "form": form,
            "page": Paginator(items, PAGE).get_page(request.GET.get("page")),
            "query": without_page(request),
            "run": selectors.signal_run_latest(user=request.user),
            "notice": _(NOT_A_VERDICT),
            "can_assess": permits(request.user, "watch_applicant_signal", Action.CREATE),
            "can_see_findings": permits(request.user, "watch_badfaith_finding", Action.LIST),
        },
    )


def _basis(key: str) -> str:
    try:
        return rule(key).basis
    except UnknownRule:
        return key


@login_required
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deny_unless(request, "watch_applicant_signal", Action.READ)
    try:
        signal = selectors.signal_get(user=request.user, pk=pk)
    except ApplicantSignal.DoesNotExist:
        raise not_visible(request, "watch_applicant_signal", pk) from None
    alerts = selectors.signal_alerts(user=request.user, signal=signal)
    flags: list[dict[str, Any]] = []
    for flag in signal.flags:
        evidence = [
            {**e, "alert": alerts.get((e["filing_id"], e["ref"])) if flag["situation"] in ("6.2", "6.3") else None}
            for e in flag["evidence"]
        ]
        flags.append(
            {
                **flag,
                "title": _(flag["title"]),
                "basis": [_basis(k) for k in flag["rule_keys"]],
                "evidence": evidence,
                "shown_all": len(evidence) >= flag["count"] or flag["situation"] == "8(3)",
            }
        )
    return render(
        request,
        "watch/signal_detail.html",
        {
            "signal": signal,
            "flags": flags,
            "notice": _(NOT_A_VERDICT),
            "findings": selectors.findings_of(user=request.user, applicants=signal.applicants)
            if permits(request.user, "watch_badfaith_finding", Action.LIST)
            else None,
            "can_record": permits(request.user, "watch_badfaith_finding", Action.CREATE),
            "can_see_alerts": permits(request.user, "watch_alert", Action.LIST),
        },
    )


@login_required
def findings(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "watch_badfaith_finding", Action.LIST)
    items = selectors.finding_list(user=request.user, query=request.GET.get("q", ""))
    return render(
        request,
        "watch/findings.html",
        {
            "page": Paginator(items, PAGE).get_page(request.GET.get("page")),
            "query": without_page(request),
            "can_record": permits(request.user, "watch_badfaith_finding", Action.CREATE),
        },
    )


@login_required
def finding_new(request: HttpRequest) -> HttpResponse:
    """An official records a confirmed finding of the competent authority, with its document."""
    deny_unless(request, "watch_badfaith_finding", Action.CREATE)
    form = FindingForm(
        request.POST or None, request.FILES or None, initial={"applicant": request.GET.get("applicant", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "document"}
        upload = form.cleaned_data["document"]
        try:
            services.finding_record(
                actor=request.user, data=data, document_name=upload.name, document_chunks=upload.chunks()
            )
        except (ValidationError, ValueError) as exc:
            if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error("document", error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("认定记录已保存；此后的评估将据此提示（第八条第（三）项）"))
            return redirect("watch:findings")
    return render(request, "watch/finding_new.html", {"form": form})

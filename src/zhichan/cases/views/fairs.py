"""Pages of fairs: the list, and one fair's complaint station."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from zhichan.cases import clocks as clock_bridge
from zhichan.cases import selectors, services
from zhichan.cases.forms import (
    FairForm,
)
from zhichan.cases.models import (
    Fair,
)
from zhichan.core import services as core_services
from zhichan.core.policy import Action, permits
from zhichan.core.web import error_text, not_visible


@login_required
def fair_list(request: HttpRequest) -> HttpResponse:
    form = FairForm(request.POST or None)
    can_create = permits(request.user, "fair", Action.CREATE)
    if request.method == "POST":
        if not can_create:
            core_services.denial_record(actor=request.user, action="fair.create", object_type="fair")
            raise PermissionDenied
        if form.is_valid():
            try:
                fair = services.fair_create(actor=request.user, data=form.cleaned_data)
                return redirect("cases:fair", pk=fair.pk)
            except ValidationError as exc:
                messages.error(request, error_text(exc))
    fairs = selectors.fairs(user=request.user).annotate(n=Count("complaints"))
    return render(request, "cases/fair_list.html", {"fairs": fairs, "form": form, "can_create": can_create})


@login_required
def fair_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    """One fair's complaint station: its complaints, and each exhibitor's record across the series."""
    try:
        fair = selectors.fair_get(user=request.user, pk=pk)
    except Fair.DoesNotExist:
        raise not_visible(request, "fair", pk) from None
    today = timezone.localdate()
    complaints = [
        {"case": case, "clocks": [clock_bridge.view(c, timezone.now()) for c in case.clocks.all()]}
        for case in selectors.fair_complaints(user=request.user, fair=fair).prefetch_related("clocks")
    ]
    return render(
        request,
        "cases/fair_detail.html",
        {
            "fair": fair,
            "complaints": complaints,
            "records": selectors.exhibitor_records(user=request.user, series=fair.series),
            "in_progress": fair.starts_on <= today <= fair.ends_on,
            "can_file": permits(request.user, "case", Action.CREATE),
        },
    )

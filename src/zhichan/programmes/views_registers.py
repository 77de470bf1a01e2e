"""Pages of the registers: certifications, copyright registrations, demonstration and advantage
enterprises, with their counts by district and year (what the plan reports), and their import."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhichan.core.districts import GUANGZHOU_DISTRICTS
from zhichan.core.policy import Action, permits
from zhichan.core.web import deny_unless
from zhichan.programmes import selectors
from zhichan.programmes.forms import RegisterImportForm
from zhichan.programmes.services.registers import register_import_start

DISTRICT_NAMES = dict(GUANGZHOU_DISTRICTS)


def _by_district_and_year(pairs: list[tuple[str, int]]) -> dict[str, object]:
    counts = Counter(pairs)
    years = sorted({y for _d, y in counts})
    districts = sorted({d for d, _y in counts})
    rows = [
        {"district": DISTRICT_NAMES.get(d, d) or _("未填写"), "cells": [counts.get((d, y), 0) for y in years]}
        for d in districts
    ]
    return {
        "years": years,
        "rows": rows,
        "totals": [sum(v for (_d, yy), v in counts.items() if yy == y) for y in years],
    }


@login_required
def registers(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "programme_register", Action.LIST)
    user = request.user
    certifications = selectors.certification_list(user=user)
    copyrights = selectors.copyright_list(user=user)
    titles = selectors.title_list(user=user)
    return render(
        request,
        "programmes/registers.html",
        {
            "certification_table": _by_district_and_year(
                [(d, day.year) for d, day in certifications.values_list("district", "issued_on")]
            ),
            "copyright_table": _by_district_and_year(
                [(d, day.year) for d, day in copyrights.values_list("district", "registered_on")]
            ),
            "title_table": _by_district_and_year(
                list(titles.filter(withdrawn_on__isnull=True).values_list("district", "year"))
            ),
            "certifications": certifications[:100],
            "titles": titles[:100],
            "copyright_count": copyrights.count(),
            "may_import": permits(user, "programme_register", Action.CREATE),
        },
    )


@login_required
def register_import(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "programme_register", Action.CREATE)
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = register_import_start(
                actor=request.user, register=form.cleaned_data["register"], name=upload.name, chunks=upload.chunks()
            )
        except (ValueError, ValidationError) as exc:
            form.add_error("file", "; ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("导入任务已提交，进度见下方"))
            return redirect("core:job-detail", pk=job.pk)
    return render(request, "programmes/register_import.html", {"form": form})

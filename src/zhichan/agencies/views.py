"""Pages of the agency directory: the list and its export, an agency, the import, statistics, 挂证."""

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

from zhichan.agencies import indicators, selectors, services
from zhichan.agencies.forms import AgencyFilterForm, ImportForm
from zhichan.agencies.models import Agency, AgencyKind
from zhichan.core import exports
from zhichan.core.districts import GUANGZHOU_DISTRICTS
from zhichan.core.policy import Action, permits
from zhichan.core.web import deny_unless, not_visible, without_page

PAGE = 50
DISTRICT_NAMES = dict(GUANGZHOU_DISTRICTS)


def _filters(form: AgencyFilterForm) -> dict[str, Any]:
    if not form.is_bound or not form.is_valid():
        return {}
    data = form.cleaned_data
    return {"query": data["q"], "kind": data["kind"], "district": data["district"], "brand": data["brand"]}


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "agency", Action.LIST)
    form = AgencyFilterForm(request.GET or None)
    items = selectors.agency_list(user=request.user, **_filters(form))
    page = Paginator(items, PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "agencies/directory.html",
        {
            "form": form,
            "page": page,
            "query": without_page(request),
            "districts": DISTRICT_NAMES,
            "can_import": permits(request.user, "agency", Action.CREATE),
            "can_export": permits(request.user, "agency", Action.DOWNLOAD),
            "can_plans": permits(request.user, "agency_inspection_plan", Action.LIST),
        },
    )


@login_required
def directory_export(request: HttpRequest, fmt: str) -> HttpResponse:
    deny_unless(request, "agency", Action.DOWNLOAD)
    filters = _filters(AgencyFilterForm(request.GET or None))
    header = [
        _("机构名称"), _("统一社会信用代码"), _("机构类型"), _("执业许可证号"), _("商标代理备案号"),
        _("总机构"), _("所在区"), _("服务项目"), _("品牌机构"), _("专利代理师人数"), _("在业"),
    ]  # fmt: skip
    rows = (
        [
            a.name,
            a.credit_code,
            a.get_kind_display(),
            a.licence_number,
            a.trademark_record,
            a.parent.name if a.parent else "",
            DISTRICT_NAMES.get(a.district, a.district),
            "、".join(a.services),
            a.get_brand_status_display() if a.brand_status else "",
            a.practitioner_count,
            _("是") if a.active else _("否"),
        ]
        for a in selectors.agency_list(user=request.user, **filters).iterator(chunk_size=2000)
    )
    spec = exports.ExportSpec(
        name="agency",
        header=header,
        rows=rows,
        filename="ip-service-agencies",
        title=_("知识产权服务机构名录"),
        filters={k: str(v) for k, v in filters.items() if v},
    )
    return exports.export_response(request, spec, fmt)


@login_required
def agency_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    deny_unless(request, "agency", Action.READ)
    try:
        agency = selectors.agency_get(user=request.user, pk=pk)
    except Agency.DoesNotExist:
        raise not_visible(request, "agency", pk) from None
    return render(
        request,
        "agencies/agency_detail.html",
        {
            "agency": agency,
            "district": DISTRICT_NAMES.get(agency.district, agency.district),
            "practitioners": agency.practitioners.all(),
            "branches": agency.branches.all(),
        },
    )


@login_required
def directory_import(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "agency", Action.CREATE)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.agencies_import_start(actor=request.user, name=upload.name, chunks=upload.chunks())
        except (ValueError, ValidationError) as exc:
            form.add_error("file", "; ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("导入任务已提交，进度见下方"))
            return redirect("core:job-detail", pk=job.pk)
    return render(request, "agencies/import.html", {"form": form})


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """Agencies in business by district and kind (the indicator 知识产权服务机构)."""
    deny_unless(request, "agency", Action.LIST)
    year = timezone.localdate().year
    counts = indicators.count_by(actor=request.user, year=year)
    districts = sorted({d for d, _k in counts})
    kinds = [k for k in AgencyKind.values if any(kk == k for _d, kk in counts)]
    table = [
        {
            "district": DISTRICT_NAMES.get(d, d) or _("未填写"),
            "cells": [counts.get((d, k), 0) for k in kinds],
            "total": sum(v for (dd, _k), v in counts.items() if dd == d),
        }
        for d in districts
    ]
    return render(
        request,
        "agencies/statistics.html",
        {
            "year": year,
            "kinds": [AgencyKind(k).label for k in kinds],
            "table": table,
            "totals": [sum(v for (_d, kk), v in counts.items() if kk == k) for k in kinds],
            "total": sum(counts.values()),
        },
    )


@login_required
def dual(request: HttpRequest) -> HttpResponse:
    """挂证: one certificate in more than one patent agency."""
    deny_unless(request, "agency", Action.CHANGE)
    return render(request, "agencies/dual.html", {"rows": selectors.dual_registrations(user=request.user)})

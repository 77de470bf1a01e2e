"""Pages of the e-commerce module: the clue queue, clue and notice pages, brands, statistics."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhichan.core import limits
from zhichan.core import selectors as core_selectors
from zhichan.core.labels import label
from zhichan.core.policy import Action, acts_for, organisations_in_scope, permits
from zhichan.core.web import deny_unless, visible_or_404, without_page
from zhichan.ecommerce import labels as wording
from zhichan.ecommerce import listing_files, selectors, services
from zhichan.ecommerce.forms import (
    BrandForm,
    CategoryPriceForm,
    ClueDecisionForm,
    ClueFilterForm,
    CounterfeitTermForm,
    LegitimateContextForm,
    ListingImportForm,
    NoticeStepForm,
)
from zhichan.ecommerce.models import ClueStatus


def _platform_choices(user: Any) -> list[tuple[str, str]]:
    return [(str(o.pk), o.name) for o in core_selectors.organisation_list(user=user, kind="ecommerce_platform")]


@login_required
def clue_queue(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "clue", Action.LIST)
    brands = [(str(b.pk), b.name) for b in selectors.brand_list(user=request.user)]
    form = ClueFilterForm(request.GET or None, brands=brands, platforms=_platform_choices(request.user))
    filters = {
        key: value for key, value in (form.cleaned_data if form.is_valid() else {}).items() if value not in (None, "")
    }
    if request.method == "POST":
        decision = ClueDecisionForm(request.POST)
        chosen = [limits.uuid_or_none(raw) for raw in request.POST.getlist("clue")]
        if None in chosen:  # a clue's id is a UUID: anything else names no clue
            return HttpResponseBadRequest(_("线索标识无效"), content_type="text/plain; charset=utf-8")
        if decision.is_valid() and chosen:
            clues = list(selectors.clue_list(user=request.user).filter(pk__in=chosen))
            try:
                n = services.clues_decide(
                    actor=request.user,
                    clues=clues,
                    decision=decision.cleaned_data["decision"],
                    reason=decision.cleaned_data["reason"],
                )
            except ValidationError as exc:
                messages.error(request, "; ".join(exc.messages))
            else:
                messages.success(request, _("已研判 %(n)d 条线索") % {"n": n})
            return redirect(request.get_full_path())
        messages.error(request, _("请勾选线索并填写研判结果和理由"))
    page = Paginator(selectors.clue_list(user=request.user, **filters), 50).get_page(request.GET.get("page"))
    for clue in page:
        clue.reasons = wording.explanation(clue)  # in the reader's language, the seller by name
    return render(
        request,
        "ecommerce/clue_queue.html",
        {
            "form": form,
            "page": page,
            "decision_form": ClueDecisionForm(),
            "can_decide": permits(request.user, "clue", Action.CHANGE),
            "can_import": permits(request.user, "listing", Action.CREATE),
            "query_string": without_page(request),
        },
    )


@login_required
def clue_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    clue = visible_or_404(request, "clue", selectors.clue_list(user=request.user), pk)
    if request.method == "POST" and "reference_right" in request.POST:
        try:
            services.clue_reference_right(
                actor=request.user, clue=clue, kind=request.POST.get("kind", ""), number=request.POST.get("number", "")
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        return redirect("ecommerce:clue-detail", pk=clue.pk)
    if request.method == "POST" and "refer_case" in request.POST:
        try:
            case = services.clue_refer_to_enforcement(actor=request.user, clue=clue)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("已移送行政执法，案件已登记"))
            return redirect("cases:detail", pk=case.pk)
    if request.method == "POST" and "send_notice" in request.POST:
        try:
            notice = services.notice_send(actor=request.user, clue=clue)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("已通知平台采取必要措施（《电子商务法》第四十二条）"))
            return redirect("ecommerce:notice-detail", pk=notice.pk)
    title = clue.listing.title
    spans = sorted(clue.evidence, key=lambda e: e["start"])
    pieces, cursor = [], 0
    for span in spans:
        if span["start"] >= cursor:
            pieces.append((title[cursor : span["start"]], False, ""))
            pieces.append((title[span["start"] : span["end"]], True, wording.evidence_label(span["what"])))
            cursor = span["end"]
    pieces.append((title[cursor:], False, ""))
    return render(
        request,
        "ecommerce/clue_detail.html",
        {
            "clue": clue,
            "pieces": pieces,
            "explanation": wording.explanation(clue),
            "signals": wording.signal_rows(clue),
            "notice": getattr(clue, "notice", None),
            "can_notify": clue.status == ClueStatus.CONFIRMED and permits(request.user, "notice", Action.CREATE),
            "can_decide": permits(request.user, "clue", Action.CHANGE, clue),
            "right_kinds": services.RIGHT_KINDS,
        },
    )


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "notice", Action.LIST)
    page = Paginator(selectors.notice_list(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "ecommerce/notice_list.html", {"page": page})


@login_required
def notice_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    notice = visible_or_404(request, "notice", selectors.notice_list(user=request.user), pk)
    form = NoticeStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step, text = form.cleaned_data["step"], form.cleaned_data["text"]
        try:
            services.notice_step(actor=request.user, notice=notice, step=step, text=text)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("已记录"))
        return redirect("ecommerce:notice-detail", pk=notice.pk)
    steps = selectors.notice_steps_for(user=request.user, notice=notice)
    return render(request, "ecommerce/notice_detail.html", {"notice": notice, "steps": steps})


@login_required
def listing_import(request: HttpRequest) -> HttpResponse:
    """Platforms (and officials for them) upload a listing file; it is imported as a background job."""
    deny_unless(request, "listing", Action.CREATE)
    platforms = core_selectors.organisation_list(user=request.user, kind="ecommerce_platform")
    for_whom = organisations_in_scope(request.user, "listing", Action.CREATE)
    if for_whom is not None:
        platforms = platforms.filter(pk__in=for_whom)
    form = ListingImportForm(
        request.POST or None, request.FILES or None, platforms=[(str(p.pk), p.name) for p in platforms]
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        platform = platforms.get(pk=form.cleaned_data["platform"])
        try:
            job = listing_files.listings_import_start(
                actor=request.user, platform=platform, name=upload.name, chunks=upload.chunks()
            )
        except (ValueError, ValidationError) as exc:  # the evidence store's refusal, with its reason
            form.add_error("file", "; ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("导入任务已提交，进度见下方"))
            return redirect("core:job-detail", pk=job.pk)
    return render(request, "ecommerce/listing_import.html", {"form": form})


@login_required
def brand_list(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "protected_brand", Action.LIST)
    owners = [
        (str(o.pk), o.name)
        for o in core_selectors.organisation_list(user=request.user)
        if acts_for(request.user, "protected_brand", Action.CREATE, o)
    ]
    brands = selectors.brand_list(user=request.user)
    editable = [b for b in brands if permits(request.user, "protected_brand", Action.CHANGE, b)]
    action = request.POST.get("action", "register")
    price_form = CategoryPriceForm(
        request.POST if action == "category_price" else None, brands=[(str(b.pk), b.name) for b in editable]
    )
    if request.method == "POST" and action in ("category_price", "category_price_delete"):
        return _category_price_post(request, action, price_form, {str(b.pk): b for b in editable})
    form = BrandForm(request.POST if request.method == "POST" else None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner = core_selectors.organisation_get(user=request.user, pk=data.pop("owner"))
        sellers = [s for s in data.pop("authorised_sellers").split("|") if s.strip()]
        try:
            services.brand_register(actor=request.user, owner=owner, data=data, authorised_sellers=sellers)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("已登记"))
            return redirect("ecommerce:brand-list")
    return render(
        request,
        "ecommerce/brand_list.html",
        {
            "brands": brands,
            "form": form,
            "price_form": price_form,
            "editable": {b.pk for b in editable},
            "can_create": permits(request.user, "protected_brand", Action.CREATE),
        },
    )


def _category_price_post(
    request: HttpRequest, action: str, form: CategoryPriceForm, editable: dict[str, Any]
) -> HttpResponse:
    """Set or remove one category's reference range of a brand the user may change."""
    try:
        if action == "category_price_delete":
            brand = editable.get(request.POST.get("brand", ""))
            if brand is None:
                raise ValidationError(_("无权修改该品牌"))
            services.brand_category_price_delete(
                actor=request.user, brand=brand, category=request.POST.get("category", "")
            )
        elif form.is_valid():
            data = dict(form.cleaned_data)
            services.brand_category_price_save(actor=request.user, brand=editable[data.pop("brand")], **data)
        else:
            raise ValidationError([e for errors in form.errors.values() for e in errors])
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("已保存，下次扫描即生效"))
    return redirect("ecommerce:brand-list")


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "clue", Action.LIST)
    stats = selectors.clue_statistics(user=request.user)
    statuses = dict(ClueStatus.choices)
    for row in stats["by_status"]:
        row["label"] = str(statuses.get(row["status"], row["status"]))
    for row in stats["by_signal"]:
        row["label"] = label(wording.SIGNAL, row["signal"])
    return render(request, "ecommerce/statistics.html", {"stats": stats})


@login_required
@require_POST
def clue_decide(request: HttpRequest, pk: Any) -> HttpResponse:
    clue = visible_or_404(request, "clue", selectors.clue_list(user=request.user), pk)
    form = ClueDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.clues_decide(
                actor=request.user,
                clues=[clue],
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    else:
        messages.error(request, _("请填写研判结果和理由"))
    return redirect("ecommerce:clue-detail", pk=clue.pk)


@login_required
def vocabulary(request: HttpRequest) -> HttpResponse:
    """The counterfeit vocabulary and legitimate-use contexts, editable by officials."""
    deny_unless(request, "listing_vocabulary", Action.LIST)
    term_form = CounterfeitTermForm(request.POST if request.POST.get("table") == "term" else None)
    context_form = LegitimateContextForm(request.POST if request.POST.get("table") == "context" else None)
    if request.method == "POST":
        try:
            if term_form.is_bound and term_form.is_valid():
                services.counterfeit_term_save(actor=request.user, **term_form.cleaned_data)
            elif context_form.is_bound and context_form.is_valid():
                services.legitimate_context_save(actor=request.user, data=context_form.cleaned_data)
            else:
                raise ValidationError(_("请检查填写的内容"))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("已保存，下次扫描即生效"))
            return redirect("ecommerce:vocabulary")
    return render(
        request,
        "ecommerce/vocabulary.html",
        {
            **selectors.vocabulary(user=request.user),
            "term_form": term_form,
            "context_form": context_form,
            "can_change": permits(request.user, "listing_vocabulary", Action.CHANGE),
        },
    )

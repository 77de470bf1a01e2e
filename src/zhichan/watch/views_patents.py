"""Pages of the patent watch (专利监测): the watched patents with their legal events and the alerts to
their owners; an owner's request for one of its patents, the office's decision or direct addition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhichan.core import selectors as core_selectors
from zhichan.core.policy import Action, acts_for, permits
from zhichan.core.web import deny_unless, error_text, not_visible, take_step, without_page
from zhichan.core.workflow import may_take
from zhichan.watch import selectors, services
from zhichan.watch.forms import NoteForm, PatentWatchAddForm, PatentWatchFilterForm, PatentWatchRequestForm
from zhichan.watch.models import WatchedPatent
from zhichan.watch.workflows import PATENT_WATCH

PAGE = 50


@login_required
def patents(request: HttpRequest) -> HttpResponse:
    deny_unless(request, "watch_patent", Action.LIST)
    form = PatentWatchFilterForm(request.GET or None)
    state = form.cleaned_data["watch_state"] if form.is_bound and form.is_valid() else ""
    items = selectors.watched_patent_list(user=request.user, watch_state=state)
    return render(
        request,
        "watch/patents.html",
        {
            "form": form,
            "page": Paginator(items, PAGE).get_page(request.GET.get("page")),
            "query": without_page(request),
            "alerts": selectors.patent_alert_list(user=request.user)[:20]
            if permits(request.user, "watch_reminder", Action.LIST)
            else None,
            "can_add": permits(request.user, "watch_patent", Action.CHANGE),
            "can_request": permits(request.user, "watch_patent", Action.CREATE)
            and not permits(request.user, "watch_patent", Action.CHANGE),
        },
    )


@login_required
def patent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deny_unless(request, "watch_patent", Action.READ)
    try:
        watched = selectors.watched_patent_get(user=request.user, pk=pk)
    except WatchedPatent.DoesNotExist:
        raise not_visible(request, "watch_patent", pk) from None
    if request.method == "POST":
        take_step(
            request,
            {
                "accept": lambda note: services.patent_watch_decide(
                    actor=request.user, watched=watched, accept=True, note=note
                ),
                "decline": lambda note: services.patent_watch_decide(
                    actor=request.user, watched=watched, accept=False, note=note
                ),
            },
        )
        return redirect("watch:patent-detail", pk=watched.pk)
    steps = [t for t in PATENT_WATCH.available(watched) if may_take(request.user, PATENT_WATCH, t.name, watched)]
    return render(
        request,
        "watch/patent_detail.html",
        {
            "watched": watched,
            "events": selectors.watched_patent_events(user=request.user, watched=watched),
            "similar": selectors.watched_patent_like(user=request.user, watched=watched),
            "alerts": selectors.patent_alert_list(user=request.user, watched=watched)
            if permits(request.user, "watch_reminder", Action.LIST)
            else None,
            "steps": steps,
            "note_form": NoteForm(),
        },
    )


@login_required
def patent_request(request: HttpRequest) -> HttpResponse:
    """An owner asks for one of the patents its organisation holds to be watched."""
    deny_unless(request, "watch_patent", Action.CREATE)
    owners = {
        str(o.pk): o
        for o in core_selectors.organisation_list(user=request.user)
        if acts_for(request.user, "watch_patent", Action.CREATE, o)
    }
    choices = [
        (f"{pk}:{patent}", f"{owner.name}：{label}")
        for pk, owner in owners.items()
        for patent, label in selectors.patents_to_watch(user=request.user, organisation=owner)
    ]
    form = PatentWatchRequestForm(request.POST or None, patents=choices)
    if request.method == "POST" and form.is_valid():
        owner_pk, patent_pk = form.cleaned_data["patent"].split(":", 1)
        try:
            watched = services.patent_watch_request(actor=request.user, owner=owners[owner_pk], patent_id=patent_pk)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("监测申请已提交，待知识产权局审核"))
            return redirect("watch:patent-detail", pk=watched.pk)
    return render(request, "watch/patent_request.html", {"form": form, "empty": not choices})


@login_required
def patent_add(request: HttpRequest) -> HttpResponse:
    """The office adds a patent of an owner to the watch directly."""
    deny_unless(request, "watch_patent", Action.CHANGE)
    owners = [(str(o.pk), o.name) for o in core_selectors.organisation_list(user=request.user)]
    form = PatentWatchAddForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        patent = selectors.patent_find(user=request.user, number=form.cleaned_data["number"])
        owner = core_selectors.organisation_get(user=request.user, pk=form.cleaned_data["owner"])
        try:
            if patent is None:
                raise ValidationError({"number": _("专利库中没有该专利")})
            watched = services.patent_watch_add(actor=request.user, owner=owner, patent_id=patent.pk)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("已纳入专利监测"))
            return redirect("watch:patent-detail", pk=watched.pk)
    return render(request, "watch/patent_request.html", {"form": form, "empty": False, "add": True})

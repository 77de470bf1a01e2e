"""Pages of the name alerts: trade names of the directory and shop names of the platforms that contain
or imitate a watched mark, worked through review, notice and outcome. No opposition clock applies."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import labels
from zhichan.core.policy import Action, permits
from zhichan.core.web import deny_unless, not_visible, take_step, without_page
from zhichan.core.workflow import may_take
from zhichan.engines.rules import rule
from zhichan.watch import selectors, services
from zhichan.watch.forms import NameAlertFilterForm, NameOutcomeForm, NoteForm
from zhichan.watch.labels import NAME_REASON
from zhichan.watch.models import NameAlert
from zhichan.watch.workflows import NAME_ALERT

PAGE = 50
# what the office may do about a name (no opposition: a name is not a filing)
REMEDIES = (
    "trade_name.same_or_similar_goods",
    "trade_name.unfair_competition",
    "trademark.administrative_enforcement",
    "unfair_competition.administrative_enforcement",
)


def reason_rows(alert: NameAlert) -> list[dict[str, str]]:
    """The engine's reasons in the reader's language: the label of the code and the filled-in sentence."""
    rows = []
    for reason in alert.reasons:
        try:
            text = _(reason["message"]) % reason["params"]
        except (KeyError, TypeError, ValueError):
            text = reason.get("message", "")
        rows.append({"code": reason["code"], "label": labels.label(NAME_REASON, reason["code"]), "text": text})
    return rows


@login_required
def name_alerts(request: HttpRequest) -> HttpResponse:
    """The name alerts, highest score first; an official starts a screening of every name."""
    deny_unless(request, "watch_name_alert", Action.LIST)
    if request.method == "POST":
        job = services.names_screen_start(actor=request.user)
        return redirect("core:job-detail", pk=job.pk)
    form = NameAlertFilterForm(request.GET or {"status": "open"})
    data = form.cleaned_data if form.is_valid() else {"status": "open"}
    status = data.get("status", "")
    items = selectors.name_alert_list(
        user=request.user,
        source=data.get("source", ""),
        verdict=data.get("verdict", ""),
        status="" if status == "open" else status,
        open_only=status == "open",
        mark=data.get("mark", ""),
        query=data.get("q", ""),
    )
    return render(
        request,
        "watch/name_alerts.html",
        {
            "form": form,
            "page": Paginator(items, PAGE).get_page(request.GET.get("page")),
            "query": without_page(request),
            "can_screen": permits(request.user, "watch_name_alert", Action.CREATE),
        },
    )


@login_required
def name_alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deny_unless(request, "watch_name_alert", Action.READ)
    try:
        alert = selectors.name_alert_get(user=request.user, pk=pk)
    except NameAlert.DoesNotExist:
        raise not_visible(request, "watch_name_alert", pk) from None
    if request.method == "POST":
        actor = request.user
        take_step(
            request,
            {
                "confirm": lambda note: services.name_alert_review(actor=actor, alert=alert, confirm=True, note=note),
                "dismiss": lambda note: services.name_alert_review(actor=actor, alert=alert, confirm=False, note=note),
                "reopen": lambda note: services.name_alert_reopen(actor=actor, alert=alert),
                "notify": lambda note: services.name_alert_notify_owner(actor=actor, alert=alert),
                "clue": lambda note: services.name_alert_clue(actor=actor, alert=alert),
                "outcome": lambda note: services.name_alert_outcome(
                    actor=actor, alert=alert, outcome=request.POST.get("outcome", ""), note=note
                ),
            },
        )
        return redirect("watch:name-alert-detail", pk=alert.pk)
    steps = [t for t in NAME_ALERT.available(alert) if may_take(request.user, NAME_ALERT, t.name, alert)]
    context: dict[str, Any] = {
        "alert": alert,
        "steps": steps,
        "reasons": reason_rows(alert),
        # the law in force when the name was last screened (the name is in use then)
        "remedies": [rule(key, on=timezone.localdate(alert.screened_at)) for key in REMEDIES],
        "note_form": NoteForm(),
        "outcome_form": NameOutcomeForm(),
        "can_see_clue": bool(alert.clue_ref) and permits(request.user, "clue", Action.READ),
    }
    return render(request, "watch/name_alert_detail.html", context)

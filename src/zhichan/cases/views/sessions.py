"""Pages of mediation: a mediator's room, and live online sessions (the transcript polled with htmx)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhichan.cases import selectors, services
from zhichan.cases.forms import (
    ConflictForm,
    SessionEndForm,
    SessionPostForm,
)
from zhichan.cases.models import (
    MediationSession,
    SessionState,
)
from zhichan.core import services as core_services
from zhichan.core.policy import Action, permits
from zhichan.core.web import error_text, not_visible


@login_required
def mediation_room(request: HttpRequest) -> HttpResponse:
    """A mediator's room: the cases assigned to them and their conflict declarations; officials see the directory."""
    may_see_directory = permits(request.user, "mediator", Action.LIST)
    if not may_see_directory and not permits(request.user, "mediation_session", Action.LIST):
        core_services.denial_record(actor=request.user, action="mediator.list", object_type="mediator")
        raise PermissionDenied
    profile = selectors.mediator_for(user=request.user)
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and profile is not None and form.is_valid():
        try:
            services.conflict_declare(actor=request.user, mediator=profile, **form.cleaned_data)
            messages.success(request, _("已申报"))
            return redirect("cases:mediation")
        except ValidationError as exc:
            messages.error(request, error_text(exc))
    assigned = (
        selectors.case_list(user=request.user, open_only=True).filter(mediator=request.user)
        if profile is not None
        else []
    )
    return render(
        request,
        "cases/mediation.html",
        {
            "profile": profile,
            "form": form,
            "assigned": assigned,
            "directory": selectors.mediators(user=request.user).prefetch_related("conflicts")
            if may_see_directory
            else [],
            "live_sessions": selectors.sessions(user=request.user, live_only=True)
            if permits(request.user, "mediation_session", Action.LIST)
            else [],
        },
    )


def _session_or_404(request: HttpRequest, public_id: Any, action: Action = Action.READ) -> MediationSession:
    try:
        return selectors.session_get(user=request.user, public_id=public_id, action=action)
    except MediationSession.DoesNotExist:
        raise not_visible(request, "mediation_session", public_id, action) from None


# htmx stops polling on this status: the session has ended, the transcript is final
STOP_POLLING = 286


def _transcript(request: HttpRequest, session: MediationSession) -> HttpResponse:
    """The statements for the room's polling; once the session ended, htmx is told to stop polling."""
    response = render(
        request,
        "cases/_session_messages.html",
        {"session": session, "statements": selectors.session_messages(session=session)},
    )
    if session.state != SessionState.LIVE and request.headers.get("HX-Request"):
        response.status_code = STOP_POLLING
    return response


@login_required
def session_room(request: HttpRequest, public_id: Any) -> HttpResponse:
    """A live online mediation: the transcript refreshes itself; participants speak, the mediator ends it."""
    session = _session_or_404(request, public_id)
    if request.headers.get("HX-Request"):
        return _transcript(request, session)
    may_end = session.state == SessionState.LIVE and services.may_end_session(request.user, session)
    return render(
        request,
        "cases/session.html",
        {
            "session": session,
            "statements": selectors.session_messages(session=session),
            "may_speak": session.state == SessionState.LIVE
            and permits(request.user, "mediation_session", Action.CHANGE, session),
            "may_end": may_end,
            "may_open_case": permits(request.user, "case", Action.READ, session.case),
            "post_form": SessionPostForm(),
            "end_form": SessionEndForm(),
        },
    )


@login_required
@require_POST
def session_post(request: HttpRequest, public_id: Any) -> HttpResponse:
    session = _session_or_404(request, public_id)
    form = SessionPostForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        services.session_post(actor=request.user, session=session, text=form.cleaned_data["text"])
    except ValidationError as exc:
        if request.headers.get("HX-Request"):
            return HttpResponse(error_text(exc), status=422)
        messages.error(request, error_text(exc))
    if request.headers.get("HX-Request"):
        return _transcript(request, session)
    return redirect("cases:session", public_id=session.public_id)


@login_required
@require_POST
def session_end(request: HttpRequest, public_id: Any) -> HttpResponse:
    session = _session_or_404(request, public_id)
    form = SessionEndForm(request.POST)
    try:
        services.session_end(
            actor=request.user, session=session, summary=form.data.get("summary", "") if form.is_valid() else ""
        )
        messages.success(request, _("调解会议已结束，笔录已生成"))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("cases:session", public_id=session.public_id)

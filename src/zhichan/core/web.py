"""Helpers every app's pages, API and admin share: policy denials, paging links, read-only admin.

Part of core's public surface (with services, selectors, policy, audit, jobs and api.permissions).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from zhichan.core.policy import Action, allowed_queryset, permits
from zhichan.core.services import denial_record


def deny_unless(request: HttpRequest, object_type: str, action: Action) -> None:
    """403 (audited) when the user's role may not perform `action` on this kind of object at all."""
    if not permits(request.user, object_type, action):
        denial_record(actor=request.user, action=f"{object_type}.{action}", object_type=object_type)
        raise PermissionDenied


def not_visible(request: HttpRequest, object_type: str, pk: Any, action: Action = Action.READ) -> Http404:
    """Audit an attempt on an object outside the user's scope; the caller raises the returned 404."""
    denial_record(
        actor=request.user,
        action=f"{object_type}.{action}",
        object_type=object_type,
        object_id=pk,
        reason="not visible",
    )
    return Http404()


def visible_or_404(
    request: HttpRequest, object_type: str, queryset: QuerySet, pk: Any, action: Action = Action.READ
) -> Any:
    """The object if the user may see it; otherwise the attempt is audited and the answer is 404."""
    try:
        return allowed_queryset(request.user, object_type, action, queryset).get(pk=pk)
    except queryset.model.DoesNotExist:
        raise not_visible(request, object_type, pk, action) from None


def without_page(request: HttpRequest) -> str:
    """The current query string minus `page`, for pager links that keep the filters."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def api_validation_error(exc: DjangoValidationError) -> ValidationError:
    """A service's ValidationError as the API's 400 answer, field by field where it has fields."""
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})


class ReadOnlyAdmin(admin.ModelAdmin):
    """Writes go through the audited services; the admin only shows."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def error_text(exc: DjangoValidationError) -> str:
    """A service's ValidationError as one line for a page message, field messages joined."""
    if hasattr(exc, "error_dict"):
        return "；".join(" ".join(messages) for messages in exc.message_dict.values())
    return "；".join(exc.messages)


def take_step(request: HttpRequest, steps: Mapping[str, Callable[[str], object]]) -> None:
    """Run the workflow step a detail page POSTed (`step`, with its `note`) through its service and say
    how it went: one shape for every module's step buttons, a refusal shown as the service words it."""
    step = steps.get(request.POST.get("step", ""))
    try:
        if step is None:
            raise DjangoValidationError(_("未知的步骤"))
        step(request.POST.get("note", ""))
    except DjangoValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("已记录"))

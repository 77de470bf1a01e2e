"""DRF permission and viewset base that enforce the policy table and audit every denial.

Visibility comes from the scoped queryset: an object outside the user's read scope answers 404 and
leaks nothing. Inside it, an action the policy does not allow answers 403.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from zhichan.core.policy import Action, allowed_queryset, permits, scope_for
from zhichan.core.services import denial_record

METHOD_ACTIONS = {
    "GET": Action.READ,
    "HEAD": Action.READ,
    "OPTIONS": Action.READ,
    "POST": Action.CREATE,
    "PUT": Action.CHANGE,
    "PATCH": Action.CHANGE,
    "DELETE": Action.DELETE,
}


def _url_object_id(view: Any) -> Any:
    """The object named in the URL, by the keyword DRF looks it up with (`lookup_url_kwarg` when set)."""
    return view.kwargs.get(getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", "pk"), "")


def view_action(request: Request, view: Any) -> Action:
    name = getattr(view, "action", None)
    explicit = getattr(view, "policy_actions", {}).get(name)
    if explicit is not None:
        return Action(explicit)
    if name == "list":
        return Action.LIST
    return METHOD_ACTIONS.get(request.method or "GET", Action.READ)


class PolicyPermission(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        object_type = getattr(view, "policy_object", None)
        if object_type is None:
            return False  # every API view must say which policy row governs it
        action = view_action(request, view)
        if action in (Action.LIST, Action.CREATE):
            allowed = permits(request.user, object_type, action)
        else:
            allowed = scope_for(request.user, object_type, Action.READ) is not None
        if not allowed:
            denial_record(
                actor=request.user,
                action=f"{object_type}.{action}",
                object_type=object_type,
                object_id=_url_object_id(view),
            )
        return allowed

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        action = view_action(request, view)
        if action == Action.READ:
            return True  # the scoped queryset already decided
        allowed = permits(request.user, view.policy_object, action, obj)
        if not allowed:
            denial_record(
                actor=request.user,
                action=f"{view.policy_object}.{action}",
                object_type=view.policy_object,
                object_id=_url_object_id(view) or getattr(obj, "pk", ""),
            )
        return allowed


class PolicyScopedMixin:
    """Queryset narrowed to what the user may read; a miss is audited before it answers 404."""

    policy_object: str
    base_queryset: Any

    def get_queryset(self) -> Any:
        action = Action.LIST if getattr(self, "action", None) == "list" else Action.READ
        return allowed_queryset(self.request.user, self.policy_object, action, self.base_queryset.all())

    def get_object(self) -> Any:
        try:
            return super().get_object()  # type: ignore[misc]
        except Http404:
            denial_record(
                actor=self.request.user,
                action=f"{self.policy_object}.{view_action(self.request, self)}",
                object_type=self.policy_object,
                object_id=_url_object_id(self),
                reason="not visible",
            )
            raise

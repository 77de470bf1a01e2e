"""`{% load policy %}{% if user|may:"case.list" %}`: show a link or a button only where the policy allows it."""

from __future__ import annotations

from typing import Any

from django import template

from zhichan.core.policy import Action, permits

register = template.Library()


@register.filter
def may(user: Any, what: str) -> bool:
    """Whether `user` may do `action` on `object_type` at all (`"object_type.action"`), as the policy says."""
    object_type, _, action = what.partition(".")
    return permits(user, object_type, Action(action))

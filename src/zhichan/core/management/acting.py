"""Who a command acts as: the named account, or else the first active administrator."""

from __future__ import annotations

from django.core.management.base import CommandError

from zhichan.core.models import Role, User


def acting_user(username: str | None) -> User:
    actor = (
        User.objects.filter(username=username).first()
        if username
        else User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).order_by("pk").first()
    )
    if actor is None:
        raise CommandError("no acting user: create an administrator first (zhichan demo) or pass --as-user")
    return actor

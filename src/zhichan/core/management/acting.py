"""Who a command acts as: the person named by `--as-user`, or else the built-in system account."""

from __future__ import annotations

from django.core.management.base import CommandError

from zhichan.core.models import User
from zhichan.core.system import SystemAccountTaken, system_account

AS_USER_HELP = "acting person (default: the system account, audited with your operating-system user name)"


def acting_user(username: str | None) -> User:
    if username:
        actor = User.objects.filter(username=username).first()  # an inactive one is refused by the policy
        if actor is None:
            raise CommandError(f"no user {username!r} (--as-user)", returncode=2)
        return actor
    try:
        return system_account()
    except SystemAccountTaken as exc:
        raise CommandError(str(exc), returncode=2) from None

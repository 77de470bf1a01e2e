"""The built-in system account: who a command acts as when it is given no `--as-user`.

It holds the administrator role, so that on a fresh data directory (after `zhichan migrate`, before any
person exists) every command can do what the first administrator could do. It is created on first use,
audited, and cannot log in: it has no usable password and no API token. Every audit entry it writes
names the operating-system user who ran the command (`os_user` in the entry's summary), so the log
still says which person acted.
"""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.db import transaction

from zhichan.core import audit
from zhichan.core.models import Membership, Role, User

SYSTEM_USERNAME = audit.SYSTEM_USERNAME


class SystemAccountTaken(RuntimeError):
    """A person holds the system account's user name (it has a usable password)."""


def os_user_name() -> str:
    """The name of the operating-system user running this process."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in the environment and no passwd entry (some containers)
        return f"uid {os.getuid()}"


def is_system_account(user: Any) -> bool:
    return getattr(user, "username", None) == SYSTEM_USERNAME and not user.has_usable_password()


def system_account() -> User:
    """The system account, created (and audited) the first time a command needs it."""
    with transaction.atomic():
        user, created = User.objects.select_for_update().get_or_create(
            username=SYSTEM_USERNAME,
            defaults={"display_name": "系统（命令行）", "password": ""},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            Membership.objects.create(user=user, role=Role.ADMINISTRATOR)
            audit.record(
                actor=user,
                action="person.create",
                object_type="person",
                object_id=user.public_id,
                summary={"username": SYSTEM_USERNAME, "role": Role.ADMINISTRATOR, "organisation": None},
            )
    if not is_system_account(user):
        raise SystemAccountTaken(f"the user name {SYSTEM_USERNAME!r} belongs to a person; pass --as-user")
    return user

"""The one form of a user name, and the manager that creates and finds accounts by it.

A name is NFKC-normalised and case-folded once, by `normalize_username`, wherever it enters: when an
account is created (`create_user`, `createsuperuser`, the person page) and when one is looked up to log
in (`get_by_natural_key`, used by the log-in gate). So `ｂｆ1`, `bf１`, `bf¹` and `BF1` are all the account
`bf1`, and a lockout of `bf1` holds for every spelling of it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.contrib.auth.models import UserManager


def normalize_username(raw: object) -> str:
    """NFKC, case-folded, stripped (NFKC again: case folding may leave a compatibility form)."""
    text = unicodedata.normalize("NFKC", str(raw or "")).strip()
    return unicodedata.normalize("NFKC", text.casefold())


class NormalisedUsername:
    """Mixed into the user model: Django's own forms and managers normalise names with this."""

    @classmethod
    def normalize_username(cls, username: Any) -> str:
        return normalize_username(username)


class AccountManager(UserManager):
    use_in_migrations = False

    def get_by_natural_key(self, username: Any) -> Any:
        """The account of a name as typed: its normalised form, else (an account made before names were
        normalised, such as `Zhang`) the name exactly as stored."""
        found = self.filter(username=normalize_username(username)).first()
        return found if found is not None else self.get(username=str(username))

    def create_superuser(self, username: Any, email: Any = None, password: Any = None, **extra: Any) -> Any:
        """`zhichan createsuperuser`: an account with the administrator role, the role that opens the admin
        site (its flags follow from it) and logs in with a second factor; created by the audited service
        as the system account (whose entry names the operating-system user who ran the command)."""
        from zhichan.core.models import Role
        from zhichan.core.services import user_create
        from zhichan.core.system import system_account

        if extra.get("is_staff") is False or extra.get("is_superuser") is False:
            raise ValueError("an administrator always has is_staff and is_superuser: they follow the role")
        return user_create(
            actor=system_account(),
            username=username,
            password=password,
            role=Role.ADMINISTRATOR,
            email=email or "",
            display_name=str(extra.get("display_name", "")),
        )

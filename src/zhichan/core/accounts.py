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

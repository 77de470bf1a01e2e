"""The credit module's dashboard card: listings waiting for a step of the office."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zhichan.core.modules import Tile
from zhichan.core.policy import Action, permits
from zhichan.credit import selectors


def waiting(*, user: Any) -> Tile | None:
    if not permits(user, "credit_listing", Action.CHANGE):
        return None
    count = selectors.listings_waiting(user=user).count()
    return Tile(_("待办理的严重失信名单事项"), count, reverse("credit:listings")) if count else None

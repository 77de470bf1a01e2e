"""The agencies module's dashboard cards."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zhichan.agencies import selectors
from zhichan.core.modules import Tile
from zhichan.core.policy import Action, permits


def dual_registrations(*, user: Any) -> Tile | None:
    """Certificates registered with more than one patent agency (挂证)."""
    if not permits(user, "agency", Action.CHANGE):
        return None
    count = len(selectors.dual_registrations(user=user))
    return Tile(_("疑似挂证的专利代理师"), count, reverse("agencies:dual")) if count else None

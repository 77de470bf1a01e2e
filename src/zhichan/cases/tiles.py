"""The cases module's dashboard cards: the open cases a person may work on, live mediation sessions."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhichan.cases import selectors
from zhichan.core.modules import Tile
from zhichan.core.policy import Action, permits


def open_cases(*, user: Any) -> Tile | None:
    if not permits(user, "case", Action.LIST):
        return None
    return Tile(_("办理中的案件"), selectors.case_list(user=user, open_only=True).count(), reverse("cases:queue"))


def live_sessions(*, user: Any) -> Tile | None:
    if not permits(user, "mediation_session", Action.LIST):
        return None
    live = selectors.sessions(user=user, live_only=True).count()
    return Tile(_("进行中的在线调解"), live, reverse("cases:mediation")) if live else None

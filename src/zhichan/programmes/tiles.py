"""The programmes module's dashboard cards: what waits for the person."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zhichan.core.modules import Tile
from zhichan.core.policy import Action, permits
from zhichan.programmes import selectors
from zhichan.programmes.models import ApplicationStatus as S


def waiting(*, user: Any) -> Tile | None:
    """Applications at a step the person takes: the office's review, the decision, or the payment."""
    states = []
    if permits(user, "programme_review", Action.CHANGE):
        states += [S.SUBMITTED, S.FORMAL_CHECKED, S.REVIEWED, S.PUBLICITY]
    if permits(user, "programme_payment", Action.CHANGE):
        states.append(S.APPROVED)
    if not states:
        return None
    count = selectors.application_list(user=user).filter(status__in=states).count()
    return Tile(_("待办理的资助申报"), count, reverse("programmes:applications")) if count else None

"""The patents module's dashboard card: annual-fee reminders whose time limit is still ahead."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core.modules import Tile
from zhichan.core.policy import Action, permits
from zhichan.patents import selectors


def fees_due(*, user: Any) -> Tile | None:
    if not permits(user, "patent_fee_reminder", Action.LIST):
        return None
    count = selectors.fee_reminder_list(user=user).filter(due_on__gte=timezone.localdate()).count()
    return Tile(_("年费即将到期"), count, reverse("patents:fees")) if count else None

"""The e-commerce module's dashboard cards: clues awaiting a decision, notices waiting for a step."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import Tile
from zhichan.core.policy import Action, permits
from zhichan.ecommerce import selectors
from zhichan.ecommerce.models import ClueStatus, NoticeStatus


def open_clues(*, user: Any) -> Tile | None:
    if not permits(user, "clue", Action.LIST):
        return None
    waiting = selectors.clue_list(user=user, status=ClueStatus.OPEN).count()
    return Tile(_("待研判的电商线索"), waiting, reverse("ecommerce:clue-queue") + f"?status={ClueStatus.OPEN}")


def notices_to_act_on(*, user: Any) -> Tile | None:
    if not permits(user, "notice", Action.LIST):
        return None
    running = selectors.notice_list(user=user).exclude(status=NoticeStatus.RESTORED).count()
    return Tile(_("处理中的侵权通知"), running, reverse("ecommerce:notice-list"))

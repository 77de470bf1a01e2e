"""The watch module's dashboard cards."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zhichan.core.modules import Tile
from zhichan.core.policy import Action, permits
from zhichan.watch import selectors


def open_alerts(*, user: Any) -> Tile | None:
    if not permits(user, "watch_alert", Action.LIST):
        return None
    return Tile(_("待处理的商标预警"), selectors.alert_list(user=user, open_only=True).count(), reverse("watch:alerts"))


def reminders(*, user: Any) -> Tile | None:
    if not permits(user, "watch_reminder", Action.LIST):
        return None
    count = selectors.reminder_list(user=user).count()
    return Tile(_("商标提醒"), count, reverse("watch:reminders")) if count else None


def signals(*, user: Any) -> Tile | None:
    """Applicant groups of the latest assessment that call for close attention (高度关注)."""
    if not permits(user, "watch_applicant_signal", Action.LIST):
        return None
    count = selectors.signal_list(user=user, level="high").count()
    return Tile(_("高度关注的申请人"), count, reverse("watch:signals")) if count else None


def name_alerts(*, user: Any) -> Tile | None:
    """Name alerts (trade names, shop names) still to be worked on."""
    if not permits(user, "watch_name_alert", Action.LIST):
        return None
    return Tile(
        _("待处理的名称预警"),
        selectors.name_alert_list(user=user, open_only=True).count(),
        reverse("watch:name-alerts"),
    )


def patent_lapses(*, user: Any) -> Tile | None:
    """Watched patents lapsed for unpaid fees (专利失效预警; an owner: its own), each with the time to restore it."""
    if not permits(user, "watch_patent", Action.LIST) or not permits(user, "watch_reminder", Action.LIST):
        return None
    count = selectors.patent_alert_list(user=user, urgent=True).count()
    return Tile(_("专利失效预警"), count, reverse("watch:patents")) if count else None

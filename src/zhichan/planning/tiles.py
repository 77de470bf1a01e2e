"""The plan module's dashboard cards: what waits for the office's review, what is overdue."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import Tile
from zhichan.core.policy import Action, permits
from zhichan.planning import selectors


def plan_in_force(*, user: Any) -> Tile | None:
    """The plan the platform monitors, by its title: what the city's officials and partners work to."""
    if not permits(user, "plan", Action.LIST):
        return None
    plan = selectors.plan_current(user=user)
    if plan is None:
        return None
    note = _("%(tasks)d 项任务 · %(indicators)d 项指标") % {
        "tasks": plan.tasks.count(),
        "indicators": plan.indicators.count(),
    }
    return Tile(_("监测中的规划"), plan.title, reverse("planning:overview"), note)


def reviews_waiting(*, user: Any) -> Tile | None:
    if not permits(user, "plan_review", Action.CREATE):
        return None
    plans, reports = selectors.review_queue(user=user)
    return Tile(_("待审核的年度计划和进展报告"), plans.count() + reports.count(), reverse("planning:reviews"))


def overdue(*, user: Any) -> Tile | None:
    """Overdue milestones and reports: the whole city's for the office, a department's for its liaison."""
    if not permits(user, "plan_annual_plan", Action.LIST):
        return None
    items = selectors.overdue_in_scope(user=user, items=selectors.overdue_items())
    return Tile(_("逾期事项"), len(items), reverse("planning:overdue"))

"""The working-day calendar every legal clock of the platform uses: the installed package plus imports.

`chinese-calendar` ships the State Council notices up to its release; each November the notice for
the next year is published, and an administrator imports it (`zhichan calendar import`, or the
calendar page). Until then a clock that reaches into that year says so instead of guessing.
The calendar is rebuilt at most once a minute per process, and at once in the process that imports.
"""

from __future__ import annotations

import time

from django.apps import apps

from zhichan.core.models import WorkCalendarDay
from zhichan.engines.calendar import CalendarEntry, EntryKind, WorkCalendar, default_calendar

REFRESH_SECONDS = 60
_cache: tuple[float, WorkCalendar] | None = None


def platform_calendar() -> WorkCalendar:
    """The package's calendar with the imported notices laid over it."""
    global _cache
    now = time.monotonic()
    if _cache is not None and now - _cache[0] < REFRESH_SECONDS:
        return _cache[1]
    calendar = default_calendar()
    rows = list(WorkCalendarDay.objects.order_by("day"))
    if rows:
        years = sorted({row.day.year for row in rows})
        label = "导入的国务院办公厅节假日安排通知（" + "、".join(str(y) for y in years) + "年）"
        calendar = calendar.with_entries(
            (CalendarEntry(row.day, EntryKind(row.kind), row.name, row.source) for row in rows), label
        )
    _cache = (now, calendar)
    return calendar


def forget() -> None:
    """Drop this process's cached calendar (the next call reads the imported rows again)."""
    global _cache
    _cache = None


def calendar_changed() -> dict[str, int]:
    """Forget the cached calendar and let every app recompute what it derived from it.

    Returns how many records each app recomputed, by app label.
    """
    forget()
    recomputed: dict[str, int] = {}
    for config in apps.get_app_configs():
        hook = getattr(config, "calendar_changed", None)
        if hook is not None:
            recomputed[config.label] = hook()
    return recomputed

"""The working-day calendar every legal clock of the platform uses: the installed package plus imports.

`chinese-calendar` ships the State Council notices up to its release; each November the notice for
the next year is published, and an administrator imports it (`zhichan calendar import`, or the
calendar page). Until then a clock that reaches into that year is computed provisionally from the
statutory holidays (engines.calendar.statutory), says 暂定, and is recomputed when the notice arrives.
The calendar is rebuilt at most once a minute per process, and at once in the process that imports.
"""

from __future__ import annotations

import time

from zhichan.core.models import WorkCalendarDay
from zhichan.core.registry import calendar_hooks
from zhichan.engines.calendar import CalendarEntry, EntryKind, WorkCalendar, default_calendar

REFRESH_SECONDS = 60
_cache: tuple[float, WorkCalendar] | None = None


def platform_calendar() -> WorkCalendar:
    """The package's calendar with the imported notices laid over it."""
    global _cache
    now = time.monotonic()
    if _cache is not None and now - _cache[0] < REFRESH_SECONDS:
        return _cache[1]
    calendar = default_calendar().estimating()
    rows = list(WorkCalendarDay.objects.order_by("day"))
    if rows:
        label = "；".join(
            f"导入：{source}（{'、'.join(str(year) for year in years)}年）" for source, years in _sources(rows).items()
        )
        calendar = calendar.with_entries(
            (CalendarEntry(row.day, EntryKind(row.kind), row.name, row.source) for row in rows), label
        )
    _cache = (now, calendar)
    return calendar


def _sources(rows: list[WorkCalendarDay]) -> dict[str, list[int]]:
    """Each imported source exactly as its rows name it, with the years it covers (a test table stays a test table)."""
    sources: dict[str, list[int]] = {}
    for row in rows:
        years = sources.setdefault(row.source, [])
        if row.day.year not in years:
            years.append(row.day.year)
    return sources


def forget() -> None:
    """Drop this process's cached calendar (the next call reads the imported rows again)."""
    global _cache
    _cache = None


def calendar_changed() -> dict[str, int]:
    """Forget the cached calendar and let every module recompute what it derived from it (its manifest's
    `calendar_changed`). Returns how many records each module recomputed, by app label.
    """
    forget()
    return {label: hook() for label, hook in calendar_hooks()}

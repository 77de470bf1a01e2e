"""Periodic jobs: what the modules' manifests ask to run every hour, day or week, run by `zhichan worker`.

Each kind has a schedule row with its next run. Every worker looks at the rows now and then; a run is
claimed by moving the row's next run forward with a compare-and-swap update, so with two workers (or
two machines) each run is enqueued exactly once, on SQLite and PostgreSQL alike. The run itself is an
ordinary job: its record, log and result are on the jobs page beside the schedule.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from zhichan.core import registry
from zhichan.core.models import Job, PeriodicEvery, PeriodicSchedule
from zhichan.core.services import job_enqueue
from zhichan.core.system import system_account

INTERVALS = {
    PeriodicEvery.HOURLY: timedelta(hours=1),
    PeriodicEvery.DAILY: timedelta(days=1),
    PeriodicEvery.WEEKLY: timedelta(weeks=1),
}


def schedules_sync(*, now: datetime | None = None) -> list[PeriodicSchedule]:
    """The schedule rows of the kinds the installed modules declare (a new kind runs at once)."""
    now = now or timezone.now()
    wanted = registry.periodic_kinds()
    PeriodicSchedule.objects.exclude(kind__in=list(wanted)).delete()
    for kind, every in wanted.items():
        row, created = PeriodicSchedule.objects.get_or_create(kind=kind, defaults={"every": every, "next_run_at": now})
        if not created and row.every != every:
            PeriodicSchedule.objects.filter(pk=row.pk).update(every=every, next_run_at=min(row.next_run_at, now))
    return list(PeriodicSchedule.objects.select_related("last_job"))


def periodic_run_due(*, now: datetime | None = None) -> list[Job]:
    """Enqueue every periodic job whose time has come; each run is claimed by exactly one caller."""
    now = now or timezone.now()
    started = []
    for row in schedules_sync(now=now):
        if row.next_run_at > now:
            continue
        claimed = PeriodicSchedule.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
            next_run_at=now + INTERVALS[PeriodicEvery(row.every)], last_run_at=now
        )
        if not claimed:
            continue  # another worker took this run
        job = job_enqueue(actor=system_account(), kind=row.kind, params={})  # audited as the system's work
        PeriodicSchedule.objects.filter(pk=row.pk).update(last_job=job)
        started.append(job)
    return started


def schedule_list() -> list[dict[str, Any]]:
    """The schedules as the jobs page shows them."""
    return [
        {"kind": row.kind, "every": row.get_every_display(), "next_run_at": row.next_run_at, "last_job": row.last_job}
        for row in PeriodicSchedule.objects.select_related("last_job")
    ]

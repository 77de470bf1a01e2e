"""`zhichan worker`: runs queued jobs and the periodic ones; marks failed the jobs of killed workers."""

from __future__ import annotations

import threading
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from zhichan.core.periodic import periodic_run_due
from zhichan.core.services import jobs_reap

REAP_EVERY_SECONDS = 30  # also how often the periodic schedules are looked at


class Command(DbWorkerCommand):
    help = "Run background jobs (django-tasks database backend), start periodic ones, reap jobs of dead workers."

    def handle(self, *args: Any, **options: Any) -> None:
        for job in jobs_reap():
            self.stderr.write(f"job {job.pk} ({job.kind}) marked failed: its worker {job.worker} is gone")
        stop = threading.Event()

        def reap_periodically() -> None:
            periodic_run_due()
            while not stop.wait(REAP_EVERY_SECONDS):
                jobs_reap()
                periodic_run_due()

        reaper = threading.Thread(target=reap_periodically, name="job-reaper", daemon=True)
        reaper.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()

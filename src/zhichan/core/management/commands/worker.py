"""`zhichan worker`: runs queued jobs; first marks failed the jobs whose previous worker was killed."""

from __future__ import annotations

import threading
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from zhichan.core.services import jobs_reap

REAP_EVERY_SECONDS = 30


class Command(DbWorkerCommand):
    help = "Run background jobs (django-tasks database backend) and reap jobs of dead workers."

    def handle(self, *args: Any, **options: Any) -> None:
        for job in jobs_reap():
            self.stderr.write(f"job {job.pk} ({job.kind}) marked failed: its worker {job.worker} is gone")
        stop = threading.Event()

        def reap_periodically() -> None:
            while not stop.wait(REAP_EVERY_SECONDS):
                jobs_reap()

        reaper = threading.Thread(target=reap_periodically, name="job-reaper", daemon=True)
        reaper.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()

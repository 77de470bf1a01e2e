"""Running Job records: the handler registry, progress reporting and the reaper of lost workers.

A job kind is a function `handler(job_context, **params) -> dict` registered under a name. Handlers
must be safe to run again after a crash (all-or-nothing writes, or upserts keyed on natural keys):
a re-run of a failed job then never doubles its effects.
"""

from __future__ import annotations

import os
import socket
import traceback
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zhichan.core.models import Job, JobStatus
from zhichan.core.modules import resolve

Handler = Callable[..., dict[str, Any]]
_HANDLERS: dict[str, Handler] = {}
_LOG_LIMIT = 500


def job_kind(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _HANDLERS[name] = handler
        return handler

    return register


def register_lazy(kind: str, path: str) -> None:
    """Register a module's job kind by the dotted path of its handler (from its manifest)."""

    def handler(context: JobContext, **params: Any) -> dict[str, Any]:
        return resolve(path)(context, **params)

    handler.__qualname__ = path
    _HANDLERS[kind] = handler


def handler_for(kind: str) -> Handler:
    try:
        return _HANDLERS[kind]
    except KeyError:
        raise LookupError(f"unknown job kind {kind!r}; known: {', '.join(sorted(_HANDLERS))}") from None


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class JobContext:
    """What a handler sees: progress and log lines, written outside the handler's own transactions."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def progress(self, done: int, total: int | None = None) -> None:
        self.job.progress_done = done
        if total is not None:
            self.job.progress_total = total
        self.job.heartbeat_at = timezone.now()
        Job.objects.filter(pk=self.job.pk).update(
            progress_done=self.job.progress_done,
            progress_total=self.job.progress_total,
            heartbeat_at=self.job.heartbeat_at,
        )

    def log(self, line: str) -> None:
        stamped = f"{timezone.localtime():%Y-%m-%d %H:%M:%S} {line}"
        self.job.log = [*self.job.log, stamped][-_LOG_LIMIT:]
        Job.objects.filter(pk=self.job.pk).update(log=self.job.log, heartbeat_at=timezone.now())


def execute(job_id: str) -> None:
    """Run one job to its end state. Called by the task worker; never raises for handler errors."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.status != JobStatus.QUEUED:
            return  # already run, or reaped: never run twice
        job.status = JobStatus.RUNNING
        job.started_at = job.heartbeat_at = timezone.now()
        job.worker = worker_name()
        job.save(update_fields=["status", "started_at", "heartbeat_at", "worker"])
    context = JobContext(job)
    try:
        result = handler_for(job.kind)(context, **job.params)
    except Exception as exc:  # the job records any failure; the worker goes on
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}",
            log=[*context.job.log, traceback.format_exc(limit=5)][-_LOG_LIMIT:],
            finished_at=timezone.now(),
        )
        return
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED,
        result=result,
        finished_at=timezone.now(),
        progress_done=max(context.job.progress_done, context.job.progress_total),
    )


def _process_alive(worker: str) -> bool | None:
    """True/False for a worker on this host; None when it runs elsewhere (heartbeat decides)."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_lost_jobs() -> list[Job]:
    """Mark failed the running jobs whose worker died (gone from this host, or silent too long)."""
    stale_before = timezone.now() - timedelta(seconds=settings.JOB_STALE_AFTER_SECONDS)
    reaped = []
    for job in Job.objects.filter(status=JobStatus.RUNNING):
        alive = _process_alive(job.worker)
        silent = job.heartbeat_at is None or job.heartbeat_at < stale_before
        if alive is False or (alive is None and silent):
            updated = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                status=JobStatus.FAILED,
                error=f"worker {job.worker} lost (进程已终止或长时间无响应)",
                finished_at=timezone.now(),
            )
            if updated:
                reaped.append(job)
    return reaped

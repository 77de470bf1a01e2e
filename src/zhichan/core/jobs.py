"""Running Job records: the handler registry, progress reporting and the reaper of lost workers.

A job kind is a function `handler(job_context, **params) -> dict` registered under a name. Handlers
must be safe to run again after a crash (all-or-nothing writes, or upserts keyed on natural keys):
a re-run of a failed job then never doubles its effects.

A handler that finds its input wrong raises `JobRefused` with a message for the reader and the report
(row, field, reason); such a job is not offered a re-run (the same input would fail again) but the page
where a corrected input is submitted (`job_kind(name, resubmit=url_name)`). Any other exception is
logged on the server with its traceback; the job keeps only a message safe to show, and may be re-run,
as may a job whose worker was lost. `job_links(kind)` registers the links to what a job produced.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core.models import Job, JobFailure, JobStatus

logger = logging.getLogger(__name__)

Handler = Callable[..., dict[str, Any]]
Links = Callable[[Job], list[tuple[str, str]]]
_HANDLERS: dict[str, Handler] = {}
_RESUBMIT: dict[str, str] = {}
_LINKS: dict[str, Links] = {}
_LOG_LIMIT = 500


class JobRefused(Exception):
    """The job's input cannot succeed: `message` says why, `report` holds the details (e.g. `errors`)."""

    def __init__(self, message: str, report: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.report = report


def job_kind(name: str, *, resubmit: str | None = None) -> Callable[[Handler], Handler]:
    """Register a handler; `resubmit` names the page (URL name) where a refused input is submitted again."""

    def register(handler: Handler) -> Handler:
        _HANDLERS[name] = handler
        if resubmit:
            _RESUBMIT[name] = resubmit
        return handler

    return register


def job_links(kind: str) -> Callable[[Links], Links]:
    """Register `links(job) -> [(label, url)]`: the files or pages a finished job of this kind produced."""

    def register(links: Links) -> Links:
        _LINKS[kind] = links
        return links

    return register


def links_of(job: Job) -> list[tuple[str, str]]:
    links = _LINKS.get(job.kind)
    return links(job) if links is not None and job.status == JobStatus.SUCCEEDED else []


def resubmit_page(job: Job) -> str | None:
    """The URL name of the page where a corrected input replaces the refused one, if the kind has one."""
    return _RESUBMIT.get(job.kind) if job.failure == JobFailure.REFUSED else None


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
        failure, error, report = _failure(job, exc)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            failure=failure,
            error=error,
            result=report,
            finished_at=timezone.now(),
        )
        return
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED,
        result=result,
        finished_at=timezone.now(),
        progress_done=max(context.job.progress_done, context.job.progress_total),
    )


def _failure(job: Job, exc: Exception) -> tuple[str, str, dict[str, Any] | None]:
    """(failure, message safe to show, report) of a handler's exception; the traceback goes to the log."""
    if isinstance(exc, JobRefused):
        return JobFailure.REFUSED, exc.message, exc.report
    if isinstance(exc, ValidationError):  # the services' refusals: messages written for the reader
        return JobFailure.REFUSED, "；".join(exc.messages), None
    if isinstance(exc, PermissionDenied):
        return JobFailure.REFUSED, str(exc) or _("无权执行此操作"), None
    logger.exception("job %s (%s) failed", job.pk, job.kind)
    return JobFailure.ERROR, _("任务执行出错，错误已记入服务器日志（任务编号 %(id)s）") % {"id": job.pk}, None


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
                failure=JobFailure.LOST,
                error=_("任务进程已终止或长时间无响应，可以重新运行"),
                finished_at=timezone.now(),
            )
            logger.warning("job %s (%s): worker %s lost", job.pk, job.kind, job.worker)
            if updated:
                reaped.append(job)
    return reaped

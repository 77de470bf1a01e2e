"""The one background task: run a Job record. Everything long goes through it."""

from __future__ import annotations

from django_tasks import task

from zhichan.core import jobs


@task()
def run_job(job_id: str) -> None:
    jobs.execute(job_id)

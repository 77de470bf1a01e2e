"""Jobs: enqueued after commit, progress recorded, a killed worker's job marked failed and re-run once."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

import pytest
from django.db import connections, transaction

from zhichan.core import jobs, services
from zhichan.core.models import Job, JobStatus, Organisation
from zhichan.engines.identifiers import USCC_ALPHABET, uscc_check_character

pytestmark = pytest.mark.django_db(transaction=True)


def _csv(n: int) -> bytes:
    lines = ["名称,统一社会信用代码,类型,所在区"]
    for i in range(n):
        body = "".join(USCC_ALPHABET[(i // 31**k) % 31] for k in range(9))
        first17 = f"91440106{body}"
        lines.append(f"广州测试{i:05d}号有限公司,{first17}{uscc_check_character(first17)},企业,天河区")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _stalled_execute(job_id: str) -> None:
    """Run the job in a child process that stops after its first progress report, as if it hung."""
    connections.close_all()
    original = jobs.JobContext.progress

    def progress_then_hang(self, done, total=None):
        original(self, done, total)
        if done > 0:
            time.sleep(600)

    jobs.JobContext.progress = progress_then_hang
    jobs.execute(job_id)


def _wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached in time")


def test_job_is_enqueued_only_after_commit(users, evidence_root):
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        job = services.organisations_import_start(actor=users["official"], name="orgs.csv", chunks=[_csv(3)])
        assert not DBTaskResult.objects.exists()
    assert DBTaskResult.objects.count() == 1
    jobs.execute(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result["created"] == 3
    assert job.progress_done == job.progress_total == 3


@pytest.mark.slow
def test_killed_worker_job_is_failed_and_rerun_without_doubling(users, evidence_root):
    rows = 1500
    job = services.organisations_import_start(actor=users["official"], name="orgs.csv", chunks=[_csv(rows)])
    connections.close_all()
    child = multiprocessing.get_context("fork").Process(target=_stalled_execute, args=(str(job.pk),))
    child.start()
    try:
        _wait_for(lambda: Job.objects.get(pk=job.pk).progress_done > 0)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.join()
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING  # the dead worker could not say anything

    reaped = services.jobs_reap()
    assert [r.pk for r in reaped] == [job.pk]
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.failure == "lost" and job.can_run_again

    rerun = services.job_rerun(actor=users["official"], job=job)
    jobs.execute(str(rerun.pk))
    rerun.refresh_from_db()
    assert rerun.status == JobStatus.SUCCEEDED and rerun.rerun_of_id == job.pk
    assert Organisation.objects.filter(name__startswith="广州测试").count() == rows

    # A second re-run (as if the first had committed and then died) changes nothing.
    job2 = services.job_rerun(actor=users["official"], job=job)
    jobs.execute(str(job2.pk))
    job2.refresh_from_db()
    assert job2.result == {"created": 0, "updated": 0, "unchanged": rows, "rows_with_errors": 0, "errors": []}
    assert Organisation.objects.filter(name__startswith="广州测试").count() == rows


def test_a_job_is_never_run_twice(users, evidence_root):
    job = services.organisations_import_start(actor=users["official"], name="orgs.csv", chunks=[_csv(2)])
    jobs.execute(str(job.pk))
    finished = Job.objects.get(pk=job.pk).finished_at
    jobs.execute(str(job.pk))
    assert Job.objects.get(pk=job.pk).finished_at == finished


def test_failed_import_job_reports_rows_and_writes_nothing(users, evidence_root):
    bad = (
        "名称,统一社会信用代码,类型,所在区\n"
        "好公司,91440300708461136T,企业,天河区\n"
        "坏公司,91440300708461136X,企业,天河区\n"
    )
    job = services.organisations_import_start(actor=users["official"], name="orgs.csv", chunks=[bad.encode()])
    jobs.execute(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.failure == "refused" and job.error == "1 行有错误，未导入任何数据"
    [error] = job.result["errors"]
    assert error["row"] == 3 and error["field"] == "统一社会信用代码" and "应为“T”" in error["message"]
    assert not Organisation.objects.filter(name="好公司").exists()

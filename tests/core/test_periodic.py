"""Periodic jobs from the manifests: scheduled, run once per period even with several workers, shown."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from zhichan.core import jobs
from zhichan.core.models import AuditEntry, Job, JobStatus, PeriodicSchedule
from zhichan.core.periodic import periodic_run_due, schedules_sync
from zhichan.core.system import SYSTEM_USERNAME

EXPECTED = {"core.evidence_sweep": "daily", "planning.reminders": "daily"}


@pytest.mark.django_db
def test_the_schedules_are_the_kinds_core_and_the_manifests_declare():
    rows = {row.kind: row.every for row in schedules_sync()}
    assert EXPECTED.items() <= rows.items()


@pytest.mark.django_db
def test_each_run_starts_once_per_period_and_is_an_audited_job(django_capture_on_commit_callbacks):
    now = timezone.now()
    with django_capture_on_commit_callbacks():
        first = periodic_run_due(now=now)
    assert {job.kind for job in first} >= set(EXPECTED)
    assert periodic_run_due(now=now + timedelta(hours=23)) == []  # not yet due again
    again = periodic_run_due(now=now + timedelta(days=1, minutes=1))
    assert {job.kind for job in again} >= set(EXPECTED)
    assert AuditEntry.objects.filter(action="job.enqueue").count() == len(first) + len(again)
    # the system's own work, audited as the system account with the operating-system user's name
    assert {job.created_by.username for job in first + again} == {SYSTEM_USERNAME}
    assert {e.actor_label for e in AuditEntry.objects.filter(action="job.enqueue")} == {SYSTEM_USERNAME}
    sweep = PeriodicSchedule.objects.get(kind="core.evidence_sweep")
    assert sweep.last_job == next(job for job in again if job.kind == "core.evidence_sweep")
    assert sweep.next_run_at == now + timedelta(days=2, minutes=1)


@pytest.mark.django_db
def test_the_periodic_jobs_do_their_work(users, evidence_root):
    for job in periodic_run_due():
        jobs.execute(str(job.pk))
    done = {job.kind: job for job in Job.objects.all()}
    assert all(job.status == JobStatus.SUCCEEDED for job in done.values()), {k: j.error for k, j in done.items()}
    assert done["core.evidence_sweep"].result["checked"] == 0
    assert done["planning.reminders"].result == {"overdue": 0, "departments": 0}


@pytest.mark.django_db(transaction=True)
def test_two_workers_looking_at_once_start_each_run_once(users):
    now = timezone.now()
    schedules_sync(now=now)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            periodic_run_due(now=now)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    kinds = list(Job.objects.values_list("kind", flat=True))
    assert sorted(kinds) == sorted(set(kinds)) and set(EXPECTED) <= set(kinds)


@pytest.mark.django_db
def test_the_jobs_page_shows_the_schedules_to_the_office(client, users):
    periodic_run_due()
    client.force_login(users["official"])
    page = client.get("/jobs/").content.decode()
    assert "定期任务" in page and "校验全部证据文件" in page and "逾期事项提醒" in page
    client.force_login(users["rights_holder"])
    assert "定期任务" not in client.get("/jobs/").content.decode()

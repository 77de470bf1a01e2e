"""The audit retention purge (reliability check R8(c)): dual control, exact boundary, re-anchored chain.

Entries with old timestamps are appended through `audit.record` with the clock set back, so their hashes
cover the chosen time exactly as a real entry's would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from freezegun import freeze_time

from tests.kit import assert_denied_and_audited
from zhichan.core import audit, jobs, services
from zhichan.core.models import AuditEntry, AuditPurge, AuditPurgeStatus, Job, JobStatus, Role

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def _append(users, when, label):
    with freeze_time(when):
        return audit.record(actor=users["official"], action="test.event", object_type="thing", object_id=label)


def _aged(users, *ages):
    """Entries aged `ages` (timedeltas) at NOW, appended oldest first, keyed by their label."""
    made = {}
    for age in sorted(ages, reverse=True):
        label = f"{age.total_seconds():.0f}s"
        made[age] = _append(users, NOW - age, label)
    return made


def _request(users, days=180, at=NOW):
    with freeze_time(at):
        return services.audit_purge_request(actor=users["administrator"], older_than_days=days)


def _approve_and_run(users, purge, at=NOW):
    with freeze_time(at):
        purge = services.audit_purge_approve(actor=users["auditor"], purge=purge)
        jobs.execute(str(purge.job_id))  # as the task worker does once the approval has committed
    return AuditPurge.objects.get(pk=purge.pk)


def _purge(users, days=180, at=NOW):
    return _approve_and_run(users, _request(users, days, at), at)


def _labels():
    return set(AuditEntry.objects.filter(action="test.event").values_list("object_id", flat=True))


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _tamper(sql, params=()):
    """What an attacker with database rights does: drop the triggers, edit, put them back."""
    audit.drop_append_only_triggers(connection)
    _raw(sql, params)
    audit.install_append_only_triggers(connection)


# --- R8(c): nothing younger than the retention period is deleted; the purge is audited ---


def test_r8c_entries_aged_179_180_181_days(users):
    made = _aged(users, 181 * DAY, 180 * DAY, 179 * DAY)
    purge = _purge(users)

    assert _labels() == {made[180 * DAY].object_id, made[179 * DAY].object_id}
    oldest = made[181 * DAY]
    assert purge.status == AuditPurgeStatus.DONE and purge.deleted_count == 1
    assert (purge.first_seq, purge.last_seq, purge.last_hash) == (oldest.seq, oldest.seq, oldest.entry_hash)
    steps = list(AuditEntry.objects.filter(object_type="audit_purge").order_by("seq"))
    assert [(e.action, e.actor_label, e.result) for e in steps] == [
        ("audit_purge.request", "t-administrator", "success"),
        ("audit_purge.approve", "t-auditor", "success"),
        ("audit_purge.run", "t-auditor", "success"),
    ]
    run = steps[-1].summary
    assert run["deleted"] == 1 and run["first_seq"] == run["last_seq"] == oldest.seq
    assert run["last_hash"] == oldest.entry_hash and run["requested_by"] == "t-administrator"
    assert run["approved_by"] == "t-auditor" and run["cutoff"] == (NOW - 180 * DAY).isoformat()
    assert audit.verify_chain()[1] == []


def test_older_than_means_strictly_before_the_cutoff(users):
    second = timedelta(seconds=1)
    made = _aged(users, 180 * DAY + second, 180 * DAY, 180 * DAY - second)
    purge = _purge(users)
    assert purge.deleted_count == 1
    assert _labels() == {made[180 * DAY].object_id, made[180 * DAY - second].object_id}


def test_longer_period_requested_keeps_more(users):
    made = _aged(users, 400 * DAY, 366 * DAY, 364 * DAY)
    purge = _purge(users, days=365)
    assert purge.deleted_count == 2 and _labels() == {made[364 * DAY].object_id}


def test_cutoff_is_fixed_at_the_request(users):
    made = _aged(users, 185 * DAY, 175 * DAY)
    purge = _request(users)
    # approved and run ten days later: the 175-day entry is now 185 days old, but younger than the cutoff
    purge = _approve_and_run(users, purge, at=NOW + 10 * DAY)
    assert purge.deleted_count == 1 and _labels() == {made[175 * DAY].object_id}


def test_old_entry_after_a_younger_one_is_kept(users):
    """A clock set back leaves an old `at` after a young one: the chain is cut only at its oldest run."""
    _append(users, NOW - 200 * DAY, "old")
    _append(users, NOW - 10 * DAY, "young")
    _append(users, NOW - 300 * DAY, "clock set back")
    purge = _purge(users)
    assert purge.deleted_count == 1 and _labels() == {"young", "clock set back"}
    assert audit.verify_chain()[1] == []


def test_nothing_old_enough_deletes_nothing(users):
    _aged(users, 100 * DAY)
    purge = _purge(users)
    assert purge.status == AuditPurgeStatus.DONE and purge.deleted_count == 0 and purge.last_seq is None
    assert audit.verify_chain()[1] == []


# --- dual control ---


def _denied(action):
    return AuditEntry.objects.filter(action=action, result="denied")


def test_requester_cannot_approve_even_as_auditor(users):
    _aged(users, 200 * DAY)
    purge = _request(users)
    requester = users["administrator"]
    services.membership_grant(actor=requester, user=requester, role=Role.AUDITOR)  # an administrator, also auditor
    for action, decide in (
        ("audit_purge.approve", lambda: services.audit_purge_approve(actor=requester, purge=purge)),
        ("audit_purge.refuse", lambda: services.audit_purge_refuse(actor=requester, purge=purge)),
    ):
        assert_denied_and_audited(
            decide, action=action, object_type="audit_purge", object_id=purge.pk, reason="requester"
        )
    assert _denied("audit_purge.approve").get().summary == {"reason": "requester"}
    assert _denied("audit_purge.refuse").count() == 1
    purge.refresh_from_db()
    assert purge.status == AuditPurgeStatus.REQUESTED and purge.job is None


@pytest.mark.parametrize("role", ["administrator", "official", "mediator", "rights_holder"])
def test_only_an_auditor_approves(users, role):
    purge = _request(users)
    assert_denied_and_audited(
        lambda: services.audit_purge_approve(actor=users[role], purge=purge),
        action="audit_purge.change",
        object_type="audit_purge",
        object_id=purge.pk,
    )
    assert _denied("audit_purge.change").count() == 1
    assert AuditPurge.objects.get(pk=purge.pk).status == AuditPurgeStatus.REQUESTED


@pytest.mark.parametrize("role", ["auditor", "official", "liaison"])
def test_only_an_administrator_requests(users, role):
    assert_denied_and_audited(
        lambda: services.audit_purge_request(actor=users[role], older_than_days=180),
        action="audit_purge.create",
        object_type="audit_purge",
        object_id="",
    )
    assert _denied("audit_purge.create").count() == 1 and not AuditPurge.objects.exists()


def test_period_shorter_than_the_retention_is_refused(users):
    with pytest.raises(ValidationError) as refused:
        services.audit_purge_request(actor=users["administrator"], older_than_days=179)
    assert "180" in str(refused.value) and "网络安全法" in str(refused.value)
    assert "older_than_days=179" in _denied("audit_purge.request").get().summary["reason"]
    assert not AuditPurge.objects.exists()


def test_configured_retention_shorter_than_the_law_is_refused(users, settings):
    settings.AUDIT_RETENTION_DAYS = 90
    with pytest.raises(ValidationError) as refused:
        services.audit_purge_request(actor=users["administrator"], older_than_days=120)
    assert "90" in str(refused.value) and "第二十一条第（三）项" in str(refused.value)
    assert not AuditPurge.objects.exists()


def test_configured_retention_shorter_than_the_law_stops_the_start(tmp_path):
    env = {**os.environ, "ZHICHAN_AUDIT_RETENTION_DAYS": "90", "ZHICHAN_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    started = subprocess.run(
        [sys.executable, "-c", "import zhichan.config.settings"], env=env, capture_output=True, text=True
    )
    assert started.returncode != 0
    assert "ZHICHAN_AUDIT_RETENTION_DAYS=90 is shorter than the 180 days" in started.stderr
    assert "网络安全法" in started.stderr


def test_longer_configured_retention_binds_requests(users, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    with pytest.raises(ValidationError):
        services.audit_purge_request(actor=users["administrator"], older_than_days=180)
    assert _request(users, days=365).older_than_days == 365


def test_retention_shortened_after_approval_stops_the_run(users, settings):
    _aged(users, 200 * DAY)
    with freeze_time(NOW):
        purge = services.audit_purge_approve(actor=users["auditor"], purge=_request(users))
    settings.AUDIT_RETENTION_DAYS = 90
    with freeze_time(NOW):
        jobs.execute(str(purge.job_id))
    job = Job.objects.get(pk=purge.job_id)
    assert job.status == JobStatus.FAILED and job.failure == "refused" and "90 天" in job.error  # the reason alone
    purge.refresh_from_db()
    assert purge.status == AuditPurgeStatus.FAILED and "90" in purge.reason
    assert AuditEntry.objects.filter(action="audit_purge.run", result="failure").count() == 1
    assert _labels() == {f"{200 * 86400}s"}


def test_approver_who_lost_the_auditor_role_stops_the_run(users):
    _aged(users, 200 * DAY)
    with freeze_time(NOW):
        purge = services.audit_purge_approve(actor=users["auditor"], purge=_request(users))
    users["auditor"].memberships.update(role=Role.OFFICIAL)
    with freeze_time(NOW):
        jobs.execute(str(purge.job_id))
    assert AuditPurge.objects.get(pk=purge.pk).status == AuditPurgeStatus.FAILED
    assert _labels() == {f"{200 * 86400}s"}


def test_refused_request_never_runs(users):
    _aged(users, 200 * DAY)
    purge = services.audit_purge_refuse(actor=users["auditor"], purge=_request(users), reason="尚需备份")
    assert purge.status == AuditPurgeStatus.REFUSED and purge.job is None
    refusal = AuditEntry.objects.get(action="audit_purge.refuse")
    assert refusal.summary["reason"] == "尚需备份" and refusal.actor == users["auditor"]
    with pytest.raises(ValidationError):
        services.audit_purge_approve(actor=users["auditor"], purge=purge)
    with pytest.raises(services.PurgeRefused):
        services.audit_purge_run(purge_id=purge.pk)
    assert len(_labels()) == 1


def test_one_open_request_at_a_time(users):
    _request(users)
    with pytest.raises(ValidationError):
        _request(users)
    assert AuditPurge.objects.count() == 1


def test_job_waits_for_the_approval(users):
    purge = _request(users)
    assert purge.job is None and not Job.objects.filter(kind="core.audit_purge").exists()


def test_rerun_of_a_finished_purge_changes_nothing(users):
    _aged(users, 200 * DAY, 100 * DAY)
    purge = _purge(users)
    before = AuditEntry.objects.count()
    with freeze_time(NOW + 400 * DAY):
        report = services.audit_purge_run(purge_id=purge.pk)
    assert report["deleted"] == 1 and AuditEntry.objects.count() == before


# --- the chain after a purge ---


def test_chain_verifies_from_the_anchor_and_the_triggers_are_back(users):
    _aged(users, 300 * DAY, 250 * DAY, 200 * DAY, 100 * DAY, 50 * DAY)
    purge = _purge(users)
    assert purge.deleted_count == 3
    checked, problems = audit.verify_chain()
    assert problems == [] and checked == AuditEntry.objects.count()
    call_command("audit", "verify")
    with pytest.raises(DatabaseError), transaction.atomic():
        _raw("DELETE FROM core_auditentry")
    with pytest.raises(DatabaseError), transaction.atomic():
        _raw("UPDATE core_auditentry SET action = 'forged'")


def test_updates_stay_refused_while_deletion_is_allowed(users):
    _aged(users, 200 * DAY)
    with pytest.raises(DatabaseError), transaction.atomic(), audit._deletion_allowed():
        _raw("UPDATE core_auditentry SET action = 'forged'")
    assert AuditEntry.objects.filter(action="forged").count() == 0


def _purged_world(users):
    _aged(users, 300 * DAY, 250 * DAY, 100 * DAY, 90 * DAY, 80 * DAY, 70 * DAY)
    purge = _purge(users)
    assert purge.deleted_count == 2 and audit.verify_chain()[1] == []
    return purge


def test_modified_row_after_purge_is_detected(users):
    purge = _purged_world(users)
    target = purge.last_seq + 2
    _tamper("UPDATE core_auditentry SET object_id = 'forged' WHERE seq = %s", (target,))
    assert [p.seq for p in audit.verify_chain()[1]] == [target]


def test_first_row_after_the_anchor_deleted_without_a_purge_is_detected(users):
    purge = _purged_world(users)
    _tamper("DELETE FROM core_auditentry WHERE seq = %s", (purge.last_seq + 1,))
    problems = audit.verify_chain()[1]
    assert problems and problems[0].seq == purge.last_seq + 2
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_rows_beyond_the_anchor_deleted_without_a_purge_are_detected(users):
    purge = _purged_world(users)
    _tamper("DELETE FROM core_auditentry WHERE seq <= %s", (purge.last_seq + 2,))
    assert audit.verify_chain()[1]


def test_reordered_rows_after_purge_are_detected(users):
    purge = _purged_world(users)
    a, b = purge.last_seq + 1, purge.last_seq + 3
    _tamper("UPDATE core_auditentry SET seq = -1 WHERE seq = %s", (a,))
    _tamper("UPDATE core_auditentry SET seq = %s WHERE seq = %s", (a, b))
    _tamper("UPDATE core_auditentry SET seq = %s WHERE seq = -1", (b,))
    assert {p.seq for p in audit.verify_chain()[1]} >= {a, b}


def test_moved_anchor_does_not_excuse_deleted_rows(users):
    """Rows deleted behind the platform's back, and the purge record edited to point past them."""
    purge = _purged_world(users)
    hidden = AuditEntry.objects.get(seq=purge.last_seq + 1)
    _tamper("DELETE FROM core_auditentry WHERE seq = %s", (hidden.seq,))
    AuditPurge.objects.filter(pk=purge.pk).update(last_seq=hidden.seq, last_hash=hidden.entry_hash)
    problems = audit.verify_chain()[1]
    assert [p.seq for p in problems] == [hidden.seq] and "清理锚点" in problems[0].message


def test_forged_purge_record_does_not_excuse_deleted_rows(users):
    _aged(users, 100 * DAY, 90 * DAY, 80 * DAY)
    first = AuditEntry.objects.order_by("seq").first()
    _tamper("DELETE FROM core_auditentry WHERE seq = %s", (first.seq,))
    AuditPurge.objects.create(
        older_than_days=180,
        cutoff=NOW,
        requested_by=users["administrator"],
        decided_by=users["auditor"],
        status=AuditPurgeStatus.DONE,
        deleted_count=1,
        first_seq=first.seq,
        last_seq=first.seq,
        last_hash=first.entry_hash,
    )
    assert any("清理锚点" in p.message for p in audit.verify_chain()[1])


def test_broken_chain_is_never_purged(users):
    made = _aged(users, 300 * DAY, 200 * DAY, 100 * DAY)
    _tamper("UPDATE core_auditentry SET object_id = 'forged' WHERE seq = %s", (made[200 * DAY].seq,))
    purge = _purge(users)
    assert purge.status == AuditPurgeStatus.FAILED and "审计链校验未通过" in purge.reason
    assert AuditEntry.objects.filter(action="test.event").count() == 3


def test_second_purge_moves_the_anchor_past_the_first(users):
    _aged(users, 300 * DAY, 100 * DAY)
    first = _purge(users)
    _append(users, NOW + 100 * DAY, "later")
    second = _purge(users, at=NOW + 250 * DAY)
    # everything up to the "later" entry is gone, including the first purge's own entries
    assert second.first_seq == first.last_seq + 1 and _labels() == {"later"}
    assert not AuditEntry.objects.filter(object_id=str(first.pk)).exists()
    assert audit.verify_chain()[1] == []


# --- the command and the page ---


def test_command_requests_approves_and_lists(users, capsys):
    _aged(users, 200 * DAY, 100 * DAY)
    with freeze_time(NOW):
        call_command("audit", "purge", "request", "--older-than", "180", "--as-user", "t-administrator")
        purge = AuditPurge.objects.get()
        with pytest.raises(CommandError, match="t-administrator"):
            call_command("audit", "purge", "approve", str(purge.pk), "--as-user", "t-administrator")
        call_command("audit", "purge", "approve", str(purge.pk), "--as-user", "t-auditor")
    out = capsys.readouterr().out
    assert "deleted 1 entries" in out and AuditPurge.objects.get().status == AuditPurgeStatus.DONE
    call_command("audit", "purge", "list")
    assert f"{purge.pk}  done" in capsys.readouterr().out
    with pytest.raises(CommandError, match="180"):
        call_command("audit", "purge", "request", "--older-than", "30", "--as-user", "t-administrator")
    call_command("audit", "verify")


def test_page_lists_requests_and_lets_another_auditor_decide(client, users, django_capture_on_commit_callbacks):
    client.force_login(users["administrator"])
    page = client.get("/audit/").content.decode()
    assert "保留与清理" in page and 'name="older_than_days"' in page and 'value="approve"' not in page
    assert client.post("/audit/purges/", {"older_than_days": 90}).status_code == 302
    assert not AuditPurge.objects.exists()
    assert client.post("/audit/purges/", {"older_than_days": 200}).status_code == 302
    purge = AuditPurge.objects.get()
    assert client.post(f"/audit/purges/{purge.pk}/decide/", {"decision": "approve"}).status_code == 403

    client.force_login(users["auditor"])
    page = client.get("/audit/").content.decode()
    assert 'value="approve"' in page and 'name="older_than_days"' not in page
    assert client.post("/audit/purges/", {"older_than_days": 200}).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/audit/purges/{purge.pk}/decide/", {"decision": "approve"}).status_code == 302
    purge.refresh_from_db()
    assert purge.status == AuditPurgeStatus.APPROVED and purge.decided_by == users["auditor"] and purge.job


def test_page_refusal_with_reason(client, users):
    purge = _request(users)
    client.force_login(users["auditor"])
    client.post(f"/audit/purges/{purge.pk}/decide/", {"decision": "refuse", "reason": "先备份"})
    purge.refresh_from_db()
    assert purge.status == AuditPurgeStatus.REFUSED and purge.reason == "先备份"
    assert "先备份" in client.get("/audit/").content.decode()


@pytest.mark.parametrize("role", Role.values)
def test_page_actions_follow_the_policy_table(client, users, role):
    from zhichan.core.policy import Action, permits

    user = users[role]
    purge = _request(users) if role != "administrator" else None
    client.force_login(user)
    before = AuditEntry.objects.filter(result="denied").count()
    requested = client.post("/audit/purges/", {"older_than_days": 200})
    assert requested.status_code == (302 if permits(user, "audit_purge", Action.CREATE) else 403)
    if purge is None:
        purge = AuditPurge.objects.get()
    decided = client.post(f"/audit/purges/{purge.pk}/decide/", {"decision": "refuse"})
    if permits(user, "audit_purge", Action.CHANGE):
        expected = 302
    else:
        expected = 403 if permits(user, "audit_purge", Action.READ) else 404
    assert decided.status_code == expected
    denials = AuditEntry.objects.filter(result="denied").count() - before
    assert denials == (requested.status_code != 302) + (decided.status_code != 302)
    assert AuditPurge.objects.get().status == (
        AuditPurgeStatus.REFUSED if role == "auditor" else AuditPurgeStatus.REQUESTED
    )


@pytest.mark.django_db(transaction=True)
def test_purge_while_others_append_keeps_the_chain_whole(users):
    """Appends during the purge wait for it on the chain head: no deadlock, no gap, nothing young deleted."""
    import threading

    from django.db import connections
    from django.utils import timezone

    for age in (300, 250, 200):
        _append(users, timezone.now() - age * DAY, f"old {age}")
    purge = services.audit_purge_approve(
        actor=users["auditor"],
        purge=services.audit_purge_request(actor=users["administrator"], older_than_days=180),
    )
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def run(work) -> None:
        try:
            start.wait()
            work()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    def append(n: int) -> None:
        for i in range(10):
            with transaction.atomic():
                audit.record(actor=users["official"], action="test.event", object_type="thing", object_id=f"{n}-{i}")

    threads = [threading.Thread(target=run, args=(lambda: jobs.execute(str(purge.job_id)),))]
    threads += [threading.Thread(target=run, args=(lambda n=n: append(n),)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    purge.refresh_from_db()
    assert purge.status == AuditPurgeStatus.DONE and purge.deleted_count == 3, Job.objects.get(pk=purge.job_id).error
    assert len(_labels()) == 30
    assert audit.verify_chain()[1] == []

"""The audit log: every write audited in its transaction, append-only in the database, tamper-evident."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from zhichan.core import audit
from zhichan.core.models import AuditEntry
from zhichan.core.services import organisation_create

DB_REFUSALS = DatabaseError  # SQLite: IntegrityError; PostgreSQL: ProgrammingError (RAISE EXCEPTION)


def _fill(users, n=6):
    for i in range(n):
        audit.record(
            actor=users["official"],
            action="test.event",
            object_type="thing",
            object_id=i,
            summary={"i": i, "名称": "广州"},
        )


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_service_write_and_audit_share_one_transaction(users):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        organisation_create(
            actor=users["official"],
            data={"name": "广州测试有限公司", "kind": "enterprise", "credit_code": "91350100M000100Y43"},
        )
        raise RuntimeError("roll back")
    assert AuditEntry.objects.count() == before
    org = organisation_create(
        actor=users["official"],
        data={"name": "广州测试有限公司", "kind": "enterprise", "credit_code": "91350100M000100Y43"},
    )
    entry = AuditEntry.objects.get(object_id=str(org.pk))
    assert entry.action == "organisation.create" and entry.actor == users["official"]
    assert entry.actor_role == "official" and entry.at.tzinfo is not None


def test_database_refuses_update_and_delete(users):
    _fill(users, 2)
    with pytest.raises(DB_REFUSALS), transaction.atomic():
        _raw("UPDATE core_auditentry SET action = 'forged'")
    with pytest.raises(DB_REFUSALS), transaction.atomic():
        _raw("DELETE FROM core_auditentry")
    with pytest.raises(DB_REFUSALS), transaction.atomic():
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(action="test.event").count() == 2


def test_intact_chain_verifies(users):
    _fill(users)
    checked, problems = audit.verify_chain()
    assert checked >= 6 and problems == []
    call_command("audit", "verify")


def _tamper(sql, params=()):
    """What an attacker with database rights does: drop the triggers, edit, put them back."""
    audit.drop_append_only_triggers(connection)
    _raw(sql, params)
    audit.install_append_only_triggers(connection)


def test_modified_row_is_detected(users):
    _fill(users)
    target = AuditEntry.objects.get(action="test.event", object_id="3")
    _tamper("UPDATE core_auditentry SET summary = %s WHERE seq = %s", ('{"i": 99}', target.seq))
    _checked, problems = audit.verify_chain()
    assert [p.seq for p in problems] == [target.seq]
    assert "修改" in problems[0].message
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_deleted_row_is_detected(users):
    _fill(users)
    target = AuditEntry.objects.get(action="test.event", object_id="2")
    _tamper("DELETE FROM core_auditentry WHERE seq = %s", (target.seq,))
    _checked, problems = audit.verify_chain()
    assert problems and problems[0].seq == target.seq + 1
    assert any("删除" in p.message for p in problems)


def test_deleted_last_row_is_detected(users):
    _fill(users)
    last = AuditEntry.objects.order_by("-seq").first()
    _tamper("DELETE FROM core_auditentry WHERE seq = %s", (last.seq,))
    _checked, problems = audit.verify_chain()
    assert problems and "链尾" in problems[-1].message


def test_reordered_rows_are_detected(users):
    _fill(users)
    a = AuditEntry.objects.get(action="test.event", object_id="1")
    b = AuditEntry.objects.get(action="test.event", object_id="4")
    # Swap the two rows' positions in the chain (their sequence numbers) through a free value.
    _tamper(
        "UPDATE core_auditentry SET seq = CASE WHEN seq = %s THEN %s WHEN seq = %s THEN %s END WHERE seq IN (%s, %s)",
        (a.seq, -1, b.seq, a.seq, a.seq, b.seq),
    )
    _tamper("UPDATE core_auditentry SET seq = %s WHERE seq = -1", (b.seq,))
    _checked, problems = audit.verify_chain()
    assert {p.seq for p in problems} >= {a.seq, b.seq}


def test_logins_and_failed_logins_are_audited(client, users):
    assert client.post("/login/", {"username": "t-official", "password": "wrong"}).status_code == 200
    assert client.post("/login/", {"username": "t-official", "password": "test-password-123"}).status_code == 302
    entries = list(
        AuditEntry.objects.filter(object_type="session").order_by("seq").values_list("result", "actor_label")
    )
    assert entries == [("failure", "anonymous"), ("success", "t-official")]
    failed = AuditEntry.objects.get(object_type="session", result="failure")
    assert failed.summary == {"username": "t-official"} and failed.client_ip == "127.0.0.1"


def test_repeated_failures_lock_the_account_for_the_window(client, users, settings):
    from freezegun import freeze_time

    settings.LOGIN_MAX_FAILURES = 3
    with freeze_time("2026-03-02 09:00:00"):
        for _ in range(3):
            client.post("/login/", {"username": "t-official", "password": "wrong"})
        refused = client.post("/login/", {"username": "t-official", "password": "test-password-123"})
        assert refused.status_code == 200 and "登录失败次数过多" in refused.content.decode()
        api = client.post("/api/v1/token/", {"username": "t-official", "password": "test-password-123"})
        assert api.status_code == 400 and "登录失败次数过多" in api.content.decode()
        # another account from another client is not affected
        other = client.post(
            "/login/", {"username": "t-auditor", "password": "test-password-123"}, REMOTE_ADDR="10.0.0.9"
        )
        assert other.status_code == 302
    with freeze_time("2026-03-02 09:11:00"):
        assert client.post("/login/", {"username": "t-official", "password": "test-password-123"}).status_code == 302

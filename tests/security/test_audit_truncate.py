"""Issue 20, item 9: the audit log cannot be emptied with TRUNCATE (PostgreSQL; SQLite has no TRUNCATE)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.db import DatabaseError, connection, transaction

from zhichan.core import audit
from zhichan.core.models import AuditEntry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="TRUNCATE exists only on PostgreSQL (run with DATABASE_URL)"
    ),
]


def _fill(users):
    for i in range(3):
        audit.record(actor=users["official"], action="test.event", object_type="thing", object_id=i, summary={})


def _truncate():
    with connection.cursor() as cursor:
        # The test's own transaction holds deferred foreign-key checks of the rows just written, which
        # PostgreSQL would name instead of the trigger; an attacker's TRUNCATE runs in a fresh one.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE core_auditentry")


def test_truncate_of_the_audit_log_is_refused(users):
    _fill(users)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _truncate()
    assert AuditEntry.objects.filter(action="test.event").count() == 3


def test_truncate_stays_refused_while_the_purge_lifts_the_delete_guard(users):
    _fill(users)
    with (
        transaction.atomic(),
        audit._deletion_allowed(),
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
    ):
        _truncate()
    assert AuditEntry.objects.filter(action="test.event").count() == 3


def test_the_migration_installs_the_statement_trigger(users):
    migration = importlib.import_module("zhichan.core.migrations.0010_audit_no_truncate")
    editor = SimpleNamespace(connection=connection)
    migration._run(migration.POSTGRES_DROP)(None, editor)
    _truncate()  # without the trigger TRUNCATE goes through: the trigger is what refuses it
    assert not AuditEntry.objects.exists()
    migration._run(migration.POSTGRES_INSTALL)(None, editor)
    _fill(users)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _truncate()

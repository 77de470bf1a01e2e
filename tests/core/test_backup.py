"""Backups of the embedded edition: a consistent, integrity-checked database copy and the evidence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from zhichan.core.services import evidence_upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_copies_database_and_evidence(users, evidence_root, tmp_path):
    if connection.vendor != "sqlite":
        with pytest.raises(CommandError, match="pg_basebackup"):
            call_command("backup", str(tmp_path))
        return
    evidence = evidence_upload(actor=users["official"], name="a.txt", chunks=[b"evidence text"])
    call_command("backup", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    # the copy keeps the database's file name (the test database's: `..._gw0` under xdist)
    database = folder / Path(settings.DATABASES["default"]["NAME"]).name
    with sqlite3.connect(database) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM core_user").fetchone()[0] == len(users)
    assert (
        folder / "evidence" / evidence.sha256[:2] / evidence.sha256[2:4] / evidence.sha256
    ).read_bytes() == b"evidence text"

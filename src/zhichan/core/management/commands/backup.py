"""`zhichan backup OUT_DIR`: a consistent copy of the embedded SQLite database and the evidence files.

The database is copied with SQLite's online backup API (safe while the platform runs), checked with
`PRAGMA integrity_check`, and the evidence store is copied file by file with each hash verified. With
PostgreSQL, use the server's own tools (pg_basebackup, WAL archiving); this command says so.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from zhichan.core.evidence import file_sha256


class Command(BaseCommand):
    help = "Back up the embedded SQLite database and the evidence files into a new folder."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("out_dir", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "sqlite":
            raise CommandError(
                "PostgreSQL: back up with pg_basebackup and WAL archiving (see README); "
                "this command copies the embedded SQLite database only"
            )
        target = options["out_dir"] / f"zhichan-{timezone.now():%Y%m%dT%H%M%SZ}"
        target.mkdir(parents=True, exist_ok=False)
        source_path = Path(settings.DATABASES["default"]["NAME"])
        copy_path = target / source_path.name
        with sqlite3.connect(source_path) as source, sqlite3.connect(copy_path) as copy:
            source.backup(copy)
            status = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if status != "ok":
            raise CommandError(f"the copy failed its integrity check: {status}")
        copied = 0
        root = Path(settings.EVIDENCE_ROOT)
        if root.exists():
            for path in root.glob("??/??/*"):
                destination = target / "evidence" / path.relative_to(root)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)
                if file_sha256(destination) != path.name:
                    raise CommandError(
                        f"evidence file {path.name} does not match its hash; run `zhichan evidence verify`"
                    )
                copied += 1
        self.stdout.write(self.style.SUCCESS(f"{target}: database ({status}) and {copied} evidence files"))

"""`zhichan import organisations FILE`: all-or-nothing import from XLSX or CSV (UTF-8, GBK, GB18030)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zhichan.core.management.acting import AS_USER_HELP, acting_user
from zhichan.core.services import organisations_import
from zhichan.engines.tabular import TableError, read_table


class Command(BaseCommand):
    help = "Import organisations from XLSX/CSV. All-or-nothing: errors are listed by row and field."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("what", choices=["organisations"])
        parser.add_argument("path", type=Path)
        parser.add_argument("--as-user", default=None, help=AS_USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        actor = acting_user(options["as_user"])
        try:
            table = read_table(path.read_bytes(), path.name)
        except TableError as exc:
            raise CommandError(f"{path}: {exc}") from None
        report = organisations_import(actor=actor, table=table)
        if report.errors:
            for error in report.errors:
                self.stderr.write(f"{path}: {error}")
            raise CommandError(f"{len(report.errors)} 行有错误，未导入任何数据 / nothing imported", returncode=2)
        self.stdout.write(
            self.style.SUCCESS(
                f"新增 {report.created}，更新 {report.updated}，未变 {report.unchanged} / "
                f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}"
            )
        )

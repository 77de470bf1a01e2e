"""`zhichan programmes import REGISTER FILE | check APPLICATION_ID`: the programmes module's commands.

zhichan programmes import certification FILE   (GB/T 29490 certificates, all or nothing)
zhichan programmes import copyright FILE       (copyright registrations, per row: a rerun resumes)
zhichan programmes import title FILE           (demonstration and advantage enterprises, all or nothing)
zhichan programmes check APPLICATION_ID        (the eligibility checks as they stand today, with the
                                                record that decided each; nothing is written)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zhichan.core import imports
from zhichan.core.system import system_account
from zhichan.engines.tabular import TableError, open_table


class Command(BaseCommand):
    help = "IP programmes: import a register, show an application's eligibility checks."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        importing = commands.add_parser("import")
        importing.add_argument("register", choices=("certification", "copyright", "title"))
        importing.add_argument("file", type=Path)
        commands.add_parser("check").add_argument("application")

    def handle(self, *args: Any, **options: Any) -> None:
        from zhichan.programmes import services
        from zhichan.programmes.models import Application
        from zhichan.programmes.services.registers import SPECS

        if options["action"] == "import":
            path: Path = options["file"]
            spec = SPECS[options["register"]]()
            try:
                with path.open("rb") as handle:
                    report = imports.run(spec, actor=system_account(), stream=open_table(handle, str(path)))
            except (OSError, TableError) as exc:
                raise CommandError(str(exc)) from None
            for error in report.errors:
                self.stderr.write(str(error))
            self.stdout.write(
                f"read {report.read}, created {report.created}, updated {report.updated}, "
                f"unchanged {report.unchanged}, refused {report.refused}"
            )
            if report.errors and spec.mode is imports.Mode.ALL_OR_NOTHING:
                raise CommandError("nothing was imported: the file has errors (above)")
            if report.errors:
                raise CommandError("the rows above were refused; the others are in (a rerun resumes)")
            return
        try:
            application = Application.objects.select_related("call__version", "organisation").get(
                pk=options["application"]
            )
        except (Application.DoesNotExist, ValidationError, ValueError):
            raise CommandError(f"no application {options['application']}") from None
        result = services.evaluation_of(application, timezone.localdate())
        for check in result.checks:
            self.stdout.write(f"{'PASS' if check.passed else 'FAIL'} {check.code} {check.record} {check.reason}")
        for item in result.items:
            self.stdout.write(f"{item.item.kind} {item.item.number}: {item.amount}")
            for check in item.checks:
                mark = "PASS" if check.passed else "FAIL"
                self.stdout.write(f"  {mark} {check.code} {check.record} {check.reason}")
        self.stdout.write(f"total {result.total}{' (capped)' if result.capped else ''}")

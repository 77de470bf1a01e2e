"""`zhichan watch import-marks|import-publication|screen|reminders`: the watch module's jobs.

zhichan watch import-marks FILE         (per row by registration number: run again to resume)
zhichan watch import-publication FILE   (per row by filing number; then screens what is new)
zhichan watch screen                    (screen every filing not yet screened)
zhichan watch reminders                 (renewal reminders and the weekly digests now)
zhichan watch names --marks MARKS.csv --names NAMES.csv --out ALERTS.csv [--threshold T]
                    [--industries FILE] [--relatedness FILE] [--workers N]
                                        (enterprise and shop names against marks: files in, alerts
                                         out, no database; the names engine's own command line)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhichan.core import imports
from zhichan.core.system import system_account
from zhichan.engines.names import cli as names_cli
from zhichan.engines.tabular import TableError, open_table


class Command(BaseCommand):
    help = "Trademark watch: protected marks and publications, screening, reminders."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        for name in ("import-marks", "import-publication"):
            commands.add_parser(name).add_argument("file", type=Path)
        commands.add_parser("screen")
        commands.add_parser("reminders")
        # Everything after `names` is the engine's command line, parsed by the engine (prefix_chars that
        # no argument uses keep argparse here from reading --marks as an option of its own).
        names = commands.add_parser("names", prefix_chars="\x00", add_help=False)
        names.add_argument("argv", nargs="*")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "names":
            code = names_cli.main(list(options["argv"]))
            if code:
                raise CommandError("names screening refused its input (the reason is above)", returncode=code)
            return
        from zhichan.watch import services

        actor = system_account()
        if action in ("import-marks", "import-publication"):
            spec = services.marks_import_spec() if action == "import-marks" else services.publication_import_spec()
            path: Path = options["file"]
            try:
                with path.open("rb") as handle:
                    report = imports.run(spec, actor=actor, stream=open_table(handle, str(path)))
            except (OSError, TableError) as exc:
                raise CommandError(str(exc)) from None
            for error in report.errors:
                self.stderr.write(str(error))
            self.stdout.write(
                f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}, "
                f"rows with errors {report.rows_with_errors}"
            )
            if action == "import-publication":
                found = services.screen_pending(actor=actor)
                self.stdout.write(f"screened {found.screened}, alerts {found.alerts}")
        elif action == "screen":
            found = services.screen_pending(actor=actor)
            self.stdout.write(f"screened {found.screened}, alerts {found.alerts}")
        else:
            self.stdout.write(
                f"renewal reminders {services.renewals_remind(actor=actor)}, "
                f"digests {services.digest_send(actor=actor)}"
            )

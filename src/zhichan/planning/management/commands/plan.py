"""`zhichan plan import PATH` and `zhichan plan export --format json|xlsx [--out FILE]`."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from zhichan.core.management.acting import AS_USER_HELP, acting_user
from zhichan.core.services import export_record
from zhichan.engines.plan import PlanParseError
from zhichan.planning import selectors
from zhichan.planning.exports import plan_workbook
from zhichan.planning.services import decode_plan_text, plan_import, reminders_record


class Command(BaseCommand):
    help = "Import the plan from its text (idempotent) or export its tasks, boxed projects and indicators."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        do_import = sub.add_parser("import", help="import or re-import the plan text (UTF-8 or GB18030)")
        do_import.add_argument("path", type=Path)
        do_import.add_argument("--title", default="", help="the plan's title (default: from its years)")
        do_import.add_argument("--as-user", default=None, help=AS_USER_HELP)
        do_export = sub.add_parser("export", help="export tasks, boxed projects and indicators")
        do_export.add_argument("--format", choices=["json", "xlsx"], default="json")
        do_export.add_argument("--out", type=Path, default=None, help="output file (JSON: default standard output)")
        do_export.add_argument("--as-user", default=None, help=AS_USER_HELP)
        do_remind = sub.add_parser("remind", help="list overdue milestones and reports by department (audited)")
        do_remind.add_argument("--as-of", type=date.fromisoformat, default=None, help="date (default: today)")
        do_remind.add_argument("--as-user", default=None, help=AS_USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "import":
            self._import(options)
        elif options["subcommand"] == "remind":
            self._remind(options)
        else:
            self._export(options)

    def _remind(self, options: dict[str, Any]) -> None:
        items = reminders_record(actor=acting_user(options["as_user"]), as_of=options["as_of"])
        for item in items:
            self.stdout.write(f"{item.department}\t{item.describe()}")
        self.stdout.write(f"逾期事项 {len(items)} 项 / {len(items)} overdue")

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=2)
        actor = acting_user(options["as_user"])
        try:
            text = decode_plan_text(path.read_bytes())
            result = plan_import(actor=actor, text=text, title=options["title"])
        except PlanParseError as exc:
            raise CommandError(f"{path}: {exc}", returncode=2) from None
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError(f"{path}: {' '.join(getattr(exc, 'messages', [str(exc)]))}", returncode=2) from None
        self.stdout.write(result.summary())

    def _export(self, options: dict[str, Any]) -> None:
        actor = acting_user(options["as_user"])
        plan = selectors.plan_current(user=actor)
        if plan is None:
            raise CommandError("no plan imported yet: run `zhichan plan import PATH` first", returncode=2)
        exported = selectors.plan_export(plan=plan)
        export_record(actor=actor, object_type="plan", filters={"format": options["format"], "plan": plan.pk})
        out: Path | None = options["out"]
        if options["format"] == "json":
            text = json.dumps(exported, ensure_ascii=False, indent=2) + "\n"
            if out is None:
                self.stdout.write(text, ending="")
            else:
                out.write_text(text, encoding="utf-8")
            return
        if out is None:
            if sys.stdout.isatty():
                raise CommandError("--format xlsx needs --out FILE (or redirect standard output)", returncode=2)
            sys.stdout.buffer.write(plan_workbook(exported, base_year=plan.base_year, target_year=plan.target_year))
            return
        out.write_bytes(plan_workbook(exported, base_year=plan.base_year, target_year=plan.target_year))

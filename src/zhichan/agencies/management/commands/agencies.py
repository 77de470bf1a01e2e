"""`zhichan agencies import FILE | verify-draw PLAN_ID`: the agencies module's commands.

zhichan agencies import FILE        (the directory, all or nothing: errors by row and field)
zhichan agencies verify-draw PLAN   (recompute a drawn plan from its published seed and lists;
                                     exit status 1 when the recorded draw differs)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhichan.core import imports
from zhichan.core.system import system_account
from zhichan.engines.tabular import TableError, open_table


class Command(BaseCommand):
    help = "IP service agencies: import the directory, verify a 双随机 draw."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("import").add_argument("file", type=Path)
        commands.add_parser("verify-draw").add_argument("plan")

    def handle(self, *args: Any, **options: Any) -> None:
        from zhichan.agencies import services
        from zhichan.agencies.models import InspectionPlan, PlanStatus

        if options["action"] == "import":
            path: Path = options["file"]
            try:
                with path.open("rb") as handle:
                    report = imports.run(
                        services.agencies_import_spec(), actor=system_account(), stream=open_table(handle, str(path))
                    )
            except (OSError, TableError) as exc:
                raise CommandError(str(exc)) from None
            for error in report.errors:
                self.stderr.write(str(error))
            self.stdout.write(f"read {report.read}, created {report.created}, updated {report.updated}, "
                              f"unchanged {report.unchanged}, refused {report.refused}")  # fmt: skip
            if report.errors:
                raise CommandError("nothing was imported: the file has errors (above)")
            return
        try:
            plan = InspectionPlan.objects.get(pk=options["plan"])
        except (InspectionPlan.DoesNotExist, ValidationError, ValueError):
            raise CommandError(f"no inspection plan {options['plan']}") from None
        if plan.status != PlanStatus.DRAWN:
            raise CommandError("the plan is not drawn yet: its seed is not published")
        problems = services.plan_verify(plan)
        self.stdout.write(f"plan {plan.pk}: seed {plan.seed}, seed hash {plan.seed_hash}")
        self.stdout.write(f"candidates {len(plan.candidates)} (digest {plan.candidates_digest}), "
                          f"inspectors {len(plan.inspector_list)} (digest {plan.inspectors_digest})")  # fmt: skip
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError("the recorded draw does not match the recomputation", returncode=1)
        self.stdout.write("verified: the recomputed draw is the recorded one")

"""`zhichan calendar import FILE` / `show` / `recompute`: the holiday notices the legal clocks count by."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zhichan.core import jobs
from zhichan.core.calendar import calendar_changed, platform_calendar
from zhichan.core.management.acting import AS_USER_HELP, acting_user
from zhichan.core.models import Job, JobStatus
from zhichan.core.services import calendar_import


class Command(BaseCommand):
    help = (
        "Import a year's State Council holiday notice (CSV/XLSX/JSON: date,kind,name,source; all-or-nothing), "
        "show the years the clocks can count, or recompute every running due date (after an upgrade)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("what", choices=["import", "show", "recompute"])
        parser.add_argument("path", type=Path, nargs="?")
        parser.add_argument("--as-user", default=None, help=AS_USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "import":
            self._import(options["path"], options["as_user"])
        if options["what"] == "recompute":
            counts = ", ".join(f"{app} {count}" for app, count in sorted(calendar_changed().items()))
            self.stdout.write(f"已重算期限 / due dates recomputed: {counts}")
        current = platform_calendar()
        years = sorted(current.covered_years)
        self.stdout.write(f"可计算年份 / years covered: {years[0]}–{years[-1]}")
        if current.estimate_uncovered:
            later = years[-1] + 1
            self.stdout.write(f"之后的年份暂按法定节假日推算 / later years provisional until their notice: {later}–")
        for source in current.sources:
            self.stdout.write(f"  {source}")

    def _import(self, path: Path | None, username: str | None) -> None:
        if path is None or not path.is_file():
            raise CommandError(f"{path}: no such file")
        actor = acting_user(username)
        try:
            report = calendar_import(actor=actor, data=path.read_bytes(), filename=path.name)
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError("未导入任何数据 / nothing imported", returncode=2) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"已导入 {'、'.join(map(str, report['years']))} 年 {report['rows']} 个日期 / "
                f"imported {report['rows']} days of {', '.join(map(str, report['years']))}"
            )
        )
        # The command waits for the recomputation of due dates: it runs the job here (a worker that
        # picks it up later finds it done and leaves it).
        jobs.execute(report["job"])
        job = Job.objects.get(pk=report["job"])
        if job.status != JobStatus.SUCCEEDED:
            raise CommandError(f"期限重算失败 / recomputing due dates failed (job {job.pk}): {job.error}")
        counts = ", ".join(f"{app} {count}" for app, count in sorted(job.result["recomputed"].items()))
        self.stdout.write(f"已重算期限 / due dates recomputed: {counts}")

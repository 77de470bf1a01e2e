"""`zhichan audit verify`: walk the hash chain and report every break."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zhichan.core.audit import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. `verify` checks the hash chain (exit code 1 when it is broken)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("subcommand", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        checked, problems = verify_chain()
        for problem in problems:
            self.stderr.write(f"seq {problem.seq}: {problem.message}")
        if problems:
            raise CommandError(f"审计链校验失败：检查 {checked} 条，发现 {len(problems)} 处问题", returncode=1)
        self.stdout.write(self.style.SUCCESS(f"审计链完整：已校验 {checked} 条记录 / audit chain intact ({checked})"))

"""`zhichan evidence verify`: re-hash every stored evidence file; exit code 1 when any is damaged.

Meant for a nightly timer (cron or systemd); each damaged file is recorded in the audit log.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zhichan.core.services import evidence_verify_all


class Command(BaseCommand):
    help = "Evidence tools. `verify` re-hashes every stored file against its recorded SHA-256."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("subcommand", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = evidence_verify_all()
        for item in result["broken"]:
            self.stderr.write(f"{item['id']} {item['name']}: expected {item['expected']}, found {item['actual']}")
        if result["broken"]:
            raise CommandError(
                f"{len(result['broken'])} 个证据文件已损坏或丢失（共校验 {result['checked']} 个）", returncode=1
            )
        self.stdout.write(
            self.style.SUCCESS(f"证据文件完好：已校验 {result['checked']} 个 / all {result['checked']} intact")
        )

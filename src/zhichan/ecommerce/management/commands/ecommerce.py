"""`zhichan ecommerce import-listings FILE --platform NAME --as-user U`: listings from a CSV or XLSX file.

Streams a CSV of any size (UTF-8, GBK, GB18030) in batches of 1,000; an XLSX workbook is read whole.
Per item and idempotent (see `zhichan.ecommerce.listing_files`): an interrupted run is run again.
Bad rows are reported by line and field (exit code 2); the other rows are stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from zhichan.core import selectors as core_selectors
from zhichan.ecommerce.listing_files import ListingFileError, error_lines, import_listing_file, totals


class Command(BaseCommand):
    help = "E-commerce tools: import-listings streams a CSV (or reads an XLSX) of listings into the platform."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("subcommand", choices=["import-listings"])
        parser.add_argument("path", type=Path)
        parser.add_argument("--platform", required=True, help="the platform organisation (name or id)")
        parser.add_argument("--as-user", required=True, help="acting user (an official or the platform's client)")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.contrib.auth import get_user_model

        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        actor = get_user_model().objects.filter(username=options["as_user"], is_active=True).first()
        if actor is None:
            raise CommandError(f"no active user {options['as_user']!r}")
        platforms = core_selectors.organisation_list(user=actor, kind="ecommerce_platform")
        platform = platforms.filter(name=options["platform"]).first() or next(
            (p for p in platforms if str(p.pk) == options["platform"]), None
        )
        if platform is None:
            raise CommandError(f"no e-commerce platform {options['platform']!r}")
        with tqdm(unit=" listings", disable=None) as bar:
            try:
                report = import_listing_file(actor=actor, platform=platform, path=path, progress=bar.update)
            except ListingFileError as exc:
                raise CommandError(str(exc)) from None
        for error in error_lines(report):
            self.stderr.write(f"{path}:{error.removeprefix('line ')}")
        self.stdout.write(" ".join(f"{key}={value}" for key, value in totals(report).items()))
        if report.refused:
            raise CommandError(f"{report.refused} row(s) rejected (see above); the others were stored", returncode=2)

"""`zhichan ecommerce import-listings --platform NAME FILE`: listings into the platform, streamed.

A CSV file (UTF-8, GBK or GB18030, any size) is read row by row and submitted in batches of 1,000
through the same service as the API, so memory stays constant; an XLSX workbook (first sheet; Excel
holds at most about a million rows) is read whole, then submitted the same way. Per item and idempotent by
(platform, listing id): a run that stops can be started again and resumes without doubling anything.
Bad rows are reported with their line and field; the good rows are kept. Optional columns
`seller_address` (卖家地址) and `seller_district` (所在区) give the seller's district for the statistics.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from zhichan.core import selectors as core_selectors
from zhichan.ecommerce.services import MAX_BATCH, listings_submit
from zhichan.engines.listings.cli import sniff_encoding
from zhichan.engines.tabular import TableError, read_xlsx

ALIASES = {
    "seller": "seller_id",
    "shop": "shop_name",
    "标题": "title",
    "商品编号": "listing_id",
    "价格": "price",
    "卖家地址": "seller_address",
    "所在区": "seller_district",
    "卖家所在区": "seller_district",
}


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
        totals = {"created": 0, "updated": 0, "unchanged": 0, "rejected": 0, "clues": 0}
        batch: list[tuple[int, dict[str, str]]] = []
        with tqdm(unit=" listings", disable=None) as progress:
            for line, item in self._rows(path):
                batch.append((line, item))
                if len(batch) == MAX_BATCH:
                    self._submit(actor, platform, batch, totals, path)
                    progress.update(len(batch))
                    batch = []
            if batch:
                self._submit(actor, platform, batch, totals, path)
                progress.update(len(batch))
        self.stdout.write(" ".join(f"{key}={value}" for key, value in totals.items()))
        if totals["rejected"]:
            raise CommandError(
                f"{totals['rejected']} row(s) rejected (see above); the others were stored", returncode=2
            )

    def _rows(self, path: Path) -> Iterator[tuple[int, dict[str, str]]]:
        """(line, row) from a CSV file read row by row, or from the first sheet of an XLSX workbook."""
        with path.open("rb") as handle:
            is_workbook = handle.read(4) == b"PK\x03\x04"
        if is_workbook:
            try:
                table = read_xlsx(path.read_bytes())
            except TableError as exc:
                raise CommandError(f"{path}: {exc}") from None
            header = [ALIASES.get(name, name) for name in table.header]
            self._check_header(path, header)
            for offset, row in enumerate(table.rows):
                if row:
                    yield offset + 2, {ALIASES.get(name, name): value for name, value in row.items()}
            return
        try:
            encoding, _size = sniff_encoding(path)
        except ValueError as exc:
            raise CommandError(f"{path}: {exc}") from None
        with path.open(encoding=encoding, newline="") as handle:
            reader = csv.reader(handle)
            header = [ALIASES.get(name.strip(), name.strip()) for name in next(reader, [])]
            self._check_header(path, header)
            for record in reader:
                yield reader.line_num, dict(zip(header, record, strict=False))

    @staticmethod
    def _check_header(path: Path, header: list[str]) -> None:
        missing = {"listing_id", "title"} - set(header)
        if missing:
            raise CommandError(f"{path}:1: missing column(s) {', '.join(sorted(missing))}")

    def _submit(
        self, actor: Any, platform: Any, batch: list[tuple[int, dict[str, str]]], totals: dict[str, int], path: Path
    ) -> None:
        results = listings_submit(actor=actor, platform=platform, items=[item for _line, item in batch])
        for result in results:
            totals[result.status] += 1
            totals["clues"] += result.clues
            for field, message in result.errors.items():
                self.stderr.write(f"{path}:{batch[result.index][0]}: {field}: {message}")

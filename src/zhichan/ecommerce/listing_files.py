"""Listing files (CSV of any size in a Chinese encoding, or an XLSX workbook) fed into intake in batches.

Shared by `zhichan ecommerce import-listings` and the import page's background job. Each batch goes
through `listings_submit`, which is idempotent per (platform, listing id): an interrupted import is
resumed by running it again, and rows already stored come back "unchanged".
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.ecommerce.services import MAX_BATCH, listings_submit, require_listing_intake
from zhichan.engines.tabular import TableError, is_workbook, read_xlsx, sniff_file_encoding

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


class ListingFileError(ValueError):
    """The file as a whole cannot be read (encoding, workbook, header); nothing of it was stored."""


@dataclass
class ImportTotals:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    clues: int = 0
    errors: list[str] = field(default_factory=list)  # "line N: field: message"

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "clues": self.clues,
        }


def _check_header(name: str, header: list[str]) -> None:
    missing = {"listing_id", "title"} - set(header)
    if missing:
        raise ListingFileError(f"{name}:1: missing column(s) {', '.join(sorted(missing))}")


def listing_rows(path: Path, name: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) from a CSV read row by row in constant memory, or from an XLSX's first sheet."""
    name = name or str(path)
    if is_workbook(path):
        try:
            table = read_xlsx(path.read_bytes())
        except TableError as exc:
            raise ListingFileError(f"{name}: {exc}") from None
        header = [ALIASES.get(column, column) for column in table.header]
        _check_header(name, header)
        for offset, row in enumerate(table.rows):
            if row:
                yield offset + 2, {ALIASES.get(column, column): value for column, value in row.items()}
        return
    try:
        encoding, _size = sniff_file_encoding(path)
    except ValueError as exc:
        raise ListingFileError(f"{name}: {exc}") from None
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        header = [ALIASES.get(column.strip(), column.strip()) for column in next(reader, [])]
        _check_header(name, header)
        for record in reader:
            yield reader.line_num, dict(zip(header, record, strict=False))


def import_listing_file(
    *,
    actor: Any,
    platform: Any,
    path: Path,
    name: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportTotals:
    """Submit every row in batches of `MAX_BATCH`; bad rows are reported by line and field, the rest stored."""
    totals = ImportTotals()
    batch: list[tuple[int, dict[str, str]]] = []

    def submit() -> None:
        results = listings_submit(actor=actor, platform=platform, items=[item for _line, item in batch])
        for result in results:
            setattr(totals, result.status, getattr(totals, result.status) + 1)
            totals.clues += result.clues
            for column, message in result.errors.items():
                totals.errors.append(f"line {batch[result.index][0]}: {column}: {message}")
        if progress is not None:
            progress(len(batch))
        batch.clear()

    for line, item in listing_rows(path, name):
        batch.append((line, item))
        if len(batch) == MAX_BATCH:
            submit()
    if batch:
        submit()
    return totals


def listings_import_start(*, actor: Any, platform: Any, name: str, chunks: Iterable[bytes]) -> Any:
    """Keep the uploaded file as evidence of what the platform sent, then import it as a background job."""
    require_listing_intake(actor, platform)
    evidence = core_services.evidence_upload(actor=actor, name=name, chunks=chunks, description=_("商品信息导入文件"))
    return core_services.job_enqueue(
        actor=actor,
        kind="ecommerce.listings_import",
        params={"evidence_id": str(evidence.pk), "platform_id": str(platform.pk), "actor_id": actor.pk},
    )


def listings_import_job(context: Any, *, evidence_id: str, platform_id: str, actor_id: int) -> dict[str, Any]:
    """Import a stored listing file; re-running it (after a crash) stores nothing twice."""
    actor = get_user_model().objects.get(pk=actor_id)
    evidence = core_selectors.evidence_list(user=actor).get(pk=evidence_id)
    platform = core_selectors.organisation_list(user=actor, kind="ecommerce_platform").get(pk=platform_id)
    suffix = Path(evidence.original_name).suffix
    with (
        core_services.evidence_open(actor=actor, evidence=evidence) as stored,
        tempfile.NamedTemporaryFile(suffix=suffix) as copy,
    ):
        shutil.copyfileobj(stored, copy)
        copy.flush()
        path = Path(copy.name)
        total = None if is_workbook(path) else max(sum(1 for _line in path.open("rb")) - 1, 0)
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            context.progress(done, total)

        try:
            totals = import_listing_file(
                actor=actor, platform=platform, path=path, name=evidence.original_name, progress=advance
            )
        except ListingFileError as exc:
            context.log(str(exc))
            raise ValidationError(str(exc)) from None
    for error in totals.errors[:200]:
        context.log(f"{evidence.original_name}, {error}")
    context.log(
        _("新增 %(c)d，更新 %(u)d，未变 %(n)d，拒收 %(r)d，新线索 %(k)d")
        % {"c": totals.created, "u": totals.updated, "n": totals.unchanged, "r": totals.rejected, "k": totals.clues}
    )
    return {**totals.as_dict(), "file": evidence.original_name}

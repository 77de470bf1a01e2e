"""Listing files (CSV of any size in a Chinese encoding, or an XLSX workbook) fed into intake in batches.

Shared by `zhichan ecommerce import-listings` and the import page's background job. Each batch goes
through `listings_submit`, which is idempotent per (platform, listing id): an interrupted import is
resumed by running it again, and rows already stored come back "unchanged".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from zhichan.core import imports
from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.ecommerce.services import MAX_BATCH, listings_submit, require_listing_intake
from zhichan.engines.tabular import TableError, open_table

COLUMNS = (
    imports.Column("listing_id", ("listing_id", "商品编号"), required=True),
    imports.Column("title", ("title", "标题"), required=True),
    imports.Column("seller_id", ("seller_id", "seller")),
    imports.Column("seller_name", ("seller_name",)),
    imports.Column("shop_name", ("shop_name", "shop")),
    imports.Column("category", ("category",)),
    imports.Column("url", ("url",)),
    imports.Column("price", ("price", "价格")),
    imports.Column("currency", ("currency",)),
    imports.Column("seller_address", ("seller_address", "卖家地址")),
    imports.Column("seller_district", ("seller_district", "所在区", "卖家所在区")),
    imports.Column("description", ("description",)),
    imports.Column("cross_border", ("cross_border",)),
    imports.Column("first_seen", ("first_seen",)),
)


class ListingFileError(ValueError):
    """The file as a whole cannot be read (encoding, workbook, header); nothing of it was stored."""


def listings_import_spec(*, platform: Any, name: str) -> imports.ImportSpec[dict[str, str]]:
    """Per row and idempotent: each batch goes through `listings_submit` (by platform and listing id)."""

    def apply(actor: Any, rows: list[tuple[int, dict[str, str]]], report: imports.ImportReport) -> dict[str, Any]:
        results = listings_submit(actor=actor, platform=platform, items=[item for _line, item in rows])
        for result in results:
            if result.status == "rejected":
                errors = [imports.RowError(column, message) for column, message in result.errors.items()]
                report.refuse(rows[result.index][0], errors)
            else:
                setattr(report, result.status, getattr(report, result.status) + 1)
        return {"clues": sum(result.clues for result in results)}

    return imports.ImportSpec(
        name="listing",
        columns=COLUMNS,
        parse_row=dict,
        apply=apply,
        authorise=lambda actor: require_listing_intake(actor, platform),
        mode=imports.Mode.PER_ROW,
        object_id=platform.pk,
        batch_size=MAX_BATCH,
        missing_columns=lambda missing: f"{name}:1: missing column(s) {', '.join(sorted(missing))}",
    )


def totals(report: imports.ImportReport) -> dict[str, Any]:
    """The counts as the command line prints them and the job stores them (a contract)."""
    return {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "rejected": report.refused,
        "clues": report.extra.get("clues", 0),
    }


def error_lines(report: imports.ImportReport) -> list[str]:
    """Bad rows as "line N: field: message" (the command line's and the job log's format)."""
    return [f"line {error.row}: {error.field}: {error.message}" for error in report.errors]


def import_listing_file(
    *,
    actor: Any,
    platform: Any,
    path: Path,
    name: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> imports.ImportReport:
    """Submit every row in batches of `MAX_BATCH`; bad rows are reported by line and field, the rest stored.

    `progress(n)` is told how many more rows were read."""
    name = name or str(path)
    done = 0

    def advance(read: int, _total: int | None = None) -> None:
        nonlocal done
        if progress is not None and read > done:
            progress(read - done)
        done = read

    with path.open("rb") as handle:
        try:
            stream = open_table(handle, name)
            return imports.run(
                listings_import_spec(platform=platform, name=name), actor=actor, stream=stream, progress=advance
            )
        except TableError as exc:
            raise ListingFileError(str(exc) if str(exc).startswith(name) else f"{name}: {exc}") from None


def listings_import_start(*, actor: Any, platform: Any, name: str, chunks: Iterable[bytes]) -> Any:
    """Keep the uploaded file as evidence of what the platform sent, then import it as a background job."""
    require_listing_intake(actor, platform)
    return core_services.import_start(
        actor=actor,
        kind="ecommerce.listings_import",
        name=name,
        chunks=chunks,
        description=_("商品信息导入文件"),
        params={"platform_id": str(platform.pk)},
    )


def listings_import_job(context: Any, *, evidence_id: str, platform_id: str, actor_id: int) -> dict[str, Any]:
    """Import a stored listing file; re-running it (after a crash) stores nothing twice."""
    actor = get_user_model().objects.get(pk=actor_id)
    evidence = core_selectors.evidence_list(user=actor).get(pk=evidence_id)
    platform = core_selectors.organisation_list(user=actor, kind="ecommerce_platform").get(pk=platform_id)
    name = evidence.original_name
    spec = listings_import_spec(platform=platform, name=name)
    with core_services.evidence_open(actor=actor, evidence=evidence) as stored:
        report = imports.run_stored(spec, actor=actor, handle=stored, name=name, context=context)
    for line in error_lines(report)[:200]:
        context.log(f"{name}, {line}")
    counts = totals(report)
    context.log(
        _("新增 %(c)d，更新 %(u)d，未变 %(n)d，拒收 %(r)d，新线索 %(k)d")
        % {
            "c": counts["created"],
            "u": counts["updated"],
            "n": counts["unchanged"],
            "r": counts["rejected"],
            "k": counts["clues"],
        }
    )
    return {**counts, "file": name}

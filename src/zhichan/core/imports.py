"""Imports from a file in one shape: a module declares an `ImportSpec`, the runner does the rest.

The spec says which columns a file may have (each under its Chinese and English names), how one row
is read (`parse_row` returns the parsed row or raises `RowError` naming the field and the reason) and
how parsed rows are written (`apply`, which counts what it did in the `ImportReport`). The runner
finds the columns, reads the rows through `engines.tabular` (CSV in UTF-8 with or without BOM, UTF-16,
GBK or GB18030, streamed; or XLSX), refuses a row repeated in the file, reports progress, writes in
the spec's mode and audits the import. A module's page stores the file as evidence and runs the import
as a job (`core.services.import_start`; the job handler calls `run_stored`).

Modes: ALL_OR_NOTHING checks every row first and writes nothing if one is wrong (one transaction);
PER_ROW writes batch by batch and reports the bad rows, so `apply` must be idempotent: running an
interrupted import again resumes it and stores nothing twice.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zhichan.core import audit, jobs, limits
from zhichan.engines.tabular import Table, TableError, TableStream, open_table, require_header

Parsed = TypeVar("Parsed")
_PROGRESS_EVERY = 200


class Mode(enum.Enum):
    ALL_OR_NOTHING = "all_or_nothing"
    PER_ROW = "per_row"


@dataclass(frozen=True)
class Column:
    """A column by its key, under the header names a file may give it; the first name labels errors."""

    key: str
    names: tuple[str, ...]
    required: bool = False

    @property
    def label(self) -> str:
        return self.names[0]


class RowError(Exception):
    """One wrong field of one row: the field's label and the reason (translated); the runner sets `row`."""

    def __init__(self, field: str, message: str, row: int = 0) -> None:
        super().__init__(message)
        self.row, self.field, self.message = row, field, message

    def __str__(self) -> str:
        return _("第%(row)d行，字段“%(field)s”：%(message)s") % {
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


class RowErrors(Exception):
    """Several wrong fields of one row, reported together."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors

    @classmethod
    def of(cls, exc: ValidationError, label: Callable[[str], str]) -> RowErrors:
        """A service's ValidationError by field as row errors, each field under its column label."""
        return cls([RowError(label(name), " ".join(messages)) for name, messages in exc.message_dict.items()])


@dataclass
class ImportReport:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    errors: list[RowError] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # what `apply` returned, summed over batches

    @property
    def rows_with_errors(self) -> int:
        """Rows, not errors: one row may be wrong in several fields."""
        return len({error.row for error in self.errors})

    def refuse(self, row: int, errors: list[RowError]) -> None:
        """Count a row as refused, with its errors."""
        self.refused += 1
        for error in errors:
            error.row = row
        self.errors.extend(errors)

    def failure_message(self) -> str:
        rows, count = self.rows_with_errors, len(self.errors)
        if rows == count:
            message = ngettext("%(rows)d 行有错误，未导入任何数据", "%(rows)d 行有错误，未导入任何数据", rows)
            return message % {"rows": rows}
        message = ngettext(
            "%(rows)d 行有错误（共 %(count)d 处），未导入任何数据",
            "%(rows)d 行有错误（共 %(count)d 处），未导入任何数据",
            rows,
        )
        return message % {"rows": rows, "count": count}

    def add(self, more: dict[str, Any] | None) -> None:
        """Keep what `apply` returned: numbers and lists add up over the batches."""
        for key, value in (more or {}).items():
            known = self.extra.get(key)
            self.extra[key] = known + value if isinstance(value, int | list) and known is not None else value

    def as_dict(self, *, errors: int | None = None) -> dict[str, Any]:
        """The report as a job's result gives it (a contract of the pages and the API); `errors`: at most
        that many."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rows_with_errors": self.rows_with_errors,
            "errors": [error.as_dict() for error in self.errors[:errors]],
        }


Apply = Callable[[Any, list[tuple[int, Parsed]], ImportReport], dict[str, Any] | None]


@dataclass(frozen=True)
class ImportSpec(Generic[Parsed]):
    """What a module declares for one import.

    `parse_row(cells)` gets the cells by column key ("" for a column the file lacks). `apply(actor,
    rows, report)` gets (row number, parsed row) pairs, writes them and counts them in the report; what it
    returns is added to the audit summary. `identity(parsed)` gives (column key, identity): a second row
    with the same identity is refused as a repeat. `authorise(actor)` raises when the actor may not.
    `missing_columns(labels)` words the refusal of a file without a required column, where an import's
    existing message is a contract (default: the tabular engine's).
    """

    name: str
    columns: tuple[Column, ...]
    parse_row: Callable[[dict[str, str]], Parsed]
    apply: Apply[Parsed]
    authorise: Callable[[Any], None]
    mode: Mode = Mode.ALL_OR_NOTHING
    identity: Callable[[Parsed], tuple[str, Hashable]] | None = None
    object_id: Any = ""
    batch_size: int = 1000
    missing_columns: Callable[[list[str]], str] | None = None

    def label(self, key: str) -> str:
        return next((column.label for column in self.columns if column.key == key), key)


def run(spec: ImportSpec[Any], *, actor: Any, stream: TableStream, progress: Any = None) -> ImportReport:
    """Read, check and write the rows as the spec says; audited. A missing required column is a
    `TableError` (nothing read); under ALL_OR_NOTHING a report with errors means nothing was written."""
    spec.authorise(actor)
    found = {
        column.key: next((name for name in column.names if name in stream.header), None) for column in spec.columns
    }
    missing = [column.label for column in spec.columns if column.required and not found[column.key]]
    if missing and spec.missing_columns is not None:
        raise TableError(spec.missing_columns(missing))
    require_header(stream.header, missing)
    report = ImportReport()
    pending: list[tuple[int, Any]] = []
    seen: dict[Hashable, int] = {}
    total = stream.total
    for row_no, row in stream.rows:
        if progress is not None and report.read % _PROGRESS_EVERY == 0:
            progress(report.read, total)
        report.read += 1
        cells = {key: row.get(name, "") if name else "" for key, name in found.items()}
        too_long = _over_long(spec, cells)
        if too_long:  # no column of any import holds more (ZHICHAN_TEXT_MAX_CHARS): refused before parsing
            report.refuse(row_no, too_long)
            continue
        try:
            parsed = spec.parse_row(cells)
            if spec.identity is not None:
                key, identity = spec.identity(parsed)
                if identity in seen:
                    raise RowError(spec.label(key), _("与第%(row)d行重复") % {"row": seen[identity]})
                seen[identity] = row_no
        except RowError as exc:
            report.refuse(row_no, [exc])
            continue
        except RowErrors as exc:
            report.refuse(row_no, exc.errors)
            continue
        pending.append((row_no, parsed))
        if spec.mode is Mode.PER_ROW and len(pending) == spec.batch_size:
            report.add(spec.apply(actor, pending, report))
            pending = []
    if spec.mode is Mode.ALL_OR_NOTHING:
        if report.errors:
            return report
        with transaction.atomic():
            report.add(spec.apply(actor, pending, report))
            _audit(spec, actor, report, total)
    else:
        if pending:
            report.add(spec.apply(actor, pending, report))
        with transaction.atomic():
            _audit(spec, actor, report, total)
    if progress is not None:
        progress(report.read, total)
    return report


def _over_long(spec: ImportSpec[Any], cells: dict[str, str]) -> list[RowError]:
    errors = []
    for key, value in cells.items():
        try:
            limits.TextLimit()(value)
        except ValidationError as exc:
            errors.append(RowError(spec.label(key), " ".join(exc.messages)))
    return errors


def _audit(spec: ImportSpec[Any], actor: Any, report: ImportReport, total: int | None) -> None:
    rows = total if total is not None else report.read
    audit.record(
        actor=actor,
        action=f"{spec.name}.import",
        object_type=spec.name,
        object_id=spec.object_id,
        summary={**report.as_dict(errors=200), "read": report.read, "refused": report.refused, "rows": rows}
        | report.extra,
    )


def stream_of(table: Table) -> TableStream:
    """A table already in memory as a stream for `run` (row numbers: the header is row 1)."""
    rows: Iterator[tuple[int, dict[str, str]]] = ((i + 2, row) for i, row in enumerate(table.rows) if row)
    return TableStream(table.header, rows, table.encoding, len(table.rows))


def run_stored(spec: ImportSpec[Any], *, actor: Any, handle: IO[bytes], name: str, context: Any) -> ImportReport:
    """The body of an import job: run the spec over a stored file (an open handle) with the job's
    progress. An unreadable file, or under ALL_OR_NOTHING a file with bad rows, is refused with its
    report: running the job again would fail the same way."""
    try:
        report = run(spec, actor=actor, stream=open_table(handle, name), progress=context.progress)
    except TableError as exc:
        raise jobs.JobRefused(str(exc), {"file": name}) from None
    if spec.mode is Mode.ALL_OR_NOTHING and report.errors:
        failed = {key: report.as_dict()[key] for key in ("rows_with_errors", "errors")}  # nothing was imported
        raise jobs.JobRefused(report.failure_message(), {"file": name, **failed})
    return report

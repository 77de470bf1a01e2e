"""Tables in and out: CSV in any encoding officials' tools produce, XLSX, and safe cells for export.

Reading: UTF-8 (with or without BOM), UTF-16 with BOM, GBK and GB18030 are recognised (one whitelist,
`candidate_encodings`, for bytes in memory and for files of any size streamed in chunks); a file in
none of them is refused with the byte position where decoding failed, never stored with replacement
characters. Writing: one export shape, CSV in UTF-8 with BOM (`iter_csv_lines`, `write_csv`) or XLSX
(`write_xlsx`), in which cells that spreadsheet programs would evaluate as formulas are neutralised.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as _XLSX_ILLEGAL

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00", "＝", "＋", "－", "＠")
_CHUNK = 1 << 20
_UNDECODABLE = "无法按 UTF-8 或 GBK/GB18030 解码"
_SAVE_AS = "（请另存为 UTF-8 或 GBK 编码的 CSV）"


class TableError(ValueError):
    """A file that cannot be read as a table, with where and why."""


@dataclass(frozen=True, slots=True)
class Table:
    header: list[str]
    rows: list[dict[str, str]]  # row number (1 = header line) is index + 2
    encoding: str


def candidate_encodings(head: bytes) -> tuple[str, ...]:
    """The encodings a text starting with `head` may be in, in the order they are tried: the strict whitelist.

    A BOM decides (UTF-8 or UTF-16); without one, UTF-8, then GB18030 (a superset of GBK and GB2312).
    Nothing else is guessed (a detector labels short GBK as Big5 or Latin-1): a text in none of them is
    refused, never decoded with replacement characters.
    """
    if head.startswith(codecs.BOM_UTF8):
        return ("utf-8-sig",)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ("utf-16",)
    return ("utf-8", "gb18030")


def is_workbook(path: Path) -> bool:
    """Whether the file is an XLSX workbook (a zip), whatever its name says."""
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as text; return (text, encoding name). Refuses what no known encoding decodes."""
    first_error: UnicodeDecodeError | None = None
    for encoding in candidate_encodings(data[:4]):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
    assert first_error is not None
    line = data[: first_error.start].count(b"\n") + 1
    raise TableError(f"文件编码无法识别：第{line}行，字节位置{first_error.start}处{_UNDECODABLE}{_SAVE_AS}")


def sniff_file_encoding(path: Path) -> tuple[str, int]:
    """The encoding of a text file of any size, read in chunks in constant memory, and its number of
    line breaks; the same whitelist as `decode_text`, and refused with the byte position where decoding
    failed. A workbook is refused: it is not a CSV file."""
    with path.open("rb") as handle:
        return sniff_encoding(handle, str(path))


def sniff_encoding(handle: IO[bytes], name: str) -> tuple[str, int]:
    """`sniff_file_encoding` for an open, seekable binary handle (left at its start); `name` in errors."""
    handle.seek(0)
    head = handle.read(4)
    if head == b"PK\x03\x04":
        raise TableError(f"{name}：这是 Excel 工作簿，不是 CSV 文件（可在 Excel 中另存为 CSV UTF-8）")
    failure = ""
    for encoding in candidate_encodings(head):
        decoder = codecs.getincrementaldecoder(encoding)()
        position = 0
        lines = 0
        handle.seek(0)
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
                lines += chunk.count(b"\n")
                position += len(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            failure = failure or f"{name}：字节位置{position + exc.start}处{_UNDECODABLE}"
            continue
        handle.seek(0)
        return encoding, lines
    raise TableError(failure + _SAVE_AS)


@dataclass(frozen=True, slots=True)
class TableStream:
    """A table read row by row: `rows` yields (line number, cells by header name), blank rows skipped."""

    header: list[str]
    rows: Iterator[tuple[int, dict[str, str]]]
    encoding: str
    total: int | None  # rows at most, for progress; None when not known without reading


def open_table(handle: IO[bytes], name: str) -> TableStream:
    """CSV or XLSX by content, from an open seekable binary handle; a CSV of any size is streamed in
    constant memory through the same encoding whitelist as `decode_text` (an XLSX is read whole)."""
    handle.seek(0)
    if handle.read(4) == b"PK\x03\x04":
        handle.seek(0)
        table = read_xlsx(handle.read())
        rows = ((index + 2, row) for index, row in enumerate(table.rows) if row)
        return TableStream(table.header, rows, table.encoding, len(table.rows))
    if name.lower().endswith((".xlsx", ".xlsm")):
        raise TableError("文件扩展名是 .xlsx，但内容不是 Excel 工作簿")
    encoding, lines = sniff_encoding(handle, name)
    text = io.TextIOWrapper(handle, encoding=encoding, newline="")
    reader = csv.reader(text)
    try:
        header = _clean_header(next(reader))
    except StopIteration:
        raise TableError("文件为空，没有表头") from None
    except csv.Error as exc:
        raise TableError(f"第1行：CSV 格式错误（{exc}）") from None
    return TableStream(header, _stream_rows(reader, header), encoding, max(lines - 1, 0))


def _stream_rows(reader: Any, header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(header):
                raise TableError(f"第{reader.line_num}行：有{len(record)}列，多于表头的{len(header)}列")
            yield (
                reader.line_num,
                {name: (record[i].strip() if i < len(record) else "") for i, name in enumerate(header)},
            )
    except csv.Error as exc:
        raise TableError(f"第{reader.line_num}行：CSV 格式错误（{exc}）") from None


def _clean_header(header: Sequence[Any]) -> list[str]:
    return [str(cell).strip().lstrip("\ufeff") if cell is not None else "" for cell in header]


def read_csv(data: bytes) -> Table:
    text, encoding = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = _clean_header(next(reader))
    except StopIteration:
        raise TableError("文件为空，没有表头") from None
    except csv.Error as exc:
        raise TableError(f"第1行：CSV 格式错误（{exc}）") from None
    rows: list[dict[str, str]] = []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                rows.append({})
                continue
            if len(record) > len(header):
                raise TableError(f"第{reader.line_num}行：有{len(record)}列，多于表头的{len(header)}列")
            rows.append({name: (record[i].strip() if i < len(record) else "") for i, name in enumerate(header)})
    except csv.Error as exc:
        raise TableError(f"第{reader.line_num}行：CSV 格式错误（{exc}）") from None
    return Table(header=header, rows=rows, encoding=encoding)


def read_xlsx(data: bytes) -> Table:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise TableError(f"无法读取 Excel 文件：{exc}") from None
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    try:
        header = _clean_header(next(values))
    except StopIteration:
        raise TableError("工作表为空，没有表头") from None
    rows: list[dict[str, str]] = []
    for record in values:
        if record is None or not any(cell not in (None, "") for cell in record):
            rows.append({})
            continue
        rows.append(
            {
                name: ("" if i >= len(record) or record[i] is None else str(record[i]).strip())
                for i, name in enumerate(header)
            }
        )
    workbook.close()
    return Table(header=header, rows=rows, encoding="xlsx")


def read_table(data: bytes, filename: str) -> Table:
    """CSV or XLSX by content (an XLSX is a zip), whatever the name says."""
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(data)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise TableError("文件扩展名是 .xlsx，但内容不是 Excel 工作簿")
    return read_csv(data)


def require_columns(table: Table, required: Iterable[str]) -> None:
    require_header(table.header, required)


def require_header(header: Sequence[str], required: Iterable[str]) -> None:
    missing = [name for name in required if name not in header]
    if missing:
        raise TableError(f"第1行（表头）：缺少列 {', '.join(missing)}；现有列为 {', '.join(header)}")


def safe_cell(value: Any) -> Any:
    """A value that Excel, WPS and LibreOffice show as text, never evaluate as a formula."""
    # Spaces and line breaks before a trigger do not stop every program (LibreOffice trims them on import)
    if isinstance(value, str) and value.lstrip(" \u3000\n\x0b\x0c").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def iter_csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """CSV export lines (UTF-8 with BOM so that Excel opens Chinese correctly) with safe cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(header)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([safe_cell(cell) for cell in row])
        yield buffer.getvalue()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write an export CSV to `path` as `iter_csv_lines` makes it, streaming; the number of rows written."""
    written = -1
    with path.open("w", encoding="utf-8", newline="") as out:
        for line in iter_csv_lines(header, rows):
            out.write(line)
            written += 1
    return written


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Sheet1") -> bytes:
    """An XLSX workbook of one sheet where every string cell is stored as text (data type `s`)."""
    return write_workbook([(title, header, rows)])


def write_workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """An XLSX workbook of (title, header, rows) sheets; every string cell stored as text and safe.

    Control characters XLSX cannot hold (NUL and the like) are dropped rather than failing the export."""
    workbook = openpyxl.Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(list(header))
        for row in rows:
            cells = []
            for value in row:
                if isinstance(value, str):
                    cell = openpyxl.cell.WriteOnlyCell(sheet, value=_XLSX_ILLEGAL.sub("", safe_cell(value)))
                    cell.data_type = "s"
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

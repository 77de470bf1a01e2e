"""`zhichan badfaith`: the bad-faith filing signals of a period's filings, from the command line.

    zhichan badfaith --filings FILINGS.csv --out FLAGS.csv [--marks MARKS.csv] [--directory ORGS.csv]
                     [--lists DIR] [--assignments ASSIGNMENTS.csv] [--findings FINDINGS.csv]

Input files are CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX, read through `engines.tabular`;
headers in English or Chinese (below). Bad input is reported as file, row and field on stderr with exit
code 2, and nothing is written. The output has one row per flag, its evidence in one cell, in UTF-8
with BOM with formula-safe cells. A flag is a reason to look (辅助研判), never a finding of bad faith.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from zhichan.engines.badfaith.assess import assess
from zhichan.engines.badfaith.lists import ListError, load_lists
from zhichan.engines.badfaith.messages import LEVELS
from zhichan.engines.badfaith.model import ApplicantAssessment, Assignment, Filing, Finding, Organisation
from zhichan.engines.marks import Mark
from zhichan.engines.tabular import TableError, open_table, write_csv

T = TypeVar("T")

# column -> the header names a file may use (English first)
FILING_COLUMNS = {
    "id": ("id", "filing_number", "申请号"),
    "mark": ("mark", "商标", "商标名称"),
    "applicant": ("applicant", "申请人"),
    "classes": ("classes", "类别", "尼斯分类"),
    "filed_on": ("filed_on", "申请日", "公告日期"),
    "address": ("address", "applicant_address", "申请人地址", "地址"),
    "phone": ("phone", "电话", "联系电话"),
    "email": ("email", "电子邮箱", "邮箱"),
    "agency": ("agency", "代理机构"),
}
MARK_COLUMNS = {
    "id": ("id", "registration_number", "注册号"),
    "mark": ("mark", "商标"),
    "classes": ("classes", "类别"),
    "owner": ("owner", "注册人"),
}
ORG_COLUMNS = {
    "id": ("id", "credit_code", "统一社会信用代码"),
    "name": ("name", "名称"),
    "address": ("address", "地址"),
    "phone": ("phone", "联系电话"),
    "email": ("email", "电子邮箱"),
}
ASSIGNMENT_COLUMNS = {
    "filing_id": ("filing_id", "申请号", "注册号"),
    "assignor": ("assignor", "转让人"),
    "assignee": ("assignee", "受让人"),
    "on": ("on", "date", "转让日期", "核准转让日期"),
    "filed_on": ("filed_on", "申请日"),
    "mark": ("mark", "商标"),
}
FINDING_COLUMNS = {
    "id": ("id", "document", "文号"),
    "party": ("party", "applicant", "当事人", "申请人"),
    "authority": ("authority", "机关", "认定机关"),
    "document": ("document", "文号", "案号"),
    "decided_on": ("decided_on", "日期", "认定日期"),
    "agency": ("agency", "代理机构"),
}
OUT_HEADER = [
    "group",
    "applicants",
    "level",
    "score",
    "situation",
    "title",
    "rule_keys",
    "count",
    "threshold",
    "measures",
    "filings",
    "evidence",
    "links",
]


class InputError(Exception):
    """Bad input, reported as `file row N field F: problem` with exit code 2."""


def _rows(
    path: Path, columns: dict[str, tuple[str, ...]], required: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    with handle:
        try:
            table = open_table(handle, path.name)
            where = {name: next((h for h in names if h in table.header), None) for name, names in columns.items()}
            missing = [columns[c][0] for c in required if where[c] is None]
            if missing:
                raise InputError(f"{path} row 1: the header must have {', '.join(missing)}")
            for row_no, cells in table.rows:
                values = {name: cells.get(h, "").strip() if h else "" for name, h in where.items()}
                for column in required:
                    if not values[column]:
                        raise InputError(f"{path} row {row_no} field {where[column]}: empty")
                yield row_no, values
        except TableError as exc:
            raise InputError(f"{path}: {exc}") from None


def _day(text: str, path: Path, row_no: int, field: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        raise InputError(f"{path} row {row_no} field {field}: {text!r} is not a date YYYY-MM-DD") from None


def _classes(text: str, path: Path, row_no: int, field: str) -> tuple[str, ...]:
    parts = [
        p.strip().removeprefix("第").removesuffix("类") for p in text.replace(",", "|").replace(";", "|").split("|")
    ]
    parts = [p for p in parts if p]
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= 45:
            raise InputError(f"{path} row {row_no} field {field}: {part!r} is not a Nice class 1-45")
    return tuple(str(int(p)) for p in parts)


def _unique(path: Path, items: Iterator[tuple[int, str, T]]) -> list[T]:
    seen: set[str] = set()
    found: list[T] = []
    for row_no, ident, item in items:
        if ident in seen:
            raise InputError(f"{path} row {row_no} field id: duplicate {ident!r}")
        seen.add(ident)
        found.append(item)
    return found


def read_filings(path: Path) -> list[Filing]:
    def parsed() -> Iterator[tuple[int, str, Filing]]:
        for n, r in _rows(path, FILING_COLUMNS, ("id", "mark", "applicant")):
            filing = Filing(
                r["id"],
                r["mark"],
                r["applicant"],
                _classes(r["classes"], path, n, "classes"),
                _day(r["filed_on"], path, n, "filed_on"),
                r["address"],
                r["phone"],
                r["email"],
                r["agency"],
            )
            yield n, r["id"], filing

    return _unique(path, parsed())


def read_marks(path: Path) -> list[Mark]:
    rows = _rows(path, MARK_COLUMNS, ("id", "mark"))
    return _unique(
        path,
        (
            (n, r["id"], Mark(r["id"], r["mark"], _classes(r["classes"], path, n, "classes"), r["owner"]))
            for n, r in rows
        ),
    )


def read_directory(path: Path) -> list[Organisation]:
    rows = _rows(path, ORG_COLUMNS, ("name",))
    return [Organisation(r["id"] or f"row{n}", r["name"], r["address"], r["phone"], r["email"]) for n, r in rows]


def read_assignments(path: Path) -> list[Assignment]:
    found: list[Assignment] = []
    for n, r in _rows(path, ASSIGNMENT_COLUMNS, ("filing_id", "assignor", "assignee", "on")):
        on = _day(r["on"], path, n, "on")
        assert on is not None  # required above
        found.append(
            Assignment(
                r["filing_id"], r["assignor"], r["assignee"], on, _day(r["filed_on"], path, n, "filed_on"), r["mark"]
            )
        )
    return found


def read_findings(path: Path) -> list[Finding]:
    rows = _rows(path, FINDING_COLUMNS, ("party", "authority", "document"))
    return [
        Finding(
            r["id"] or r["document"],
            r["party"],
            r["authority"],
            r["document"],
            _day(r["decided_on"], path, n, "decided_on"),
            r["agency"],
        )
        for n, r in rows
    ]


def _out_rows(assessments: list[ApplicantAssessment]) -> Iterator[list[object]]:
    for a in assessments:
        links = "; ".join(f"{link.a}—{link.b} ({link.kind})" for link in a.links)
        for flag in a.flags:
            yield [
                a.key,
                "|".join(a.applicants),
                LEVELS[a.level],
                a.score,
                str(flag.situation),
                flag.title,
                "|".join(flag.rule_keys),
                flag.count,
                flag.threshold,
                "; ".join(f"{name}={value:g}" for name, value in flag.measures),
                "|".join(dict.fromkeys(e.filing_id for e in flag.evidence if e.filing_id)),
                "; ".join(f"{e.mark}→{e.matched}" + (f" ({e.detail})" if e.detail else "") for e in flag.evidence),
                links,
            ]


def _optional(value: str | None, read: Callable[[Path], list[T]]) -> list[T]:
    return read(Path(value)) if value else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zhichan badfaith", description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--filings", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--marks")
    parser.add_argument("--directory")
    parser.add_argument("--lists")
    parser.add_argument("--assignments")
    parser.add_argument("--findings")
    args = parser.parse_args(argv)
    try:
        filings = read_filings(Path(args.filings))
        marks = _optional(args.marks, read_marks)
        directory = _optional(args.directory, read_directory)
        assignments = _optional(args.assignments, read_assignments)
        findings = _optional(args.findings, read_findings)
        lists = load_lists(Path(args.lists) if args.lists else None)
    except (InputError, ListError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    found = assess(
        filings, marks_register=marks, directory=directory, lists=lists, assignments=assignments, findings=findings
    )
    out = Path(args.out)
    fd, temporary = tempfile.mkstemp(prefix=".badfaith-", suffix=".csv", dir=out.parent if str(out.parent) else ".")
    os.close(fd)
    try:
        written = write_csv(Path(temporary), OUT_HEADER, _out_rows(found))
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    print(f"{len(filings)} filings, {len(found)} applicant groups flagged, {written} flags -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

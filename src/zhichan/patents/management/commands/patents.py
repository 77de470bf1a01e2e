"""`zhichan patents import FILE | import-events FILE | fee-reminders | search QUERY | search --queries Q.csv
--out R.csv | reindex`.

import-events: a legal-status file (申请号, 法律状态公告日, 法律状态, optional 法律状态信息 and 年度; or
application_number, date, status, detail, fee_year) through the kernel import runner, per row and
idempotent per (application number, date, kind); an application number not in the register is a row
error (exit code 2). fee-reminders: the daily job's work at once (reminders and lapses recorded).

import: a CNIPA-style export or a simple one (CSV in UTF-8, GBK or GB18030, streamed; or XLSX), per row
and idempotent: bad rows are reported by line and field (exit code 2), the others stored; run it again
after an interruption. search: the search language (`ti= ab= cl= pa= in= ipc= ad= pd= agc=`, AND / OR /
NOT, brackets); a query that uses none of it (no field code, operator, bracket, quote or *) is read
as plain language: any of its words, ranked (so is text the field language cannot read, such as a
claim with brackets of its own). With `--queries Q.csv` (header
`id,query`) it writes R.csv with header `query_id,rank,patent_id,score`. reindex: rebuild the index from
the register. Without `--as-user` a command acts as the system account.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zhichan.core import imports
from zhichan.core.management.acting import AS_USER_HELP, acting_user
from zhichan.engines.patents import QueryError
from zhichan.engines.patents.search import free_text, plain_or_field_query
from zhichan.engines.tabular import TableError, is_workbook, open_table, read_table, sniff_file_encoding, write_csv
from zhichan.patents import selectors, services

MODES = ("text", "semantic", "hybrid")


class Command(BaseCommand):
    help = "Patent register: import an export, search it (the field language or plain text), rebuild the index."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("subcommand", choices=["import", "import-events", "fee-reminders", "search", "reindex"])
        parser.add_argument("argument", nargs="?", help="import: the file; search: the query")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--mode", choices=MODES, default="text")
        parser.add_argument("--json", action="store_true", help="search: one JSON object on stdout")
        parser.add_argument("--queries", type=Path, help="search: a CSV with header id,query")
        parser.add_argument("--out", type=Path, help="search --queries: the CSV of results to write")
        parser.add_argument("--as-user", help=AS_USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = acting_user(options["as_user"])
        subcommand = options["subcommand"]
        if subcommand == "import":
            self._import(actor, options)
        elif subcommand == "import-events":
            self._import_events(actor, options)
        elif subcommand == "fee-reminders":
            done = services.fee_reminders(actor=actor)
            self.stdout.write(f"提醒 {done['reminders']}，记录终止 {done['lapses']} / reminders {done['reminders']}, "
                              f"lapses recorded {done['lapses']}")  # fmt: skip
        elif subcommand == "search":
            if options["mode"] != "text":
                raise CommandError(
                    f"--mode {options['mode']}: semantic search is not built yet (issue 12); use --mode text"
                )
            if options["queries"]:
                self._search_file(actor, options)
            else:
                self._search_one(actor, options)
        else:
            done = services.reindex(actor=actor)
            self.stdout.write(f"已重建索引 / reindexed: {done}")

    def _import(self, actor: Any, options: dict[str, Any]) -> None:
        if not options["argument"]:
            raise CommandError("zhichan patents import FILE")
        path = Path(options["argument"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            header, rows = _rows(path)
            report = services.patents_import(actor=actor, header=header, rows=rows, source=path.name)
        except TableError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"读取 {report.read} 行：新增 {report.created}，更新 {report.updated}，未变化 {report.unchanged}，"
            f"有误 {len(report.errors)} / read {report.read}: created {report.created}, updated {report.updated}, "
            f"unchanged {report.unchanged}, errors {len(report.errors)}"
        )
        for error in report.errors[:50]:
            self.stderr.write(f"第{error['row']}行，字段 {error['field']}：{error['message']}")
        if report.errors:
            sys.exit(2)

    def _import_events(self, actor: Any, options: dict[str, Any]) -> None:
        if not options["argument"]:
            raise CommandError("zhichan patents import-events FILE")
        path = Path(options["argument"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        with path.open("rb") as handle:
            try:
                report = imports.run(services.events_import_spec(), actor=actor, stream=open_table(handle, path.name))
            except TableError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"读取 {report.read} 行：新增 {report.created}，更新 {report.updated}，未变化 {report.unchanged}，"
            f"有误 {report.rows_with_errors} / read {report.read}: created {report.created}, updated "
            f"{report.updated}, unchanged {report.unchanged}, rows with errors {report.rows_with_errors}"
        )
        for error in report.errors[:50]:
            self.stderr.write(str(error))
        if report.errors:
            sys.exit(2)

    def _search_one(self, actor: Any, options: dict[str, Any]) -> None:
        if not options["argument"]:
            raise CommandError("zhichan patents search QUERY (or --queries Q.csv --out R.csv)")
        found = _search(actor, options["argument"], options["limit"])
        rows = [{"rank": rank, "patent_id": p.number, "score": round(score, 4), "title": p.title}
                for rank, (p, score) in enumerate(found.patents, 1)]  # fmt: skip
        if options["json"]:
            self.stdout.write(json.dumps({"query": options["argument"], "total": found.total, "results": rows},
                                         ensure_ascii=False))  # fmt: skip
            return
        self.stdout.write(f"命中 {found.total} / hits {found.total}")
        for row in rows:
            self.stdout.write(f"{row['rank']:>3}  {row['patent_id']:<16} {row['score']:>8.3f}  {row['title']}")

    def _search_file(self, actor: Any, options: dict[str, Any]) -> None:
        if not options["out"]:
            raise CommandError("search --queries Q.csv needs --out R.csv")
        with options["queries"].open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not {"id", "query"} <= set(reader.fieldnames or []):
                raise CommandError(f"{options['queries']}: the header must be id,query")
            queries = [(row["id"], row["query"]) for row in reader]
        results = []
        for query_id, query in queries:
            found = _search(actor, query, options["limit"])
            results.extend(
                (query_id, rank, p.number, f"{score:.6f}") for rank, (p, score) in enumerate(found.patents, 1)
            )
        write_csv(options["out"], ["query_id", "rank", "patent_id", "score"], results)
        self.stdout.write(
            f"{len(queries)} 个检索式，{len(results)} 条结果 / {len(queries)} queries, {len(results)} rows"
        )


def _search(actor: Any, query: str, limit: int) -> selectors.Found:
    try:
        node = plain_or_field_query(query)
    except QueryError:
        try:  # a claim or disclosure with brackets or quotes of its own: its words
            node = free_text(query)
        except QueryError as exc:
            raise CommandError(str(exc)) from exc
    return selectors.patent_search(user=actor, query=node, limit=limit)


def _rows(path: Path) -> tuple[list[str], Any]:
    """The header and the rows of a file: a CSV streamed in its own encoding, a workbook read whole."""
    if is_workbook(path):
        table = read_table(path.read_bytes(), path.name)
        return table.header, (dict(zip(table.header, row, strict=False)) for row in table.rows)
    encoding, _lines = sniff_file_encoding(path)
    handle = path.open(encoding=encoding, newline="")
    reader = csv.DictReader(handle)
    header = [h.lstrip("\ufeff") for h in reader.fieldnames or []]
    reader.fieldnames = header
    return header, reader

"""The import runner: columns by alias, errors by row and field, the two modes, progress and audit."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from zhichan.core import imports
from zhichan.core.models import AuditEntry
from zhichan.engines.tabular import TableError, open_table

pytestmark = pytest.mark.django_db


def _spec(store: dict[str, int], mode=imports.Mode.ALL_OR_NOTHING, **more):
    def parse_row(cells):
        if not cells["amount"].isdigit():
            raise imports.RowError("数量", "不是数字")
        return cells["code"], int(cells["amount"])

    def apply(actor, rows, report):
        for _row, (code, amount) in rows:
            if store.get(code) == amount:
                report.unchanged += 1
            else:
                report.created += code not in store
                report.updated += code in store
                store[code] = amount
        return {"batches": 1}

    return imports.ImportSpec(
        name="thing",
        columns=(imports.Column("code", ("编号", "code"), required=True), imports.Column("amount", ("数量", "amount"))),
        parse_row=parse_row,
        apply=apply,
        authorise=lambda actor: None,
        mode=mode,
        identity=lambda parsed: ("code", parsed[0]),
        **more,
    )


def _stream(text: str, encoding: str = "utf-8"):
    return open_table(io.BytesIO(text.encode(encoding)), "t.csv")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gbk"])
def test_columns_are_found_by_either_name_in_every_encoding(users, encoding):
    store: dict[str, int] = {}
    report = imports.run(_spec(store), actor=users["official"], stream=_stream("code,数量\nA,1\nB,2\n", encoding))
    assert (report.read, report.created, report.errors) == (2, 2, []) and store == {"A": 1, "B": 2}
    entry = AuditEntry.objects.get(action="thing.import")
    assert entry.summary["created"] == 2 and entry.summary["rows"] == 2 and entry.summary["batches"] == 1


def test_all_or_nothing_writes_nothing_when_a_row_is_wrong_or_repeated(users):
    store: dict[str, int] = {}
    report = imports.run(_spec(store), actor=users["official"], stream=_stream("编号,数量\nA,1\nB,x\nA,3\n"))
    assert [(e.row, e.field, e.message) for e in report.errors] == [(3, "数量", "不是数字"), (4, "编号", "与第2行重复")]
    assert report.refused == 2 and report.rows_with_errors == 2 and store == {}
    assert not AuditEntry.objects.filter(action="thing.import").exists()
    with translation.override("en"):  # the reasons in the reader's language
        english = imports.run(_spec(store), actor=users["official"], stream=_stream("编号,数量\nA,1\nA,3\n"))
        assert [str(error) for error in english.errors] == ["Row 3, field “编号”: Duplicate of row 2"]


def test_per_row_stores_the_good_rows_in_batches_and_resumes_idempotently(users):
    store: dict[str, int] = {}
    spec = _spec(store, imports.Mode.PER_ROW, batch_size=2)
    text = "编号,数量\nA,1\nB,x\nC,3\nD,4\nE,5\n"
    seen: list[tuple[int, int | None]] = []
    report = imports.run(spec, actor=users["official"], stream=_stream(text), progress=lambda d, t: seen.append((d, t)))
    assert (report.created, report.refused, [e.row for e in report.errors]) == (4, 1, [3])
    assert report.extra == {"batches": 2} and seen[-1] == (5, 5)
    again = imports.run(spec, actor=users["official"], stream=_stream(text))
    assert (again.created, again.unchanged, again.refused) == (0, 4, 1) and len(store) == 4


def test_a_missing_required_column_and_a_refused_actor_read_nothing(users):
    with pytest.raises(TableError, match="缺少列 编号"):
        imports.run(_spec({}), actor=users["official"], stream=_stream("数量\n1\n"))
    worded = _spec({}, missing_columns=lambda missing: f"missing column(s) {', '.join(missing)}")
    with pytest.raises(TableError, match="missing column"):
        imports.run(worded, actor=users["official"], stream=_stream("数量\n1\n"))

    def refuse(actor):
        raise PermissionDenied

    with pytest.raises(PermissionDenied):
        imports.run(
            imports.ImportSpec(name="thing", columns=(), parse_row=dict, apply=lambda *a: None, authorise=refuse),
            actor=users["official"],
            stream=_stream("a\n1\n"),
        )

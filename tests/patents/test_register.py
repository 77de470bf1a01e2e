"""The patent register as its users meet it: import an export, search it, read a patent."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests import conftest
from zhichan.core.models import AuditEntry
from zhichan.patents import index, services
from zhichan.patents.models import HolderLink, Patent

HEADER = "申请号,申请日,公开（公告）号,名称,摘要,申请（专利权）人,发明（设计）人,分类号,专利代理机构,最新法律状态\n"
ROWS = [
    "202010123456.2,2020.03.01,CN111000001A,一种锂离子电池负极材料及其制备方法,本发明公开了一种硅碳负极材料。,"
    "广州酒家集团股份有限公司;华南理工大学,张三;李四,H01M4/13;H01M10/0525,广州华进联合专利商标代理有限公司（44224）,实质审查\n",
    "201710000001.X,2017-05-01,CN106821152B,智能滚筒抹布擦地扫地清洁机器人,,華為技術有限公司,王五,A47L11/24,,授权\n",
    "202010123456.1,2020-03-01,CN111000002A,一种电池,,某公司,,H01M,,\n",  # a wrong check digit
]


def _export(tmp_path, rows=ROWS, encoding="gb18030"):
    path = tmp_path / "export.csv"
    path.write_bytes((HEADER + "".join(rows)).encode(encoding))
    return path


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("patents", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_a_gb18030_export_imports_per_row_idempotently_and_links_holders(db, orgs, tmp_path):
    code, out, err = _run("import", str(_export(tmp_path)))
    assert code == 2 and "第4行，字段 application_number" in err and "校验位" in err
    assert set(Patent.objects.values_list("number", flat=True)) == {"CN111000001A", "CN106821152B"}
    first = Patent.objects.get(number="CN111000001A")
    assert (
        first.ipc == ["H01M 4/13", "H01M 10/0525"]
        and first.agency_code == "44224"
        and first.kind == "invention_application"
    )
    holders = list(first.holders.all())
    assert [h.name for h in holders] == ["广州酒家集团股份有限公司", "华南理工大学"]
    assert holders[0].organisation == orgs["own"] and holders[0].link == HolderLink.BY_NAME
    assert holders[1].organisation is None and holders[1].link == HolderLink.NONE
    entry = AuditEntry.objects.filter(action="patent.import").latest("seq")
    assert entry.summary["created"] == 2 and entry.summary["errors"] == 1 and entry.actor_label == "system"
    code, out, _err = _run("import", str(_export(tmp_path, ROWS[:2])))
    assert code == 0 and "未变化 2" in out
    changed = ROWS[0].replace("实质审查", "授权")
    _run("import", str(_export(tmp_path, [changed], encoding="utf-8-sig")))
    assert Patent.objects.get(number="CN111000001A").legal_status == "授权"


def test_search_from_the_command_line_keeps_its_contracts(db, orgs, tmp_path):
    _run("import", str(_export(tmp_path, ROWS[:2])))
    code, out, _err = _run("search", "ti=电池 AND pa=广州*", "--json")
    body = json.loads(out)
    assert code == 0 and body["total"] == 1 and body["results"][0]["patent_id"] == "CN111000001A"
    assert set(body["results"][0]) == {"rank", "patent_id", "score", "title"}
    queries = tmp_path / "q.csv"
    queries.write_text("id,query\nq1,扫地 机器人\nq2,pa=华为\nq3,一种（硅碳负极材料\n", encoding="utf-8")
    out_file = tmp_path / "r.csv"
    code, _out, _err = _run("search", "--queries", str(queries), "--out", str(out_file), "--limit", "5")
    with out_file.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["query_id", "rank", "patent_id", "score"]
    assert [r[:3] for r in rows[1:]] == [
        ["q1", "1", "CN106821152B"],
        ["q2", "1", "CN106821152B"],
        ["q3", "1", "CN111000001A"],
    ]
    with pytest.raises(CommandError, match="semantic search is not built yet"):
        _run("search", "ti=电池", "--mode", "semantic")


def test_the_search_page_for_the_public_with_its_help_and_clear_errors(client, db, orgs, tmp_path):
    _run("import", str(_export(tmp_path, ROWS[:2])))
    page = client.get("/patents/", {"q": "ipc=H01M10 OR 机器人", "order": "date"})
    body = page.content.decode()
    assert page.status_code == 200 and "CN111000001A" in body and "CN106821152B" in body
    assert body.index("CN111000001A") < body.index("CN106821152B")  # newest filing first
    assert "pa=" in body and "申请（专利权）人" in body  # the field help beside the box
    wrong = client.get("/patents/", {"q": "ti=(电池"})
    assert wrong.status_code == 200 and "第4个字符：括号没有闭合" in wrong.content.decode()
    english = client.get("/patents/", {"q": "ti=(电池"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "括号没有闭合" not in english and "bracket" in english.lower()
    detail = client.get(f"/patents/{Patent.objects.get(number='CN111000001A').pk}/")
    assert detail.status_code == 200 and "广州华进联合专利商标代理有限公司" in detail.content.decode()
    assert f"/organisations/{orgs['own'].pk}/" in detail.content.decode()


def test_the_index_is_rebuilt_from_the_register(db, orgs, tmp_path, settings, users):
    _run("import", str(_export(tmp_path, ROWS[:2])))
    settings.PATENTS_INDEX_DIR = str(tmp_path / "empty-index")
    index.forget()
    assert json.loads(_run("search", "机器人", "--json")[1])["total"] == 0
    assert services.reindex(actor=users["official"]) == 2
    assert json.loads(_run("search", "机器人", "--json")[1])["total"] == 1


@pytest.mark.parametrize(("name", "count"), [("patents_cn_titles_ipc.csv", 7000), ("kppatent_zh_train.csv", 2900)])
def test_the_real_files_import_as_they_are(db, name, count):
    path = conftest.testdata_dir() / name
    if not path.exists():
        pytest.skip(f"real patent data not found at {path} (set ZHICHAN_TESTDATA)")
    code, _out, err = _run("import", str(path))
    assert code == 0, err[:500]
    assert Patent.objects.count() > count


def test_plain_language_on_the_page_and_the_demo_register(client, db, users, orgs):
    from zhichan.patents.demo import load

    load(admin=users["administrator"], organisations={})
    load(admin=users["administrator"], organisations={})  # idempotent
    assert Patent.objects.count() == 5
    body = client.get("/patents/", {"q": "凉茶饮料的制备"}).content.decode()
    assert body.index("CN113000001B") < body.index("CN114000002A")  # the closest first, ranked by its words
    assert "按自然语言检索" in body

"""Organisations: pinyin search, all-or-nothing import in every encoding officials use, safe export."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhichan.core import selectors
from zhichan.core.models import AuditEntry, Organisation
from zhichan.core.services import organisation_create, organisations_import
from zhichan.engines.tabular import TableError, read_table, write_xlsx

HEADER = "名称,统一社会信用代码,类型,所在区,地址\n"
ROWS = (
    "广州白云山医药集团股份有限公司,91350100M000100Y43,企业,荔湾区,广州市荔湾区沙面北街45号\n"
    "𠈌记食品有限公司,91330100716105852F,enterprise,440106,天河路\n"
    "广州市商务局,,政府部门,越秀区,\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_import_reads_every_encoding(users, encoding):
    text = HEADER + ROWS
    if encoding == "gbk":
        text = text.replace("𠈌记", "陈记")  # GBK has no characters beyond the BMP
    table = read_table(text.encode(encoding), "orgs.csv")
    report = organisations_import(actor=users["official"], table=table)
    assert report.errors == [] and report.created == 3
    names = set(Organisation.objects.values_list("name", flat=True))
    assert ("𠈌记食品有限公司" if encoding != "gbk" else "陈记食品有限公司") in names
    assert not any("\ufffd" in name or "锟斤拷" in name for name in names)


def test_import_from_xlsx(users):
    data = write_xlsx(
        ["名称", "统一社会信用代码", "类型", "所在区"],
        [["广州白云山医药集团股份有限公司", "91350100M000100Y43", "企业", "荔湾区"]],
    )
    report = organisations_import(actor=users["official"], table=read_table(data, "orgs.xlsx"))
    assert report.created == 1


def test_undecodable_file_is_refused_with_position():
    with pytest.raises(TableError) as refused:
        read_table(HEADER.encode() + b"\xff\xfe\xfd\xfc,bad\n", "orgs.csv")
    assert "第2行" in str(refused.value) and "字节位置" in str(refused.value)


def test_import_is_all_or_nothing_with_row_field_reasons(users):
    bad = (
        HEADER
        + ROWS
        + (
            "坏代码公司,91440300708461136X,企业,天河区,\n"
            "无名类型公司,91110000802100433B,外星机构,天河区,\n"
            ",91330100716105852F,企业,天河区,\n"
            "重复公司,91350100M000100Y43,企业,天河区,\n"
            "不在广州公司,91110000802100433B,企业,朝阳区,\n"
        )
    )
    before = Organisation.objects.count()
    report = organisations_import(actor=users["official"], table=read_table(bad.encode(), "orgs.csv"))
    messages = [str(error) for error in report.errors]
    assert any("第5行" in m and "统一社会信用代码" in m and "应为“T”" in m for m in messages)
    assert any("第6行" in m and "类型" in m for m in messages)
    assert any("第7行" in m and "名称" in m for m in messages)
    assert any("第8行" in m and "重复" in m for m in messages)
    assert any("第9行" in m and "所在区" in m for m in messages)
    assert Organisation.objects.count() == before


def test_reimport_changes_nothing(users):
    table = read_table((HEADER + ROWS).encode(), "orgs.csv")
    organisations_import(actor=users["official"], table=table)
    again = organisations_import(actor=users["official"], table=table)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_import_command_reports_errors_and_exit_code(users, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_bytes((HEADER + "坏代码公司,91440300708461136X,企业,天河区,\n").encode("gbk"))
    with pytest.raises(CommandError) as failed:
        call_command("import", "organisations", str(path), "--as-user", "t-official")
    assert failed.value.returncode == 2
    path.write_bytes((HEADER + ROWS.replace("𠈌", "陈")).encode("gbk"))
    call_command("import", "organisations", str(path), "--as-user", "t-official")
    assert Organisation.objects.filter(name="广州市商务局").exists()


@pytest.mark.parametrize("query", ["广州酒家", "gzjj", "guangzhoujiujia", "廣州酒家", "ＧＺＪＪ", "91440300708461136T"])
def test_search_by_characters_pinyin_initials_and_traditional(users, orgs, query):
    found = selectors.organisation_list(user=users["official"], query=query)
    assert orgs["own"] in found and orgs["other"] not in found


def test_government_department_needs_no_credit_code_but_enterprise_does(users):
    organisation_create(actor=users["official"], data={"name": "广州市商务局", "kind": "government_department"})
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        organisation_create(actor=users["official"], data={"name": "某公司", "kind": "enterprise"})
    assert "credit_code" in refused.value.message_dict


def test_export_neutralises_formulas(client, users, orgs):
    organisation_create(
        actor=users["official"],
        data={
            "name": "=cmd|' /C calc'!A0",
            "kind": "enterprise",
            "credit_code": "91350100M000100Y43",
            "address": "+1+1",
        },
    )
    client.force_login(users["official"])
    response = client.get("/organisations/export.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert not any(c.value.startswith(("=", "+", "-", "@")) for c in cells)
    assert any(c.value == "'=cmd|' /C calc'!A0" and c.data_type == "s" for c in cells)
    assert AuditEntry.objects.filter(action="organisation.export").exists()


def test_api_organisation_without_email_conforms_to_the_schema_and_bad_email_is_refused(api, users, orgs):
    """Found by the schema fuzzer (R13): contact_email "" broke the schema's email format."""
    from tests.openapi_schema import conformance_errors

    api.force_authenticate(users["official"])
    listed = api.get("/api/v1/organisations/").json()["results"]
    assert listed and all(row["contact_email"] == "" for row in listed)
    assert [conformance_errors("Organisation", row) for row in listed] == [[]] * len(listed)
    new = {"name": "广州市商务局", "kind": "government_department"}
    assert api.post("/api/v1/organisations/", {**new, "contact_email": "没有at"}, format="json").status_code == 400
    created = api.post("/api/v1/organisations/", {**new, "contact_email": ""}, format="json")
    assert created.status_code == 201 and conformance_errors("Organisation", created.json()) == []
    changed = api.patch(
        f"/api/v1/organisations/{created.json()['id']}/", {"contact_email": "ip@gz.gov.cn"}, format="json"
    )
    assert changed.json()["contact_email"] == "ip@gz.gov.cn"

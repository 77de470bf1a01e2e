"""Importing the real plan text: counts, departments, idempotent re-import, changed text, export."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhichan.core.models import AuditEntry, Organisation
from zhichan.engines.plan import diff_plans, parse_plan, to_export_dict
from zhichan.planning import selectors
from zhichan.planning.models import DepartmentAlias, Indicator, Task
from zhichan.planning.services import plan_import


def test_real_plan_imports_tasks_columns_and_key_indicators(plan):
    assert plan.tasks.count() == 50
    assert sorted(plan.columns.values_list("number", flat=True)) == [1, 2, 4, 5, 6, 7, 8]
    key = plan.indicators.filter(category="key")
    assert key.count() == 11
    units = dict(key.values_list("name", "unit"))
    assert units["每万人口高价值发明专利拥有量"] == "件"
    assert units["知识产权维权援助和调解办案量"] == "件/年"
    assert units["知识产权保护社会满意度"] == "分"
    steady = plan.indicators.get(name="有效注册商标数量")
    assert steady.baseline == 1514000 and steady.unit == "件" and steady.target is None
    task8 = plan.tasks.get(number=8)
    assert "“双随机、一公开”各监管部门" in task8.cooperating_units
    assert task8.section.key == "三(四)" and task8.section.parent.key == "三"


def test_stored_plan_reads_back_as_the_parsed_text(plan, plan_text):
    assert diff_plans(parse_plan(plan_text), selectors.stored_document(plan)).is_empty


def test_units_become_departments_through_the_editable_names(plan):
    alias = DepartmentAlias.objects.get(name="市市场监管局")
    assert alias.organisation.name == "广州市市场监督管理局（知识产权局）"
    assert alias.organisation.kind == "government_department"
    source = DepartmentAlias.objects.get(name="市市场监管局(知识产权局)")
    assert source.organisation == alias.organisation
    assert selectors.department_lookup("广州市市场监督管理局（知识产权局）") == alias.organisation
    assert DepartmentAlias.objects.get(name="各区人民政府").organisation is None
    assert DepartmentAlias.objects.get(name="市法院").organisation.kind == "court"
    assert Organisation.objects.filter(name="广州市市场监督管理局（知识产权局）").count() == 1
    led = Task.objects.filter(lead_aliases__organisation=alias.organisation).distinct().count()
    assert led >= 30


def test_a_unit_already_in_the_directory_under_another_kind_is_linked_not_created_again(users, plan_text):
    """广州仲裁委 and 广州仲裁委员会 (the indicator table's source) mean the arbitration body in the directory."""
    from zhichan.core.management.commands.demo import synthetic_credit_code
    from zhichan.core.services import organisation_create

    name = "广州仲裁委员会"
    body = organisation_create(
        actor=users["administrator"],
        data={"name": name, "kind": "arbitration_body", "credit_code": synthetic_credit_code(name, "440104")},
    )
    plan_import(actor=users["official"], text=plan_text)
    assert list(Organisation.objects.filter(name=name)) == [body]
    assert DepartmentAlias.objects.get(name="广州仲裁委").organisation == body
    assert DepartmentAlias.objects.get(name="广州仲裁委员会").organisation == body
    assert Indicator.objects.get(name="知识产权仲裁案件数").source_alias.organisation == body


def test_without_the_unit_in_the_directory_the_two_names_make_one_department(plan):
    one = DepartmentAlias.objects.get(name="广州仲裁委").organisation
    assert one.kind == "other" and one == DepartmentAlias.objects.get(name="广州仲裁委员会").organisation
    assert Organisation.objects.filter(name="广州仲裁委员会").count() == 1


def test_second_import_of_the_same_text_changes_nothing_and_says_so(plan, plan_text, users):
    last = AuditEntry.objects.order_by("-seq").first().seq
    result = plan_import(actor=users["official"], text=plan_text)
    assert result.unchanged and not result.changes
    new = list(AuditEntry.objects.filter(seq__gt=last))
    assert [(e.action, e.summary["result"]) for e in new] == [("plan.import", "unchanged")]
    assert "未变" in result.summary()


def test_changed_text_updates_only_the_changed_task(plan, plan_text, users):
    task = plan.tasks.get(number=20)
    changed_text = plan_text.replace(task.text, task.text.replace(task.title, task.title + "和运用", 1), 1)
    assert changed_text != plan_text
    others = {t.number: (t.title, t.text) for t in plan.tasks.exclude(number=20)}
    last = AuditEntry.objects.order_by("-seq").first().seq
    result = plan_import(actor=users["official"], text=changed_text)
    assert [(c.entity, c.key) for c in result.changes] == [("task", 20)]
    task.refresh_from_db()
    assert task.title.endswith("和运用")
    assert {t.number: (t.title, t.text) for t in plan.tasks.exclude(number=20)} == others
    new = list(AuditEntry.objects.filter(seq__gt=last).order_by("seq"))
    assert [e.action for e in new] == ["plan.task.changed", "plan.import"]
    assert new[0].object_id == "task:20"
    assert set(new[0].summary["fields"]) == {"title", "text"}
    again = plan_import(actor=users["official"], text=changed_text)
    assert again.unchanged


def test_changed_indicator_value_is_written(plan, plan_text, users):
    assert "|\n3100 |" in plan_text
    text = plan_text.replace("|\n3100 |", "|\n3200 |", 1)
    result = plan_import(actor=users["official"], text=text)
    assert [(c.entity, c.key) for c in result.changes] == [("indicator", "海外发明专利授权量")]
    assert Indicator.objects.get(plan=plan, name="海外发明专利授权量").baseline == 3200


def test_import_refuses_a_role_without_the_right(users, plan_text):
    with pytest.raises(Exception, match="无权"):
        plan_import(actor=users["rights_holder"], text=plan_text)


def test_export_json_is_the_engines_contract_from_the_stored_plan(plan, plan_text, capsys):
    call_command("plan", "export", "--format", "json")
    exported = json.loads(capsys.readouterr().out)
    assert exported == json.loads(json.dumps(to_export_dict(parse_plan(plan_text)), ensure_ascii=False))
    assert set(exported) == {"tasks", "columns", "indicators"}
    assert set(exported["tasks"][0]) == {"number", "title", "section", "lead_units", "cooperating_units"}
    assert set(exported["columns"][0]) == {"number", "title"}
    assert set(exported["indicators"][0]) == {"name", "unit", "value_2020", "target_2025", "source", "kind", "key"}
    assert sum(i["key"] for i in exported["indicators"]) == 11  # the plan's 11 key indicators
    first = exported["tasks"][0]
    assert first["lead_units"] and all(isinstance(u, str) for u in first["lead_units"])
    copyright_share = next(i for i in exported["indicators"] if i["name"] == "版权产业增加值占GDP比重")
    assert copyright_share["value_2020"] == 9.85 and copyright_share["source"] == "市版权局"


def test_export_xlsx_has_three_sheets_of_text_cells(plan, tmp_path):
    import openpyxl

    out = tmp_path / "plan.xlsx"
    call_command("plan", "export", "--format", "xlsx", "--out", str(out))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["任务", "专栏", "指标"]
    tasks = list(book["任务"].iter_rows(values_only=True))
    assert len(tasks) == 51
    assert book["任务"]["B2"].data_type == "s"
    assert len(list(book["专栏"].iter_rows())) == 8


def test_import_command_reads_gb18030_and_reports(tmp_path, users, plan_text, capsys):
    path = tmp_path / "plan.txt"
    path.write_bytes(plan_text.encode("gb18030"))
    call_command("plan", "import", str(path), "--as-user", users["official"].username)
    assert "50" in capsys.readouterr().out
    call_command("plan", "import", str(path), "--as-user", users["official"].username)
    assert "未变" in capsys.readouterr().out


def test_import_command_reports_a_bad_text_with_its_line(tmp_path, users):
    path = tmp_path / "bad.txt"
    path.write_text("一、背景\n三、任务\n", encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("plan", "import", str(path), "--as-user", users["official"].username)
    assert "bad.txt" in str(info.value)

"""Annual plans and progress reports: entered by the lead department's liaison, reviewed by the office."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.kit import assert_denied_and_audited
from zhichan.core.models import AuditEntry, User
from zhichan.planning import selectors
from zhichan.planning.models import DepartmentAlias, ReviewStatus
from zhichan.planning.services import (
    annual_plan_save,
    milestone_complete,
    progress_report_save,
    reminders_record,
    submission_review,
)


@pytest.fixture
def market(plan):
    return DepartmentAlias.objects.get(name="市市场监管局").organisation


@pytest.fixture
def liaison(market):
    return User.objects.create_user(username="t-market-liaison", password="x" * 12, role="liaison", organisation=market)


def _task_led_by(plan, name):
    return next(t for t in plan.tasks.order_by("number") if name in t.lead_units)


def test_liaison_enters_office_returns_then_approves(plan, users, liaison, market):
    task = _task_led_by(plan, "市市场监管局")
    entry = annual_plan_save(
        actor=liaison,
        task=task,
        year=2023,
        measures="制定年度工作方案",
        milestones=[{"title": "印发方案", "due_on": "2023-03-31"}, {"title": "", "due_on": ""}],
        submit=True,
    )
    assert entry.department == market and entry.review_status == ReviewStatus.SUBMITTED
    assert [m.title for m in entry.milestones.all()] == ["印发方案"]
    with pytest.raises(ValidationError):
        submission_review(actor=users["official"], entry=entry, approve=False, comment="")
    submission_review(actor=users["official"], entry=entry, approve=False, comment="请补充节点")
    assert entry.review_status == ReviewStatus.RETURNED
    annual_plan_save(
        actor=liaison,
        task=task,
        year=2023,
        measures="制定年度工作方案并组织实施",
        milestones=[{"title": "印发方案", "due_on": "2023-03-31"}, {"title": "中期检查", "due_on": "2023-07-31"}],
        submit=True,
    )
    entry.refresh_from_db()
    submission_review(actor=users["official"], entry=entry, approve=True)
    assert entry.review_status == ReviewStatus.APPROVED and entry.milestones.count() == 2
    with pytest.raises(ValidationError):
        annual_plan_save(actor=liaison, task=task, year=2023, measures="改", milestones=[])
    actions = list(
        AuditEntry.objects.filter(object_type="plan_annual_plan").order_by("seq").values_list("action", flat=True)
    )
    assert actions == [
        "plan_annual_plan.submit",
        "plan_annual_plan.return",
        "plan_annual_plan.submit",
        "plan_annual_plan.approve",
    ]


def test_only_lead_departments_and_only_their_own(plan, users, liaison):
    not_led = next(t for t in plan.tasks.order_by("number") if "市市场监管局" not in t.lead_units)
    with pytest.raises(ValidationError, match="牵头单位"):
        annual_plan_save(actor=liaison, task=not_led, year=2022, measures="x", milestones=[])
    led = _task_led_by(plan, "市市场监管局")
    other = DepartmentAlias.objects.get(name="市版权局").organisation
    assert_denied_and_audited(
        lambda: annual_plan_save(actor=liaison, task=led, year=2022, measures="x", milestones=[], department=other),
        action="plan_annual_plan.create",
        object_type="plan_annual_plan",
        object_id="",
        reason=f"department {other.pk} is not the liaison's own",
    )
    with pytest.raises(ValidationError) as info:
        annual_plan_save(
            actor=liaison, task=led, year=2022, measures="x", milestones=[{"title": "a", "due_on": "2023-01-01"}]
        )
    assert "milestones" in info.value.message_dict
    submitted = annual_plan_save(actor=liaison, task=led, year=2022, measures="x", milestones=[], submit=True)
    assert_denied_and_audited(
        lambda: submission_review(actor=liaison, entry=submitted, approve=True),
        action="plan_review.create",
        object_type="plan_review",
        object_id="",
    )


def test_liaison_sees_only_own_department_entries(plan, users, liaison, market):
    led = _task_led_by(plan, "市市场监管局")
    annual_plan_save(actor=liaison, task=led, year=2022, measures="x", milestones=[])
    copyright_task = _task_led_by(plan, "市版权局")
    copyright_office = DepartmentAlias.objects.get(name="市版权局").organisation
    office = users["official"]
    annual_plan_save(
        actor=office, task=copyright_task, year=2022, measures="y", milestones=[], department=copyright_office
    )
    assert [e.department for e in selectors.annual_plan_list(user=liaison)] == [market]
    assert selectors.annual_plan_list(user=users["official"]).count() == 2


def test_reports_and_overdue_list(plan, users, liaison, evidence_root):
    from zhichan.core.services import evidence_upload

    task = _task_led_by(plan, "市市场监管局")
    entry = annual_plan_save(
        actor=liaison,
        task=task,
        year=2023,
        measures="m",
        milestones=[{"title": "印发方案", "due_on": "2023-03-31"}, {"title": "总结", "due_on": "2023-12-31"}],
        submit=True,
    )
    submission_review(actor=users["official"], entry=entry, approve=True)
    as_of = date(2023, 5, 1)
    overdue = selectors.overdue_items(as_of=as_of)
    assert [(i.kind, i.quarter) for i in overdue] == [("milestone", None), ("report", 1)]
    proof = evidence_upload(actor=liaison, name="方案.txt", chunks=[b"plan"], description="")
    report = progress_report_save(
        actor=liaison,
        task=task,
        year=2023,
        quarter=1,
        progress="on_schedule",
        work_done="已起草方案",
        problems="",
        evidence=[proof],
        submit=True,
    )
    assert list(report.evidence.all()) == [proof]
    milestone_complete(actor=liaison, milestone=entry.milestones.get(title="印发方案"), done_on="2023-04-10")
    assert selectors.overdue_items(as_of=as_of) == []
    submission_review(actor=users["official"], entry=report, approve=False, comment="请附会议纪要")
    assert [i.quarter for i in selectors.overdue_items(as_of=as_of)] == [1]
    items = reminders_record(actor=users["official"], as_of=as_of)
    reminder = AuditEntry.objects.get(action="plan.reminder")
    assert reminder.summary["items"] == [items[0].describe()] and "第1季度进展报告" in items[0].describe()


def test_work_pages_enter_review_and_list_overdue(client, plan, users, liaison, capsys):
    from django.core.management import call_command
    from django.urls import reverse

    task = _task_led_by(plan, "市市场监管局")
    url = reverse("planning:task-detail", args=[task.number])
    client.force_login(liaison)
    page = client.get(url).content.decode()
    assert "填报年度工作计划" in page and "填报进展报告" in page
    response = client.post(
        url,
        {
            "form": "annual_plan",
            "year": 2023,
            "measures": "组织专项行动",
            "milestones": "2023-03-31 印发方案\n2023-06-30 中期检查",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    entry = selectors.annual_plan_list(user=liaison).get()
    assert entry.review_status == ReviewStatus.SUBMITTED and entry.milestones.count() == 2
    assert client.get(reverse("planning:reviews")).status_code == 403
    client.force_login(users["official"])
    queue = client.get(reverse("planning:reviews")).content.decode()
    assert "组织专项行动" in queue and "通过" in queue
    client.post(reverse("planning:review-action", args=["annual_plan", entry.pk]), {"decision": "approve"})
    entry.refresh_from_db()
    assert entry.review_status == ReviewStatus.APPROVED
    overdue = client.get(reverse("planning:overdue")).content.decode()
    assert "印发方案" in overdue and "进展报告" in overdue
    client.force_login(users["rights_holder"])
    milestone = entry.milestones.first()
    assert (
        client.post(reverse("planning:milestone-done", args=[milestone.pk]), {"done_on": "2023-03-30"}).status_code
        == 404
    )
    assert AuditEntry.objects.filter(
        action="plan_annual_plan.read", object_id=str(milestone.pk), result="denied"
    ).exists()
    client.force_login(liaison)
    response = client.post(
        url,
        {"form": "report", "year": 2023, "quarter": 1, "progress": "on_schedule", "work_done": "已印发", "save": "1"},
    )
    assert response.status_code == 302
    assert selectors.progress_report_list(user=liaison).get().review_status == ReviewStatus.DRAFT
    client.force_login(users["rights_holder"])
    assert "填报年度工作计划" not in client.get(url).content.decode()
    call_command("plan", "remind", "--as-of", "2023-05-01", "--as-user", users["official"].username)
    out = capsys.readouterr().out
    assert "印发方案" in out and "逾期事项" in out


def test_annual_plans_export_to_excel_within_scope(client, plan, users, liaison):
    import io

    import openpyxl
    from django.urls import reverse

    task = _task_led_by(plan, "市市场监管局")
    annual_plan_save(
        actor=liaison,
        task=task,
        year=2024,
        measures='=HYPERLINK("x")',
        milestones=[{"title": "印发方案", "due_on": "2024-03-31"}],
    )
    client.force_login(liaison)
    response = client.get(reverse("planning:annual-plan-export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("任务序号", "任务", "年度", "牵头部门")
    assert rows[1][0] == task.number and rows[1][4].startswith("'=") and rows[1][5] == "2024-03-31 印发方案"
    assert AuditEntry.objects.filter(action="plan_annual_plan.export").exists()
    client.force_login(users["rights_holder"])
    assert client.get(reverse("planning:annual-plan-export")).status_code == 403


def test_overview_chart_counts_tasks_by_department_and_progress(client, plan, users):
    from django.urls import reverse

    client.force_login(users["official"])
    data = client.get(reverse("planning:overview")).context["by_department"]
    assert data["departments"][0] == "广州市市场监督管理局（知识产权局）"
    assert [s["name"] for s in data["series"]][-1] == "未报告"
    totals = [sum(s["data"][i] for s in data["series"]) for i in range(len(data["departments"]))]
    assert totals[0] == 47


def test_reimport_refuses_to_drop_a_task_that_has_annual_plans(plan, plan_text, users, liaison):
    from zhichan.planning.services import plan_import

    last = max(plan.tasks.values_list("number", flat=True))
    task = plan.tasks.get(number=last)
    department = task.lead_aliases.exclude(organisation=None).first().organisation
    annual_plan_save(actor=users["official"], task=task, year=2022, measures="m", milestones=[], department=department)
    start = plan_text.index(f"\n{last}.")
    end = plan_text.index("\n", start + 1)
    shorter = plan_text[:start] + plan_text[end:]
    with pytest.raises(ValidationError, match=f"任务{last}"):
        plan_import(actor=users["official"], text=shorter)
    assert plan.tasks.filter(number=last).exists()


@pytest.mark.parametrize(
    ("year", "quarter", "due"),
    [
        (2025, 3, date(2025, 10, 15)),  # 15 days after 30 September, a Wednesday
        (2021, 4, date(2022, 1, 17)),  # the 15th is a Saturday: the next working day
        (2021, None, date(2022, 1, 17)),  # the yearly report is due with the fourth quarter's
        (2024, 3, date(2024, 10, 15)),  # National Day's week-long holiday ends before the 15th
    ],
)
def test_report_due_dates_come_from_the_rules_table_and_the_holiday_calendar(db, year, quarter, due):
    from zhichan.engines.rules import rule

    assert rule("planning.report_due").unit == "days"
    assert selectors.report_due_on(year, quarter) == due

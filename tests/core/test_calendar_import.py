"""Importing a year's holiday notice: all-or-nothing with row/field errors, audited, and every clock
that could not be computed for want of that year is computed once it is in."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.calendar_table import ROWS_2027, table
from tests.kit import assert_denied_and_audited
from zhichan.core.calendar import platform_calendar
from zhichan.core.models import AuditEntry, Job, JobStatus, WorkCalendarDay

pytestmark = pytest.mark.django_db

BAD_ROW = len(ROWS_2027) + 2  # the row after the table's last (line 1 is the header)


def test_a_gbk_table_makes_the_year_countable_and_is_audited(imported):
    before = platform_calendar()
    assert before.day(date(2027, 3, 1)).provisional and 2027 not in before.covered_years
    assert before.day(date(2027, 2, 11)).is_working and not before.day(date(2027, 2, 20)).is_working
    report = imported()
    assert report["years"] == [2027] and report["rows"] == len(ROWS_2027) and report["workdays"] == 2
    calendar = platform_calendar()
    assert 2027 in calendar.covered_years and not calendar.day(date(2027, 3, 1)).provisional
    assert not calendar.day(date(2027, 2, 11)).is_working  # a Thursday the notice makes a holiday
    assert calendar.day(date(2027, 2, 20)).is_working  # a Saturday made a working day
    assert WorkCalendarDay.objects.get(day=date(2027, 1, 1)).name == "元旦"
    entry = AuditEntry.objects.get(action="work_calendar.import")
    assert entry.summary["years"] == [2027] and len(entry.summary["sha256"]) == 64


def test_due_dates_are_recomputed_by_a_job_after_the_import(users, django_capture_on_commit_callbacks):
    from zhichan.core import jobs
    from zhichan.core.services import calendar_import

    with django_capture_on_commit_callbacks(execute=True):
        report = calendar_import(actor=users["official"], data=table(), filename="2027.csv")
    job = Job.objects.get(pk=report["job"])
    assert job.kind == "core.calendar_recompute" and job.status == JobStatus.QUEUED
    assert job.params == {"years": [2027]} and job.created_by == users["official"]
    assert AuditEntry.objects.filter(action="job.enqueue", object_id=str(job.pk)).exists()
    assert 2027 in platform_calendar().covered_years  # the importing process counts with it at once
    jobs.execute(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["years"] == [2027] and set(job.result["recomputed"]) >= {"cases", "ecommerce"}


def test_reimporting_a_year_replaces_it(imported):
    imported()
    shorter = [row for row in ROWS_2027 if row[0] not in ("2027-02-09", "2027-02-10", "2027-02-11", "2027-02-20")]
    report = imported(table(shorter))
    assert report["replaced"] == len(ROWS_2027)
    assert WorkCalendarDay.objects.count() == len(shorter)
    assert platform_calendar().day(date(2027, 2, 9)).is_working


def test_the_source_is_shown_exactly_as_imported(client, users, imported):
    """A table marked as test data is not "the State Council's notice" anywhere."""
    imported()
    source = platform_calendar().source
    assert "导入：测试用表（非真实通知）（2027年）" in source and "导入的国务院办公厅" not in source
    client.force_login(users["official"])
    page = client.get("/calendar/").content.decode()
    assert "导入：测试用表（非真实通知）（2027年）" in page


@pytest.mark.parametrize(
    ("data", "filename", "where"),
    [
        (table([*ROWS_2027, ("2027-13-01", "holiday", "国庆节")]), "bad.csv", f"row {BAD_ROW}, field 'date'"),
        (table([*ROWS_2027[:3], ("2027-02-06", "workday", "春节")]), "dup.csv", "row 5, field 'date'"),
        (table([("2027-01-01", "rest", "元旦")]), "kind.csv", "row 2, field 'kind'"),
        ("date,kind,name\n2027-01-01,holiday,元旦".encode("gb18030"), "header.csv", "source"),
        (b'[{"date": "2027-01-01"', "broken.json", "line 1"),
        (table(ROWS_2027[1:]), "partial.csv", "元旦（2027-01-01）"),
        (table([row for row in ROWS_2027 if row[2] != "清明节"]), "no-qingming.csv", "清明节（2027-04-05）"),
        (table([row for row in ROWS_2027 if row[0] != "2027-10-03"]), "short-national-day.csv", "国庆节（2027-10-03）"),
    ],
    ids=[
        "bad-date",
        "duplicate-date",
        "bad-kind",
        "missing-column",
        "broken-json",
        "year-incomplete",
        "lunar-holiday-missing",
        "statutory-day-missing",
    ],
)
def test_bad_tables_are_refused_with_where_and_nothing_is_stored(imported, data, filename, where):
    imported()
    with pytest.raises(ValidationError) as info:
        imported(data, filename)
    assert where in " ".join(info.value.messages) and filename in " ".join(info.value.messages)
    assert WorkCalendarDay.objects.count() == len(ROWS_2027)  # the earlier import is untouched


def test_json_lists_are_accepted(imported):
    import json

    items = [{"date": d, "kind": k, "name": n, "source": "测试用表"} for d, k, n in ROWS_2027]
    assert imported(json.dumps(items, ensure_ascii=False).encode(), "2027.json")["rows"] == len(ROWS_2027)


def test_only_the_office_imports(users, imported):
    assert_denied_and_audited(
        lambda: imported(actor=users["rights_holder"]),
        action="work_calendar.create",
        object_type="work_calendar",
        object_id="",
    )
    assert AuditEntry.objects.filter(action="work_calendar.create", result="denied").exists()
    assert not WorkCalendarDay.objects.exists()


def test_calendar_page_warns_and_imports(client, users, django_capture_on_commit_callbacks):
    client.force_login(users["rights_holder"])
    page = client.get("/calendar/").content.decode()
    assert "尚无 2027 年" in page and "导入年度通知" not in page
    assert client.post("/calendar/", {}).status_code == 403
    client.force_login(users["official"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("2027.csv", table())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/calendar/", {"file": upload})
    assert response.status_code == 302
    page = client.get("/calendar/").content.decode()
    assert "尚无 2027 年" not in page
    assert "最近一次期限重算" in page and str(Job.objects.get(kind="core.calendar_recompute").pk) in page
    bad = client.post("/calendar/", {"file": SimpleUploadedFile("x.csv", table(ROWS_2027[1:]))})
    assert "元旦" in bad.content.decode()


def test_command_imports_and_refuses_with_exit_code_2(users, tmp_path, capsys):
    good, bad = tmp_path / "2027.csv", tmp_path / "bad.csv"
    good.write_bytes(table())
    bad.write_bytes(table([*ROWS_2027, ("2027-02-30", "holiday", "春节")]))
    with pytest.raises(CommandError) as info:
        call_command("calendar", "import", str(bad), "--as-user", users["administrator"].username)
    assert info.value.returncode == 2 and f"row {len(ROWS_2027) + 2}" in capsys.readouterr().err
    call_command("calendar", "import", str(good), "--as-user", users["administrator"].username)
    out = capsys.readouterr().out
    assert "2027" in out and WorkCalendarDay.objects.count() == len(ROWS_2027)
    assert "due dates recomputed: cases 0, ecommerce 0" in out  # the command waits for the job
    assert Job.objects.get(kind="core.calendar_recompute").status == JobStatus.SUCCEEDED

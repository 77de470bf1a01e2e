"""Legal-status history and annual fees as their users meet them: an events file imported (command and
page), the fee monitor per role, the daily reminders once per fee year and stage, a lapse recorded."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from zhichan.core import jobs
from zhichan.core.models import AuditEntry, Job, JobStatus, Role
from zhichan.engines.identifiers import patent_application_check_digit
from zhichan.patents import services, tiles
from zhichan.patents.models import FeeReminder, LegalEvent, LegalEventKind, LegalStatus, Patent

BEIJING = timezone(timedelta(hours=8))


def number(serial):
    return f"{serial}.{patent_application_check_digit(serial)}"


INVENTION, UTILITY, PENDING = number("201410000004"), number("202020000003"), number("202210000002")
PATENT_HEADER = ["申请号", "申请日", "公开（公告）号", "授权公告日", "名称", "申请（专利权）人"]


@pytest.fixture
def register(users, orgs):
    rows = [
        [INVENTION, "2014-01-20", "CN103000004B", "2016-06-01", "一种中文专利文本分类方法", orgs["own"].name],
        [UTILITY, "2020-07-08", "CN212000003U", "2021-02-12", "一种月饼脱模装置", orgs["other"].name],
        [PENDING, "2022-05-16", "CN114000002A", "", "一种固态锂电池电解质膜", orgs["own"].name],
    ]
    services.patents_import(
        actor=users["administrator"],
        header=PATENT_HEADER,
        rows=[dict(zip(PATENT_HEADER, row, strict=True)) for row in rows],
        source="test",
    )
    return {p.application_number: p for p in Patent.objects.all()}


EVENTS = (
    "申请号,法律状态公告日,法律状态,法律状态信息\n"
    f"{INVENTION},2016.06.01,授权,发明专利权授予\n"
    f"ZL{INVENTION},2025-01-10,缴纳年费,第12年度\n"
    f"{INVENTION},2024-05-20,专利权质押合同登记的生效、变更及注销,"
    "出质人：广州酒家集团股份有限公司 质权人：某银行 质押金额：300万元\n"
    f"{INVENTION},2023-03-01,某种新的公告类别,原文照录\n"
    f"{number('201910000009')},2023-03-01,授权,\n"  # not in the register
    f"{INVENTION},2023-13-01,缴纳年费,第11年度\n"  # not a date
)


def _command(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("patents", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_a_gbk_events_file_imports_per_row_idempotently_with_row_errors(client, db, register, tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes(EVENTS.encode("gbk"))
    code, out, err = _command("import-events", str(path))
    assert code == 2 and "新增 4" in out
    assert "第6行" in err and "不在专利登记中" in err and "第7行" in err and "法律状态公告日" in err
    patent = Patent.objects.get(application_number=INVENTION)
    kinds = dict(patent.events.values_list("kind", "date"))
    assert set(kinds) == {"grant", "fee_paid", "pledge", "other"}
    pledge = patent.events.get(kind=LegalEventKind.PLEDGE)
    assert (pledge.party_to, pledge.amount) == ("某银行", 3000000)
    assert patent.events.get(kind=LegalEventKind.OTHER).status_text == "某种新的公告类别"  # kept, not an error
    assert (patent.status, patent.fees_paid_through) == (LegalStatus.VALID, 12)
    assert patent.legal_status == "缴纳年费"  # the latest imported words
    entry = AuditEntry.objects.filter(action="patent_event.import").latest("pk")
    assert entry.summary["created"] == 4 and entry.summary["rows_with_errors"] == 2
    code, out, _err = _command("import-events", str(path))  # run again: nothing twice
    assert code == 2 and "新增 0" in out and "未变化 4" in out
    assert LegalEvent.objects.count() == 4
    public = client.get(f"/patents/{patent.pk}/").content.decode()  # the history is public with the patent
    assert "专利权质押" in public and "第12年度" in public


def test_the_daily_work_from_the_command_line(db, register):
    _paid_through_12(register)  # at the pinned 2026-11-25 the grace of year 13 ended on 2026-07-20
    code, out, _err = _command("fee-reminders")
    assert code == 0 and "记录终止 1" in out and "lapses recorded 1" in out
    code, out, _err = _command("fee-reminders")
    assert code == 0 and "记录终止 0" in out


def test_the_page_imports_as_a_job_for_the_office_only(client, users, register, evidence_root):
    client.force_login(users[Role.RIGHTS_HOLDER])
    assert client.get("/patents/events/import/").status_code == 403
    client.force_login(users[Role.OFFICIAL])
    upload = SimpleUploadedFile("events.csv", EVENTS.encode("gbk"), content_type="text/csv")
    response = client.post("/patents/events/import/", {"file": upload})
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    job = Job.objects.order_by("-created_at").first()
    jobs.execute(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["created"] == 4 and job.result["rows_with_errors"] == 2
    assert any("第6行" in line for line in job.log)


def _paid_through_12(register):
    patent = register[INVENTION]
    LegalEvent.objects.create(patent=patent, date=date(2016, 6, 1), kind=LegalEventKind.GRANT, status_text="授权")
    LegalEvent.objects.create(
        patent=patent, date=date(2025, 1, 10), kind=LegalEventKind.FEE_PAID, fee_year=12, status_text="缴纳年费"
    )
    services.legal_status_recompute(patent)


def _on(day):
    return time_machine.travel(datetime(*day, 9, 0, tzinfo=BEIJING), tick=False)


def test_reminders_once_per_fee_year_and_stage_then_the_lapse_recorded(db, users, orgs, register):
    _paid_through_12(register)
    system = users[Role.ADMINISTRATOR]
    with _on((2026, 1, 5)):  # year 13 due 2026-01-20
        assert services.fee_reminders(actor=system) == {"reminders": 1, "lapses": 0}
        assert services.fee_reminders(actor=system) == {"reminders": 0, "lapses": 0}
    due = FeeReminder.objects.get()
    assert (due.organisation, due.fee_year, due.stage, due.due_on) == (orgs["own"], 13, "due", date(2026, 1, 20))
    assert "2026-01-20" in due.message and "实施细则" in due.message
    with _on((2026, 3, 1)):
        assert services.fee_reminders(actor=system)["reminders"] == 1
        assert services.fee_reminders(actor=system)["reminders"] == 0
    grace = FeeReminder.objects.get(stage="grace")
    assert grace.due_on == date(2026, 7, 20)
    with _on((2026, 7, 20)):  # the last day of grace: not yet lapsed
        assert services.fee_reminders(actor=system)["lapses"] == 0
    with _on((2026, 7, 21)):
        assert services.fee_reminders(actor=system) == {"reminders": 1, "lapses": 1}
        assert services.fee_reminders(actor=system) == {"reminders": 0, "lapses": 0}
    patent = Patent.objects.get(application_number=INVENTION)
    lapse = patent.events.get(kind=LegalEventKind.LAPSE_UNPAID)
    assert (lapse.date, lapse.fee_year, lapse.recorded_by_platform) == (date(2026, 1, 20), 13, True)
    assert (patent.status, patent.status_on) == (LegalStatus.LAPSED, date(2026, 1, 20))
    assert patent.legal_status == "缴纳年费"  # the source's words stay the source's
    audit = AuditEntry.objects.get(action="patent.lapse_recorded")
    assert audit.object_id == str(patent.pk) and audit.summary["fee_year"] == 13
    # a patent without imported payments is reminded but never lapsed for missing data
    utility = Patent.objects.get(application_number=UTILITY)
    assert not utility.events.exists() and utility.status == ""
    assert FeeReminder.objects.filter(patent=utility).count() == 0  # its next anniversary was never near
    assert LegalEvent.objects.filter(patent=utility).count() == 0


def test_an_untracked_patent_is_reminded_of_its_next_anniversary(db, users, orgs, register):
    system = users[Role.ADMINISTRATOR]
    with _on((2026, 6, 20)):  # no payments imported: year 6 taken as paid, year 7 due 2026-07-08
        assert services.fee_reminders(actor=system) == {"reminders": 1, "lapses": 0}
        assert services.fee_reminders(actor=system) == {"reminders": 0, "lapses": 0}
    with _on((2027, 2, 10)):  # past its anniversary, never in grace for want of data
        assert services.fee_reminders(actor=system) == {"reminders": 0, "lapses": 0}
    with _on((2027, 6, 20)):
        assert services.fee_reminders(actor=system) == {"reminders": 1, "lapses": 0}
    years = list(FeeReminder.objects.order_by("fee_year").values_list("organisation", "fee_year", "due_on"))
    assert years == [(orgs["other"].pk, 7, date(2026, 7, 8)), (orgs["other"].pk, 8, date(2027, 7, 8))]


@pytest.mark.parametrize("role", Role.values)
def test_the_fee_pages_per_role(client, users, register, role):
    _paid_through_12(register)
    client.force_login(users[role])
    response = client.get("/patents/fees/")
    allowed = role in (Role.RIGHTS_HOLDER, Role.OFFICIAL, Role.AUDITOR)
    assert response.status_code == (200 if allowed else 403), role
    mine = client.get(f"/patents/fees/{register[INVENTION].pk}/")
    theirs = client.get(f"/patents/fees/{register[UTILITY].pk}/")
    if not allowed:
        assert (mine.status_code, theirs.status_code) == (403, 403)
        return
    body = response.content.decode()
    assert INVENTION in body and PENDING not in body  # granted only
    assert (UTILITY in body) is (role != Role.RIGHTS_HOLDER)  # owners see their own patents only
    assert mine.status_code == 200 and "缴纳年费" in mine.content.decode()
    assert theirs.status_code == (404 if role == Role.RIGHTS_HOLDER else 200)


def test_the_fee_page_asks_anonymous_visitors_to_log_in(client, register):
    assert client.get("/patents/fees/").status_code == 302


def test_the_tile_counts_reminders_still_ahead(db, users, orgs, register):
    _paid_through_12(register)
    owner = users[Role.RIGHTS_HOLDER]
    assert tiles.fees_due(user=owner) is None
    with _on((2026, 1, 5)):
        services.fee_reminders(actor=users[Role.ADMINISTRATOR])
        tile = tiles.fees_due(user=owner)
        assert tile is not None and tile.value == 1 and tile.url == "/patents/fees/"
    assert tiles.fees_due(user=users[Role.MEDIATOR]) is None


def test_the_demo_loads_events_idempotently_and_the_page_shows_them(client, users):
    from zhichan.patents.demo import load

    load(admin=users["administrator"], organisations={})
    count = LegalEvent.objects.count()
    load(admin=users["administrator"], organisations={})
    assert count == LegalEvent.objects.count() == 16
    client.force_login(users[Role.OFFICIAL])
    body = client.get("/patents/fees/").content.decode()
    assert "滞纳期内" in body  # the utility model's year 7 at the pinned date 2026-11-25
    granted = Patent.objects.filter(publication_number__in=["CN113000001B", "CN212000003U", "CN103000004B"])
    assert all(f"/patents/fees/{p.pk}/" in body for p in granted) and len(granted) == 3
    granted = Patent.objects.get(publication_number="CN113000001B")
    assert granted.grant_date == date(2022, 8, 9) and granted.fees_paid_through == 6


def test_the_events_since_a_moment_for_a_watch(db, users, register):
    from django.utils import timezone as django_timezone

    from zhichan.patents import selectors

    start = django_timezone.now()
    _paid_through_12(register)
    services.fee_reminders(actor=users[Role.ADMINISTRATOR])  # at the pinned 2026-11-25: the grace ended 07-20
    lapses = selectors.legal_events_since(user=users[Role.OFFICIAL], since=start, kinds=("lapse_unpaid",))
    assert [(e.patent.application_number, e.fee_year) for e in lapses] == [(INVENTION, 13)]
    assert selectors.legal_events_since(user=users[Role.OFFICIAL], since=start).count() == 3

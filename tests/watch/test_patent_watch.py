"""The patent watch (issue 22, legal events): an owner asks for one of its patents, the office accepts,
declines or adds one; the daily job turns a lapse for unpaid fees into one urgent alert to the owner
(with the time to request restoration), a rerun into none; pages per role, another owner's 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.kit import assert_denied_and_audited
from zhichan.core.models import AuditEntry, Role
from zhichan.engines.identifiers import patent_application_check_digit
from zhichan.patents import services as patent_services
from zhichan.patents.models import LegalEvent, LegalEventKind, Patent
from zhichan.watch import clocks, selectors, services, tiles
from zhichan.watch.models import Reminder, ReminderKind, WatchedPatent, WatchState


def number(serial):
    return f"{serial}.{patent_application_check_digit(serial)}"


OWN, OTHER, LIKE = number("201410000004"), number("202020000003"), number("202210000009")
HEADER = ["申请号", "申请日", "公开（公告）号", "授权公告日", "名称", "申请（专利权）人"]


@pytest.fixture(autouse=True)
def _own_index(settings, tmp_path):
    from zhichan.patents import index

    settings.PATENTS_INDEX_DIR = str(tmp_path / "patents-index")
    index.forget()
    yield
    index.forget()


@pytest.fixture
def register(users, orgs):
    rows = [
        [OWN, "2014-01-20", "CN103000004B", "2016-06-01", "一种中文专利文本分类方法", orgs["own"].name],
        [OTHER, "2020-07-08", "CN212000003U", "2021-02-12", "一种月饼脱模装置", orgs["other"].name],
        [LIKE, "2022-03-01", "CN114000009A", "", "一种基于深度学习的中文专利文本分类方法", orgs["other"].name],
    ]
    patent_services.patents_import(
        actor=users[Role.ADMINISTRATOR],
        header=HEADER,
        rows=[dict(zip(HEADER, row, strict=True)) for row in rows],
        source="test",
    )
    return {p.application_number: p for p in Patent.objects.all()}


def _lapse(patent, day=date(2026, 1, 20), year=13):
    return LegalEvent.objects.create(
        patent=patent, date=day, kind=LegalEventKind.LAPSE_UNPAID, fee_year=year, status_text="未缴年费专利权终止"
    )


def test_an_owner_requests_the_office_accepts_and_a_lapse_alerts_the_owner_once(users, orgs, register):
    owner, official, system = users[Role.RIGHTS_HOLDER], users[Role.OFFICIAL], users[Role.ADMINISTRATOR]
    choices = selectors.patents_to_watch(user=owner, organisation=orgs["own"])
    assert choices == [(str(register[OWN].pk), f"{register[OWN].number} 一种中文专利文本分类方法")]
    watched = services.patent_watch_request(actor=owner, owner=orgs["own"], patent_id=register[OWN].pk)
    assert (watched.watch_state, watched.requested_by, watched.events_seen_to) == (WatchState.REQUESTED, owner, None)
    assert AuditEntry.objects.filter(action="watch_patent.request", object_id=str(watched.pk)).exists()
    assert selectors.patents_to_watch(user=owner, organisation=orgs["own"]) == []
    with pytest.raises(ValidationError):
        services.patent_watch_request(actor=owner, owner=orgs["own"], patent_id=register[OWN].pk)
    # a requested patent is not read yet
    _lapse(register[OWN], day=date(2025, 1, 20), year=12)
    assert services.patent_events_read(actor=system) == {"patents": 0, "alerts": 0}
    services.patent_watch_decide(actor=official, watched=watched, accept=True)
    watched.refresh_from_db()
    assert watched.watch_state == WatchState.WATCHED and watched.events_seen_to is not None
    assert AuditEntry.objects.filter(action="watch_patent.accept", object_id=str(watched.pk)).exists()

    lapse = _lapse(register[OWN])
    LegalEvent.objects.create(patent=register[OWN], date=date(2026, 1, 21), kind=LegalEventKind.FEE_PAID, fee_year=13)
    LegalEvent.objects.create(patent=register[OTHER], date=date(2026, 1, 20), kind=LegalEventKind.LAPSE_UNPAID)
    assert services.patent_events_read(actor=system) == {"patents": 1, "alerts": 1}
    alert = Reminder.objects.get(kind=ReminderKind.PATENT)
    window = clocks.patent_restoration_window(date(2026, 1, 20))
    assert (alert.organisation, alert.patent, alert.event_kind, alert.urgent) == (
        orgs["own"],
        watched,
        "lapse_unpaid",
        True,
    )
    assert alert.due_on == window.due == date(2026, 3, 20)
    assert "第13年度" in alert.message and "实施细则》第六条" in alert.message and "UNVERIFIED" in alert.message
    assert alert.key == f"patent:{watched.pk}:{lapse.pk}"
    assert AuditEntry.objects.get(action="watch_patent.events").summary == {"alerts": 1, "urgent": 1}
    # a rerun: nothing new, nothing audited again
    assert services.patent_events_read(actor=system) == {"patents": 1, "alerts": 0}
    assert Reminder.objects.filter(kind=ReminderKind.PATENT).count() == 1
    assert AuditEntry.objects.filter(action="watch_patent.events").count() == 1
    # the owner sees it (list, tile, digest)
    assert list(selectors.patent_alert_list(user=owner, urgent=True)) == [alert]
    tile = tiles.patent_lapses(user=owner)
    assert tile is not None and tile.value == 1
    assert services.digest_send(actor=system) == 1  # the weekly digest names the lapsed patent
    digest = Reminder.objects.get(kind=ReminderKind.DIGEST)
    assert (
        digest.organisation == orgs["own"]
        and "专利失效预警 1 条" in digest.message
        and register[OWN].number in digest.message
    )
    assert tiles.patent_lapses(user=users[Role.MEDIATOR]) is None


def test_informative_events_and_an_assignment_to_the_owner_itself(users, orgs, register):
    official, system = users[Role.OFFICIAL], users[Role.ADMINISTRATOR]
    watched = services.patent_watch_add(actor=official, owner=orgs["own"], patent_id=register[OWN].pk)
    assert watched.watch_state == WatchState.WATCHED
    assert AuditEntry.objects.filter(action="watch_patent.add", object_id=str(watched.pk)).exists()
    patent = register[OWN]
    make = LegalEvent.objects.create
    make(patent=patent, date=date(2026, 2, 1), kind="pledge", party_from=orgs["own"].name, party_to="某银行")
    make(patent=patent, date=date(2026, 2, 2), kind="assignment", party_from="原权利人", party_to=orgs["own"].name)
    make(patent=patent, date=date(2026, 2, 3), kind="licence", party_to="某某制造有限公司")
    make(patent=patent, date=date(2026, 2, 4), kind="assignment", party_from=orgs["own"].name, party_to="某某公司")
    assert services.patent_events_read(actor=system)["alerts"] == 3  # not the assignment to the owner
    kinds = sorted(Reminder.objects.filter(patent=watched).values_list("event_kind", "urgent"))
    assert kinds == [("assignment", False), ("licence", False), ("pledge", False)]
    assert "某银行" in Reminder.objects.get(event_kind="pledge").message


def test_refusals_are_audited(users, orgs, register):
    owner, official = users[Role.RIGHTS_HOLDER], users[Role.OFFICIAL]
    # another organisation's patent, for its own organisation: refused
    assert_denied_and_audited(
        lambda: services.patent_watch_request(actor=owner, owner=orgs["own"], patent_id=register[OTHER].pk),
        action="watch_patent.request",
        object_type="watch_patent",
        object_id=register[OTHER].pk,
        reason="the organisation does not hold the patent",
    )
    # for another organisation: refused
    assert_denied_and_audited(
        lambda: services.patent_watch_request(actor=owner, owner=orgs["other"], patent_id=register[OTHER].pk),
        action="watch_patent.request",
        object_type="watch_patent",
        object_id="",
        reason="not the owner's organisation",
    )
    # an owner adds nothing directly and decides nothing
    assert_denied_and_audited(
        lambda: services.patent_watch_add(actor=owner, owner=orgs["own"], patent_id=register[OWN].pk),
        action="watch_patent.change",
        object_type="watch_patent",
        object_id="",
    )
    watched = services.patent_watch_request(actor=owner, owner=orgs["own"], patent_id=register[OWN].pk)
    assert_denied_and_audited(
        lambda: services.patent_watch_decide(actor=owner, watched=watched, accept=True),
        action="watch_request_review.change",  # the office's review right, asked first by the kernel
        object_type="watch_request_review",
        object_id="",
    )
    with pytest.raises(ValidationError):  # a decline needs its reason
        services.patent_watch_decide(actor=official, watched=watched, accept=False)
    services.patent_watch_decide(actor=official, watched=watched, accept=False, note="非高价值专利")
    watched.refresh_from_db()
    assert (watched.watch_state, watched.watch_note) == (WatchState.DECLINED, "非高价值专利")
    with pytest.raises(PermissionDenied):
        services.patent_watch_add(actor=users[Role.AUDITOR], owner=orgs["own"], patent_id=register[OWN].pk)


def test_another_organisations_rights_holder_gets_404(client, users, orgs, register):
    from zhichan.core.models import User

    official = users[Role.OFFICIAL]
    theirs = services.patent_watch_add(actor=official, owner=orgs["other"], patent_id=register[OTHER].pk)
    client.force_login(users[Role.RIGHTS_HOLDER])
    assert_denied_and_audited(
        lambda: client.get(f"/watch/patents/{theirs.pk}/"),
        action="watch_patent.read",
        object_type="watch_patent",
        object_id=theirs.pk,
        reason="not visible",
        status=404,
    )
    assert theirs.number not in client.get("/watch/patents/").content.decode()
    member = User.objects.create_user(username="t-other-holder", password="x-password-123", role=Role.RIGHTS_HOLDER,
                                      organisation=orgs["other"])  # fmt: skip
    client.force_login(member)
    assert client.get(f"/watch/patents/{theirs.pk}/").status_code == 200


@pytest.mark.parametrize("role", Role.values)
def test_the_patent_watch_pages_per_role(client, users, orgs, register, role):
    official = users[Role.OFFICIAL]
    watched = services.patent_watch_add(actor=official, owner=orgs["own"], patent_id=register[OWN].pk)
    _lapse(register[OWN])
    services.patent_events_read(actor=users[Role.ADMINISTRATOR])
    client.force_login(users[role])
    may_list = role in (Role.OFFICIAL, Role.RIGHTS_HOLDER, Role.AUDITOR, Role.ADMINISTRATOR)
    for page in ("/watch/patents/", f"/watch/patents/{watched.pk}/"):
        assert client.get(page).status_code == (200 if may_list else 403), (role, page)
    assert client.get("/watch/patents/request/").status_code == (
        200 if role in (Role.OFFICIAL, Role.RIGHTS_HOLDER) else 403
    )
    assert client.get("/watch/patents/add/").status_code == (200 if role == Role.OFFICIAL else 403)
    if role == Role.RIGHTS_HOLDER:
        page = client.get(f"/watch/patents/{watched.pk}/").content.decode()
        assert "2026-03-20" in page and "未缴年费专利权终止" in page


def test_the_office_adds_by_number_and_an_owner_asks_through_the_pages(client, users, orgs, register):
    client.force_login(users[Role.OFFICIAL])
    response = client.post("/watch/patents/add/", {"owner": orgs["own"].pk, "number": "CN103000004B"})
    watched = WatchedPatent.objects.get()
    assert response.status_code == 302 and watched.watch_state == WatchState.WATCHED
    assert client.post("/watch/patents/add/", {"owner": orgs["own"].pk, "number": "CN000"}).status_code == 200
    client.force_login(users[Role.RIGHTS_HOLDER])
    assert "没有本单位持有且尚未申请监测的专利" in client.get("/watch/patents/request/").content.decode()
    watched.delete()
    response = client.post("/watch/patents/request/", {"patent": f"{orgs['own'].pk}:{register[OWN].pk}"})
    assert response.status_code == 302
    assert WatchedPatent.objects.get().watch_state == WatchState.REQUESTED
    response = client.post("/watch/patents/request/", {"patent": f"{orgs['own'].pk}:{register[OTHER].pk}"})
    assert response.status_code == 200 and WatchedPatent.objects.count() == 1  # not a choice


def test_the_full_text_stand_in_lists_close_patents_on_the_page(client, users, orgs, register):
    watched = services.patent_watch_add(actor=users[Role.OFFICIAL], owner=orgs["own"], patent_id=register[OWN].pk)
    close = selectors.watched_patent_like(user=users[Role.RIGHTS_HOLDER], watched=watched)
    numbers = [p.number for p, _score in close]
    assert numbers[0] == "CN114000009A" and register[OWN].number not in numbers  # best first, itself left out
    assert all(score < close[0][1] for _p, score in close[1:])  # the mooncake mould shares only 一种
    client.force_login(users[Role.RIGHTS_HOLDER])
    page = client.get(f"/watch/patents/{watched.pk}/").content.decode()
    assert "相近的专利（全文检索）" in page and "CN114000009A" in page


def test_the_list_page_query_count_does_not_grow_with_rows(client, users, orgs, register):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    official, system = users[Role.OFFICIAL], users[Role.ADMINISTRATOR]
    services.patent_watch_add(actor=official, owner=orgs["own"], patent_id=register[OWN].pk)
    _lapse(register[OWN])
    services.patent_events_read(actor=system)
    client.force_login(official)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/watch/patents/").status_code == 200
    services.patent_watch_add(actor=official, owner=orgs["other"], patent_id=register[OTHER].pk)
    services.patent_watch_add(actor=official, owner=orgs["other"], patent_id=register[LIKE].pk)
    _lapse(register[OTHER])
    _lapse(register[LIKE])
    assert services.patent_events_read(actor=system)["alerts"] == 2
    with CaptureQueriesContext(connection) as many:
        page = client.get("/watch/patents/")
    assert page.status_code == 200 and page.content.decode().count("因未缴年费") == 3
    assert len(many) == len(few)

"""The watch module end to end: the register, a week's publication screened, the alert worked with
the opposition clock of the law version of the publication date, owners seeing their own."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhichan.core import imports
from zhichan.core.models import Organisation, Role, User
from zhichan.engines.tabular import open_table
from zhichan.watch import clocks, selectors, services
from zhichan.watch.models import Alert, AlertStatus, Filing, Ground, ProtectedMark, Reminder, WatchState

MARKS = (
    "注册号,商标,类别,注册人,注册日,中华老字号,驰名商标,地理标志商标\n"
    "900001,广州酒家,30|43,{own},2018-03-07,2006 第一批,2010-01-05 国家工商行政管理总局商标局,\n"
    "900003,王老吉,32,广州王老吉大健康产业有限公司,2017-05-14,,2009,\n"
    "900004,增城丝苗米,30,增城区丝苗米协会,2017-01-21,,,2016\n"
    "900005,云山,9,某某科技有限公司,2019-02-01,,,\n"
)
PUBLICATION = (
    "申请号,商标,类别,申请人,公告日期,期号\n"
    "80000001,广洲酒家,30,某某食品贸易有限公司,2026-12-13,1961\n"  # look-alike, same class
    "80000002,王老击,5,某某药业有限公司,2026-12-13,1961\n"  # well-known mark, other class
    "80000003,增城丝苗米香,30,某某粮油有限公司,2026-12-13,1961\n"  # a GI name inside a longer mark
    "80000004,云山,30,某某食品有限公司,2026-12-13,1961\n"  # same mark, other class, not well known
    "80000005,广州酒家,30,{own},2026-12-13,1961\n"  # the owner's own filing
)


def _run(spec, text, actor):
    return imports.run(spec, actor=actor, stream=open_table(io.BytesIO(text.encode("gb18030")), "file.csv"))


@pytest.fixture
def world(users, orgs):
    own = orgs["own"]
    official = users["official"]
    marks = _run(services.marks_import_spec(), MARKS.format(own=own.name), official)
    assert (marks.created, marks.rows_with_errors) == (4, 0)
    published = _run(services.publication_import_spec(), PUBLICATION.format(own=own.name), official)
    assert (published.created, published.rows_with_errors) == (5, 0)
    found = services.screen_pending(actor=official)
    assert found.screened == 5
    return {"official": official, "owner": users["rights_holder"], "own": own}


def _alert(filing_number):
    return Alert.objects.select_related("filing__publication", "mark").get(filing__filing_number=filing_number)


def test_the_register_links_owners_and_keeps_honours(world):
    mark = ProtectedMark.objects.get(registration_number="900001")
    assert mark.owner == world["own"]
    assert mark.honour_kinds == {"zhonghua_laozihao", "well_known"}
    assert mark.expiry_date == date(2028, 3, 6)  # ten years from registration (Art. 39)
    assert mark.honours.get(kind="well_known").recognised_on == date(2010, 1, 5)


def test_screening_finds_look_alikes_well_known_marks_across_classes_and_contained_names(world):
    assert _alert("80000001").ground == Ground.PRIOR_SIMILAR
    assert _alert("80000002").ground == Ground.WELL_KNOWN
    contained = _alert("80000003")  # the mark engine's 5.1.16, or the module's containment check behind it
    assert contained.ground in (Ground.CONTAINS_NAME, Ground.PRIOR_SIMILAR) and contained.mark.mark == "增城丝苗米"
    # an ordinary mark in another class is not an alert; nor is the owner's own filing
    assert not Alert.objects.filter(filing__filing_number__in=["80000004", "80000005"]).exists()


def test_importing_the_publication_again_stores_nothing_twice_and_screens_nothing_again(world):
    again = _run(services.publication_import_spec(), PUBLICATION.format(own=world["own"].name), world["official"])
    assert (again.created, again.unchanged) == (0, 5)
    assert services.screen_pending(actor=world["official"]).screened == 0
    assert Filing.objects.count() == 5


def test_a_bad_row_is_named_by_row_and_field_and_the_rest_is_stored(users):
    text = (
        "申请号,商标,类别,申请人,公告日期,期号\n"
        "1,甲,99,乙,2026-12-13,1\n2,丙,3,丁,2026-13-01,1\n3,戊,3,己,2026-12-13,1\n"
    )
    report = _run(services.publication_import_spec(), text, users["official"])
    assert [(e.row, e.field) for e in report.errors] == [(2, "类别"), (3, "公告日期")]
    assert report.created == 1


def test_the_opposition_clock_is_three_months_before_2027_and_two_after(world):
    assert _alert("80000001").opposition_due == date(2027, 3, 15)  # 2027-03-13 is a Saturday
    december = clocks.opposition_window(date(2026, 12, 13))
    january = clocks.opposition_window(date(2027, 1, 13))
    assert "第三十三条" in december.basis and "第三十六条" in january.basis
    assert january.due == date(2027, 3, 15)


def test_after_the_opposition_window_the_invalidation_window_applies(world):
    alert = _alert("80000002")
    opposition, invalidation = services.alert_windows(alert)
    assert opposition.due == date(2027, 3, 15)
    assert invalidation.due is None  # a well-known mark's owner against bad faith: no limit
    plain = services.alert_windows(_alert("80000003"))[1]
    assert plain.due is not None and plain.due.year == 2032 and "第五十一条" in plain.basis


def test_the_alert_is_worked_through_review_notice_statement_and_outcome(world, evidence_root):
    official, owner = world["official"], world["owner"]
    alert = _alert("80000001")
    with pytest.raises(PermissionDenied):
        services.alert_review(actor=owner, alert=alert, confirm=True)  # review is the office's step
    with pytest.raises(ValidationError):
        services.alert_review(actor=official, alert=alert, confirm=False)  # a dismissal needs its reason
    services.alert_review(actor=official, alert=alert, confirm=True, note="字形近似")
    services.alert_notify_owner(actor=official, alert=alert)
    assert Reminder.objects.get(alert=alert).organisation == world["own"]
    services.alert_prepare(actor=owner, alert=alert, today=date(2026, 12, 20))
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACTION_PREPARED and alert.action_kind == "opposition"
    assert alert.statement is not None
    services.alert_outcome(actor=owner, alert=alert, outcome="filed")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.CLOSED


def test_an_owner_sees_only_the_alerts_on_its_own_marks(world):
    seen = set(selectors.alert_list(user=world["owner"]).values_list("filing__filing_number", flat=True))
    assert seen == {"80000001"}


def test_an_owner_asks_for_its_mark_to_be_watched_and_the_office_decides(world, orgs):
    owner = world["owner"]
    data = {"owner": world["own"], "registration_number": "900099", "mark": "白云山", "classes": [5]}
    mark = services.mark_watch_request(actor=owner, data=data)
    assert mark.watch_state == WatchState.REQUESTED
    with pytest.raises(PermissionDenied):
        services.mark_watch_request(actor=owner, data={**data, "owner": orgs["other"], "registration_number": "9"})
    with pytest.raises(PermissionDenied):
        services.mark_watch_decide(actor=owner, mark=mark, accept=True)
    services.mark_watch_decide(actor=world["official"], mark=mark, accept=True)
    mark.refresh_from_db()
    assert mark.watch_state == WatchState.WATCHED


def test_renewal_reminders_go_to_owners_in_the_window_and_grace_once(world):
    mark = ProtectedMark.objects.get(registration_number="900001")  # expires 2028-03-06
    assert services.renewals_remind(actor=world["official"], today=date(2027, 3, 6)) == 0
    assert services.renewals_remind(actor=world["official"], today=date(2027, 3, 7)) == 1
    assert services.renewals_remind(actor=world["official"], today=date(2027, 3, 8)) == 0
    assert clocks.renewal(mark.expiry_date, date(2028, 5, 1)).state == "grace"
    assert clocks.renewal(mark.expiry_date, date(2028, 9, 7)).state == "expired"


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.RIGHTS_HOLDER, Role.AUDITOR])
def test_every_page_a_role_may_open_renders(client, world, role):
    user = User.objects.get(username=f"t-{role}")
    client.force_login(user)
    alert = _alert("80000001")
    mark = ProtectedMark.objects.get(registration_number="900001")
    pages = ["/watch/", "/watch/marks/", f"/watch/marks/{mark.pk}/", f"/watch/alerts/{alert.pk}/", "/watch/names/",
             "/watch/patents/"]  # fmt: skip
    if role == Role.OFFICIAL:
        pages += [
            "/watch/publications/",
            "/watch/marks/import/",
            "/watch/publications/import/",
            "/watch/marks/export.xlsx",
            "/watch/patents/add/",
        ]
    if role == Role.RIGHTS_HOLDER:
        pages += ["/watch/marks/request/", "/watch/reminders/", "/watch/patents/request/"]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, (role, page, response.status_code)


def test_an_owner_cannot_open_another_owners_alert(client, world):
    client.force_login(world["owner"])
    assert client.get(f"/watch/alerts/{_alert('80000002').pk}/").status_code == 404
    assert client.get("/watch/publications/").status_code == 403


def test_organisation_fixture_is_the_register_owner(world):
    assert Organisation.objects.filter(pk=world["own"].pk).exists()


def test_the_register_filters_by_class_and_honour(world):
    official = world["official"]
    by_class = selectors.mark_list(user=official, nice_class=43).values_list("registration_number", flat=True)
    assert list(by_class) == ["900001"]
    by_honour = selectors.mark_list(user=official, honour="gi_mark").values_list("registration_number", flat=True)
    assert list(by_honour) == ["900004"]


def test_the_office_works_a_watch_request_and_an_alert_from_their_pages(client, world):
    data = {"owner": world["own"], "registration_number": "900099", "mark": "白云山", "classes": [5]}
    mark = services.mark_watch_request(actor=world["owner"], data=data)
    client.force_login(world["official"])
    page = f"/watch/marks/{mark.pk}/"
    refused = client.post(page, {"step": "decline", "note": "  "}, follow=True)
    assert "不予监测须说明理由" in refused.content.decode()
    mark.refresh_from_db()
    assert mark.watch_state == WatchState.REQUESTED
    client.post(page, {"step": "decline", "note": "非本市商标"})
    mark.refresh_from_db()
    assert (mark.watch_state, mark.watch_note) == (WatchState.DECLINED, "非本市商标")
    client.post(page, {"step": "accept"})
    mark.refresh_from_db()
    assert mark.watch_state == WatchState.WATCHED

    alert = _alert("80000001")
    unknown = client.post(f"/watch/alerts/{alert.pk}/", {"step": "erase"}, follow=True)
    assert "未知的步骤" in unknown.content.decode()
    client.post(f"/watch/alerts/{alert.pk}/", {"step": "confirm", "note": "字形近似"})
    alert.refresh_from_db()
    assert alert.status == AlertStatus.CONFIRMED

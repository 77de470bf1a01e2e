"""Names screened inside the watch module (issue 22): the trade names of the organisation directory and
the shop names of the platforms' listings against the watched marks, stored as name alerts, worked on
the kernel without an opposition clock, a confirmed shop-name alert becoming an e-commerce clue."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhichan.core import jobs
from zhichan.core.models import AuditEntry, Organisation, OrganisationKind, Role, User
from zhichan.ecommerce.models import AuthorisedSeller, Clue, Listing, ProtectedBrand
from zhichan.engines.text import normalize, pinyin_full, pinyin_initials
from zhichan.watch import selectors, services
from zhichan.watch.models import NameAlert, NameAlertStatus, NameSource, ProtectedMark, Reminder, WatchState
from zhichan.watch.workflows import NAME_ALERT


def _org(name, code=None, kind=OrganisationKind.ENTERPRISE):
    return Organisation.objects.create(
        name=name,
        name_normalized=normalize(name),
        name_pinyin=pinyin_full(name),
        name_initials=pinyin_initials(name),
        credit_code=code,
        kind=kind,
    )


def _listing(platform, number, shop, *, seller="", title="凉茶 310ml", category="饮料"):
    return Listing.objects.create(
        platform=platform, listing_id=number, title=title, shop_name=shop, seller_name=seller, category=category
    )


@pytest.fixture
def world(users, orgs):
    own = orgs["own"]  # 广州酒家集团股份有限公司: the fixture's rights holder belongs to it
    wlj = _org("广州王老吉大健康产业有限公司", "91440101MA59TEST01")
    copier = _org("广州市王老吉餐饮管理有限公司", "91440101MA59TEST02")
    _org("华南凉茶贸易有限公司", "91440101MA59TEST03")  # contains no mark
    platform = _org("某某电商平台有限公司", "91440101MA59TEST04", kind=OrganisationKind.ECOMMERCE_PLATFORM)
    ProtectedMark.objects.create(
        registration_number="900003", mark="王老吉", classes=[32, 43], owner=wlj, owner_name=wlj.name
    )
    ProtectedMark.objects.create(
        registration_number="900001", mark="广州酒家", classes=[30, 43], owner=own, owner_name=own.name
    )
    ProtectedMark.objects.create(  # not watched: never screened
        registration_number="900009", mark="华南", classes=[32], watch_state=WatchState.DECLINED
    )
    _listing(platform, "L1", "王老吉官方旗舰店", seller="某某贸易商行")
    _listing(platform, "L2", "王老吉官方旗舰店", seller="某某贸易商行")  # the same shop: screened once
    _listing(platform, "L3", "广州酒家食品专营店", seller="某某食品经营部", category="糕点")
    _listing(platform, "L4", "广州酒家官方旗舰店", seller="某某授权经销商", category="糕点")  # authorised
    _listing(platform, "L5", "王老吉凉茶直营店", seller=wlj.name)  # the owner's own shop
    brand = ProtectedBrand.objects.create(name="王老吉", owner=wlj, nice_classes=[32])
    own_brand = ProtectedBrand.objects.create(name="广州酒家", owner=own, nice_classes=[30])
    AuthorisedSeller.objects.create(brand=own_brand, platform=platform, seller="广州酒家官方旗舰店")
    holder = User.objects.create_user(
        username="t-wlj", password="test-password-123", role=Role.RIGHTS_HOLDER, organisation=wlj
    )
    official = users["official"]
    found = services.names_screen(actor=official)
    return {
        "official": official,
        "owner": users["rights_holder"],
        "wlj_holder": holder,
        "own": own,
        "wlj": wlj,
        "copier": copier,
        "platform": platform,
        "brand": brand,
        "found": found,
    }


def _pairs():
    return {(a.source, a.name, a.mark.mark) for a in NameAlert.objects.select_related("mark")}


def test_trade_names_and_shop_names_containing_a_watched_mark_are_alerted(world):
    assert _pairs() == {
        (NameSource.ORGANISATION, "广州市王老吉餐饮管理有限公司", "王老吉"),
        (NameSource.SHOP, "王老吉官方旗舰店", "王老吉"),
        (NameSource.SHOP, "广州酒家食品专营店", "广州酒家"),
    }
    trade = NameAlert.objects.get(source=NameSource.ORGANISATION)
    assert trade.organisation == world["copier"] and trade.trade_name == "王老吉"
    assert trade.verdict == "infringing" and trade.score >= 0.9
    codes = [r["code"] for r in trade.reasons]
    assert codes[0] == "identical" and "related" in codes  # 餐饮管理 is related to class 43
    shop = NameAlert.objects.get(name="王老吉官方旗舰店")
    assert shop.platform == world["platform"] and shop.organisation is None
    found = world["found"]
    assert (found.shop_names, found.name_alerts) == (4, 3)  # the four distinct shops, L1/L2 once


def test_the_owners_own_names_are_left_out(world):
    names = {a.name for a in NameAlert.objects.all()}
    assert "广州王老吉大健康产业有限公司" not in names  # the owner itself in the directory
    assert "广州酒家集团股份有限公司" not in names
    assert "王老吉凉茶直营店" not in names  # a shop the owner sells in itself
    assert "广州酒家官方旗舰店" not in names  # a shop the owner's brand authorises


def test_screening_again_stores_nothing_twice_and_a_dismissal_holds_until_the_name_changes(world):
    official = world["official"]
    again = services.names_screen(actor=official)
    assert (again.name_alerts, again.name_alerts_raised_again) == (0, 0) and NameAlert.objects.count() == 3
    trade = NameAlert.objects.get(source=NameSource.ORGANISATION)
    services.name_alert_review(actor=official, alert=trade, confirm=False, note="已核实为授权加盟")
    assert services.names_screen(actor=official).name_alerts_raised_again == 0
    trade.refresh_from_db()
    assert trade.status == NameAlertStatus.DISMISSED
    copier = world["copier"]
    copier.name = "广州市王老吉凉茶餐饮有限公司"
    copier.name_normalized = normalize(copier.name)
    copier.save()
    raised = services.names_screen(actor=official)
    assert (raised.name_alerts, raised.name_alerts_raised_again) == (0, 1)
    trade.refresh_from_db()
    assert trade.status == NameAlertStatus.NEW and trade.name == copier.name and trade.review_note == ""
    assert AuditEntry.objects.filter(action="watch_name_alert.raise_again", object_id=str(trade.pk)).exists()


def test_the_job_runs_on_demand_and_weekly(world):
    from zhichan.core import registry

    assert registry.periodic_kinds()["watch.names_screen"] == "weekly"
    job = services.names_screen_start(actor=world["official"])
    assert job.kind == "watch.names_screen"
    jobs.execute(str(job.pk))
    job.refresh_from_db()
    assert job.status == "succeeded" and job.result["trade_names"] == Organisation.objects.count()
    with pytest.raises(PermissionDenied):
        services.names_screen_start(actor=world["owner"])


def test_the_name_alert_is_worked_without_an_opposition_clock(world):
    official, holder = world["official"], world["wlj_holder"]
    trade = NameAlert.objects.get(source=NameSource.ORGANISATION)
    with pytest.raises(PermissionDenied):
        services.name_alert_review(actor=holder, alert=trade, confirm=True)  # review is the office's step
    with pytest.raises(PermissionDenied):  # another organisation's rights holder does not see it at all
        services.name_alert_outcome(actor=world["owner"], alert=trade, outcome="complaint")
    with pytest.raises(ValidationError):
        services.name_alert_review(actor=official, alert=trade, confirm=False)  # a dismissal needs its reason
    services.name_alert_review(actor=official, alert=trade, confirm=True, note="字号完整包含驰名商标")
    assert "clue" not in [t.name for t in NAME_ALERT.available(trade)]  # a trade name has no e-commerce clue
    services.name_alert_notify_owner(actor=official, alert=trade)
    reminder = Reminder.objects.get(key=f"name_alert:{trade.pk}")
    assert reminder.organisation == world["wlj"] and reminder.due_on is None  # no opposition deadline
    with pytest.raises(ValidationError):
        services.name_alert_outcome(actor=holder, alert=trade, outcome="opposition")
    services.name_alert_outcome(actor=holder, alert=trade, outcome="complaint", note="已向区市场监管局投诉")
    trade.refresh_from_db()
    assert trade.status == NameAlertStatus.CLOSED and trade.outcome == "complaint"
    assert not hasattr(trade, "opposition_due")


def test_an_owner_sees_only_the_name_alerts_on_its_own_marks(world):
    seen = set(selectors.name_alert_list(user=world["owner"]).values_list("name", flat=True))
    assert seen == {"广州酒家食品专营店"}
    wlj = set(selectors.name_alert_list(user=world["wlj_holder"]).values_list("name", flat=True))
    assert wlj == {"广州市王老吉餐饮管理有限公司", "王老吉官方旗舰店"}


def test_a_confirmed_shop_alert_becomes_an_ecommerce_clue(world):
    official = world["official"]
    shop = NameAlert.objects.get(name="王老吉官方旗舰店")
    services.name_alert_review(actor=official, alert=shop, confirm=True, note="非授权店铺使用商标作店名")
    shop.refresh_from_db()
    clue = Clue.objects.get(pk=shop.clue_ref)
    assert clue.brand == world["brand"] and clue.listing.shop_name == "王老吉官方旗舰店"
    assert clue.signals[0]["name"] == "shop_name" and "王老吉" in clue.explanation
    entry = AuditEntry.objects.get(action="clue.shop_name", object_id=str(clue.pk))
    assert entry.summary["source"] == f"watch_name_alert:{shop.pk}"
    assert "clue" not in [t.name for t in NAME_ALERT.available(shop)]  # made once


def test_without_a_protected_brand_the_alert_is_confirmed_and_the_clue_step_stays_open(world):
    official = world["official"]
    shop = NameAlert.objects.get(name="广州酒家食品专营店")
    ProtectedBrand.objects.filter(name="广州酒家").update(status="inactive")
    services.name_alert_review(actor=official, alert=shop, confirm=True, note="店名完整包含老字号")
    shop.refresh_from_db()
    assert shop.status == NameAlertStatus.CONFIRMED and shop.clue_ref == ""
    entry = AuditEntry.objects.get(action="watch_name_alert.confirm", object_id=str(shop.pk))
    assert "保护品牌" in entry.summary["clue_refused"]
    with pytest.raises(ValidationError):
        services.name_alert_clue(actor=official, alert=shop)
    ProtectedBrand.objects.filter(name="广州酒家").update(status="active")
    services.name_alert_clue(actor=official, alert=shop)
    shop.refresh_from_db()
    assert Clue.objects.filter(pk=shop.clue_ref).exists()


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.RIGHTS_HOLDER, Role.AUDITOR, Role.ADMINISTRATOR])
def test_the_name_pages_render_per_role(client, world, role):
    client.force_login(User.objects.get(username=f"t-{role}"))
    visible = NameAlert.objects.get(name="广州酒家食品专营店")  # on the fixture owner's mark
    for page in ("/watch/names/", "/watch/names/?source=shop&verdict=infringing&status=&mark=900001",
                 f"/watch/names/{visible.pk}/"):  # fmt: skip
        response = client.get(page)
        assert response.status_code == 200, (role, page, response.status_code)
    detail = client.get(f"/watch/names/{visible.pk}/").content.decode()
    assert "字号完整包含商标" in detail or "完整包含" in detail
    assert "第五十八条" in detail and "异议期限" in detail  # the remedy, and that no opposition applies


def test_another_organisations_rights_holder_gets_404_and_cannot_screen(client, world):
    client.force_login(world["owner"])
    other = NameAlert.objects.get(source=NameSource.ORGANISATION)
    assert client.get(f"/watch/names/{other.pk}/").status_code == 404
    assert client.post(f"/watch/names/{other.pk}/", {"step": "outcome", "outcome": "complaint"}).status_code == 404
    assert client.post("/watch/names/").status_code == 403
    assert "广州市王老吉" not in client.get("/watch/names/?status=").content.decode()


def test_an_official_works_the_alert_on_the_page_and_sees_the_tile(client, world):
    client.force_login(world["official"])
    shop = NameAlert.objects.get(name="王老吉官方旗舰店")
    response = client.post(f"/watch/names/{shop.pk}/", {"step": "confirm", "note": "非授权"})
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.status == NameAlertStatus.CONFIRMED and shop.clue_ref
    assert "/ecommerce/clues/" in client.get(f"/watch/names/{shop.pk}/").content.decode()
    dashboard = client.get("/").content.decode()
    assert "待处理的名称预警" in dashboard
    assert client.post("/watch/names/").status_code == 302  # the screening job, on demand


def test_the_list_page_query_count_does_not_grow_with_rows(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    client.force_login(world["official"])
    client.get("/watch/names/")
    with CaptureQueriesContext(connection) as few:
        client.get("/watch/names/")
    mark = ProtectedMark.objects.get(mark="王老吉")
    NameAlert.objects.bulk_create(
        [NameAlert(subject=f"shop:{world['platform'].pk}:王老吉{i}店", source=NameSource.SHOP, name=f"王老吉{i}店",
                   platform=world["platform"], mark=mark, score=0.9, verdict="similar", screened_at=timezone.now())
         for i in range(20)]
    )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        client.get("/watch/names/")
    assert len(many) == len(few)


def test_every_cell_of_the_name_alert_workflow(world, users):
    """(state, step, role) cell by cell from the tables: the office reviews, notifies and makes the clue;
    the mark's owner records the outcome; another organisation's rights holder, the auditor and the
    administrator are refused."""
    from tests.kit import assert_workflow_cell, workflow_cells

    actors = {
        "official": world["official"],
        "owner": world["wlj_holder"],
        "other_holder": users["rights_holder"],
        "auditor": users["auditor"],
        "administrator": users["administrator"],
    }
    alert = NameAlert.objects.get(name="王老吉官方旗舰店")
    steps = {
        "dismiss": lambda who: services.name_alert_review(actor=who, alert=alert, confirm=False, note="授权店铺"),
        "confirm": lambda who: services.name_alert_review(actor=who, alert=alert, confirm=True, note="非授权"),
        "reopen": lambda who: services.name_alert_reopen(actor=who, alert=alert),
        "notify": lambda who: services.name_alert_notify_owner(actor=who, alert=alert),
        "clue": lambda who: services.name_alert_clue(actor=who, alert=alert),
        "outcome": lambda who: services.name_alert_outcome(actor=who, alert=alert, outcome="complaint"),
    }
    for state, step, actor in workflow_cells(NAME_ALERT, actors):
        who = actors[actor]
        assert_workflow_cell(
            workflow=NAME_ALERT,
            obj=alert,
            state=state,
            name=step,
            actor=who,
            take=lambda who=who, step=step: steps[step](who),
        )


def test_the_engine_settings_are_the_offices_to_override(world, settings):
    NameAlert.objects.all().delete()
    settings.WATCH_NAMES_SETTINGS = {"similar_threshold": 1.01}  # above every score: nothing is alerted
    assert services.names_screen(actor=world["official"]).name_alerts == 0
    settings.WATCH_NAMES_SETTINGS = {}
    assert services.names_screen(actor=world["official"]).name_alerts == 3
    settings.WATCH_NAMES_SETTINGS = {"no_such_setting": 1}
    with pytest.raises(ValueError, match="no_such_setting"):
        services.names_screen(actor=world["official"])

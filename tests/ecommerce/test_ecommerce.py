"""E-commerce module: listing intake, clues, the queue, and the notice procedure with the law's clock."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from tests.kit import assert_denied_and_audited
from zhichan.core.models import AuditEntry, Role, User
from zhichan.ecommerce import selectors, services
from zhichan.ecommerce.models import Clue, ClueStatus, Listing, NoticeStatus

FAKE = {
    "listing_id": "L1",
    "title": "高仿 王老吉凉茶 24罐 工厂直销",
    "price": "19.90",
    "seller_id": "好运食品店",
    "category": "饮料",
}
GENUINE = {
    "listing_id": "L2",
    "title": "王老吉凉茶310ml*24罐",
    "price": "68",
    "seller_id": "王老吉官方旗舰店",
    "category": "饮料",
}
ACCESSORY = {
    "listing_id": "L3",
    "title": "适用于王老吉 易拉罐收纳架",
    "price": "15",
    "seller_id": "家居小铺",
    "category": "家居",
}


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_batch_intake_is_idempotent_with_per_item_status(market, platform):
    api = _api(market["client"])
    items = [FAKE, GENUINE, ACCESSORY, {"listing_id": "L4", "price": "abc"}]
    first = api.post("/api/v1/listings/batch", {"items": items}, format="json")
    assert first.status_code == 200, first.content
    body = first.json()
    assert [i["status"] for i in body["items"]] == ["created", "created", "created", "rejected"]
    assert set(body["items"][3]["errors"]) == {"title", "price"}
    assert body["items"][0]["clues"] == 1 and body["items"][1]["clues"] == 0 and body["items"][2]["clues"] == 0
    again = api.post("/api/v1/listings/batch/", {"items": items[:3]}, format="json").json()
    assert [i["status"] for i in again["items"]] == ["unchanged"] * 3
    assert Listing.objects.count() == 3 and Clue.objects.count() == 1


def test_batch_over_the_limit_is_refused_whole(market):
    items = [{"listing_id": f"X{i}", "title": "商品"} for i in range(1001)]
    response = _api(market["client"]).post("/api/v1/listings/batch", {"items": items}, format="json")
    assert response.status_code == 400 and "1000" in response.content.decode()
    assert not Listing.objects.exists()


def test_platform_client_submits_only_for_its_own_platform(market, orgs):
    assert_denied_and_audited(
        lambda: _api(market["client"]).post(
            "/api/v1/listings/batch", {"platform": str(orgs["other"].pk), "items": [FAKE]}, format="json"
        ),
        action="listing.create",
        object_type="listing",
        object_id="",
        reason="another platform",
        status=403,
    )
    assert not Listing.objects.exists()


def test_token_authentication_and_rate_limit_per_key(market, monkeypatch):
    from django.core.cache import cache
    from rest_framework.authtoken.models import Token
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"listings-batch": "2/minute"})
    cache.clear()
    key = Token.objects.create(user=market["client"]).key
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    codes = [api.post("/api/v1/listings/batch", {"items": [GENUINE]}, format="json") for _ in range(3)]
    assert [r.status_code for r in codes] == [200, 200, 429]
    assert codes[2].has_header("Retry-After")
    cache.clear()


def test_clue_explains_itself(market, platform):
    services.listings_submit(actor=market["client"], platform=platform, items=[FAKE])
    clue = Clue.objects.get()
    assert clue.score >= 0.5 and "高仿" in clue.explanation and "王老吉" in clue.explanation
    names = {s["name"] for s in clue.signals}
    assert {"brand_mention", "counterfeit_term", "seller_not_authorised"} <= names
    assert any(e["text"] == "王老吉" for e in clue.evidence)


def test_brand_owner_sees_only_its_own_brands_clues(market, platform, users, orgs):
    services.listings_submit(actor=market["client"], platform=platform, items=[FAKE])
    assert selectors.clue_list(user=users["rights_holder"]).count() == 1
    stranger = User.objects.create_user(
        username="t-stranger", password="x-password-123", role=Role.RIGHTS_HOLDER, organisation=orgs["other"]
    )
    assert selectors.clue_list(user=stranger).count() == 0
    clue = Clue.objects.get()
    assert _api(stranger).get(f"/api/v1/clues/{clue.pk}/").status_code == 404
    assert _api(users["rights_holder"]).get(f"/api/v1/clues/{clue.pk}/").status_code == 200


def test_bulk_decisions_need_a_reason_and_are_audited(market, platform, users):
    services.listings_submit(actor=market["client"], platform=platform, items=[FAKE])
    clue = Clue.objects.get()
    with pytest.raises(ValidationError):
        services.clues_decide(actor=users["official"], clues=[clue], decision="confirmed", reason=" ")
    assert_denied_and_audited(
        lambda: services.clues_decide(
            actor=users["rights_holder"], clues=[clue], decision="confirmed", reason="看着像假货"
        ),
        action="clue.change",
        object_type="clue",
        object_id=clue.pk,
    )
    services.clues_decide(actor=users["official"], clues=[clue], decision="confirmed", reason="售价和用语均异常")
    assert AuditEntry.objects.filter(action="clue.confirmed", object_id=str(clue.pk)).exists()
    # a changed listing never reopens a decided clue
    services.listings_submit(actor=market["client"], platform=platform, items=[{**FAKE, "price": "9.9"}])
    clue.refresh_from_db()
    assert clue.status == ClueStatus.CONFIRMED


def test_notice_procedure_with_the_law_clock_across_national_day(market, platform, users):
    services.listings_submit(actor=market["client"], platform=platform, items=[FAKE])
    clue = Clue.objects.get()
    services.clues_decide(actor=users["official"], clues=[clue], decision="confirmed", reason="假冒")
    notice = services.notice_send(actor=users["official"], clue=clue)
    assert_denied_and_audited(  # the rights holder does not record the platform's measures
        lambda: services.notice_measures(actor=users["rights_holder"], notice=notice, measures="下架"),
        action="notice.measures",
        object_type="notice",
        object_id=notice.pk,
        reason="step belongs to another party",
    )
    notice = services.notice_measures(actor=market["client"], notice=notice, measures="已删除商品链接")
    notice = services.notice_declaration(
        actor=market["client"],
        notice=notice,
        declaration="本店商品系从正规渠道采购，附进货发票。",
        today=date(2025, 9, 20),
    )
    # 15 days from 2025-09-20 end on 2025-10-05, inside the National Day holiday: moved to 2025-10-09.
    assert notice.wait_due == date(2025, 10, 9) and notice.status == NoticeStatus.DECLARATION_FORWARDED
    assert notice.wait_steps
    with pytest.raises(ValidationError):
        services.notice_restore(actor=market["client"], notice=notice, today=date(2025, 10, 9))
    assert_denied_and_audited(
        lambda: services.notice_complaint(actor=market["client"], notice=notice, note="平台不能替权利人登记"),
        action="notice.complaint",
        object_type="notice",
        object_id=notice.pk,
        reason="step belongs to another party",
    )
    restored = services.notice_restore(actor=market["client"], notice=notice, today=date(2025, 10, 10))
    assert restored.status == NoticeStatus.RESTORED


def test_complaint_within_the_period_keeps_the_measures(market, platform, users):
    services.listings_submit(actor=market["client"], platform=platform, items=[FAKE])
    clue = Clue.objects.get()
    services.clues_decide(actor=users["official"], clues=[clue], decision="confirmed", reason="假冒")
    notice = services.notice_send(actor=users["official"], clue=clue)
    services.notice_measures(actor=market["client"], notice=notice, measures="删除")
    services.notice_declaration(
        actor=market["client"], notice=notice, declaration="我们的商品来自正规渠道进货。", today=date(2025, 3, 3)
    )
    done = services.notice_complaint(actor=users["rights_holder"], notice=notice, note="已向天河区法院起诉")
    assert done.status == NoticeStatus.COMPLAINT_FILED
    with pytest.raises(ValidationError):
        services.notice_restore(actor=market["client"], notice=done, today=date(2025, 12, 1))


def test_import_command_streams_gbk_and_reports_bad_rows(market, platform, tmp_path):
    path = tmp_path / "listings.csv"
    rows = [
        "listing_id,title,price,seller",
        "G1,高仿 王老吉凉茶 工厂直销,19.9,好运食品店",
        "G2,,12,某店",
        "G3,王老吉凉茶 正品,70,王老吉官方旗舰店",
    ]
    path.write_bytes(("\n".join(rows) + "\n").encode("gbk"))
    with pytest.raises(CommandError) as failed:
        call_command("ecommerce", "import-listings", str(path), "--platform", platform.name, "--as-user", "t-vip")
    assert failed.value.returncode == 2
    assert set(Listing.objects.values_list("listing_id", flat=True)) == {"G1", "G3"}
    assert Listing.objects.get(listing_id="G1").title == "高仿 王老吉凉茶 工厂直销"


def test_clue_queue_page_filters_and_query_count(client, market, platform, users, django_assert_max_num_queries):
    services.listings_submit(
        actor=market["client"], platform=platform, items=[{**FAKE, "listing_id": f"F{i}"} for i in range(15)]
    )
    client.force_login(users["official"])
    with django_assert_max_num_queries(12):
        response = client.get("/ecommerce/clues/?min_score=0.5&signal=counterfeit_term&order=-score")
    assert response.status_code == 200 and "高仿" in response.content.decode()
    chosen = list(Clue.objects.values_list("pk", flat=True)[:3])
    response = client.post(
        "/ecommerce/clues/", {"clue": [str(pk) for pk in chosen], "decision": "dismissed", "reason": "样品测试"}
    )
    assert response.status_code == 302
    assert Clue.objects.filter(status=ClueStatus.DISMISSED).count() == 3
    for path in (
        "/ecommerce/brands/",
        "/ecommerce/statistics/",
        "/ecommerce/notices/",
        f"/ecommerce/clues/{chosen[0]}/",
    ):
        assert client.get(path).status_code == 200


def test_vocabulary_is_seeded_and_edits_change_detection(market, platform, users, client):
    from zhichan.ecommerce.models import CounterfeitTerm, LegitimateContext

    assert CounterfeitTerm.objects.filter(term="高仿").exists() and LegitimateContext.objects.exists()
    title = {
        "listing_id": "V1",
        "title": "王老吉凉茶 跑量特供 24罐",
        "seller_id": "王老吉官方旗舰店",
        "price": "60",
        "category": "饮料",
    }
    services.listings_submit(actor=market["client"], platform=platform, items=[title])
    assert not Clue.objects.exists()
    assert_denied_and_audited(
        lambda: services.counterfeit_term_save(actor=users["rights_holder"], term="跑量特供", weight=0.7, meaning="x"),
        action="listing_vocabulary.change",
        object_type="listing_vocabulary",
        object_id="",
    )
    services.counterfeit_term_save(
        actor=users["official"], term="跑量特供", weight=0.7, meaning="以特供为名销售来源不明的商品"
    )
    services.listings_submit(actor=market["client"], platform=platform, items=[{**title, "listing_id": "V2"}])
    clue = Clue.objects.get()
    assert "跑量特供" in clue.explanation
    client.force_login(users["official"])
    assert client.get("/ecommerce/vocabulary/").status_code == 200


def test_confirmed_clue_is_referred_to_administrative_enforcement(market, platform, users, client):
    services.listings_submit(actor=market["client"], platform=platform, items=[FAKE])
    clue = Clue.objects.get()
    with pytest.raises(ValidationError):
        services.clue_refer_to_enforcement(actor=users["official"], clue=clue)  # not confirmed yet
    services.clues_decide(actor=users["official"], clues=[clue], decision="confirmed", reason="假冒")
    client.force_login(users["official"])
    response = client.post(f"/ecommerce/clues/{clue.pk}/", {"refer_case": "1"})
    clue.refresh_from_db()
    assert response.status_code == 302 and clue.case_id is not None
    from zhichan.cases import selectors as case_selectors

    case = case_selectors.case_get(user=users["official"], pk=clue.case_id)
    assert case.right == "trademark" and "高仿" in case.facts and case.respondent_name == "好运食品店"
    assert case.requester_org_id == clue.brand.owner_id
    with pytest.raises(ValidationError):
        services.clue_refer_to_enforcement(actor=users["official"], clue=clue)


def test_clue_names_patents_designs_works_by_checked_number(market, platform, users, client):
    services.listings_submit(actor=market["client"], platform=platform, items=[FAKE])
    clue = Clue.objects.get()
    services.clue_reference_right(actor=users["official"], clue=clue, kind="patent", number="ZL201710601862.3")
    services.clue_reference_right(actor=users["official"], clue=clue, kind="design", number="CN306123456S")
    with pytest.raises(ValidationError) as wrong:
        services.clue_reference_right(actor=users["official"], clue=clue, kind="patent", number="201710601862.4")
    assert "应为“3”" in str(wrong.value)
    assert_denied_and_audited(
        lambda: services.clue_reference_right(
            actor=users["rights_holder"], clue=clue, kind="work", number="国作登字-2021-F-1"
        ),
        action="clue.change",
        object_type="clue",
        object_id=clue.pk,
    )
    clue.refresh_from_db()
    assert clue.right_refs == [
        {"kind": "patent", "number": "ZL201710601862.3"},
        {"kind": "design", "number": "CN306123456S"},
    ]
    client.force_login(users["official"])
    assert "ZL201710601862.3" in client.get(f"/ecommerce/clues/{clue.pk}/").content.decode()


def test_waiting_period_into_a_year_without_its_notice_is_provisional_until_the_import(
    market, platform, users, imported
):
    services.listings_submit(actor=market["client"], platform=platform, items=[FAKE])
    clue = Clue.objects.get()
    services.clues_decide(actor=users["official"], clues=[clue], decision="confirmed", reason="假冒")
    notice = services.notice_measures(
        actor=market["client"], notice=services.notice_send(actor=users["official"], clue=clue), measures="删除"
    )
    notice = services.notice_declaration(
        actor=market["client"],
        notice=notice,
        declaration="本店商品系从正规渠道采购，附进货发票。",
        today=date(2026, 12, 20),
    )
    # 15 days from 2026-12-20 end on Monday 2027-01-04, counted by the statutory holidays: provisional
    assert notice.wait_due == date(2027, 1, 4) and notice.wait_provisional
    assert "2027年的国务院办公厅放假安排通知尚未导入" in notice.wait_steps[-1]["zh"]
    assert notice.declared_on == date(2026, 12, 20)
    with pytest.raises(ValidationError, match="暂定"):  # the measures stay until the due date is certain
        services.notice_restore(actor=market["client"], notice=notice, today=date(2027, 3, 1))
    imported()
    notice.refresh_from_db()
    # a working day in the imported table too; now certain
    assert notice.wait_due == date(2027, 1, 4) and not notice.wait_provisional
    assert AuditEntry.objects.filter(action="notice.wait_recomputed", object_id=str(notice.pk)).exists()
    services.notice_restore(actor=market["client"], notice=notice, today=date(2027, 3, 1))


def test_statistics_count_each_signal_once_per_clue(market, platform, users):
    services.listings_submit(
        actor=market["client"],
        platform=platform,
        items=[
            {**FAKE, "listing_id": "S1"},
            {**FAKE, "listing_id": "S2", "title": "高仿 高仿 王老吉凉茶 原单", "seller": "某店"},
            {**FAKE, "listing_id": "S3", "title": "王老吉凉茶 二手 回收", "price": "60"},
        ],
    )
    expected: dict[str, int] = {}
    for clue in Clue.objects.all():
        for name in {signal["name"] for signal in clue.signals}:
            expected[name] = expected.get(name, 0) + 1
    counted = {row["signal"]: row["n"] for row in selectors.clue_statistics(user=users["official"])["by_signal"]}
    assert counted == expected and counted["counterfeit_term"] >= 2


def test_rate_limit_counters_can_live_in_the_database_for_several_processes(market, monkeypatch, settings):
    """With ZHICHAN_CACHE=database the counters are rows every server process reads (decision in README)."""
    from django.core.cache import cache
    from django.db import connection
    from rest_framework.authtoken.models import Token
    from rest_framework.throttling import ScopedRateThrottle

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t_cache"}}
    call_command("createcachetable", verbosity=0)
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"listings-batch": "2/minute"})
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=market['client']).key}")
    codes = [api.post("/api/v1/listings/batch", {"items": [GENUINE]}, format="json").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM t_cache")
        assert any("listings-batch" in key for (key,) in cursor.fetchall())
    cache.clear()


def test_a_nul_byte_rejects_the_item_not_the_request(market, platform):
    """Found by the API fuzzer: PostgreSQL refuses NUL in text; the item is rejected with the field named."""
    api = _api(market["client"])
    items = [{**GENUINE, "listing_id": "N1", "title": "王老吉\x00凉茶"}, {**GENUINE, "listing_id": "N2"}]
    body = api.post("/api/v1/listings/batch", {"items": items}, format="json").json()
    assert [i["status"] for i in body["items"]] == ["rejected", "created"]
    assert "NUL" in body["items"][0]["errors"]["title"]
    assert list(Listing.objects.values_list("listing_id", flat=True)) == ["N2"]

"""Every refusal of the e-commerce module leaves exactly its denied audit row, committed whatever the refused
step would have written (see tests/kit). The notice steps, clue decisions and references were the paths
whose denial was rolled back with the refused transaction."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from tests.kit import assert_denied_and_audited
from zhichan.core import policy
from zhichan.core.models import AuditEntry, Organisation, OrganisationKind, Role, User
from zhichan.core.policy import Action, Scope
from zhichan.ecommerce import listing_files, services
from zhichan.ecommerce.models import Clue, ClueStatus, Notice, NoticeStatus

pytestmark = pytest.mark.django_db

FAKE = {"listing_id": "L1", "title": "高仿 王老吉凉茶 24罐 工厂直销", "price": "19.90", "seller_id": "好运食品店"}


@pytest.fixture
def other_platform(db):
    return Organisation.objects.create(
        name="某某商城有限公司", name_normalized="某某商城有限公司", kind=OrganisationKind.ECOMMERCE_PLATFORM
    )


@pytest.fixture
def clue(market, platform):
    services.listings_submit(actor=market["client"], platform=platform, items=[FAKE])
    return Clue.objects.get()


@pytest.fixture
def confirmed(clue, users):
    services.clues_decide(actor=users["official"], clues=[clue], decision="confirmed", reason="假冒")
    clue.refresh_from_db()
    return clue


@pytest.fixture
def notice(confirmed, users):
    return services.notice_send(actor=users["official"], clue=confirmed)


@pytest.fixture
def outsider_client(other_platform):
    return User.objects.create_user(
        username="t-other-vip", password="x-password-123", role=Role.PLATFORM_CLIENT, organisation=other_platform
    )


def _forwarded(notice, client_user):
    notice = services.notice_measures(actor=client_user, notice=notice, measures="已删除商品链接")
    return services.notice_declaration(
        actor=client_user, notice=notice, declaration="本店商品系从正规渠道采购，附进货发票。", today=date(2025, 9, 20)
    )


def test_brands_refused(users, orgs, market):
    data = {"name": "某品牌", "price_min": "1"}
    assert_denied_and_audited(
        lambda: services.brand_register(actor=market["client"], owner=orgs["own"], data=data),
        action="protected_brand.create",
        object_type="protected_brand",
        object_id="",
    )
    assert_denied_and_audited(
        lambda: services.brand_register(actor=users["rights_holder"], owner=orgs["other"], data=data),
        action="protected_brand.create",
        object_type="protected_brand",
        object_id="",
        reason="owner is another organisation",
    )


def test_listing_intake_refused(users, market, platform, other_platform, evidence_root):
    for submit in (
        lambda actor, to: services.listings_submit(actor=actor, platform=to, items=[FAKE]),
        lambda actor, to: listing_files.listings_import_start(actor=actor, platform=to, name="a.csv", chunks=[b"x"]),
    ):
        assert_denied_and_audited(
            lambda submit=submit: submit(users["rights_holder"], platform),
            action="listing.create",
            object_type="listing",
            object_id="",
        )
        assert_denied_and_audited(
            lambda submit=submit: submit(market["client"], other_platform),
            action="listing.create",
            object_type="listing",
            object_id="",
            reason="another platform",
        )


def test_clue_work_refused(users, clue, confirmed, monkeypatch):
    holder = users["rights_holder"]
    for call in (
        lambda: services.clues_decide(actor=holder, clues=[clue], decision="dismissed", reason="正品"),
        lambda: services.clue_refer_to_enforcement(actor=holder, clue=confirmed),
        lambda: services.clue_reference_right(actor=holder, clue=clue, kind="trademark", number="123456"),
    ):
        assert_denied_and_audited(call, action="clue.change", object_type="clue", object_id=clue.pk)
    assert_denied_and_audited(
        lambda: services.notice_send(actor=holder, clue=confirmed),
        action="notice.create",
        object_type="notice",
        object_id="",
    )
    # referring files a case: an official who may not file one is refused before the referral's transaction
    # (case_intake inside it would otherwise refuse too late)
    cells = {k: v for k, v in policy.POLICY["case"][Role.OFFICIAL].items() if k != Action.CREATE}
    monkeypatch.setitem(policy.POLICY["case"], Role.OFFICIAL, cells)
    assert_denied_and_audited(
        lambda: services.clue_refer_to_enforcement(actor=users["official"], clue=confirmed),
        action="case.create",
        object_type="case",
        object_id="",
    )
    confirmed.refresh_from_db()
    assert confirmed.case_id is None


def test_bulk_decision_refused_for_one_clue_decides_none(users, market, platform, clue, orgs, monkeypatch):
    services.listings_submit(actor=market["client"], platform=platform, items=[{**FAKE, "listing_id": "L9"}])
    mine = Clue.objects.get(listing__listing_id="L9")
    other = services.brand_register(actor=users["official"], owner=orgs["other"], data={"name": "某品牌X"})
    Clue.objects.filter(pk=mine.pk).update(brand=other)
    # a rights holder allowed to decide the clues of its own brands, as a policy might one day allow
    monkeypatch.setitem(
        policy.POLICY["clue"],
        Role.RIGHTS_HOLDER,
        {Action.LIST: Scope.OWN_ORGANISATION, Action.CHANGE: Scope.OWN_ORGANISATION},
    )
    assert_denied_and_audited(
        lambda: services.clues_decide(
            actor=users["rights_holder"], clues=[clue, mine], decision="dismissed", reason="正品"
        ),
        action="clue.change",
        object_type="clue",
        object_id=mine.pk,
    )
    assert set(Clue.objects.values_list("status", flat=True)) == {ClueStatus.OPEN}


@pytest.mark.parametrize(
    ("step", "role"),
    [
        ("measures", "rights_holder"),
        ("declaration", "rights_holder"),
        ("restore", "rights_holder"),
        ("complaint", "client"),
    ],
)
def test_a_step_of_the_other_party_is_refused(users, market, notice, step, role):
    actor = market["client"] if role == "client" else users[role]
    if step in ("restore", "complaint"):
        notice = _forwarded(notice, market["client"])
    before = Notice.objects.get(pk=notice.pk).status
    assert_denied_and_audited(
        lambda: services.notice_step(actor=actor, notice=notice, step=step, text="本店商品系正品，附发票。"),
        action=f"notice.{step}",
        object_type="notice",
        object_id=notice.pk,
        reason="step belongs to another party",
    )
    assert Notice.objects.get(pk=notice.pk).status == before


@pytest.mark.parametrize("step", ["measures", "declaration", "complaint", "restore"])
def test_a_step_on_a_notice_of_others_is_refused(users, notice, outsider_client, step):
    for actor in (outsider_client, users["auditor"]):
        assert_denied_and_audited(
            lambda actor=actor: services.notice_step(actor=actor, notice=notice, step=step, text="x" * 12),
            action="notice.change",
            object_type="notice",
            object_id=notice.pk,
        )
    assert Notice.objects.get(pk=notice.pk).status == NoticeStatus.SENT


def test_vocabulary_refused(users):
    for call in (
        lambda: services.counterfeit_term_save(actor=users["rights_holder"], term="特供", weight=0.5, meaning="x"),
        lambda: services.legitimate_context_save(
            actor=users["platform_client"], data={"cue": "适用于", "kind": "accessory", "position": "before"}
        ),
    ):
        assert_denied_and_audited(
            call, action="listing_vocabulary.change", object_type="listing_vocabulary", object_id=""
        )


# --- pages and the API ---


@pytest.mark.parametrize(
    ("role", "url", "action", "object_type"),
    [
        ("liaison", "/ecommerce/clues/", "clue.list", "clue"),
        ("liaison", "/ecommerce/statistics/", "clue.list", "clue"),
        ("liaison", "/ecommerce/notices/", "notice.list", "notice"),
        ("rights_holder", "/ecommerce/listings/import/", "listing.create", "listing"),
        ("liaison", "/ecommerce/brands/", "protected_brand.list", "protected_brand"),
        ("rights_holder", "/ecommerce/vocabulary/", "listing_vocabulary.list", "listing_vocabulary"),
    ],
)
def test_page_refusals(client, users, role, url, action, object_type):
    client.force_login(users[role])
    assert_denied_and_audited(lambda: client.get(url), action=action, object_type=object_type, object_id="", status=403)


def test_page_and_api_refusals_of_a_clue_and_a_notice(client, users, market, notice, outsider_client):
    clue = notice.clue
    client.force_login(outsider_client)  # neither its platform nor its brand
    for url, action, object_type, object_id in (
        (f"/ecommerce/clues/{clue.pk}/", "clue.read", "clue", clue.pk),
        (f"/ecommerce/clues/{clue.pk}/decide/", "clue.read", "clue", clue.pk),
        (f"/ecommerce/notices/{notice.pk}/", "notice.read", "notice", notice.pk),
    ):
        assert_denied_and_audited(
            lambda url=url: client.post(url, {"decision": "dismissed", "reason": "x"}),
            action=action,
            object_type=object_type,
            object_id=object_id,
            status=404,
        )
    client.force_login(users["rights_holder"])  # the brand's owner sees both and may do neither of these
    for url, data, action, object_type, object_id in (
        (
            f"/ecommerce/clues/{clue.pk}/decide/",
            {"decision": "dismissed", "reason": "正品"},
            "clue.change",
            "clue",
            clue.pk,
        ),
        (f"/ecommerce/clues/{clue.pk}/", {"send_notice": "1"}, "notice.create", "notice", ""),
        (
            f"/ecommerce/notices/{notice.pk}/",
            {"step": "measures", "text": "下架"},
            "notice.measures",
            "notice",
            notice.pk,
        ),
    ):
        assert_denied_and_audited(
            lambda url=url, data=data: client.post(url, data),
            action=action,
            object_type=object_type,
            object_id=object_id,
            status=403,
        )
    api = APIClient()
    api.force_authenticate(users["rights_holder"])
    assert_denied_and_audited(
        lambda: api.post(f"/api/v1/notices/{notice.pk}/measures/", {"text": "下架"}, format="json"),
        action="notice.measures",
        object_type="notice",
        object_id=notice.pk,
        reason="step belongs to another party",
        status=403,
    )
    assert not AuditEntry.objects.filter(action="notice.measures", result="success").exists()


@pytest.mark.django_db(transaction=True)
def test_refusals_inside_the_step_and_the_decision_are_committed(users, market, notice):
    """No test transaction here: the kit reads each denied row through another connection (committed)."""
    assert_denied_and_audited(
        lambda: services.notice_measures(actor=users["rights_holder"], notice=notice, measures="下架"),
        action="notice.measures",
        object_type="notice",
        object_id=notice.pk,
        reason="step belongs to another party",
    )
    assert_denied_and_audited(
        lambda: services.clues_decide(
            actor=users["rights_holder"], clues=[notice.clue], decision="dismissed", reason="x"
        ),
        action="clue.change",
        object_type="clue",
        object_id=notice.clue_id,
    )

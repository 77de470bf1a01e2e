"""The programmes pages walked as every role (200 where the policy allows, 403/404 otherwise, never
an error), a few cells written out by hand, and the page steps of the applicant, the office and the
finance officer."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.kit import assert_denied_and_audited
from tests.programmes.conftest import ITEMS
from zhichan.core.models import Role
from zhichan.core.policy import Action, permits
from zhichan.programmes import services
from zhichan.programmes.models import ApplicationStatus

ROLES = [*Role.values, "finance"]


@pytest.fixture
def world(cast, programme, orgs):
    application = services.application_create(
        actor=cast["rights_holder"],
        call=programme["call"],
        organisation=orgs["own"],
        items=ITEMS,
        today=date(2026, 3, 10),
    )
    application = services.application_submit(
        actor=cast["rights_holder"], application=application, today=date(2026, 3, 10)
    )
    application = services.application_step(actor=cast["official"], application=application, name="formal_pass")
    application = services.application_step(actor=cast["official"], application=application, name="review_pass")
    application = services.application_step(
        actor=cast["official"], application=application, name="publicise", today=date(2026, 5, 6)
    )
    application = services.application_approve(
        actor=cast["official2"], application=application, today=date(2026, 5, 14)
    )
    application = services.application_pay(
        actor=cast["finance"], application=application, batch="B1", paid_on=date(2026, 6, 1), voucher="V1"
    )
    _f, (clawback,) = services.finding_record(
        actor=cast["official"],
        kind="abnormal_application",
        basis="通知书",
        found_on=date(2026, 9, 1),
        item_kind="patent",
        item_number=ITEMS[0]["number"],
    )
    return {"application": application, "clawback": clawback, **programme}


def pages(world):
    """(url, object type, action) of every page: what the view asks first."""
    return [
        (reverse("programmes:programmes"), "programme", Action.LIST),
        (reverse("programmes:programme", args=[world["programme"].pk]), "programme", Action.READ),
        (reverse("programmes:apply", args=[world["call"].pk]), "programme_application", Action.CREATE),
        (reverse("programmes:applications"), "programme_application", Action.LIST),
        (reverse("programmes:applications-export", args=["xlsx"]), "programme_application", Action.DOWNLOAD),
        (reverse("programmes:application", args=[world["application"].pk]), "programme_application", Action.READ),
        (reverse("programmes:findings"), "programme_finding", Action.LIST),
        (reverse("programmes:clawback", args=[world["clawback"].pk]), "programme_clawback", Action.READ),
        (reverse("programmes:budget", args=[world["version"].pk]), "programme_budget", Action.READ),
        (reverse("programmes:publicity"), "programme_publicity", Action.LIST),
        (reverse("programmes:publicity-export", args=["xlsx"]), "programme_publicity", Action.DOWNLOAD),
        (reverse("programmes:registers"), "programme_register", Action.LIST),
        (reverse("programmes:register-import"), "programme_register", Action.CREATE),
    ]


def _client(cast, role):
    client = Client()
    client.force_login(cast[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_page_as_every_role(cast, world, role):
    client, user = _client(cast, role), cast[role]
    for url, object_type, action in pages(world):
        response = client.get(url)
        if permits(user, object_type, action):
            assert response.status_code == 200, (role, url, response.status_code)
        else:
            assert response.status_code in (403, 404), (role, url, response.status_code)


def test_hand_checked_cells(cast, world, orgs):
    """Written out independently of the table, so a wrong table fails too."""
    detail = reverse("programmes:application", args=[world["application"].pk])
    notice = reverse("programmes:clawback", args=[world["clawback"].pk])
    holder = _client(cast, Role.RIGHTS_HOLDER)
    assert holder.get(detail).status_code == 200 and holder.get(notice).status_code == 200
    assert "ZHZJ-ZH-2026" in holder.get(notice).content.decode()
    assert holder.get(reverse("programmes:findings")).status_code == 403
    assert holder.get(reverse("programmes:budget", args=[world["version"].pk])).status_code == 403
    other = Client()
    stranger = cast["agency_staff"]
    other.force_login(stranger)
    assert other.get(detail).status_code == 403
    finance = _client(cast, "finance")
    assert finance.get(reverse("programmes:budget", args=[world["version"].pk])).status_code == 200
    assert Client().get(reverse("programmes:publicity")).status_code == 200
    assert world["application"].organisation.name in Client().get(reverse("programmes:publicity")).content.decode()
    assert Client().get(detail).status_code == 302  # to the log-in


def test_an_application_of_another_organisation_is_not_visible_and_audited(cast, world, orgs):
    from zhichan.core.models import User

    outsider = User.objects.create_user(
        username="t-outsider", password="test-password-123", role=Role.RIGHTS_HOLDER, organisation=orgs["other"]
    )
    client = Client()
    client.force_login(outsider)
    pk = world["application"].pk
    assert_denied_and_audited(
        lambda: client.get(reverse("programmes:application", args=[pk])),
        action="programme_application.read",
        object_type="programme_application",
        object_id=pk,
        status=404,
    )


@time_machine.travel("2026-03-10 10:00:00+08:00", tick=False)
def test_the_applicant_applies_and_submits_through_the_pages(cast, programme, orgs):
    holder = _client(cast, Role.RIGHTS_HOLDER)
    page = holder.get(reverse("programmes:programmes")).content.decode()
    assert reverse("programmes:apply", args=[programme["call"].pk]) in page
    lines = "patent,ZL202310000001.1,granted,2026-02-01,30000,一种方法\npatent,CN202610000004.0,application,,8000,"
    response = holder.post(reverse("programmes:apply", args=[programme["call"].pk]), {"items": lines})
    assert response.status_code == 302
    detail = response["Location"]
    page = holder.get(detail).content.decode()
    assert 'value="submit"' in page and 'value="formal_pass"' not in page
    holder.post(detail, {"step": "submit"})
    page = holder.get(detail).content.decode()
    assert "不资助申请阶段的专利" in page and "15000.00" in page
    official = _client(cast, Role.OFFICIAL)
    page = official.get(detail).content.decode()
    assert 'value="formal_pass"' in page and 'value="return"' in page and 'value="submit"' not in page
    official.post(detail, {"step": "return", "note": ""})
    from zhichan.programmes.models import Application

    assert Application.objects.get().status == ApplicationStatus.SUBMITTED  # a return needs its reason
    official.post(detail, {"step": "return", "note": "补充费用凭证"})
    assert Application.objects.get().status == ApplicationStatus.DRAFT


def test_the_finance_officer_records_payment_and_repayment_through_the_pages(cast, world):
    finance = _client(cast, "finance")
    notice = reverse("programmes:clawback", args=[world["clawback"].pk])
    assert "记录退回" in finance.get(notice).content.decode()
    response = finance.post(notice, {"amount": "15000", "repaid_on": "2026-09-20"})
    assert response.status_code == 302
    world["clawback"].refresh_from_db()
    assert world["clawback"].status == "repaid"
    official = _client(cast, Role.OFFICIAL)
    assert "记录退回" not in official.get(notice).content.decode()
    assert_denied_and_audited(
        lambda: official.post(notice, {"amount": "1", "repaid_on": "2026-09-21"}),
        action="programme_clawback.change",
        object_type="programme_clawback",
        object_id="",
        status=403,
    )


def test_the_official_records_a_finding_through_the_page(cast, world):
    official = _client(cast, Role.OFFICIAL)
    response = official.post(
        reverse("programmes:findings"),
        {
            "kind": "abnormal_application",
            "item_kind": "pledge",
            "item_number": ITEMS[3]["number"],
            "basis": "核查记录",
            "found_on": "2026-10-01",
        },
    )
    assert response.status_code == 302
    page = official.get(reverse("programmes:findings")).content.decode()
    assert page.count("ZHZJ-ZH-2026") == 2


def test_the_exports_are_xlsx(cast, world):
    official = _client(cast, Role.OFFICIAL)
    response = official.get(reverse("programmes:applications-export", args=["xlsx"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    public = Client().get(reverse("programmes:publicity-export", args=["xlsx"]))
    assert public.status_code == 200 and public.content[:2] == b"PK"


def test_list_pages_take_a_fixed_number_of_queries(cast, world, programme, orgs, django_assert_max_num_queries):
    """The applications list and the publicity list read their rows in a fixed number of queries."""
    for n in range(5):
        application = services.application_create(
            actor=cast["rights_holder"],
            call=programme["call"],
            organisation=orgs["own"],
            items=[{"kind": "patent", "number": f"ZL2026{n}", "stage": "granted", "on": "2026-02-01", "cost": "100"}],
            today=date(2026, 3, 10),
        )
        type(application).objects.filter(pk=application.pk).update(status=ApplicationStatus.PUBLICITY)
    official = _client(cast, Role.OFFICIAL)
    for url in (reverse("programmes:applications"), reverse("programmes:publicity"), reverse("programmes:programmes")):
        with django_assert_max_num_queries(16):
            assert official.get(url).status_code == 200


def test_the_dashboard_tile_counts_what_waits_for_each(cast, world, programme, orgs):
    from zhichan.programmes.tiles import waiting

    assert waiting(user=cast["official"]) is None  # the one application is paid
    assert waiting(user=cast["finance"]) is None
    services.application_submit(
        actor=cast["rights_holder"],
        application=services.application_create(
            actor=cast["rights_holder"],
            call=programme["call"],
            organisation=orgs["own"],
            items=ITEMS[3:4],
            today=date(2026, 3, 10),
        ),
        today=date(2026, 3, 10),
    )
    assert waiting(user=cast["official"]).value == 1
    assert waiting(user=cast["finance"]) is None and waiting(user=cast["rights_holder"]) is None


def test_the_office_records_and_resolves_an_objection_through_the_page(cast, programme, orgs):
    from zhichan.programmes.models import Objection

    application = services.application_submit(
        actor=cast["rights_holder"],
        application=services.application_create(
            actor=cast["rights_holder"],
            call=programme["call"],
            organisation=orgs["own"],
            items=ITEMS[3:4],
            today=date(2026, 3, 10),
        ),
        today=date(2026, 3, 10),
    )
    for step in ("formal_pass", "review_pass"):
        application = services.application_step(actor=cast["official"], application=application, name=step)
    application = services.application_step(
        actor=cast["official"], application=application, name="publicise", today=date(2026, 5, 6)
    )
    detail = reverse("programmes:application", args=[application.pk])
    holder = _client(cast, Role.RIGHTS_HOLDER)
    assert 'value="objection"' not in holder.get(detail).content.decode()
    official = _client(cast, Role.OFFICIAL)
    official.post(detail, {"step": "objection", "objector": "张某", "grounds": "重复申报", "received_on": "2026-05-08"})
    objection = Objection.objects.get()
    page = official.get(detail).content.decode()
    assert "重复申报" in page and 'value="resolve"' in page
    official.post(
        detail,
        {
            "step": "resolve",
            "objection": objection.pk,
            "upheld": "no",
            "resolution": "未重复",
            "resolved_on": "2026-05-12",
        },
    )
    objection.refresh_from_db()
    assert (objection.upheld, objection.resolution) == (False, "未重复")


def test_the_applicant_attaches_the_documents_the_version_requires(cast, programme, orgs, evidence_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhichan.programmes.models import ProgrammeVersion

    version = programme["version"]
    rules = {
        **version.rules,
        "conditions": [
            *version.rules["conditions"],
            {
                "code": "documents",
                "test": "documents_provided",
                "label": "申报材料齐全",
                "values": ["营业执照", "专利证书"],
            },
        ],
    }
    ProgrammeVersion.objects.filter(pk=version.pk).update(rules=rules)
    application = services.application_create(
        actor=cast["rights_holder"],
        call=programme["call"],
        organisation=orgs["own"],
        items=ITEMS[:1],
        today=date(2026, 3, 10),
    )
    detail = reverse("programmes:application", args=[application.pk])
    holder = _client(cast, Role.RIGHTS_HOLDER)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    upload = SimpleUploadedFile("执照.pdf", pdf, content_type="application/pdf")
    assert holder.post(detail, {"step": "document", "requirement": "营业执照", "file": upload}).status_code == 302
    wrong = SimpleUploadedFile("x.pdf", pdf, content_type="application/pdf")
    holder.post(detail, {"step": "document", "requirement": "身份证", "file": wrong})
    assert list(application.documents.values_list("requirement", flat=True)) == ["营业执照"]
    assert application.documents.get().evidence.organisation == orgs["own"]
    application = services.application_submit(
        actor=cast["rights_holder"], application=application, today=date(2026, 3, 10)
    )
    (documents,) = [c for c in application.checks if c["code"] == "documents"]
    assert (documents["passed"], documents["reason"]) == (False, "专利证书")
    assert application.requested_total == 0
    page = _client(cast, Role.OFFICIAL).get(detail).content.decode()
    assert "执照.pdf" in page and "申报材料齐全" in page

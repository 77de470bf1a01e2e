"""Pages: intake with evidence and a summary before submitting, queue colours and order, case page, stats, documents."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhichan.cases import services as s
from zhichan.cases.models import Case, Fair, Status

from .conftest import PDF

pytestmark = pytest.mark.django_db


def login(client, users, role):
    client.force_login(users[role])
    return client


def test_intake_preview_then_submit_with_evidence(client, users, evidence_root):
    login(client, users, "rights_holder")
    form = {
        "right": "patent",
        "request_kind": "patent_ruling",
        "requester_name": "广州酒家集团股份有限公司",
        "respondent_name": "佛山某某电器有限公司",
        "facts": "对方销售侵权产品",
        "lawsuit_pending": "false",
        "respondent_abroad": "false",
        "respondent_domicile_in_china": "true",
        "infringement_known_on": "2025-01-10",
    }
    response = client.post("/cases/new/", {**form, "step": "preview", "files": SimpleUploadedFile("proof.pdf", PDF)})
    body = response.content.decode()
    assert response.status_code == 200 and 'id="summary"' in body
    assert "行政裁决" in body and "第81号" in body and "proof.pdf" in body
    assert Case.objects.count() == 0
    evidence_ids = response.context["form"].data["evidence_ids"]
    assert evidence_ids
    response = client.post("/cases/new/", {**form, "step": "submit", "evidence_ids": evidence_ids})
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"
    assert case.evidence.count() == 1 and case.requester_org == users["rights_holder"].organisation


def test_intake_shows_field_errors(client, users):
    login(client, users, "rights_holder")
    response = client.post("/cases/new/", {"right": "patent", "request_kind": "mediation", "step": "preview"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_queue_sorted_by_nearest_deadline_with_colours(client, users, complaint, django_assert_max_num_queries):
    official = users["official"]
    now = timezone.now()
    early = s.case_triage_decide(actor=official, case=complaint(received_at=now - timedelta(days=9)))
    late = s.case_triage_decide(actor=official, case=complaint(received_at=now))
    login(client, users, "official")
    with django_assert_max_num_queries(12):
        response = client.get("/cases/")
    body = response.content.decode()
    assert body.index(early.number) < body.index(late.number)
    assert "clock-red" in body and "clock-green" in body


def test_case_page_shows_timeline_clocks_and_next_steps(client, users, complaint):
    case = s.case_triage_decide(actor=users["official"], case=complaint())
    login(client, users, "official")
    body = client.get(f"/cases/{case.pk}/").content.decode()
    assert "立案审查" in body and "办理经过" in body and "佛山某某电器有限公司" in body
    assert "不予立案" in body  # a next step
    response = client.post(f"/cases/{case.pk}/act/", {"action": "docket", "panel": "甲,乙,丙", "on": "2025-10-09"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.DOCKETED


def test_illegal_move_from_the_page_is_refused_with_a_message(client, users, complaint):
    case = s.case_triage_decide(actor=users["official"], case=complaint())
    login(client, users, "official")
    response = client.post(f"/cases/{case.pk}/act/", {"action": "rule", "outcome": "侵权"}, follow=True)
    assert "不能“作出裁决”" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.RULING_REQUESTED


def test_other_organisation_cannot_see_a_case(client, users, orgs, complaint):
    from zhichan.core.models import Role, User

    case = complaint()
    outsider = User.objects.create_user(
        username="o", password="x-password-123", role=Role.RIGHTS_HOLDER, organisation=orgs["other"]
    )
    client.force_login(outsider)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert case.number is None or case.number not in client.get("/cases/").content.decode()


def test_statistics_page(client, users, complaint):
    s.case_triage_decide(actor=users["official"], case=complaint(), channel="mediation", reason="愿意调解")
    login(client, users, "official")
    response = client.get("/cases/statistics/")
    stats = response.context["stats"]
    assert stats["yearly"][0]["assistance_and_mediation"] == 1
    assert "echarts.min.js" in response.content.decode()


def test_agreement_and_confirmation_documents(client, users, complaint, mediator):
    official = users["official"]
    case = s.case_triage_decide(
        actor=official,
        case=complaint(request_kind="mediation", both_willing_to_mediate=True, requester_district_code="440106"),
    )
    case = s.case_assign_mediator(actor=official, case=case, mediator=mediator)
    s.session_record(actor=users["mediator"], case=case, held_at=timezone.now(), mode="online")
    today = timezone.localdate()
    s.agreement_sign(
        actor=users["mediator"],
        case=case,
        terms="停止侵权，赔偿三万元",
        requester_signed_on=today,
        respondent_signed_on=today,
        mediator_signed_on=today,
        sealed_on=today,
    )
    login(client, users, "official")
    body = client.get(f"/cases/{case.pk}/documents/agreement/").content.decode()
    assert "调解协议书" in body and "停止侵权，赔偿三万元" in body and "三十日内" in body
    assert client.get(f"/cases/{case.pk}/documents/confirmation/").status_code == 404
    s.confirmation_apply(
        actor=official, case=case, court="广州市天河区人民法院", requester_applies=True, respondent_applies=True
    )
    body = client.get(f"/cases/{case.pk}/documents/confirmation/").content.decode()
    assert "司法确认申请书" in body and "广州市天河区人民法院" in body
    pdf = client.get(f"/cases/{case.pk}/documents/agreement/?format=pdf")
    if pdf.status_code == 302:
        pytest.skip("WeasyPrint not installed: PDF generation not tested")
    assert pdf.content.startswith(b"%PDF")


def test_mediation_room_lists_assigned_cases_and_takes_declarations(client, users, complaint, mediator):
    case = s.case_triage_decide(
        actor=users["official"], case=complaint(request_kind="mediation", both_willing_to_mediate=True)
    )
    s.case_assign_mediator(actor=users["official"], case=case, mediator=mediator)
    login(client, users, "mediator")
    assert case.number in client.get("/cases/mediation/").content.decode()
    response = client.post("/cases/mediation/", {"party_name": "某某公司", "relation": "曾任顾问"})
    assert response.status_code == 302 and mediator.conflicts.get().relation == "曾任顾问"
    login(client, users, "official")
    assert "广州知识产权人民调解委员会" in client.get("/cases/mediation/").content.decode()


def test_fair_station_pages(client, users, complaint):
    login(client, users, "official")
    today = timezone.localdate()
    response = client.post(
        "/cases/fairs/",
        {
            "name": "第139届广交会",
            "series": "广交会",
            "edition": 139,
            "starts_on": today,
            "ends_on": today + timedelta(days=4),
        },
    )
    assert response.status_code == 302
    fair_url = response.url
    case = complaint(right="trademark", request_kind="fair_complaint", fair_in_progress=True, fair=Fair.objects.get())
    s.case_triage_decide(actor=users["official"], case=case)
    body = client.get(fair_url).content.decode()
    assert "展会进行中" in body and "佛山某某电器有限公司" in body and "投诉移交" in body
    login(client, users, "rights_holder")
    assert client.post("/cases/fairs/", {"name": "x"}).status_code == 403
    assert "fair_complaint" in client.get(f"/cases/new/?fair={Fair.objects.get().pk}").content.decode()


def test_agreement_pdf_embeds_a_cjk_font(users, complaint, mediator):
    weasyprint = pytest.importorskip("weasyprint", reason="WeasyPrint not installed")
    from zhichan.cases.documents import render_document

    official = users["official"]
    case = s.case_triage_decide(actor=official, case=complaint(request_kind="mediation", both_willing_to_mediate=True))
    case = s.case_assign_mediator(actor=official, case=case, mediator=mediator)
    s.session_record(actor=users["mediator"], case=case, held_at=timezone.now(), mode="online")
    today = timezone.localdate()
    s.agreement_sign(
        actor=users["mediator"],
        case=case,
        terms="赔偿",
        requester_signed_on=today,
        respondent_signed_on=today,
        mediator_signed_on=today,
        sealed_on=today,
    )
    pdf = weasyprint.HTML(string=render_document(case, "agreement")).write_pdf(uncompressed_pdf=True)
    assert b"Noto-Serif-CJK-SC" in pdf or b"Noto-Sans-CJK-SC" in pdf  # Debian fonts-noto-cjk, not tofu


def test_walk_in_complaint_is_linked_to_the_registered_requester(client, users, orgs):
    login(client, users, "official")
    form = {
        "right": "trademark",
        "request_kind": "infringement_complaint",
        "requester_name": "华南创新科技有限公司",
        "requester_credit_code": "9144 0300 1922 0382 16",  # as read out on the phone
        "respondent_name": "某商贸行",
        "facts": "对方在天河路店铺销售假冒注册商标的商品",
        "respondent_domicile_in_china": "true",
        "step": "submit",
    }
    unknown = client.post("/cases/new/", {**form, "requester_credit_code": "91350100M000100Y43"})
    assert unknown.status_code == 200 and "尚未登记" in unknown.content.decode()
    assert Case.objects.count() == 0
    response = client.post("/cases/new/", form)
    case = Case.objects.get()
    assert response.status_code == 302 and case.requester_org == orgs["other"] and case.intake_via == "official"


def test_case_page_speaks_the_readers_language_in_steps_and_timeline(client, users, complaint):
    case = s.case_triage_decide(actor=users["official"], case=complaint())
    login(client, users, "official")
    chinese = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "<strong>登记</strong>" in chinese and "<strong>分流</strong>" in chinese and ">立案</button>" in chinese
    english = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<strong>intake</strong>" not in english and "<strong>分流</strong>" not in english
    assert ">立案</button>" not in english  # the state machine's move labels are translated too


def test_hour_clocks_show_the_time_they_expire(client, users, complaint):
    fair = s.fair_create(
        actor=users["official"],
        data={"name": "测试展会", "edition": 1, "starts_on": timezone.localdate(), "ends_on": timezone.localdate()},
    )
    case = complaint(
        right="trademark",
        request_kind="fair_complaint",
        fair_in_progress=True,
        fair=fair,
        received_at=timezone.now(),
        respondent_name="某展商",
        respondent_credit_code="",
    )
    case = s.case_triage_decide(actor=users["official"], case=case)
    due = timezone.localtime(case.clocks.get().expires_at).strftime("%Y-%m-%d %H:%M")
    login(client, users, "official")
    assert due in client.get(f"/cases/{case.pk}/").content.decode()


def test_a_partys_suit_is_recorded_from_the_case_page(client, users, complaint):
    from .test_ruling import _ruled

    case = _ruled(users["official"], complaint)
    login(client, users, "official")
    assert "记录当事人起诉" in client.get(f"/cases/{case.pk}/").content.decode()
    form = {"action": "suit_filed", "reason": "被请求人", "court": "广州知识产权法院", "on": "2025-12-10"}
    body = client.post(f"/cases/{case.pk}/act/", form, follow=True).content.decode()
    assert "当事人起诉" in body and "被请求人 → 广州知识产权法院" in body
    assert "记录当事人起诉" not in body  # the window has ended
    assert case.events.get(action="suit_filed").data["within_window"] is True

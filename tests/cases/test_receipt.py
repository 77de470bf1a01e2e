"""The requester's receipt: an acceptance number per office and year of receipt, unique under
concurrency, and a receipt document (HTML and PDF) that says what was received and what comes next."""

from __future__ import annotations

import io
import re
import threading
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from freezegun import freeze_time

from zhichan.cases import services as s
from zhichan.cases.models import Case, CaseNumberCounter

from .conftest import PDF, beijing


@pytest.mark.django_db
def test_acceptance_numbers_run_per_year_of_receipt_across_channels(users, complaint):
    late = complaint(received_at=beijing(2025, 12, 31, 23, 30))  # still 2025 in Guangzhou (15:30 UTC)
    new_year = complaint(received_at=beijing(2026, 1, 1, 8))
    fair = complaint(received_at=beijing(2025, 4, 15), right="trademark", request_kind="mediation")
    assert late.acceptance_number == "穗知保〔2025〕第0001号"
    assert new_year.acceptance_number == "穗知保〔2026〕第0001号"
    assert fair.acceptance_number == "穗知保〔2025〕第0002号"
    assert late.number is None  # the case number comes with the channel, at triage
    triaged = s.case_triage_decide(actor=users["official"], case=late)
    assert triaged.acceptance_number == "穗知保〔2025〕第0001号" and triaged.number
    entry = late.events.get(action="intake")
    assert entry.data["acceptance_number"] == late.acceptance_number


def test_acceptance_numbers_are_unique_and_gapless_under_concurrency(transactional_db, users, complaint):
    total = 200 if connection.vendor == "postgresql" else 40
    threads = 8
    from zhichan.core import audit

    audit.record(actor=None, action="test.start", object_type="test")  # the chain head row exists first
    errors: list[BaseException] = []

    def work(count: int) -> None:
        try:
            for _ in range(count):
                complaint(received_at=beijing(2026, 3, 2))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(total // threads,)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    numbers = list(Case.objects.values_list("acceptance_number", flat=True))
    assert len(numbers) == total and not [n for n, k in Counter(numbers).items() if k > 1]
    seqs = sorted(int(re.fullmatch(r"穗知保〔2026〕第(\d{4})号", n).group(1)) for n in numbers)
    assert seqs == list(range(1, total + 1))


@pytest.mark.django_db
def test_cases_received_before_numbering_get_numbers_in_order_of_receipt(users, complaint):
    """The migration's data step: existing cases numbered per year, the counter continues after them."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("zhichan.cases.migrations.0005_case_acceptance_number")
    second = complaint(received_at=beijing(2025, 6, 1))
    first = complaint(received_at=beijing(2025, 3, 1))
    other_year = complaint(received_at=beijing(2024, 11, 1))
    Case.objects.update(acceptance_number=None)
    CaseNumberCounter.objects.filter(channel="").delete()
    migration.number_the_cases_received_so_far(apps, None)
    numbers = dict(Case.objects.values_list("pk", "acceptance_number"))
    assert numbers[first.pk] == "穗知保〔2025〕第0001号" and numbers[second.pk] == "穗知保〔2025〕第0002号"
    assert numbers[other_year.pk] == "穗知保〔2024〕第0001号"
    assert complaint(received_at=beijing(2025, 7, 1)).acceptance_number == "穗知保〔2025〕第0003号"


@pytest.mark.django_db
def test_the_requester_is_told_the_acceptance_number_and_gets_the_receipt(client, users, evidence_root):
    client.force_login(users["rights_holder"])
    form = {
        "right": "patent",
        "request_kind": "patent_ruling",
        "requester_name": "广州酒家集团股份有限公司",
        "respondent_name": "佛山某某电器有限公司",
        "facts": "对方销售侵权产品",
        "remedy": "责令停止侵权",
        "lawsuit_pending": "false",
        "respondent_abroad": "false",
        "respondent_domicile_in_china": "true",
        "infringement_known_on": "2026-01-10",
    }
    with freeze_time("2026-03-02 02:05:00"):
        preview = client.post("/cases/new/", {**form, "step": "preview", "files": SimpleUploadedFile("证书.pdf", PDF)})
        evidence_ids = preview.context["form"].data["evidence_ids"]
        page = client.post("/cases/new/", {**form, "step": "submit", "evidence_ids": evidence_ids}, follow=True)
    case = Case.objects.get()
    body = page.content.decode()
    assert f"受理编号 {case.acceptance_number}" in body and "登记号" not in body
    assert case.acceptance_number == "穗知保〔2026〕第0001号"
    assert f"/cases/{case.pk}/documents/receipt/" in body  # listed under 证据与文书
    with freeze_time("2026-03-02 02:10:00"):
        receipt = client.get(f"/cases/{case.pk}/documents/receipt/").content.decode()
    for expected in (
        "受理回执",
        "穗知保〔2026〕第0001号",
        "2026年3月2日 10:05",  # received, in Guangzhou time, written as Chinese documents write dates
        "广州酒家集团股份有限公司",
        "佛山某某电器有限公司",
        "证书.pdf",
        "责令停止侵权",
        "另行告知案号",
        "广州市市场监督管理局（知识产权局）",
    ):
        assert expected in receipt, expected
    assert not re.search(r"\d{4}-\d{2}-\d{2}", receipt)  # one date format in the document


@pytest.mark.django_db
def test_the_receipt_pdf_reads_back_with_the_number_and_a_stranger_cannot_get_it(client, users, orgs, complaint):
    pytest.importorskip("weasyprint", reason="WeasyPrint not installed")
    from pypdf import PdfReader

    from zhichan.core.models import Role, User

    case = s.case_triage_decide(actor=users["official"], case=complaint())
    client.force_login(users["rights_holder"])
    response = client.get(f"/cases/{case.pk}/documents/receipt/?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "受理编号" in text and case.acceptance_number in text and case.number in text
    stranger = User.objects.create_user(
        username="o", password="x-password-123", role=Role.RIGHTS_HOLDER, organisation=orgs["other"]
    )
    client.force_login(stranger)
    assert client.get(f"/cases/{case.pk}/documents/receipt/").status_code == 404


@pytest.mark.django_db
def test_case_documents_cite_statutes_in_marks_and_write_one_date_format(users, complaint, mediator):
    from datetime import date

    from zhichan.cases.documents import render_document

    official = users["official"]
    with freeze_time("2026-03-02 02:00:00"):
        case = s.case_triage_decide(
            actor=official,
            case=complaint(request_kind="mediation", both_willing_to_mediate=True, requester_district_code="440106"),
        )
        case = s.case_assign_mediator(actor=official, case=case, mediator=mediator)
        s.session_record(actor=users["mediator"], case=case, held_at=beijing(2026, 3, 2), mode="online")
        day = date(2026, 3, 2)
        s.agreement_sign(
            actor=users["mediator"],
            case=case,
            terms="一、停止侵权；\n二、赔偿三万元。",
            requester_signed_on=day,
            respondent_signed_on=day,
            mediator_signed_on=day,
            sealed_on=day,
        )
        s.confirmation_apply(
            actor=official, case=case, court="广州市天河区人民法院", requester_applies=True, respondent_applies=True
        )
        for kind in ("receipt", "agreement", "confirmation"):
            html = render_document(case, kind)
            assert not re.search(r"\d{4}-\d{2}-\d{2}", html), kind  # 2026年3月2日 only
            if kind != "receipt":
                assert re.search(r"《[^》]+》第[一二三四五六七八九十百]+条", html), kind
        assert "二、赔偿三万元" in render_document(case, "agreement")  # the terms keep their lines


@pytest.mark.django_db
def test_refusals_cite_the_statute_in_marks(users, complaint):
    from django.core.exceptions import ValidationError

    case = s.case_triage_decide(actor=users["official"], case=complaint(), on=beijing(2025, 9, 29).date())
    with pytest.raises(ValidationError, match="《专利纠纷行政裁决和调解办法》第二十条"):
        s.case_docket(actor=users["official"], case=case, panel=["甲", "乙"])

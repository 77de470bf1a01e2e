"""Credit files, identity numbers encrypted and masked, events with their document, the exemption of a
promptly corrected abnormal filing, and candidates of other modules imported once (`credit.events`)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhichan.core.models import AuditEntry
from zhichan.credit import crypto, extension, services
from zhichan.credit.models import CreditEvent, CreditFile
from zhichan.engines.credit import Candidate, in_management, management_until

ID = "440103198001011234"


def test_identity_numbers_are_encrypted_masked_and_found_again(users, orgs):
    official = users["official"]
    file = services.credit_file_for(actor=official, credit_code=orgs["own"].credit_code)
    assert file.organisation == orgs["own"] and file.name == orgs["own"].name
    person = services.credit_person_add(actor=official, concerns=file, name="张三丰", identity_number=ID)
    stored = CreditFile.objects.get(pk=person.pk)
    assert ID not in stored.identity_cipher and stored.identity_masked == "440103********1234"
    assert services.identity_number(actor=official, file=stored) == ID
    assert stored.public_name == "张**"
    again = services.credit_person_add(actor=official, concerns=file, name="张三丰", identity_number=f" {ID} ")
    assert again.pk == person.pk
    assert not AuditEntry.objects.filter(summary__icontains=ID).exists()
    with pytest.raises(PermissionDenied):
        services.identity_number(actor=users["rights_holder"], file=stored)


def test_a_tampered_cipher_is_refused():
    token = crypto.encrypt(ID)
    assert crypto.decrypt(token) == ID
    broken = token[:-4] + ("AAAA" if token[-4:] != "AAAA" else "BBBB")
    with pytest.raises(crypto.Tampered):
        crypto.decrypt(broken)


def test_an_event_needs_its_document_and_a_category(users, orgs):
    official = users["official"]
    file = services.credit_file_for(actor=official, credit_code=orgs["own"].credit_code)
    with pytest.raises(ValidationError):
        services.credit_event_record(
            actor=official,
            file=file,
            event_type="bad_faith_filing",
            document_number="",
            document_date=date(2026, 1, 5),
            authority="国家知识产权局",
            category="bad_faith_mark",
        )
    with pytest.raises(ValidationError):
        services.credit_event_record(
            actor=official,
            file=file,
            event_type="bad_faith_filing",
            document_number="商标异字〔2026〕1号",
            document_date=date(2026, 1, 5),
            authority="国家知识产权局",
        )
    good = services.credit_event_record(
        actor=official,
        file=file,
        event_type="award",
        document_number="穗知〔2026〕3号",
        document_date=date(2026, 3, 1),
        authority="广州市市场监督管理局（知识产权局）",
    )
    assert good.good and good.public and good.category == ""


def test_an_abnormal_filing_corrected_promptly_makes_no_event(users, orgs):
    official = users["official"]
    file = services.credit_file_for(actor=official, credit_code=orgs["own"].credit_code)
    made = services.credit_event_record(
        actor=official,
        file=file,
        event_type="abnormal_application",
        category="abnormal_patent",
        document_number="国知专非〔2026〕9号",
        document_date=date(2026, 2, 1),
        authority="国家知识产权局",
        corrected_promptly=True,
    )
    assert made is None and not CreditEvent.objects.exists()
    assert AuditEntry.objects.filter(action="credit_event.create", summary__reason="corrected_promptly").exists()


def test_a_candidate_is_imported_once_and_links_its_record(users, orgs, monkeypatch):
    candidate = Candidate(
        source="watch.BadFaithFinding:7",
        event_type="bad_faith_filing",
        category="bad_faith_mark",
        subject_name=orgs["other"].name,
        credit_code=orgs["other"].credit_code,
        document_number="商评字〔2026〕第1号",
        document_date=date(2026, 5, 1),
        authority="国家知识产权局",
    )
    contributor = lambda since=None, sources=None: [candidate]  # noqa: E731
    monkeypatch.setattr(extension.registry, "contributions", lambda point: [("watch", contributor)])
    event = services.candidate_import(actor=users["official"], source=candidate.source)
    assert event.source == candidate.source and event.file.credit_code == orgs["other"].credit_code
    assert AuditEntry.objects.filter(action="credit_event.import", object_id=str(event.pk)).exists()
    with pytest.raises(ValidationError):
        services.candidate_import(actor=users["official"], source=candidate.source)
    with pytest.raises(PermissionDenied):
        services.candidate_import(actor=users["rights_holder"], source=candidate.source)


def test_cases_and_watch_contribute_to_credit_events():
    labels = [label for label, _c in extension.registry.contributions(extension.POINT)]
    assert {"cases", "watch"} <= set(labels)


@pytest.mark.django_db
def test_the_contributors_answer_on_an_empty_database():
    assert extension.candidates_all() == []


def test_a_candidate_is_found_by_its_record_and_a_malformed_one_is_not(users, evidence_root):
    from zhichan.watch import services as watch_services

    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    data = {"applicant": "某商贸有限公司", "authority": "国家知识产权局", "document_number": "商评字〔2026〕第9号",
            "decided_on": date(2026, 5, 1)}  # fmt: skip
    finding = watch_services.finding_record(
        actor=users["official"], data=data, document_name="d.pdf", document_chunks=[pdf]
    )
    label, candidate = extension.candidate_by_source(f"watch.BadFaithFinding:{finding.pk}")
    assert label == "watch" and candidate.document_number == "商评字〔2026〕第9号"
    for malformed in ("watch.BadFaithFinding:x", "cases.Case:not-a-uuid", "cases.Case:", "nothing"):
        assert extension.candidate_by_source(malformed) is None


def test_the_management_period_arithmetic():
    assert management_until(date(2026, 1, 31), 12) == date(2027, 1, 30)
    assert in_management(date(2025, 12, 25), 12, date(2026, 11, 25))
    assert not in_management(date(2025, 10, 25), 12, date(2026, 11, 25))

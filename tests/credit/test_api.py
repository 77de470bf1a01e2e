"""The eligibility API: answer, measures and basis for a module or a partner department; refused to a
role without the right (audited)."""

from __future__ import annotations

from datetime import date

from zhichan.core.models import AuditEntry
from zhichan.credit import services
from zhichan.credit.models import Measure


def test_the_eligibility_api_answers_with_measures_and_basis(api, users, orgs):
    official = users["official"]
    Measure.objects.create(code="award_none", name="取消评优评先资格", purposes=["award"], basis="《规定》（待核实）")
    file = services.credit_file_for(actor=official, credit_code=orgs["other"].credit_code)
    services.credit_event_record(
        actor=official,
        file=file,
        event_type="false_commitment",
        category="false_commitment",
        document_number="穗知承〔2026〕2号",
        document_date=date(2026, 6, 1),
        authority="广州市市场监督管理局（知识产权局）",
    )
    api.force_authenticate(users["platform_client"])
    url = f"/api/v1/credit/eligibility?uscc={orgs['other'].credit_code}&purpose=award"
    body = api.get(url).json()
    assert body["eligible"] is False and body["measures"][0]["basis"] == "《规定》（待核实）"
    assert body["grounds"][0]["code"] == "credit_management" and body["grounds"][0]["record"].startswith("credit.")
    clean = api.get(f"/api/v1/credit/eligibility?uscc={orgs['own'].credit_code}&purpose=award").json()
    assert clean["eligible"] is True and clean["measures"] == []
    assert api.get("/api/v1/credit/eligibility?purpose=award").status_code == 400
    api.force_authenticate(users["rights_holder"])
    before = AuditEntry.objects.filter(result="denied").count()
    assert api.get(url).status_code == 403
    assert AuditEntry.objects.filter(result="denied").count() > before

"""Bad-faith filing signals in the watch module: the job over the stored filings with the stored alerts
(nothing screened again), the page for officials, the recorded finding of the competent authority that
raises the Art. 8(3) flag of the next assessment, and every refusal audited."""

from __future__ import annotations

import importlib
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.kit import assert_denied_and_audited
from zhichan.core import imports, jobs
from zhichan.core.models import AuditEntry, Job, Organisation, OrganisationKind
from zhichan.engines.tabular import open_table
from zhichan.engines.text import normalize, pinyin_full, pinyin_initials
from zhichan.watch import selectors, services
from zhichan.watch.models import Alert, AlertStatus, ApplicantSignal, BadFaithFinding, SignalRun

MARKS = (
    "注册号,商标,类别,注册人,注册日,驰名商标\n"
    "900003,王老吉,32,广州王老吉大健康产业有限公司,2017-05-14,2009\n"
    "900005,云山,9,某某科技有限公司,2019-02-01,\n"
)
COPIER = "抢注商贸有限公司"
PUBLICATION = "申请号,商标,类别,申请人,申请人地址,代理机构,公告日期,期号\n" + "".join(
    [
        f"8100000{i},王老吉,32,{COPIER},广州市白云区机场路1号808室,,2026-11-13,1957\n" for i in range(3)
    ]  # one owner's well-known mark, three times
    + [f"8200000{i},{mark},30,{COPIER},,,2026-11-13,1957\n" for i, mark in enumerate(["好味道", "腾飞", "云海"])]
    + [f"8300000{i},普通{i}号,30,普通公司{i},,,2026-11-13,1957\n" for i in range(8)]
    + ["84000001,旧壳,30,旧壳贸易有限公司,广州市白云区机场路1号808室,,2026-11-13,1957\n"]
)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _run(spec, text, actor):
    return imports.run(spec, actor=actor, stream=open_table(io.BytesIO(text.encode("gbk")), "file.csv"))


def _organisation(name, code=None):
    return Organisation.objects.create(
        name=name, name_normalized=normalize(name), name_pinyin=pinyin_full(name),
        name_initials=pinyin_initials(name), credit_code=code, kind=OrganisationKind.OTHER,
    )  # fmt: skip


@pytest.fixture
def world(users, orgs):
    official = users["official"]
    assert _run(services.marks_import_spec(), MARKS, official).created == 2
    assert _run(services.publication_import_spec(), PUBLICATION, official).created == 15
    assert services.screen_pending(actor=official).screened == 15
    for name in (
        "广州市天河区好味道餐饮管理有限公司",
        "深圳市腾飞网络科技有限公司",
        "广东省广州市白云区云海科技有限公司",
    ):
        _organisation(name)
    return {"official": official, "owner": users["rights_holder"], "auditor": users["auditor"]}


def _signal(name):
    return (
        ApplicantSignal.objects.get(run=SignalRun.objects.first(), applicants__contains=name)
        if (connection.features.supports_json_field_contains)
        else next(s for s in SignalRun.objects.first().signals.all() if name in s.applicants)
    )


def _flags(signal):
    return {flag["situation"]: flag for flag in signal.flags}


def test_the_assessment_reads_the_stored_filings_and_alerts_without_screening_again(world, monkeypatch):
    engine = importlib.import_module("zhichan.engines.badfaith.assess")  # the module, not the function
    monkeypatch.setattr(engine, "screen", lambda *a, **k: pytest.fail("screened again"))
    run = services.badfaith_assess(actor=world["official"])
    assert (run.filings, run.alerts_used) == (15, Alert.objects.count())
    signal = _signal(COPIER)
    flags = _flags(signal)
    # the same known mark three times (6.3), the stored alerts as its evidence; others' trade names (6.4)
    assert set(flags) == {"6.3", "6.4"}
    repeat = flags["6.3"]
    assert {e["filing_id"] for e in repeat["evidence"]} == {"81000000", "81000001", "81000002"}
    assert repeat["rule_keys"] == ["badfaith.repeat_known_mark", "badfaith.factor_known_mark"]
    assert {e["matched"] for e in flags["6.4"]["evidence"]} == {"好味道", "腾飞", "云海"}
    # related by address: the shell company is in the group
    assert set(signal.applicants) == {COPIER, "旧壳贸易有限公司"} and signal.links[0]["kind"] == "address"
    assert signal.score == 5.0 and signal.level == "high" and signal.situations == "|6.3|6.4|"
    entry = AuditEntry.objects.get(action="watch_applicant_signal.assess")
    assert entry.summary["flagged"] == 1 and entry.object_id == str(run.pk)


def test_a_dismissed_alert_is_not_evidence(world):
    alert = Alert.objects.get(filing__filing_number="81000000")
    services.alert_review(actor=world["official"], alert=alert, confirm=False, note="已核实为授权申请")
    assert alert.__class__.objects.get(pk=alert.pk).status == AlertStatus.DISMISSED
    services.badfaith_assess(actor=world["official"])
    assert "6.3" not in _flags(_signal(COPIER))


def test_thresholds_are_settings(world, settings):
    settings.WATCH_BADFAITH_SETTINGS = {"repeat_min_filings": 4, "business_sign_min_filings": 4}
    assert services.badfaith_assess(actor=world["official"]).flagged == 0
    settings.WATCH_BADFAITH_SETTINGS = {"no_such_threshold": 1}
    with pytest.raises(ValueError, match="no_such_threshold"):
        services.badfaith_assess(actor=world["official"])


def test_the_job_runs_on_demand_and_after_a_screening(world):
    job = services.badfaith_start(actor=world["official"])
    assert job.kind == "watch.badfaith"
    jobs.execute(str(job.pk))
    job.refresh_from_db()
    assert job.status == "succeeded" and job.result["flagged"] == 1
    # a screening job that screened new filings asks for the assessment next
    _run(services.publication_import_spec(), "申请号,商标,类别,申请人,公告日期,期号\n9,新,3,新公司,2026-11-20,1958\n",
         world["official"])  # fmt: skip
    screen = services.screen_start(actor=world["official"])
    jobs.execute(str(screen.pk))
    assert Job.objects.filter(kind="watch.badfaith").count() == 2


def test_the_page_ranks_applicants_with_their_flags_and_evidence(client, world):
    services.badfaith_assess(actor=world["official"])
    client.force_login(world["official"])
    page = client.get("/watch/signals/")
    assert page.status_code == 200 and COPIER in page.content.decode()
    signal = _signal(COPIER)
    detail = client.get(f"/watch/signals/{signal.pk}/").content.decode()
    alert = Alert.objects.get(filing__filing_number="81000000")
    assert f"/watch/alerts/{alert.pk}/" in detail  # the evidence links to the stored alert
    assert "6.4" in detail and "好味道" in detail and "第八条" in detail and "辅助研判" in detail
    assert "?status=&amp;q=81000001" in detail  # and to the filing in the alert queue
    assert COPIER not in client.get("/watch/signals/?situation=6.1").content.decode()
    assert COPIER in client.get("/watch/signals/?level=high&situation=6.4").content.decode()
    assert COPIER not in client.get("/watch/signals/?level=low").content.decode()
    assert COPIER in client.get("/watch/signals/?q=抢注").content.decode()


def test_the_list_page_query_count_does_not_grow_with_rows(client, world):
    services.badfaith_assess(
        actor=world["official"],
    )
    client.force_login(world["official"])
    client.get("/watch/signals/")
    with CaptureQueriesContext(connection) as few:
        client.get("/watch/signals/")
    ApplicantSignal.objects.bulk_create(
        [ApplicantSignal(run=SignalRun.objects.first(), key=f"k{i}", applicants=[f"k{i}"], filings=1, classes=1,
                         score=1, level="low", situations="|6.6|") for i in range(20)]
    )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        client.get("/watch/signals/")
    assert len(many) == len(few)


def test_the_findings_page_query_count_does_not_grow_with_rows(client, world, evidence_root):
    client.force_login(world["official"])
    base = {"applicant": "甲", "authority": "国家知识产权局", "decided_on": date(2026, 6, 1)}
    services.finding_record(actor=world["official"], data={**base, "document_number": "D0"}, document_name="d.pdf",
                            document_chunks=[PDF])  # fmt: skip
    client.get("/watch/findings/")
    with CaptureQueriesContext(connection) as few:
        client.get("/watch/findings/")
    for i in range(1, 6):
        services.finding_record(actor=world["official"], data={**base, "document_number": f"D{i}"},
                                document_name="d.pdf", document_chunks=[PDF])  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        assert "D5" in client.get("/watch/findings/").content.decode()
    assert len(many) == len(few)


def test_a_rights_holder_is_refused_the_pages_and_an_unknown_signal_is_404(client, world):
    services.badfaith_assess(actor=world["official"])
    signal = _signal(COPIER)
    client.force_login(world["owner"])
    for url, action in (("/watch/signals/", "list"), (f"/watch/signals/{signal.pk}/", "read")):
        assert_denied_and_audited(lambda url=url: client.get(url), action=f"watch_applicant_signal.{action}",
                                  object_type="watch_applicant_signal", object_id="", status=403)  # fmt: skip
    assert_denied_and_audited(lambda: client.get("/watch/findings/new/"), action="watch_badfaith_finding.create",
                              object_type="watch_badfaith_finding", object_id="", status=403)  # fmt: skip
    client.force_login(world["official"])
    assert_denied_and_audited(lambda: client.get("/watch/signals/999999/"), action="watch_applicant_signal.read",
                              object_type="watch_applicant_signal", object_id="999999", status=404,
                              reason="not visible")  # fmt: skip
    client.force_login(world["auditor"])
    assert client.get(f"/watch/signals/{signal.pk}/").status_code == 200
    assert client.post("/watch/signals/").status_code == 403


def test_services_refuse_a_rights_holder_with_a_durable_denial(world):
    owner = world["owner"]
    assert_denied_and_audited(lambda: services.badfaith_assess(actor=owner), action="watch_applicant_signal.create",
                              object_type="watch_applicant_signal", object_id="")  # fmt: skip
    data = {"applicant": "旧壳贸易有限公司", "authority": "国家知识产权局", "document_number": "X1",
            "decided_on": date(2026, 5, 1)}  # fmt: skip
    assert_denied_and_audited(
        lambda: services.finding_record(actor=owner, data=data, document_name="d.pdf", document_chunks=[PDF]),
        action="watch_badfaith_finding.create", object_type="watch_badfaith_finding", object_id="",
    )  # fmt: skip
    assert not BadFaithFinding.objects.exists()


def test_a_recorded_finding_is_audited_and_raises_the_flag_next_time(world, evidence_root):
    official = world["official"]
    services.badfaith_assess(actor=official)
    assert "8(3)" not in _flags(_signal(COPIER))
    data = {"applicant": "旧壳贸易有限公司", "authority": "国家知识产权局", "document_number": "商评字〔2026〕第0088号",
            "decided_on": date(2026, 6, 30), "agency": "某代理所"}  # fmt: skip
    finding = services.finding_record(actor=official, data=data, document_name="决定书.pdf", document_chunks=[PDF])
    assert finding.document.sha256 and finding.recorded_by == official
    entry = AuditEntry.objects.get(action="watch_badfaith_finding.record")
    assert entry.summary["document_number"] == "商评字〔2026〕第0088号" and entry.object_id == str(finding.pk)
    assert AuditEntry.objects.filter(action="evidence.upload", object_id=str(finding.document.pk)).exists()
    services.badfaith_assess(actor=official)
    signal = _signal(COPIER)  # the finding is against a related party of the copier (same address)
    prior = _flags(signal)["8(3)"]
    assert prior["evidence"][0]["matched"] == "商评字〔2026〕第0088号"
    assert prior["rule_keys"] == ["badfaith.factor_prior_finding"] and signal.score == 8.0
    assert list(selectors.findings_of(user=official, applicants=signal.applicants)) == [finding]


def test_a_finding_is_validated_and_recorded_once(world, evidence_root):
    official = world["official"]
    base = {"applicant": "甲", "authority": "国家知识产权局", "document_number": "D1", "decided_on": date(2026, 6, 1)}
    with pytest.raises(ValidationError) as missing:
        services.finding_record(actor=official, data={**base, "document_number": " "}, document_name="d.pdf",
                                document_chunks=[PDF])  # fmt: skip
    assert "document_number" in missing.value.message_dict
    with pytest.raises(ValidationError) as future:
        services.finding_record(actor=official, data={**base, "decided_on": date(2027, 1, 1)}, document_name="d.pdf",
                                document_chunks=[PDF])  # fmt: skip
    assert "decided_on" in future.value.message_dict
    with pytest.raises(ValidationError):
        services.finding_record(actor=official, data=base, document_name="", document_chunks=[])
    assert not AuditEntry.objects.filter(action="evidence.upload").exists()  # nothing stored for a bad record
    services.finding_record(actor=official, data=base, document_name="d.pdf", document_chunks=[PDF])
    with pytest.raises(ValidationError, match="已记录"):
        services.finding_record(actor=official, data=base, document_name="d.pdf", document_chunks=[PDF])
    assert BadFaithFinding.objects.count() == 1


def test_an_official_records_a_finding_on_the_page(client, world, evidence_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world["official"])
    assert client.get(f"/watch/findings/new/?applicant={COPIER}").status_code == 200
    response = client.post("/watch/findings/new/", {
        "applicant": COPIER, "authority": "广州市市场监督管理局", "document_number": "穗市监罚〔2026〕1号",
        "decided_on": "2026-09-01", "document": SimpleUploadedFile("决定书.pdf", PDF, "application/pdf"),
    })  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/watch/findings/"
    page = client.get("/watch/findings/").content.decode()
    assert "穗市监罚〔2026〕1号" in page
    bad = client.post("/watch/findings/new/", {"applicant": COPIER, "authority": "x", "document_number": "y",
                                               "decided_on": "2026-09-01"})  # fmt: skip
    assert bad.status_code == 200 and BadFaithFinding.objects.count() == 1

"""The registers' imports (all or nothing, per row; errors by row and field; GBK) and the indicator
providers they feed (作品著作权登记数量, 贯标认证单位, 示范优势企业)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from zhichan.agencies.demo import code
from zhichan.core import imports
from zhichan.engines.tabular import open_table
from zhichan.programmes import indicators
from zhichan.programmes.models import Certification, CopyrightRegistration, EnterpriseTitle
from zhichan.programmes.services.registers import certification_import_spec, copyright_import_spec, title_import_spec


def run(spec, text, actor, encoding="gbk"):
    return imports.run(spec, actor=actor, stream=open_table(io.BytesIO(text.encode(encoding)), "register.csv"))


CERT_HEADER = "证书编号,获证单位,统一社会信用代码,认证机构,所在区,发证日期,有效期至,证书状态\n"


def test_certifications_all_or_nothing_and_the_count_of_units(users):
    official = users["official"]
    bad = CERT_HEADER + (
        f"C-001,广州甲公司,{code(1)},中知（北京）认证有限公司,天河区,2025-03-01,2028-02-28,有效\n"
        "C-002,广州乙公司,91440101MA5000002X,中知（北京）认证有限公司,火星区,2025-13-01,2024-01-01,作废\n"
    )
    report = run(certification_import_spec(), bad, official)
    assert {(e.row, e.field) for e in report.errors} == {
        (3, "统一社会信用代码"),
        (3, "所在区"),
        (3, "发证日期"),
        (3, "证书状态"),
    }
    assert Certification.objects.count() == 0  # nothing written
    good = CERT_HEADER + (
        f"C-001,广州甲公司,{code(1)},中知（北京）认证有限公司,天河区,2025-03-01,2028-02-28,有效\n"
        f"C-002,广州甲公司,{code(1)},中知（北京）认证有限公司,天河区,2026-03-01,2029-02-28,有效\n"
        f"C-003,广州乙公司,{code(2)},中规（北京）认证有限公司,黄埔区,2023-01-01,2026-06-30,有效\n"
        f"C-004,广州丙公司,{code(3)},中规（北京）认证有限公司,黄埔区,2026-01-05,2029-01-04,撤销\n"
    )
    report = run(certification_import_spec(), good, official)
    assert (report.created, report.rows_with_errors) == (4, 0)
    assert Certification.objects.get(certificate_number="C-001").district == "440106"
    again = run(certification_import_spec(), good.replace("2028-02-28", "2028-03-31"), official)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 3)
    # at the end of 2026: 甲 (two certificates, one unit); 乙 expired in June; 丙 withdrawn
    value = indicators.certified_units(actor=official, year=2026, quarter=None)
    assert value.value == Decimal(1) and value.records == (code(1),)
    assert indicators.certified_units(actor=official, year=2026, quarter=1).value == Decimal(2)


COPY_HEADER = "登记号,作品名称,类别,著作权人,统一社会信用代码,所在区,登记日期\n"


def test_copyright_registrations_per_row_and_the_indicator(users):
    official = users["official"]
    text = COPY_HEADER + (
        "国作登字-2026-F-00000001,羊城印象,作品著作权,广州甲公司,,越秀区,2026-02-01\n"
        "软著登字第0000002号,智慧政务系统V1.0,计算机软件著作权,广州乙公司,,天河区,2026/05/20\n"
        "国作登字-2026-F-00000003,无名,小说,广州丙公司,,天河区,2026-06-01\n"
        "国作登字-2025-F-00000004,旧作,作品著作权,广州丁公司,,天河区,2025-12-31\n"
    )
    report = run(copyright_import_spec(), text, official)
    assert [(e.row, e.field) for e in report.errors] == [(4, "类别")]
    assert (report.created, CopyrightRegistration.objects.count()) == (3, 3)  # the good rows are kept
    fixed = text.replace(",小说,", ",作品著作权,")
    rerun = run(copyright_import_spec(), fixed, official)  # resumes: only the corrected row is new
    assert (rerun.created, rerun.unchanged) == (1, 3)
    assert indicators.copyright_registrations(actor=official, year=2026, quarter=None).value == Decimal(3)
    assert indicators.copyright_registrations(actor=official, year=2026, quarter=2).value == Decimal(2)
    assert indicators.copyright_registrations(actor=official, year=2025, quarter=None).value == Decimal(1)


TITLE_HEADER = "企业名称,统一社会信用代码,级别,称号,认定年度,所在区,撤销日期,撤销原因\n"


def test_demonstration_enterprises_with_a_withdrawal(users):
    official = users["official"]
    missing_reason = TITLE_HEADER + f"广州甲公司,{code(1)},国家级,知识产权示范企业,2024,天河区,2026-05-01,\n"
    report = run(title_import_spec(), missing_reason, official)
    assert [(e.row, e.field) for e in report.errors] == [(2, "撤销原因")] and EnterpriseTitle.objects.count() == 0
    text = TITLE_HEADER + (
        f"广州甲公司,{code(1)},国家级,知识产权示范企业,2024,天河区,2026-05-01,列入严重失信主体名单\n"
        f"广州乙公司,{code(2)},省级,知识产权优势企业,2025年,黄埔区,,\n"
        f"广州丙公司,{code(3)},national,advantage,2026,番禺区,,\n"
    )
    assert run(title_import_spec(), text, official).created == 3
    assert indicators.demonstration_enterprises(actor=official, year=2025, quarter=None).value == Decimal(2)
    assert indicators.demonstration_enterprises(actor=official, year=2026, quarter=None).value == Decimal(2)
    assert EnterpriseTitle.objects.get(credit_code=code(1)).withdrawn_on == date(2026, 5, 1)


def test_only_the_office_imports(users):
    with pytest.raises(PermissionDenied):
        run(copyright_import_spec(), COPY_HEADER, users["rights_holder"])


def test_the_import_page_runs_a_job_that_refuses_a_bad_file_whole(client, users, evidence_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhichan.core import jobs
    from zhichan.core.models import Job, JobStatus

    client.force_login(users["official"])
    bad = CERT_HEADER + "C-9,广州甲公司,91440101MA5000002X,中知认证,天河区,2025-03-01,2028-02-28,有效\n"
    upload = SimpleUploadedFile("certificates.csv", bad.encode("gbk"))
    response = client.post("/programmes/registers/import/", {"register": "certification", "file": upload})
    assert response.status_code == 302
    job = Job.objects.get(kind="programmes.register_import")
    jobs.execute(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.failure == "refused"
    assert [(e["row"], e["field"]) for e in job.result["errors"]] == [(2, "统一社会信用代码")]
    assert Certification.objects.count() == 0
    good = CERT_HEADER + f"C-9,广州甲公司,{code(1)},中知认证,天河区,2025-03-01,2028-02-28,有效\n"
    client.post(
        "/programmes/registers/import/",
        {"register": "certification", "file": SimpleUploadedFile("c.csv", good.encode("gbk"))},
    )
    second = Job.objects.filter(kind="programmes.register_import").exclude(pk=job.pk).get()
    jobs.execute(str(second.pk))
    second.refresh_from_db()
    assert second.status == JobStatus.SUCCEEDED and Certification.objects.count() == 1
    page = client.get("/programmes/registers/").content.decode()
    assert "2025" in page and "天河区" in page


def test_the_copyright_subsidy_funds_only_registrations_in_the_register(cast, orgs):
    """作品著作权登记资助: a fixed amount per registration, data of the version; a number the register does
    not hold is refused with the item as its record."""
    from zhichan.programmes import services

    official = cast["official"]
    run(
        copyright_import_spec(),
        COPY_HEADER + "国作登字-2026-F-00000001,羊城印象,作品著作权,广州酒家集团股份有限公司,,天河区,2026-02-01\n",
        official,
    )
    programme = services.programme_create(actor=official, code="copyright", name="作品著作权登记资助", kind="copyright")
    rules = {
        "conditions": [
            {"code": "kinds", "test": "item_kind_in", "label": "资助对象为著作权登记", "values": ["copyright"]},
            {
                "code": "registered",
                "test": "item_no_signal",
                "label": "在著作权登记名录中",
                "signals": ["not_in_register"],
            },
        ],
        "amount": {"method": "fixed", "per_item": {"copyright": "300"}},
    }
    version = services.version_create(
        actor=official,
        programme=programme,
        data={
            "year": 2026,
            "measure": "广州市作品著作权登记政府资助办法",
            "document_number": "穗版规〔2026〕1号",
            "document_date": date(2026, 1, 5),
            "budget": "50000",
            "rules": rules,
        },
    )
    call = services.call_create(
        actor=official, version=version, title="2026", opens_on=date(2026, 1, 1), closes_on=date(2026, 12, 31)
    )
    application = services.application_create(
        actor=cast["rights_holder"],
        call=call,
        organisation=orgs["own"],
        today=date(2026, 3, 1),
        items=[
            {"kind": "copyright", "number": "国作登字-2026-F-00000001"},
            {"kind": "copyright", "number": "国作登字-2026-F-09"},
        ],
    )
    application = services.application_submit(
        actor=cast["rights_holder"], application=application, today=date(2026, 3, 1)
    )
    refused = {
        i.number: [(c["code"], c["record"]) for c in i.checks if not c["passed"]] for i in application.items.all()
    }
    assert refused == {
        "国作登字-2026-F-00000001": [],
        "国作登字-2026-F-09": [("registered", "copyright:国作登字-2026-F-09")],
    }
    assert application.requested_total == Decimal("300.00")

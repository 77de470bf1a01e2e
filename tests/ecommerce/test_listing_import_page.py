"""Listing files uploaded on the import page: kept as evidence, imported as a resumable background job."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhichan.core import jobs
from zhichan.core.models import AuditEntry, Job, JobStatus, Organisation, OrganisationKind
from zhichan.ecommerce.models import Clue, Listing
from zhichan.engines.tabular import write_xlsx

pytestmark = pytest.mark.django_db

ROWS = [
    "商品编号,标题,价格,seller,卖家地址",
    "G1,高仿 王老吉凉茶 工厂直销,19.9,好运食品店,广州市白云区太和镇",
    "G2,,12,某店,",
    "G3,王老吉凉茶 正品,70,王老吉官方旗舰店,廣州市天河區",
]


def gbk_csv() -> SimpleUploadedFile:
    return SimpleUploadedFile("商品.csv", ("\r\n".join(ROWS) + "\r\n").encode("gbk"), content_type="text/csv")


def run_last_job() -> Job:
    job = Job.objects.order_by("-created_at").first()
    jobs.execute(str(job.pk))
    job.refresh_from_db()
    return job


def test_platform_uploads_a_gbk_file_and_the_job_reports_the_bad_row(client, market, platform, evidence_root):
    client.force_login(market["client"])
    response = client.post("/ecommerce/listings/import/", {"platform": str(platform.pk), "file": gbk_csv()})
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    job = run_last_job()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["created"] == 2 and job.result["rejected"] == 1 and job.result["clues"] >= 1
    assert any("line 3" in line and "title" in line for line in job.log)  # row and field of the bad row
    assert set(Listing.objects.values_list("listing_id", flat=True)) == {"G1", "G3"}
    assert Listing.objects.get(listing_id="G3").seller_district.code == "440106"  # Traditional address understood
    assert AuditEntry.objects.filter(action="evidence.upload").exists()  # the file is kept as sent

    # resumable: the same job run again stores nothing twice
    rerun = Job.objects.create(kind=job.kind, params=job.params, created_by=job.created_by, rerun_of=job)
    jobs.execute(str(rerun.pk))
    rerun.refresh_from_db()
    assert rerun.result["unchanged"] == 2 and rerun.result["created"] == 0
    assert Listing.objects.count() == 2 and Clue.objects.count() == job.result["clues"]


def test_xlsx_workbooks_are_imported_too(client, market, platform, evidence_root):
    header, *rows = [row.split(",") for row in ROWS]
    workbook = write_xlsx(header, [row for row in rows if row[1]])
    client.force_login(market["client"])
    upload = SimpleUploadedFile("商品.xlsx", workbook)
    client.post("/ecommerce/listings/import/", {"platform": str(platform.pk), "file": upload})
    job = run_last_job()
    assert job.status == JobStatus.SUCCEEDED and job.result["created"] == 2


def test_a_file_without_the_required_columns_fails_the_job_and_stores_nothing(client, users, platform, evidence_root):
    client.force_login(users["official"])
    bad = SimpleUploadedFile("bad.csv", "编号,名称\r\n1,耐克\r\n".encode("gb18030"))
    client.post("/ecommerce/listings/import/", {"platform": str(platform.pk), "file": bad})
    job = run_last_job()
    assert job.status == JobStatus.FAILED and "missing column" in job.error
    assert not Listing.objects.exists()


def test_a_platform_client_cannot_import_for_another_platform(client, market, platform, evidence_root):
    other = Organisation.objects.create(
        name="某电商平台", name_normalized="某电商平台", kind=OrganisationKind.ECOMMERCE_PLATFORM
    )
    client.force_login(market["client"])
    page = client.get("/ecommerce/listings/import/").content.decode()
    assert platform.name in page and "某电商平台" not in page
    response = client.post("/ecommerce/listings/import/", {"platform": str(other.pk), "file": gbk_csv()})
    assert response.status_code == 200 and not Job.objects.exists()  # not a choice for this client


def test_rights_holders_may_not_import(client, users):
    client.force_login(users["rights_holder"])
    assert client.get("/ecommerce/listings/import/").status_code == 403

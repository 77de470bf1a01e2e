"""A failed import shows its report (row, field, reason) and never a traceback; it offers a corrected
upload instead of a re-run that can only fail again; contact numbers and e-mail addresses are checked."""

from __future__ import annotations

import importlib
import logging

import pytest
from django.core.exceptions import ValidationError

from zhichan.core import jobs, services
from zhichan.core.models import Job, JobStatus, Organisation
from zhichan.engines.tabular import read_table

HEADER = "名称,统一社会信用代码,类型,所在区,联系电话,电子邮箱\n"
GOOD = "好公司,91440106MA59A0001L,企业,天河区,020-12345678,office@good.example\n"


def _import_job(users, body: str) -> Job:
    job = services.organisations_import_start(
        actor=users["official"], name="orgs.csv", chunks=[(HEADER + body).encode()]
    )
    jobs.execute(str(job.pk))
    job.refresh_from_db()
    return job


@pytest.mark.parametrize(
    "phone",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 13800138000",
        "020-12345678",
        "020-8333 3333",
        "(020)83333333",
        "0755-2345678",
        "020-12345678-801",
        "020-12345678转801",
        "400-123-4567",
        "０２０－１２３４５６７８",  # full-width, as typed with a Chinese input method
        "020-12345678/13800138000",
    ],
)
def test_contact_numbers_as_organisations_write_them_are_accepted(phone):
    assert services.clean_phone(phone)


@pytest.mark.parametrize(
    "phone",
    ["12345", "12800138000", "1380013800", "138001380001", "12345678", "020-123", "电话见官网", "020-12345678-"],
)
def test_other_contact_numbers_are_refused_with_the_reason(phone):
    with pytest.raises(ValidationError) as caught:
        services.clean_phone(phone)
    assert "固定电话须带区号" in caught.value.message_dict["contact_phone"][0]


def test_full_width_numbers_are_stored_half_width():
    assert services.clean_phone("０２０－１２３４５６７８") == "020-12345678"


def test_organisation_form_refuses_a_bad_phone_and_email(client, users):
    client.force_login(users["official"])
    data = {"name": "新公司", "credit_code": "", "kind": "government_department", "contact_phone": "12345"}
    page = client.post("/organisations/new/", {**data, "contact_email": ""}).content.decode()
    assert "联系电话“12345”无效" in page
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(actor=users["official"], data={**data, "contact_phone": "", "contact_email": "a@"})
    assert "电子邮箱“a@”格式不正确" in caught.value.message_dict["contact_email"][0]
    assert not Organisation.objects.filter(name="新公司").exists()


def test_the_api_refuses_a_bad_phone_by_field(api, users):
    api.force_authenticate(users["official"])
    response = api.post(
        "/api/v1/organisations/",
        {"name": "接口公司", "kind": "government_department", "contact_phone": "110"},
        format="json",
    )
    assert response.status_code == 400 and "contact_phone" in response.json()


def test_import_reports_phone_and_email_errors_by_row_and_field(users):
    table = read_table((HEADER + GOOD + "坏公司,914403001922038216,企业,天河区,12345,bad@\n").encode(), "o.csv")
    report = services.organisations_import(actor=users["official"], table=table)
    assert [(e.row, e.field) for e in report.errors] == [(3, "联系电话"), (3, "电子邮箱")]
    assert report.rows_with_errors == 1 and not Organisation.objects.filter(name="好公司").exists()


def test_a_failed_import_counts_rows_not_errors_and_keeps_its_report(users, evidence_root):
    body = GOOD + "坏公司,91440300708461136X,企业,天河区,12345,\n" + "另一家,91440104MA59B0002J,企业,越秀区,,nobody\n"
    job = _import_job(users, body)
    assert job.status == JobStatus.FAILED and job.failure == "refused"
    assert job.error == "2 行有错误（共 3 处），未导入任何数据"  # 2 rows, not "3 行"
    assert [(e["row"], e["field"]) for e in job.result["errors"]] == [
        (3, "统一社会信用代码"),
        (3, "联系电话"),
        (4, "电子邮箱"),
    ]
    assert job.result["rows_with_errors"] == 2 and "created" not in job.result  # no counts of an import not done
    assert not any("Traceback" in line for line in job.log)
    assert not Organisation.objects.filter(name="好公司").exists()


def test_the_job_page_shows_the_report_and_a_corrected_upload_never_a_traceback(client, users, evidence_root):
    job = _import_job(users, GOOD + "坏公司,91440300708461136X,企业,天河区,12345,\n")
    client.force_login(users["official"])
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "批量导入组织机构" in page and "core.organisations_import" not in page
    assert "1 行有错误（共 2 处），未导入任何数据" in page
    assert "<td>3</td><td>统一社会信用代码</td>" in page and "<td>3</td><td>联系电话</td>" in page
    assert 'href="/organisations/import/">上传更正后的文件' in page
    assert "/rerun/" not in page and "<button>重新运行</button>" not in page
    for leak in ("Traceback", 'File "', "site-packages", "ValidationError", ".py"):
        assert leak not in page

    english = client.get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Upload a corrected file" in english and "Bulk import organisations" in english


def test_a_refused_job_is_not_run_again(client, api, users, evidence_root):
    job = _import_job(users, "坏公司,91440300708461136X,企业,天河区,,\n")
    with pytest.raises(ValidationError, match="重新运行仍会失败"):
        services.job_rerun(actor=users["official"], job=job)
    api.force_authenticate(users["official"])
    response = api.post(f"/api/v1/jobs/{job.pk}/rerun/")
    assert response.status_code == 400 and Job.objects.filter(rerun_of=job).count() == 0
    detail = api.get(f"/api/v1/jobs/{job.pk}/").json()
    assert detail["failure"] == "refused" and detail["error"] == "1 行有错误，未导入任何数据"
    assert detail["result"]["errors"][0]["row"] == 2
    assert not any("Traceback" in line for line in detail["log"])


def test_an_unexpected_error_is_logged_on_the_server_and_shown_as_a_safe_message(
    client, api, users, evidence_root, monkeypatch, caplog
):
    def broken(context, **params):
        raise FileNotFoundError("/srv/zhichan/var/evidence/ab/cd: no such file")

    monkeypatch.setitem(jobs._HANDLERS, "core.organisations_import", broken)
    job = services.organisations_import_start(actor=users["official"], name="o.csv", chunks=[HEADER.encode()])
    with caplog.at_level(logging.ERROR, logger="zhichan.core.jobs"):
        jobs.execute(str(job.pk))
    job.refresh_from_db()
    assert job.failure == "error" and job.can_run_again
    assert "/srv/" not in job.error and "FileNotFoundError" not in job.error and str(job.pk) in job.error
    assert any(r.exc_info and "/srv/zhichan" in str(r.exc_info[1]) for r in caplog.records)  # the log has it all

    client.force_login(users["official"])
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "任务执行出错，错误已记入服务器日志" in page and "/srv/" not in page and "FileNotFoundError" not in page
    assert f'action="/jobs/{job.pk}/rerun/"' in page and "上传更正后的文件" not in page  # may be transient
    api.force_authenticate(users["official"])
    assert "/srv/" not in api.get(f"/api/v1/jobs/{job.pk}/").content.decode()


def test_a_lost_worker_job_offers_a_rerun(client, users, evidence_root):
    job = services.organisations_import_start(actor=users["official"], name="o.csv", chunks=[(HEADER + GOOD).encode()])
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, worker="elsewhere:1", heartbeat_at=None)
    assert [j.pk for j in services.jobs_reap()] == [job.pk]
    client.force_login(users["official"])
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "任务进程已终止或长时间无响应" in page and "elsewhere" not in page
    assert f'action="/jobs/{job.pk}/rerun/"' in page


def test_a_succeeded_job_shows_labelled_results_and_links(client, users, evidence_root):
    job = _import_job(users, GOOD)
    client.force_login(users["official"])
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "<dt>新增</dt><dd>1</dd>" in page and "{&#x27;created&#x27;" not in page
    assert f'href="/evidence/{job.params["evidence_id"]}/">导入的文件' in page
    assert 'href="/organisations/">组织机构名录' in page


def test_migration_removes_stored_tracebacks_and_classifies_old_failures(db):
    migration = importlib.import_module("zhichan.core.migrations.0007_job_failure")
    from django.apps import apps

    old = Job.objects.create(
        kind="core.organisations_import",
        status=JobStatus.FAILED,
        error="ValidationError: ['3 行有错误，未导入任何数据']",
        log=["第2行 ...", 'Traceback (most recent call last):\n  File "/srv/zhichan/core/jobs.py", line 80'],
    )
    lost = Job.objects.create(kind="core.organisations_import", status=JobStatus.FAILED, error="worker h:1 lost (…)")
    crash = Job.objects.create(kind="core.evidence_sweep", status=JobStatus.FAILED, error="OSError: /srv/x")
    migration.classify_failed_jobs(apps, None)
    old.refresh_from_db(), lost.refresh_from_db(), crash.refresh_from_db()
    assert old.failure == "refused" and old.error == "3 行有错误，未导入任何数据" and old.log == ["第2行 ..."]
    assert lost.failure == "lost" and crash.failure == "error" and "/srv/" not in crash.error

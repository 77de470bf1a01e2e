"""Refusals are audited, durably: `denial_record` cannot run inside a write transaction (where a rollback
would lose its row), the test kit's `assert_denied_and_audited` notices a lost or wrong denial, and every
refusal of core's services and pages leaves exactly its denied row.

The kit is used the same way in every app's tests: tests/<app>/test_denials.py and the refusals inside
the behaviour tests.
"""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from tests.kit import assert_denied_and_audited
from zhichan.core import audit, services
from zhichan.core.evidence import EvidenceRejected
from zhichan.core.models import AuditEntry, AuditPurge, Job, JobStatus
from zhichan.engines.tabular import read_table

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _traversal_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../etc/cron.d/x", b"* * * * * root sh")
    return buffer.getvalue()


# --- durability of the denial itself ---


def test_a_denial_inside_a_write_transaction_fails_loudly_instead_of_being_lost(users):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.denial_record(actor=users["liaison"], action="organisation.create", object_type="organisation")
    assert not AuditEntry.objects.filter(result="denied").exists()


def test_a_refusal_inside_a_write_transaction_fails_loudly(users):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.organisation_create(actor=users["liaison"], data={"name": "某公司", "kind": "enterprise"})


@pytest.mark.django_db(transaction=True)
def test_a_refusal_is_committed_at_once(users):
    # no test transaction around it here: the kit reads the row through another connection
    assert_denied_and_audited(
        lambda: services.organisation_create(actor=users["liaison"], data={"name": "某公司", "kind": "enterprise"}),
        action="organisation.create",
        object_type="organisation",
        object_id="",
    )


# --- the kit notices what it must notice ---


def _refuse_without_audit():
    raise PermissionDenied("x")


def _refuse_inside_the_refused_write(user):
    """The bug this kit was written for: the denial recorded in the transaction that the refusal rolls back."""
    with transaction.atomic():
        audit.record(actor=user, action="organisation.create", object_type="organisation", result="denied")
        raise PermissionDenied("x")


def _refuse_twice(user):
    for action in ("organisation.create", "organisation.change"):
        services.denial_record(actor=user, action=action, object_type="organisation")
    raise PermissionDenied("x")


def test_the_kit_fails_a_refusal_that_is_not_audited(users):
    with pytest.raises(AssertionError, match="found \\[\\]"):
        assert_denied_and_audited(
            _refuse_without_audit, action="organisation.create", object_type="organisation", object_id=""
        )


def test_the_kit_fails_a_denial_rolled_back_with_the_refused_write(users):
    with pytest.raises(AssertionError, match="found \\[\\]"):
        assert_denied_and_audited(
            lambda: _refuse_inside_the_refused_write(users["liaison"]),
            action="organisation.create",
            object_type="organisation",
            object_id="",
        )


def test_the_kit_fails_two_denials_for_one_refusal(users):
    with pytest.raises(AssertionError, match="exactly one"):
        assert_denied_and_audited(
            lambda: _refuse_twice(users["liaison"]),
            action="organisation.create",
            object_type="organisation",
            object_id="",
        )


def test_the_kit_fails_a_denial_of_another_action_object_or_reason(users, orgs):
    def refuse():
        services.organisation_update(actor=users["liaison"], organisation=orgs["other"], data={})

    for wrong in (
        {"action": "organisation.delete", "object_type": "organisation", "object_id": orgs["other"].pk},
        {"action": "organisation.change", "object_type": "person", "object_id": orgs["other"].pk},
        {"action": "organisation.change", "object_type": "organisation", "object_id": orgs["own"].pk},
        {"action": "organisation.change", "object_type": "organisation", "object_id": ""},
        {"action": "organisation.change", "object_type": "organisation", "object_id": orgs["other"].pk, "reason": "x"},
    ):
        with pytest.raises(AssertionError):
            assert_denied_and_audited(refuse, **wrong)


def test_the_kit_fails_a_call_that_is_not_refused(users):
    with pytest.raises(AssertionError, match="returned"):
        assert_denied_and_audited(lambda: None, action="x.create", object_type="x", object_id="")
    with pytest.raises(AssertionError, match="200"):
        assert_denied_and_audited(lambda: HttpResponse("ok"), action="x.create", object_type="x", object_id="")


def test_the_kit_lets_other_errors_through(users):
    with pytest.raises(ValidationError):
        assert_denied_and_audited(
            lambda: services.organisation_create(actor=users["official"], data={"kind": "enterprise"}),
            action="organisation.create",
            object_type="organisation",
            object_id="",
        )


def test_the_kit_accepts_a_page_refusal_and_returns_the_entry(client, users):
    client.force_login(users["official"])
    entry = assert_denied_and_audited(
        lambda: client.get("/audit/"), action="audit_entry.list", object_type="audit_entry", object_id="", status=403
    )
    assert entry.actor == users["official"] and entry.result == "denied"


# --- every refusal of core's services ---


@pytest.fixture
def evidence(users, evidence_root):
    return services.evidence_upload(actor=users["rights_holder"], name="扫描件.pdf", chunks=[PDF])


@pytest.fixture
def failed_job(users):
    job = services.job_enqueue(actor=users["official"], kind="core.evidence_sweep", params={})
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)
    job.refresh_from_db()
    return job


def test_organisations_refused(users, orgs):
    liaison, official = users["liaison"], users["official"]
    table = read_table("名称,类型\n某公司,企业\n".encode(), "orgs.csv")
    for call, action, object_id in (
        (lambda: services.organisation_create(actor=liaison, data={"name": "某公司"}), "organisation.create", ""),
        (
            lambda: services.organisation_update(actor=liaison, organisation=orgs["other"], data={"address": "x"}),
            "organisation.change",
            orgs["other"].pk,
        ),
        (
            lambda: services.organisation_delete(actor=official, organisation=orgs["own"]),
            "organisation.delete",
            orgs["own"].pk,
        ),
        (lambda: services.organisations_import(actor=liaison, table=table), "organisation.create", ""),
        (
            lambda: services.organisations_import_start(actor=liaison, name="orgs.csv", chunks=[b"x"]),
            "organisation.create",
            "",
        ),
    ):
        assert_denied_and_audited(call, action=action, object_type="organisation", object_id=object_id)


def test_people_refused(users):
    official, person, client_user = users["official"], users["mediator"], users["platform_client"]
    for call, target in (
        (lambda: services.mfa_device_reset(actor=official, user=person), person),
        (lambda: services.mfa_device_install(actor=official, user=person, secret="JBSWY3DPEHPK3PXP"), person),
        (lambda: services.api_token_issue(actor=official, user=client_user), client_user),
    ):
        assert_denied_and_audited(call, action="person.change", object_type="person", object_id=target.pk)


def test_evidence_refused(users, evidence, evidence_root):
    assert_denied_and_audited(
        lambda: services.evidence_upload(actor=users["arbitrator"], name="a.pdf", chunks=[PDF]),
        action="evidence.create",
        object_type="evidence",
        object_id="",
    )
    assert_denied_and_audited(
        lambda: services.evidence_share(actor=users["mediator"], evidence=evidence, users=[users["mediator"]]),
        action="evidence.read",
        object_type="evidence",
        object_id=evidence.pk,
    )
    rejected = assert_denied_and_audited(
        lambda: services.evidence_upload(actor=users["rights_holder"], name="bundle.zip", chunks=[_traversal_zip()]),
        raises=EvidenceRejected,
        action="evidence.upload",
        object_type="evidence",
        object_id="",
    )
    assert rejected.summary["reason"]


def test_job_rerun_refused(users, failed_job):
    assert_denied_and_audited(
        lambda: services.job_rerun(actor=users["liaison"], job=failed_job),
        action="job.change",
        object_type="job",
        object_id=failed_job.pk,
    )


def test_audit_purge_refusals_of_a_valid_role(users, settings):
    entry = assert_denied_and_audited(
        lambda: services.audit_purge_request(actor=users["administrator"], older_than_days=179),
        raises=ValidationError,
        action="audit_purge.request",
        object_type="audit_purge",
        object_id="",
    )
    assert entry.summary["reason"].startswith("older_than_days=179")
    purge = AuditPurge.objects.create(
        older_than_days=180, cutoff=timezone.now() - timedelta(days=180), requested_by=users["administrator"]
    )
    settings.AUDIT_RETENTION_DAYS = 90  # shorter than the law: no approval
    assert_denied_and_audited(
        lambda: services.audit_purge_approve(actor=users["auditor"], purge=purge),
        raises=ValidationError,
        action="audit_purge.approve",
        object_type="audit_purge",
        object_id=purge.pk,
    )


# --- every refusal of core's pages ---


@pytest.mark.parametrize(
    ("role", "method", "url", "action", "object_type", "status"),
    [
        ("liaison", "get", "/organisations/export.xlsx", "organisation.download", "organisation", 403),
        ("official", "get", "/audit/", "audit_entry.list", "audit_entry", 403),
        ("administrator", "get", "/audit/export.xlsx", "audit_entry.download", "audit_entry", 403),
        ("official", "post", "/audit/purges/", "audit_purge.create", "audit_purge", 403),
        ("liaison", "post", "/calendar/", "work_calendar.create", "work_calendar", 403),
        ("official", "get", "/people/new/", "person.create", "person", 403),
        ("liaison", "post", "/organisations/new/", "organisation.create", "organisation", 403),
    ],
)
def test_page_refusals(client, users, role, method, url, action, object_type, status):
    client.force_login(users[role])
    data = {"name": "某公司", "kind": "enterprise"} if url == "/organisations/new/" else {}
    assert_denied_and_audited(
        lambda: getattr(client, method)(url, data),
        action=action,
        object_type=object_type,
        object_id="",
        status=status,
    )


def test_page_refusals_of_objects_out_of_sight(client, users, orgs, evidence, failed_job):
    client.force_login(users["liaison"])
    other = users["official"]
    for method, url, action, object_type, object_id, status in (
        ("get", f"/people/{other.public_id}/", "person.read", "person", other.public_id, 404),
        ("post", f"/people/{other.public_id}/second-factor/reset/", "person.change", "person", other.public_id, 404),
        ("get", f"/evidence/{evidence.pk}/", "evidence.read", "evidence", evidence.pk, 404),
        ("get", f"/evidence/{evidence.pk}/download/", "evidence.read", "evidence", evidence.pk, 404),
        ("get", f"/jobs/{failed_job.pk}/", "job.read", "job", failed_job.pk, 404),
        ("post", f"/jobs/{failed_job.pk}/rerun/", "job.read", "job", failed_job.pk, 404),
        (
            "post",
            f"/organisations/{orgs['other'].pk}/edit/",
            "organisation.change",
            "organisation",
            orgs["other"].pk,
            403,
        ),
    ):
        data = {"name": orgs["other"].name, "kind": "enterprise", "credit_code": orgs["other"].credit_code}
        entry = assert_denied_and_audited(
            lambda method=method, url=url, data=data: getattr(client, method)(url, data),
            action=action,
            object_type=object_type,
            object_id=object_id,
            status=status,
        )
        assert entry.summary.get("reason") == ("not visible" if status == 404 else None)

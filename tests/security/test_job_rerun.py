"""Issue 20, item 10: a platform re-runs its own failed import job, and only its own."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from zhichan.core import services
from zhichan.core.models import Job, JobFailure, JobStatus, Role, User

pytestmark = pytest.mark.django_db


def _failed_import(owner, failure=JobFailure.LOST):
    return Job.objects.create(
        kind="ecommerce.listings_import",
        params={"evidence_id": "00000000-0000-0000-0000-000000000000"},
        created_by=owner,
        organisation=owner.organisation,
        status=JobStatus.FAILED,
        failure=failure,
    )


def test_a_platform_reruns_its_own_failed_import_on_the_page(client, users):
    platform = users[Role.PLATFORM_CLIENT]
    job = _failed_import(platform)
    client.force_login(platform)
    page = client.get(f"/jobs/{job.pk}/")
    assert page.status_code == 200 and f"/jobs/{job.pk}/rerun/" in page.content.decode()
    response = client.post(f"/jobs/{job.pk}/rerun/")
    rerun = Job.objects.get(rerun_of=job)
    assert response.status_code == 302 and response["Location"] == f"/jobs/{rerun.pk}/"
    assert rerun.created_by == platform and rerun.kind == job.kind


def test_a_platform_cannot_rerun_another_accounts_job(users, orgs):
    other = User.objects.create_user(
        username="other_platform", password="x" * 12, role=Role.PLATFORM_CLIENT, organisation=orgs["own"]
    )
    job = _failed_import(other)
    with pytest.raises(PermissionDenied):
        services.job_rerun(actor=users[Role.PLATFORM_CLIENT], job=job)
    assert not Job.objects.filter(rerun_of=job).exists()

"""People: administrators create accounts, issue platform tokens, and deactivation ends access at once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from tests.kit import assert_denied_and_audited
from zhichan.core.models import AuditEntry, Role, User
from zhichan.core.services import api_token_issue, user_create, user_update


def test_administrator_creates_a_platform_client_whose_token_works(users, orgs):
    client_user = user_create(
        actor=users["administrator"],
        username="vip-api",
        password="long-enough-pass-1",
        role=Role.PLATFORM_CLIENT,
        organisation=orgs["own"],
    )
    key = api_token_issue(actor=users["administrator"], user=client_user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/organisations/").status_code == 200
    rotated = api_token_issue(actor=users["administrator"], user=client_user)
    assert rotated != key and api.get("/api/v1/jobs/").status_code == 403  # old key refused
    entry = AuditEntry.objects.filter(action="person.token_issue").order_by("-seq").first()
    assert key not in str(entry.summary) and entry.summary["rotated"] is True


def test_deactivation_revokes_token_and_sessions(client, users):
    key = api_token_issue(actor=users["administrator"], user=users["platform_client"])
    client.force_login(users["platform_client"])
    assert client.get("/").status_code == 200
    user_update(actor=users["administrator"], user=users["platform_client"], data={"is_active": False})
    assert client.get("/").status_code == 302
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/organisations/").status_code in (401, 403)


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_only_administrators_manage_people(users, role):
    assert_denied_and_audited(
        lambda: user_create(actor=users[role], username=f"x-{role}", password="long-enough-pass-1", role=Role.OFFICIAL),
        action="person.create",
        object_type="person",
        object_id="",
    )
    assert_denied_and_audited(
        lambda: user_update(actor=users[role], user=users["official"], data={"role": Role.ADMINISTRATOR}),
        action="person.change",
        object_type="person",
        object_id=users["official"].pk,
    )


def test_tokens_only_for_platform_clients(users):
    with pytest.raises(ValidationError):
        api_token_issue(actor=users["administrator"], user=users["official"])


def test_people_pages(client, users):
    client.force_login(users["administrator"])
    assert client.get("/people/").status_code == 200
    response = client.post(
        "/people/new/",
        {
            "username": "new-official",
            "display_name": "新同事",
            "role": "official",
            "password": "a-strong-password-9",
            "is_active": "on",
        },
    )
    assert (
        response.status_code == 302
        and User.objects.get(username="new-official").memberships.get().role == Role.OFFICIAL
    )
    client.force_login(users["rights_holder"])
    assert client.get("/people/").status_code == 200  # sees own organisation's members only
    assert client.get("/people/new/").status_code == 403
    assert (
        client.post(
            "/people/new/", {"username": "sneaky", "role": "administrator", "password": "a-strong-password-9"}
        ).status_code
        == 403
    )
    assert not User.objects.filter(username="sneaky").exists()


def test_api_person_without_organisation_conforms_to_the_schema(api, users):
    """Found by the schema fuzzer (R13): auditors and administrators have organisation null."""
    from tests.openapi_schema import response_errors

    api.force_authenticate(users["administrator"])
    body = api.get("/api/v1/people/").json()
    assert None in {row["organisation"] for row in body["results"]}
    assert response_errors("get", "/api/v1/people/", 200, body) == []

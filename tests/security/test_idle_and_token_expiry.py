"""Issue 20, item 10: idle sessions end and API tokens expire (GB/T 22239-2019 L3), limits per role."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tests.openapi_schema import _components, response_errors
from zhichan.core.auth import SECOND_FACTOR_SESSION_KEY
from zhichan.core.models import AuditEntry, Role

pytestmark = pytest.mark.django_db


def _later(minutes):
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False)


def test_an_idle_session_is_ended_and_audited(client, users):
    user = users[Role.RIGHTS_HOLDER]
    client.force_login(user)
    assert client.get("/").status_code == 200
    with _later(29):
        assert client.get("/").status_code == 200  # activity keeps it alive
    with _later(29 + 31):
        response = client.get("/cases/")
        assert response.status_code == 302 and response["Location"].startswith("/login/")
        assert "next=/cases/" in response["Location"]
        assert client.get("/").status_code == 302  # logged out, not only redirected once
    assert AuditEntry.objects.filter(action="session.idle_timeout", actor=user).exists()


def test_a_privileged_role_has_the_shorter_idle_limit(client, users, settings):
    settings.SESSION_IDLE_MINUTES_PRIVILEGED = 15
    auditor = users[Role.AUDITOR]
    client.force_login(auditor)
    session = client.session
    session[SECOND_FACTOR_SESSION_KEY] = str(auditor.pk)
    session.save()
    client.get("/")
    with _later(16):
        response = client.get("/audit/")
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_idle_api_session_gets_401(client, users):
    client.force_login(users[Role.RIGHTS_HOLDER])
    assert client.get("/api/v1/evidence/").status_code == 200
    with _later(31):
        response = client.get("/api/v1/evidence/")
    assert response.status_code == 401 and "自动退出" in response.json()["detail"]


def test_an_expired_api_token_is_refused_and_deleted(api, users, settings):
    settings.API_TOKEN_DAYS = 90
    platform = users[Role.PLATFORM_CLIENT]
    token = Token.objects.create(user=platform)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/jobs/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=91), tick=False):
        response = api.get("/api/v1/jobs/")
    assert response.status_code in (401, 403) and "过期" in response.json()["detail"]
    assert not Token.objects.filter(key=token.key).exists()


def test_a_privileged_token_lives_one_day_by_default(users):
    from zhichan.core.tokens import api_token_expired

    token = Token.objects.create(user=users[Role.OFFICIAL])
    assert not api_token_expired(token)
    with time_machine.travel(timezone.now() + timedelta(hours=25), tick=False):
        assert api_token_expired(token)
    platform_token = Token.objects.create(user=users[Role.PLATFORM_CLIENT])
    with time_machine.travel(timezone.now() + timedelta(days=89), tick=False):
        assert not api_token_expired(platform_token)


def test_obtaining_a_token_replaces_an_expired_one(api, users):
    platform = users[Role.PLATFORM_CLIENT]
    platform.set_password("zhichan-test-2026")
    platform.save()
    old = Token.objects.create(user=platform)
    with time_machine.travel(timezone.now() + timedelta(days=91), tick=False):
        response = api.post("/api/v1/token/", {"username": platform.username, "password": "zhichan-test-2026"})
    assert response.status_code == 200, response.content
    assert response.json()["token"] != old.key and "expires" in response.json()
    assert response_errors("POST", "/api/v1/token/", 200, response.json()) == []
    documented = _components()["schemas"]["TokenAnswer"]
    assert set(documented["required"]) == set(response.json()) == {"token", "expires"}

"""Issue 20 item 2: a lockout holds for every spelling of the name and on every log-in path.

The name is normalised once (NFKC, case-folded: `core.accounts.normalize_username`), when the account
is created and when a log-in looks it up, and every password log-in (the page, `/admin/login/`, the
API token endpoint) goes through the one gate, `core.auth.LockoutBackend`.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from zhichan.core.accounts import normalize_username
from zhichan.core.models import AuditEntry, Role, User
from zhichan.core.services import user_create

PASSWORD = "test-password-123"
LOCKED = "登录失败次数过多"
SPELLINGS = ["ｂｆ1", "bf１", "bf¹", "BF1", " Bf1 "]


@pytest.fixture
def bf1(users, settings):
    settings.LOGIN_MAX_FAILURES = 3
    return user_create(actor=users["administrator"], username="bf1", password=PASSWORD, role=Role.PLATFORM_CLIENT)


def lock(client: Client, name: str = "bf1", path: str = "/login/") -> None:
    for _ in range(3):
        assert client.post(path, {"username": name, "password": "wrong"}).status_code == 200


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("raw", SPELLINGS)
def test_every_spelling_is_the_one_account(raw):
    assert normalize_username(raw) == "bf1"


def test_an_account_is_created_under_the_normalised_name_and_once(users):
    made = user_create(actor=users["administrator"], username="ＺＨＡＮＧ", password=PASSWORD, role=Role.LIAISON)
    assert made.username == "zhang"
    with pytest.raises(ValidationError, match="用户名已存在"):
        user_create(actor=users["administrator"], username="Zhang", password=PASSWORD, role=Role.LIAISON)
    assert User.objects.create_user(username="Ｌｉ", password=PASSWORD).username == "li"


@pytest.mark.parametrize("raw", SPELLINGS)
def test_a_locked_account_stays_locked_under_every_spelling_on_the_page(client, bf1, raw):
    lock(client)
    response = client.post("/login/", {"username": raw, "password": PASSWORD})
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert not logged_in(client)


@pytest.mark.parametrize("raw", SPELLINGS)
def test_failures_under_other_spellings_count_on_the_account(client, bf1, raw):
    lock(client, name=raw)
    response = client.post("/login/", {"username": "bf1", "password": PASSWORD})
    assert LOCKED in response.content.decode() and not logged_in(client)
    failures = AuditEntry.objects.filter(action="session.login", result="failure")
    assert {e.summary["username"] for e in failures} == {"bf1"}


@pytest.mark.parametrize("raw", SPELLINGS)
def test_a_locked_account_stays_locked_under_every_spelling_on_the_api(client, bf1, raw):
    lock(client)
    response = APIClient().post("/api/v1/token/", {"username": raw, "password": PASSWORD})
    assert response.status_code == 400 and LOCKED in response.json()["non_field_errors"][0]


def test_the_api_token_endpoint_finds_the_account_under_any_spelling(bf1):
    response = APIClient().post("/api/v1/token/", {"username": "ＢＦ１", "password": PASSWORD})
    assert response.status_code == 200 and response.json()["token"]


def test_the_admin_login_refuses_a_locked_account(client, users, settings):
    settings.LOGIN_MAX_FAILURES = 3
    lock(client, name="t-administrator")
    response = client.post("/admin/login/", {"username": "T-Administrator", "password": PASSWORD})
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert not logged_in(client)


def test_failures_on_the_admin_login_count_and_lock_the_page_login_too(client, users, settings):
    settings.LOGIN_MAX_FAILURES = 3
    lock(client, name="t-administrator", path="/admin/login/")
    failures = AuditEntry.objects.filter(action="session.login", result="failure")
    assert failures.count() == 3 and {e.summary["username"] for e in failures} == {"t-administrator"}
    response = client.post("/login/", {"username": "t-administrator", "password": PASSWORD})
    assert LOCKED in response.content.decode() and not logged_in(client)


def test_an_account_named_before_names_were_normalised_still_logs_in_as_stored(client, users):
    User.objects.filter(pk=users["liaison"].pk).update(username="Legacy-Liaison")
    assert client.post("/login/", {"username": "Legacy-Liaison", "password": PASSWORD}).status_code == 302


def test_a_name_too_long_for_any_account_is_audited_cut_to_the_longest_name(bf1):
    response = APIClient().post("/api/v1/token/", {"username": "ｘ" * 5000, "password": "wrong"})
    assert response.status_code == 400
    failure = AuditEntry.objects.get(action="session.login", result="failure")
    assert failure.summary["username"] == "x" * 150

"""R4: privileged roles need a second factor (TOTP) after the password, on pages, API and token endpoint.

Every log-in here goes through the real log-in form (no force_login): the password alone must open
nothing, a correct code from the account's authenticator opens the role's pages and API, a code works
once, wrong codes are audited and locked out like wrong passwords.
"""

from __future__ import annotations

import time

import pytest
from django.test import Client
from freezegun import freeze_time
from rest_framework.test import APIClient

from zhichan.core.models import AuditEntry, MfaDevice, Role
from zhichan.core.policy import SECOND_FACTOR_ROLES
from zhichan.core.services import mfa_device_install
from zhichan.engines.otp import new_secret, totp

PASSWORD = "test-password-123"
# A page and an API list each role may use once fully logged in (R4: "a privileged endpoint").
PRIVILEGED = {
    Role.OFFICIAL: ("/people/", "/api/v1/people/"),
    Role.MEDIATOR: ("/evidence/", "/api/v1/evidence/"),
    Role.ARBITRATOR: ("/evidence/", "/api/v1/evidence/"),
    Role.BANK_STAFF: ("/evidence/", "/api/v1/evidence/"),
    Role.AUDITOR: ("/audit/", "/api/v1/audit/"),
    Role.ADMINISTRATOR: ("/people/", "/api/v1/people/"),
}
# R4 names these five: official, mediator, credit approver (bank staff), auditor, sysadmin.
R4_ROLES = [Role.OFFICIAL, Role.MEDIATOR, Role.BANK_STAFF, Role.AUDITOR, Role.ADMINISTRATOR]


def password_login(client: Client, user) -> None:
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password step itself must succeed"


def enrolled(users, role) -> str:
    """Give the role's test user a confirmed authenticator; its secret."""
    secret = new_secret()
    mfa_device_install(actor=users["administrator"], user=users[role], secret=secret)
    return secret


def code_now(secret: str, steps_ahead: int = 0) -> str:
    return totp(secret, time.time() + 30 * steps_ahead)


def wrong_code(secret: str) -> str:
    """A well-formed code that matches no step of the current window."""
    valid = {code_now(secret, steps) for steps in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


def mfa_failures(user) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="session.mfa", result="failure", actor=user).order_by("seq"))


def test_the_second_factor_roles_are_the_privileged_ones():
    core_roles = {role for role in SECOND_FACTOR_ROLES if role in Role.values}
    assert core_roles == set(PRIVILEGED)
    # the rest are roles a module brings with the reason it needs the second factor (its manifest)
    from zhichan.core import registry

    declared = {code for _label, manifest in registry.installed() for code in manifest.second_factor}
    assert set(SECOND_FACTOR_ROLES) - core_roles == declared
    assert set(R4_ROLES) <= set(SECOND_FACTOR_ROLES)
    assert Role.RIGHTS_HOLDER not in SECOND_FACTOR_ROLES and Role.PLATFORM_CLIENT not in SECOND_FACTOR_ROLES


@pytest.mark.parametrize("role", R4_ROLES)
def test_r4_password_alone_is_denied_until_a_correct_code(client, users, role):
    page, api_list = PRIVILEGED[role]
    secret = enrolled(users, role)
    password_login(client, users[role])

    denied_page = client.get(page)
    assert denied_page.status_code == 302 and denied_page["Location"].startswith("/second-factor/?next=")
    denied_api = client.get(api_list)
    assert denied_api.status_code == 403 and "双因素认证" in denied_api.json()["detail"]
    assert AuditEntry.objects.filter(action="session.mfa_required", result="denied", actor=users[role]).exists()

    response = client.post("/second-factor/", {"code": code_now(secret), "next": page})
    assert response.status_code == 302 and response["Location"] == page
    assert client.get(page).status_code == 200
    assert client.get(api_list).status_code == 200
    assert AuditEntry.objects.filter(action="session.mfa", result="success", actor=users[role]).count() == 1


def test_r4_five_of_five_denied_with_password_only(users):
    denied = 0
    for role in R4_ROLES:
        enrolled(users, role)
        client = Client()
        password_login(client, users[role])
        page, api_list = PRIVILEGED[role]
        if client.get(page).status_code == 302 and client.get(api_list).status_code == 403:
            denied += 1
    assert denied == 5


def test_first_login_enrols_an_authenticator_shown_as_key_and_qr_code(client, users):
    official = users["official"]
    password_login(client, official)
    assert client.get("/second-factor/?next=/people/")["Location"].startswith("/second-factor/enrol/")
    page = client.get("/second-factor/enrol/?next=/people/")
    assert page.status_code == 200
    device = MfaDevice.objects.get(user=official)
    assert device.confirmed_at is None
    assert "".join(page.context["secret_groups"]) == device.secret
    assert "<svg" in page.content.decode() and device.secret[:4] in page.content.decode()
    assert page.context["uri"].startswith("otpauth://totp/") and f"secret={device.secret}" in page.context["uri"]
    assert client.get("/second-factor/enrol/").context["secret_groups"] == page.context["secret_groups"]  # stable

    wrong = client.post("/second-factor/enrol/", {"code": wrong_code(device.secret)})
    assert wrong.status_code == 200 and client.get("/people/").status_code == 302
    response = client.post("/second-factor/enrol/", {"code": code_now(device.secret), "next": "/people/"})
    assert response.status_code == 302 and response["Location"] == "/people/"
    assert client.get("/people/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed_at is not None
    assert AuditEntry.objects.filter(action="person.mfa_enrol", actor=official).count() == 1
    assert [e.summary["reason"] for e in mfa_failures(official)] == ["wrong code"]


def test_an_enrolled_account_cannot_enrol_another_authenticator_with_the_password(client, users):
    secret = enrolled(users, "auditor")
    password_login(client, users["auditor"])
    response = client.get("/second-factor/enrol/")
    assert response.status_code == 302 and response["Location"].startswith("/second-factor/?")
    assert MfaDevice.objects.get(user=users["auditor"]).secret == secret


def test_a_code_works_only_once(users):
    secret = enrolled(users, "mediator")
    with freeze_time("2026-03-02 09:00:05"):
        code = totp(secret, time.time())
        first = Client()
        password_login(first, users["mediator"])
        assert first.post("/second-factor/", {"code": code})["Location"] == "/"
        replay = Client()
        password_login(replay, users["mediator"])
        refused = replay.post("/second-factor/", {"code": code})
        assert refused.status_code == 200 and "已使用" in refused.content.decode()
        assert replay.get("/evidence/").status_code == 302
    assert mfa_failures(users["mediator"])[-1].summary == {
        "username": "t-mediator",
        "channel": "web",
        "reason": "wrong code",
    }


def test_codes_one_step_either_side_are_accepted_two_steps_are_not(client, users):
    secret = enrolled(users, "official")
    password_login(client, users["official"])
    with freeze_time("2026-03-02 09:00:05"):
        for steps in (-2, 2):
            assert client.post("/second-factor/", {"code": totp(secret, time.time() + 30 * steps)}).status_code == 200
        assert client.post("/second-factor/", {"code": totp(secret, time.time() + 30)}).status_code == 302


def test_wrong_codes_are_audited_and_lock_the_second_step_like_passwords(client, users, settings):
    settings.LOGIN_MAX_FAILURES = 3
    secret = enrolled(users, "bank_staff")
    with freeze_time("2026-03-02 09:00:05"):
        good = totp(secret, time.time())
        password_login(client, users["bank_staff"])
        for _ in range(3):
            assert client.post("/second-factor/", {"code": wrong_code(secret)}).status_code == 200
        locked = client.post("/second-factor/", {"code": good})
        assert locked.status_code == 200 and "登录失败次数过多" in locked.content.decode()
        api = APIClient().post("/api/v1/token/", {"username": "t-bank_staff", "password": PASSWORD, "otp": good})
        # the lock is the account's: the token endpoint refuses at the password already
        assert api.status_code == 400 and "登录失败次数过多" in api.json()["non_field_errors"][0]
    failures = mfa_failures(users["bank_staff"])
    assert len(failures) == 3 and all(e.client_ip == "127.0.0.1" for e in failures)
    with freeze_time("2026-03-02 09:11:05"):
        assert client.post("/second-factor/", {"code": totp(secret, time.time())}).status_code == 302


def test_a_new_password_login_asks_for_the_code_again(client, users):
    secret = enrolled(users, "auditor")
    password_login(client, users["auditor"])
    assert client.post("/second-factor/", {"code": code_now(secret)}).status_code == 302
    assert client.get("/audit/").status_code == 200
    password_login(client, users["auditor"])
    assert client.get("/audit/").status_code == 302


def test_second_factor_pages_logout_and_static_files_stay_open(client, users):
    enrolled(users, "official")
    password_login(client, users["official"])
    assert client.get("/second-factor/").status_code == 200
    assert client.get("/static/zhichan/site.css").status_code == 200
    assert "规划监测" not in client.get("/second-factor/").content.decode()  # the menu waits for the code
    assert client.post("/logout/").status_code == 302
    assert client.get("/people/")["Location"].startswith("/login/")


@pytest.mark.parametrize("role", [Role.RIGHTS_HOLDER, Role.LIAISON, Role.AGENCY_STAFF])
def test_other_roles_are_not_asked(client, users, role):
    password_login(client, users[role])
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/evidence/").status_code == 200
    assert client.get("/second-factor/")["Location"] == "/"
    token = APIClient().post("/api/v1/token/", {"username": users[role].username, "password": PASSWORD})
    assert token.status_code == 200 and token.json()["token"]
    assert not MfaDevice.objects.exists()


def test_token_endpoint_needs_a_code_for_privileged_roles(users):
    secret = enrolled(users, "auditor")
    api = APIClient()
    credentials = {"username": "t-auditor", "password": PASSWORD}
    missing = api.post("/api/v1/token/", credentials)
    assert missing.status_code == 400 and "otp" in missing.json()
    wrong = api.post("/api/v1/token/", {**credentials, "otp": wrong_code(secret)})
    assert wrong.status_code == 400 and "otp" in wrong.json()
    assert [e.summary["reason"] for e in mfa_failures(users["auditor"])] == ["missing code", "wrong code"]
    assert {e.summary["channel"] for e in mfa_failures(users["auditor"])} == {"api"}

    code = code_now(secret)
    issued = api.post("/api/v1/token/", {**credentials, "otp": code})
    assert issued.status_code == 200
    replayed = api.post("/api/v1/token/", {**credentials, "otp": code})
    assert replayed.status_code == 400 and "已使用" in replayed.json()["otp"][0]

    with_token = APIClient()
    with_token.credentials(HTTP_AUTHORIZATION=f"Token {issued.json()['token']}")
    assert with_token.get("/api/v1/audit/").status_code == 200


def test_token_endpoint_refuses_a_privileged_account_without_authenticator(users):
    refused = APIClient().post("/api/v1/token/", {"username": "t-official", "password": PASSWORD, "otp": "123456"})
    assert refused.status_code == 400 and "启用双因素认证" in refused.json()["otp"][0]
    assert mfa_failures(users["official"])[-1].summary["reason"] == "not enrolled"


def test_wrong_password_with_a_good_code_is_refused_before_the_code_is_read(users):
    secret = enrolled(users, "auditor")
    code = code_now(secret)
    response = APIClient().post("/api/v1/token/", {"username": "t-auditor", "password": "wrong", "otp": code})
    assert response.status_code == 400 and "otp" not in response.json()
    assert MfaDevice.objects.get(user=users["auditor"]).last_used_step == -1  # the code was not spent


def test_administrator_resets_a_lost_authenticator_on_the_person_page(client, users):
    secret = enrolled(users, "mediator")
    mediator_session = Client()
    password_login(mediator_session, users["mediator"])
    assert mediator_session.post("/second-factor/", {"code": code_now(secret)}).status_code == 302

    client.force_login(users["administrator"])
    person_page = f"/people/{users['mediator'].public_id}/"
    assert "重置双因素认证" in client.get(person_page).content.decode()
    response = client.post(f"{person_page}second-factor/reset/")
    assert response.status_code == 302 and response["Location"] == person_page
    assert not MfaDevice.objects.filter(user=users["mediator"]).exists()
    entry = AuditEntry.objects.get(action="person.mfa_reset")
    assert entry.actor == users["administrator"] and entry.summary == {"username": "t-mediator", "had_device": True}
    assert mediator_session.get("/evidence/")["Location"].startswith("/login/")  # the session ended

    password_login(mediator_session, users["mediator"])  # enrols anew
    assert mediator_session.get("/second-factor/")["Location"].startswith("/second-factor/enrol/")


def test_only_administrators_reset_authenticators(client, users):
    enrolled(users, "mediator")
    client.force_login(users["official"])
    person_page = f"/people/{users['mediator'].public_id}/"
    assert "重置双因素认证" not in client.get(person_page).content.decode()
    assert client.post(f"{person_page}second-factor/reset/").status_code == 403
    assert MfaDevice.objects.filter(user=users["mediator"]).exists()
    assert AuditEntry.objects.filter(action="person.change", result="denied", actor=users["official"]).exists()


def test_force_login_in_tests_stands_for_both_factors(client, users):
    """The conftest fixture: tests that are not about log-in use force_login for privileged roles."""
    client.force_login(users["auditor"])
    assert client.get("/audit/").status_code == 200


def test_demo_accounts_log_in_with_the_code_the_mfa_command_prints(orgs, settings):
    """`make run` path: demo password, then `zhichan mfa code --user official` (development only)."""
    import io

    from django.core.management import CommandError, call_command

    from zhichan.core.management.commands.demo import DEMO_PASSWORD, demo_totp_secret
    from zhichan.core.models import User

    printed = io.StringIO()
    call_command("demo", stdout=printed)
    assert demo_totp_secret("official") in printed.getvalue()
    assert MfaDevice.objects.get(user__username="official").secret == demo_totp_secret("official")
    assert set(MfaDevice.objects.values_list("user__memberships__role", flat=True)) == set(SECOND_FACTOR_ROLES)
    assert not MfaDevice.objects.filter(user__username="holder").exists()

    code = io.StringIO()
    call_command("mfa", "code", "--user", "official", stdout=code, stderr=io.StringIO())
    client = Client()
    assert client.post("/login/", {"username": "official", "password": DEMO_PASSWORD}).status_code == 302
    assert client.post("/second-factor/", {"code": code.getvalue().strip()})["Location"] == "/"
    assert client.get("/people/").status_code == 200

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="development only"):
        call_command("mfa", "code", "--user", "official", stdout=io.StringIO())
    settings.PRODUCTION = False
    with pytest.raises(CommandError, match="no confirmed authenticator"):
        call_command("mfa", "code", "--user", "holder", stdout=io.StringIO())

    call_command("mfa", "reset", "--user", "official", "--as-user", "admin", stdout=io.StringIO())
    assert not MfaDevice.objects.filter(user__username="official").exists()
    assert AuditEntry.objects.get(action="person.mfa_reset").actor == User.objects.get(username="admin")
    call_command("demo", stdout=io.StringIO())  # a second run restores the demo device
    assert MfaDevice.objects.get(user__username="official").secret == demo_totp_secret("official")


def test_readme_lists_the_demo_secrets_the_demo_command_installs():
    from tests.conftest import REPO_ROOT
    from zhichan.core.management.commands.demo import DEMO_USERS, demo_totp_secret

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for username, role, *_rest in DEMO_USERS:
        if role in SECOND_FACTOR_ROLES:
            assert f"`{username}` {demo_totp_secret(username)}" in readme


def test_a_platform_client_made_official_loses_the_token_got_without_a_code(users):
    from zhichan.core.services import api_token_issue, membership_grant

    key = api_token_issue(actor=users["administrator"], user=users["platform_client"])
    membership_grant(actor=users["administrator"], user=users["platform_client"], role=Role.OFFICIAL)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/people/").status_code in (401, 403)

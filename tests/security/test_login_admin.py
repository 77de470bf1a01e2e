"""Issue 20 item 6: whatever opens the Django admin is a privileged role with the second factor.

`zhichan createsuperuser` used to make an account without a role whose admin flags opened the lists of
every case, user and audit entry with a password alone. Now it makes an administrator (audited), every
account with `is_staff`/`is_superuser` is asked for the second factor, and the admin site itself opens
only to the policy's `admin_site` row with the second factor presented in the session.
"""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from django.test import Client

from zhichan.core.models import AuditEntry, Role, User
from zhichan.core.policy import needs_second_factor, roles_of
from zhichan.core.services import mfa_device_install, user_create
from zhichan.engines.otp import new_secret, totp

PASSWORD = "test-password-123"


@pytest.fixture
def superuser(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", username="Root", email="root@example.org", verbosity=0)
    return User.objects.get(username="root")


@pytest.fixture
def boss(users):
    """An administrator made by the service, as the person page makes one (its admin flags follow the role)."""
    return user_create(actor=users["administrator"], username="boss", password=PASSWORD, role=Role.ADMINISTRATOR)


def password_login(client: Client, username: str, path: str = "/admin/login/") -> None:
    response = client.post(path, {"username": username, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_createsuperuser_makes_an_administrator_who_needs_the_second_factor(superuser):
    assert roles_of(superuser) == (Role.ADMINISTRATOR,)
    assert superuser.is_staff and superuser.is_superuser
    assert needs_second_factor(superuser)
    created = AuditEntry.objects.get(action="person.create", object_id=str(superuser.public_id))
    assert created.actor_label == "system" and created.summary["role"] == Role.ADMINISTRATOR
    assert "os_user" in created.summary


def test_the_superusers_password_alone_opens_no_admin_page(superuser):
    client = Client()
    password_login(client, "ROOT")
    response = client.get("/admin/core/auditentry/")
    assert response.status_code == 302 and response["Location"].startswith("/second-factor/")


def test_the_admin_asks_for_the_code_then_goes_back(users, boss):
    secret = new_secret()
    mfa_device_install(actor=users["administrator"], user=boss, secret=secret)
    client = Client()
    password_login(client, "boss")
    asked = client.get("/admin/")
    assert asked.status_code == 302 and asked["Location"] == "/second-factor/?next=%2Fadmin%2F"
    back = client.post("/second-factor/?next=/admin/", {"code": totp(secret, time.time()), "next": "/admin/"})
    assert back.status_code == 302 and back["Location"] == "/admin/"
    assert client.get("/admin/core/auditentry/").status_code == 200


def test_the_admin_site_checks_the_second_factor_itself(boss, settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("SecondFactorMiddleware")]
    client = Client()
    password_login(client, "boss")
    response = client.get("/admin/core/auditentry/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_admin_flags_without_the_administrator_role_open_nothing(users):
    person = users["rights_holder"]
    User.objects.filter(pk=person.pk).update(is_staff=True, is_superuser=True)  # set outside the services
    person.refresh_from_db()
    assert needs_second_factor(person)
    client = Client()
    password_login(client, "t-rights_holder", path="/login/")
    assert client.get("/admin/")["Location"].startswith("/second-factor/")
    verified = Client()
    verified.force_login(person)  # both factors
    response = verified.get("/admin/core/auditentry/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_an_administrator_with_both_factors_uses_the_admin(client, boss):
    client.force_login(boss)
    assert client.get("/admin/core/auditentry/").status_code == 200

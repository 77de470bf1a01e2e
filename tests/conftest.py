"""Shared fixtures: one named test user per role, two organisations, and the audit triggers.

SQLite's flush (used after transactional tests) deletes rows, which the append-only triggers refuse;
transactional tests therefore drop the triggers just before the flush and every test re-installs them.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import time_machine
from hypothesis import settings as hypothesis_settings

REPO_ROOT = Path(__file__).resolve().parent.parent

# Every test runs at this instant (Beijing time), whatever day the suite runs on: a test that needs
# another day says so with its own `time_machine.travel`/`freeze_time`, or passes the day explicitly.
# The clock ticks on from it, so timeouts and elapsed times behave as usual.
PINNED_NOW = datetime(2026, 11, 25, 9, 30, tzinfo=timezone(timedelta(hours=8)))

# Property tests and the API fuzzer draw the same examples on every run, so that a red suite means the
# code changed, not that the dice fell differently. HYPOTHESIS_PROFILE=explore draws new examples each
# run (a fault found that way becomes a regression test of its own).
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def testdata_dir() -> Path:
    return Path(os.environ.get("ZHICHAN_TESTDATA", REPO_ROOT.parent / "shared" / "data"))


@pytest.fixture(autouse=True)
def _pinned_clock(request):
    """Tests never depend on the day they run. Exempt: `@pytest.mark.real_clock`, and browser tests
    (`live_server`): Chromium keeps the machine's own time and would drop cookies dated at the pinned day."""
    if request.node.get_closest_marker("real_clock") or "live_server" in request.fixturenames:
        yield
        return
    with time_machine.travel(PINNED_NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def _audit_append_only(request):
    marker = request.node.get_closest_marker("django_db")
    uses_db = marker is not None or {"db", "transactional_db", "client", "api"} & set(request.fixturenames)
    if not uses_db:
        yield
        return
    transactional = "transactional_db" in request.fixturenames or bool(
        marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.db import connection

    from zhichan.core.audit import drop_append_only_triggers, install_append_only_triggers

    install_append_only_triggers(connection)
    yield
    if transactional:  # the flush after the test empties the table (SQLite: DELETE; PostgreSQL: TRUNCATE)
        drop_append_only_triggers(connection)


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """The platform calendar is cached per process; a test's imported years end with its transaction."""
    from zhichan.core.calendar import forget

    forget()
    yield
    forget()


@pytest.fixture(autouse=True)
def _fresh_detector():
    """The listing detector is cached per process by a fingerprint of the brand tables; a brand a test
    created ends with its transaction, and the next test's brand may have the same fingerprint (the
    clock is pinned): each test starts without a cached detector."""
    from zhichan.ecommerce.detection import forget

    forget()
    yield
    forget()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in English leaves English active in the thread; every test starts in Chinese."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many users; the production hasher's 1M iterations would dominate the run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _force_login_completes_the_second_factor(monkeypatch):
    """`client.force_login(user)` stands for a completed log-in, which for the privileged roles
    (policy.SECOND_FACTOR_ROLES) is password *and* TOTP code: the session is marked as having both, so
    that tests of other things need not type codes. The second factor itself is tested through the
    real forms in tests/core/test_mfa.py. APIClient.force_authenticate has no session and needs nothing.
    """
    from django.test import Client

    from zhichan.core.auth import mark_second_factor_verified

    password_only = Client.force_login

    def force_login(self, user, backend=None):
        password_only(self, user, backend)
        session = self.session
        mark_second_factor_verified(session, user)
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _login_delay_not_waited(monkeypatch):
    """The log-in gate slows an address that keeps failing (core.auth.login_delay); tests that fail many
    log-ins from the test client's one address (the API fuzzer) must not wait it out. The delays asked
    for are recorded and checked in tests/security/test_login_lockout.py."""
    from zhichan.core import auth

    monkeypatch.setattr(auth, "sleep", lambda seconds: None)


@pytest.fixture
def evidence_root(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    return settings.EVIDENCE_ROOT


@pytest.fixture
def orgs(db):
    from zhichan.core.districts import ensure_districts
    from zhichan.core.models import District, Organisation, OrganisationKind

    ensure_districts(District)  # transactional tests flush the migration's rows
    tianhe = District.objects.get(code="440106")

    def make(name, code):
        from zhichan.engines.text import normalize, pinyin_full, pinyin_initials

        return Organisation.objects.create(
            name=name,
            name_normalized=normalize(name),
            name_pinyin=pinyin_full(name),
            name_initials=pinyin_initials(name),
            credit_code=code,
            kind=OrganisationKind.ENTERPRISE,
            district=tianhe,
            contact_name="联系人甲",
            contact_phone="13800000000",
        )

    return {
        "own": make("广州酒家集团股份有限公司", "91440300708461136T"),
        "other": make("华南创新科技有限公司", "914403001922038216"),
    }


@pytest.fixture
def users(db, orgs):
    """One named user per role; organisation members belong to orgs['own']."""
    from zhichan.core.models import Role, User

    made = {}
    for role in Role.values:
        made[role] = User.objects.create_user(
            username=f"t-{role}",
            password="test-password-123",
            role=role,
            display_name=role,
            organisation=orgs["own"] if role not in (Role.AUDITOR, Role.ADMINISTRATOR) else None,
        )
    return made


@pytest.fixture
def api(db):
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def imported(users, django_capture_on_commit_callbacks):
    """`imported(data=None, filename=..., actor=None)` imports a holiday table (default: the 2027 test table)
    as an official, running the after-commit recomputation of the apps."""
    from tests.calendar_table import table
    from zhichan.core import jobs, services

    def run(data=None, filename="2027.csv", actor=None):
        with django_capture_on_commit_callbacks(execute=True):
            report = services.calendar_import(actor=actor or users["official"], data=data or table(), filename=filename)
        jobs.execute(report["job"])  # as the task worker does
        return report

    return run

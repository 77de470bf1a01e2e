"""R13: schema fuzzing of API v1 with schemathesis against the committed docs/api/openapi.json.

Requests go in-process through the project's WSGI application (no network, no server). The demo data
(`zhichan demo`: organisations, people, cases, clues, notices, plan tasks ...) is loaded once for the
module inside an outer transaction that is rolled back at the end; every operation's examples then run
in a savepoint of their own, so list answers carry real rows for the response-schema check.

Each operation is fuzzed four ways: as an official (session cookie with its CSRF pair, as the web
front end sends it), as a platform client (API token, as integrations send it), without credentials
(refused except the token endpoint and the public directory of organisations) and with an invalid
token (always refused). Checks: no 5xx, answers conform to the schema. ZHICHAN_FUZZ_EXAMPLES sets the
examples per operation (default 25; the nightly run uses 500).

The examples are the same on every run (the "repeatable" Hypothesis profile of tests/conftest.py);
HYPOTHESIS_PROFILE=explore draws new ones each run.
"""

from __future__ import annotations

import io
import os
import secrets

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("ZHICHAN_FUZZ_EXAMPLES", "25"))
CHECKS = [not_a_server_error, response_schema_conformance]
ORGANISATIONS = ("/api/v1/organisations/", "/api/v1/organisations/{id}/")
# What the policy table lets an anonymous caller do: log in for a token, read the public directory of organisations.
ANONYMOUS_ALLOWED = {
    ("POST", "/api/v1/token/"),
    ("OPTIONS", "/api/v1/token/"),
    *((method, path) for method in ("GET", "HEAD", "OPTIONS") for path in ORGANISATIONS),
}

SCHEMA_FILE = REPO_ROOT / "docs" / "api" / "openapi.json"
schema = schemathesis.openapi.from_path(SCHEMA_FILE)
schema.app = WSGIHandler()
# With an invalid token every request is refused before it is read: the coverage phase's thousands of
# malformed variants would test nothing more, so that run keeps the examples and fuzzing phases only.
refused_schema = schemathesis.openapi.from_path(
    SCHEMA_FILE, config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
)
refused_schema.app = schema.app

# Identifiers of the demo rows, per list path: detail and action operations draw from them as well as
# from the generated values, so they reach real objects and not only the 404 branch.
REAL_IDS: dict[str, list[str]] = {}


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    name = next(iter(path_parameters or {}), None)
    ids = REAL_IDS.get(context.operation.path.split("{")[0], [])
    if name is None or not ids:
        return st.just(path_parameters)
    return st.just(path_parameters) | st.sampled_from(ids).map(lambda real: {**path_parameters, name: real})


fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one savepoint per operation, shared by its examples
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The demo data, loaded once and rolled back after the module."""
    from django.core.management import call_command
    from django.db import transaction

    # Rolled back after the module as a TestCase class's transaction is, and marked as one (Django's own
    # flag): the durable denial_record may then run in it, for the refusals met while listing below, as it
    # does in a test's transaction (inside a service's transaction it raises RuntimeError).
    world = transaction.atomic()
    world._from_testcase = True
    with django_db_blocker.unblock(), world:
        call_command("demo", stdout=io.StringIO())
        REAL_IDS.update(_listed_ids())
        yield
        REAL_IDS.clear()
        transaction.set_rollback(True)


def _listed_ids() -> dict[str, list[str]]:
    """The first page of every list operation, read by the first demo user allowed to list it."""
    from rest_framework.test import APIClient

    from zhichan.core.models import User

    found = {}
    readers = [User.objects.get(username=name) for name in ("official", "auditor", "admin", "platform", "mediator")]
    for path, item in schema.raw_schema["paths"].items():
        if "{" in path or "get" not in item:
            continue
        for reader in readers:
            client = APIClient()
            client.force_authenticate(reader)
            response = client.get(path)
            if response.status_code == 200 and isinstance(response.json(), dict):
                rows = response.json().get("results", [])
                found[path] = [str(row["id"]) for row in rows if "id" in row][:20]
                break
    return found


@pytest.fixture
def in_process(demo_world, db, monkeypatch):
    """Keep the test's database connection across requests (as Django's test client does).

    Rate limits are off: thousands of requests a minute would otherwise end in 429s (R14 tests them).
    """
    from django.core import signals
    from django.db import close_old_connections
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda self, request, view: True)
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def official_session(in_process):
    """(cookies, headers) of a logged-in official: session cookie plus the CSRF cookie/header pair."""
    from django.test import Client

    from zhichan.core.models import User

    client = Client()
    client.force_login(User.objects.get(username="official"))
    csrf = secrets.token_hex(16)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf}, {"X-CSRFToken": csrf}


@pytest.fixture
def platform_token(in_process):
    from zhichan.core.models import User
    from zhichan.core.services import api_token_issue

    key = api_token_issue(actor=User.objects.get(username="admin"), user=User.objects.get(username="platform"))
    return {"Authorization": f"Token {key}"}


@schema.parametrize()
@fuzz_settings
def test_fuzz_as_official(case, official_session):
    cookies, headers = official_session
    case.call_and_validate(cookies=cookies, headers=headers, checks=CHECKS)


@schema.parametrize()
@fuzz_settings
def test_fuzz_as_platform_client(case, platform_token):
    case.call_and_validate(headers=platform_token, checks=CHECKS)


@schema.parametrize()
@fuzz_settings
def test_fuzz_without_credentials(case, in_process):
    response = case.call_and_validate(checks=CHECKS)
    if (case.method.upper(), case.path) not in ANONYMOUS_ALLOWED:
        assert response.status_code >= 400, (case.method, case.path, response.status_code)


@refused_schema.parametrize()
@settings(fuzz_settings, max_examples=max(5, EXAMPLES // 5))
def test_fuzz_with_invalid_token(case, in_process):
    response = case.call_and_validate(headers={"Authorization": f"Token {secrets.token_hex(20)}"}, checks=CHECKS)
    if case.method.upper() in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        # A NUL character in the path or query is refused (400) before anything else reads the request.
        malformed = response.status_code == 400 and _holds_nul(case)
        assert response.status_code in (401, 403, 404) or malformed, (case.method, case.path, response.status_code)


def _holds_nul(case) -> bool:
    texts = []
    for name, value in [*(case.path_parameters or {}).items(), *(case.query or {}).items()]:
        texts += [name, *(value if isinstance(value, list) else [value])]
    return any("\x00" in str(text) for text in texts)

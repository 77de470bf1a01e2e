"""Walks every (role x object x action) cell of the policy table over HTTP.

For each cell the expected answer follows from the table and the target's relation to the user
(own organisation, assigned, own, other): allowed -> 2xx; outside the read scope -> 404; visible but
not allowed -> 403. Denials leak no field of the target and each one leaves a `denied` audit entry.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from zhichan.core import audit, registry
from zhichan.core.models import ANONYMOUS_ROLE, AuditEntry, EvidenceFile, Job, Role, User
from zhichan.core.modules import resolve
from zhichan.core.policy import POLICY, Action, permits, scope_for
from zhichan.core.services import evidence_upload

ROLES = [ANONYMOUS_ROLE, *Role.values]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ROUTES = {
    "organisation": "organisations",
    "person": "people",
    "evidence": "evidence",
    "audit_entry": "audit",
    "job": "jobs",
}


@pytest.fixture
def world(users, orgs, evidence_root):
    """Targets in every relation to the acting user."""
    outsider = User.objects.create_user(
        username="t-outsider", password="x-password-123", role=Role.RIGHTS_HOLDER, organisation=orgs["other"]
    )
    own_evidence = evidence_upload(actor=users["rights_holder"], name="own.pdf", chunks=[PDF])
    other_evidence = evidence_upload(actor=outsider, name="other.pdf", chunks=[PDF + b"%other"])
    shared_evidence = evidence_upload(actor=outsider, name="shared.pdf", chunks=[PDF + b"%shared"])
    targets = {
        "organisation": [orgs["own"], orgs["other"]],
        "person": [None, outsider],  # None = the acting user itself
        "evidence": [own_evidence, other_evidence, shared_evidence],
        "audit_entry": [audit.record(actor=outsider, action="test.event", object_type="thing")],
        "job": [None, Job.objects.create(kind="core.organisations_import", created_by=outsider)],
    }
    for user in users.values():
        shared_evidence.shared_with.add(user)
    return {"outsider": outsider, "targets": targets}


def _client(users, role):
    client = APIClient()
    if role != ANONYMOUS_ROLE:
        client.force_authenticate(users[role])
    return client, (users[role] if role != ANONYMOUS_ROLE else None)


def _target(users, role, object_type, target):
    if target is not None:
        return target
    user = users.get(role)
    if object_type == "person":
        return user
    if object_type == "job":
        return Job.objects.create(kind="core.organisations_import", created_by=user) if user else None
    return None


def _lookup(object_type, obj):
    return str(obj.public_id) if object_type in ("person", "audit_entry") else str(obj.pk)


def _expected(user, object_type, action, obj):
    if scope_for(user, object_type, Action.READ) is None:
        return {403}
    if not permits(user, object_type, Action.READ, obj):
        return {404}
    return None if permits(user, object_type, action, obj) else {403}


def _assert_denial(response, before, obj, expected):
    assert response.status_code in expected, (response.status_code, expected, response.content[:200])
    assert AuditEntry.objects.filter(result="denied").count() > before
    body = response.content.decode()
    for secret in ("contact_phone", "13800000000", getattr(obj, "sha256", "\0"), getattr(obj, "credit_code", "\0")):
        assert not secret or secret not in body


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("object_type", list(ROUTES))
def test_matrix(users, world, role, object_type):
    client, user = _client(users, role)
    base = f"/api/v1/{ROUTES[object_type]}/"
    checked = 0
    objects = [_target(users, role, object_type, candidate) for candidate in world["targets"][object_type]]
    objects = [obj for obj in objects if obj is not None]

    # list
    before = AuditEntry.objects.filter(result="denied").count()
    response = client.get(base)
    if scope_for(user, object_type, Action.LIST) is None:
        _assert_denial(response, before, None, {403})
    else:
        assert response.status_code == 200
        listed = {row["id"] for row in response.json()["results"]}
        for obj in objects:
            assert (_lookup(object_type, obj) in listed) == permits(user, object_type, Action.LIST, obj)
    checked += 1

    for obj in objects:
        url = f"{base}{_lookup(object_type, obj)}/"
        requests = [(Action.READ, lambda u=url: client.get(u))]
        if object_type == "organisation":
            requests.append((Action.CHANGE, lambda u=url: client.patch(u, {"address": "改过的地址"}, format="json")))
        if object_type == "evidence":
            requests.append((Action.DOWNLOAD, lambda u=url: client.get(f"{u}download/")))
        if object_type == "job":
            requests.append((Action.CHANGE, lambda u=url: client.post(f"{u}rerun/")))
        for action, send in requests:
            before = AuditEntry.objects.filter(result="denied").count()
            response = send()
            expected = _expected(user, object_type, action, obj)
            if expected is None:
                assert response.status_code in (200, 202, 400), (action, response.status_code, response.content[:200])
                if action == Action.CHANGE and object_type == "job":
                    assert response.status_code == 400  # allowed, but only failed jobs re-run
            else:
                _assert_denial(response, before, obj, expected)
            checked += 1
    assert checked >= 2


@pytest.mark.parametrize("role", ROLES)
def test_organisation_create_and_delete(users, world, role):
    client, user = _client(users, role)
    before = AuditEntry.objects.filter(result="denied").count()
    response = client.post(
        "/api/v1/organisations/",
        {"name": "新设立的广州公司", "kind": "enterprise", "credit_code": "91350100M000100Y43"},
        format="json",
    )
    if permits(user, "organisation", Action.CREATE):
        assert response.status_code == 201, response.content
        created = response.json()["id"]
    else:
        _assert_denial(response, before, None, {403})
        created = None
    target = created or str(world["targets"]["organisation"][1].pk)
    before = AuditEntry.objects.filter(result="denied").count()
    response = client.delete(f"/api/v1/organisations/{target}/")
    if permits(user, "organisation", Action.DELETE):
        assert response.status_code == 204
    else:
        _assert_denial(response, before, None, {403, 404})


@pytest.mark.parametrize("role", ROLES)
def test_evidence_cannot_be_changed_or_deleted_by_anyone(users, world, role):
    client, _user = _client(users, role)
    evidence = world["targets"]["evidence"][0]
    for method in ("patch", "put", "delete"):
        response = getattr(client, method)(f"/api/v1/evidence/{evidence.pk}/", {}, format="json")
        assert response.status_code in (403, 404, 405)
    evidence.refresh_from_db()
    assert EvidenceFile.objects.filter(pk=evidence.pk, sha256=evidence.sha256).exists()


def test_policy_table_covers_every_role_and_object():
    # a module's own roles (its manifest's `roles=`, e.g. the programmes' finance officer) join core's
    declared = {role for _label, manifest in registry.installed() for role in manifest.roles}
    for object_type, rows in POLICY.items():
        for role in rows:
            assert role in ROLES or role in declared, (object_type, role)


def test_hand_checked_cells(users, world):
    """A few cells written out by hand, independent of the table, so a wrong table also fails."""
    holder, _ = _client(users, Role.RIGHTS_HOLDER)
    own, other, shared = world["targets"]["evidence"]
    assert holder.get(f"/api/v1/evidence/{own.pk}/download/").status_code == 200
    assert holder.get(f"/api/v1/evidence/{other.pk}/").status_code == 404
    mediator, _ = _client(users, Role.MEDIATOR)
    assert mediator.get(f"/api/v1/evidence/{shared.pk}/download/").status_code == 200
    assert mediator.get(f"/api/v1/evidence/{own.pk}/").status_code == 404
    anonymous = APIClient()
    assert anonymous.get("/api/v1/audit/").status_code == 403
    assert "contact_phone" not in anonymous.get("/api/v1/organisations/").content.decode()
    official, _ = _client(users, Role.OFFICIAL)
    assert official.get("/api/v1/audit/").status_code == 403
    auditor, _ = _client(users, Role.AUDITOR)
    assert auditor.get("/api/v1/audit/").status_code == 200
    assert (
        auditor.patch(
            f"/api/v1/organisations/{world['targets']['organisation'][0].pk}/", {"address": "x"}, format="json"
        ).status_code
        == 403
    )


# Every object type of the policy table, with the API list that serves it (None: no list in the API;
# those are enforced in services and pages, and each app's tests walk them).
LIST_URLS = {
    "organisation": "/api/v1/organisations/",
    "person": "/api/v1/people/",
    "evidence": "/api/v1/evidence/",
    "audit_entry": "/api/v1/audit/",
    "audit_purge": None,  # page only: its role walk is in tests/core/test_audit_purge.py
    "work_calendar": "/api/v1/calendar-days/",
    "job": "/api/v1/jobs/",
    "admin_site": None,
    "api_token": None,
}
# Each module places its own object types: its policy module's `API_LISTS`.
for _label, _manifest in registry.installed():
    LIST_URLS.update(getattr(resolve(_manifest.policy), "API_LISTS", {}) if _manifest.policy else {})


def test_every_object_type_is_placed_in_the_matrix():
    assert set(LIST_URLS) >= set(POLICY), f"add {sorted(set(POLICY) - set(LIST_URLS))} to LIST_URLS"


@pytest.mark.parametrize("role", ROLES)
def test_list_access_of_every_api_object_type(users, role):
    client, user = _client(users, role)
    for object_type, url in LIST_URLS.items():
        if url is None or object_type not in POLICY:
            continue
        before = AuditEntry.objects.filter(result="denied").count()
        response = client.get(url)
        if scope_for(user, object_type, Action.LIST) is None:
            assert response.status_code == 403, (object_type, role, response.status_code)
            assert AuditEntry.objects.filter(result="denied").count() > before
        else:
            assert response.status_code == 200, (object_type, role, response.status_code)

"""Memberships: a person holds several roles, each in an organisation, and the policy answers for any.

The cast: 陈律师 works for an IP agency (agency staff there) and owns marks through her own small firm
(rights holder there); 李调解员 is both a mediator and an arbitrator. Existing one-role accounts were
migrated into one membership each.
"""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.kit import assert_denied_and_audited
from zhichan.core import labels, policy
from zhichan.core.models import AuditEntry, Membership, Organisation, Role, User
from zhichan.core.policy import Action, acts_for, allowed_queryset, organisations_in_scope, permits, roles_of
from zhichan.core.services import evidence_upload, membership_grant, membership_revoke, user_create
from zhichan.ecommerce.services import brand_register

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def agency(orgs):
    return Organisation.objects.create(
        name="广州某知识产权代理有限公司", name_normalized="广州某知识产权代理有限公司", kind="agency"
    )


@pytest.fixture
def lawyer(users, orgs, agency):
    """Agency staff at the agency (her home organisation), rights holder of her own firm (orgs['own'])."""
    person = user_create(
        actor=users["administrator"],
        username="t-chen",
        password="a-strong-password-9",
        role=Role.AGENCY_STAFF,
        organisation=agency,
    )
    membership_grant(actor=users["administrator"], user=person, role=Role.RIGHTS_HOLDER, organisation=orgs["own"])
    return person


def test_each_role_counts_within_its_own_organisation(users, orgs, agency, lawyer):
    assert roles_of(lawyer) == (Role.AGENCY_STAFF, Role.RIGHTS_HOLDER)
    # registering a brand is a rights holder's right, for the organisation she holds that role in only
    assert acts_for(lawyer, "protected_brand", Action.CREATE, orgs["own"])
    assert not acts_for(lawyer, "protected_brand", Action.CREATE, agency)
    assert organisations_in_scope(lawyer, "protected_brand", Action.CREATE) == {orgs["own"].pk}
    brand = brand_register(actor=lawyer, owner=orgs["own"], data={"name": "陈记"})
    assert brand.owner == orgs["own"]
    assert_denied_and_audited(
        lambda: brand_register(actor=lawyer, owner=agency, data={"name": "代理所"}),
        action="protected_brand.create",
        object_type="protected_brand",
        object_id="",
        reason="owner is another organisation",
    )
    # reading evidence: both roles read their own organisation's, so she sees both, and nobody else's
    at_agency = evidence_upload(actor=lawyer, name="a.pdf", chunks=[PDF])
    at_firm = evidence_upload(actor=users["rights_holder"], name="b.pdf", chunks=[PDF + b"%b"])
    outsider = User.objects.create_user(
        username="t-out", password="x" * 12, role="rights_holder", organisation=orgs["other"]
    )
    elsewhere = evidence_upload(actor=outsider, name="c.pdf", chunks=[PDF + b"%c"])
    shared = evidence_upload(actor=outsider, name="d.pdf", chunks=[PDF + b"%d"])
    evidence = at_agency._meta.model.objects.all()
    assert sorted(allowed_queryset(lawyer, "evidence", Action.LIST, evidence).values_list("pk", flat=True)) == sorted(
        [at_agency.pk, at_firm.pk]
    )
    assert permits(lawyer, "evidence", Action.READ, at_firm) and not permits(lawyer, "evidence", Action.READ, elsewhere)
    # as a mediator too, she also reads what is shared with her: once each, however many it is shared with
    membership_grant(actor=users["administrator"], user=lawyer, role=Role.MEDIATOR)
    for item in (at_firm, shared):
        for person in (users["official"], users["mediator"], lawyer):
            item.shared_with.add(person)
    visible = list(allowed_queryset(lawyer, "evidence", Action.LIST, evidence).values_list("pk", flat=True))
    assert sorted(visible) == sorted([at_agency.pk, at_firm.pk, shared.pk])
    assert permits(lawyer, "evidence", Action.READ, shared) and not permits(lawyer, "evidence", Action.READ, elsewhere)


def test_one_person_mediator_and_arbitrator(users, orgs):
    person = users["mediator"]
    membership_grant(actor=users["administrator"], user=person, role=Role.ARBITRATOR)
    assert set(roles_of(person)) == {Role.MEDIATOR, Role.ARBITRATOR}
    assert permits(person, "mediator_roster", Action.CHANGE)  # still on the roster as a mediator
    entry = AuditEntry.objects.filter(action="person.membership_grant").latest("seq")
    assert entry.summary == {"role": "arbitrator", "organisation": None}
    evidence_upload(actor=person, name="m.pdf", chunks=[PDF + b"%m"])
    acted = AuditEntry.objects.filter(action="evidence.upload").latest("seq")
    assert acted.actor_role == "mediator,arbitrator"
    assert labels.label(labels.ROLE, acted.actor_role) == "调解员、仲裁员"


def test_grant_and_revoke_are_refused_audited_and_keep_the_last_role(users, orgs, lawyer):
    with pytest.raises(ValidationError, match="已在该组织担任此角色"):
        membership_grant(actor=users["administrator"], user=lawyer, role=Role.RIGHTS_HOLDER, organisation=orgs["own"])
    with pytest.raises(ValidationError, match="角色"):
        membership_grant(actor=users["administrator"], user=lawyer, role="astronaut")
    assert_denied_and_audited(
        lambda: membership_grant(actor=users["rights_holder"], user=lawyer, role=Role.OFFICIAL),
        action="person.change",
        object_type="person",
        object_id=lawyer.pk,
    )
    firm = lawyer.memberships.get(role=Role.RIGHTS_HOLDER)
    membership_revoke(actor=users["administrator"], membership=firm)
    assert roles_of(lawyer) == (Role.AGENCY_STAFF,)
    assert not acts_for(lawyer, "protected_brand", Action.CREATE, orgs["own"])
    with pytest.raises(ValidationError, match="唯一的角色"):
        membership_revoke(actor=users["administrator"], membership=lawyer.memberships.get())
    assert AuditEntry.objects.filter(action="person.membership_revoke", object_id=str(lawyer.public_id)).count() == 1


def test_administrator_membership_sets_the_admin_site_flags(users):
    person = users["official"]
    assert not person.is_staff
    membership = membership_grant(actor=users["administrator"], user=person, role=Role.ADMINISTRATOR)
    person.refresh_from_db()
    assert person.is_staff and person.is_superuser
    membership_revoke(actor=users["administrator"], membership=membership)
    person.refresh_from_db()
    assert not person.is_staff and not person.is_superuser


def test_the_person_page_grants_and_takes_roles(client, users, orgs, lawyer):
    client.force_login(users["administrator"])
    page = client.get(f"/people/{lawyer.public_id}/")
    assert "服务机构人员" in page.content.decode() and "增加角色" in page.content.decode()
    response = client.post(f"/people/{lawyer.public_id}/roles/", {"role": "liaison", "organisation": orgs["other"].pk})
    assert response.status_code == 302
    assert lawyer.memberships.filter(role=Role.LIAISON, organisation=orgs["other"]).exists()
    taken = lawyer.memberships.get(role=Role.LIAISON)
    assert client.post(f"/people/{lawyer.public_id}/roles/", {"revoke": taken.pk}).status_code == 302
    assert not lawyer.memberships.filter(role=Role.LIAISON).exists()
    client.force_login(users["rights_holder"])
    assert client.post(f"/people/{lawyer.public_id}/roles/", {"role": "official"}).status_code in (403, 404)
    assert not lawyer.memberships.filter(role=Role.OFFICIAL).exists()


def test_the_api_lists_a_persons_memberships(api, users, orgs, lawyer):
    api.force_authenticate(users["administrator"])
    row = next(r for r in api.get("/api/v1/people/?page_size=100").json()["results"] if r["username"] == "t-chen")
    assert row["role"] == "agency_staff"  # the first granted, as before memberships
    assert row["memberships"] == [
        {"role": "agency_staff", "organisation": str(lawyer.organisation_id)},
        {"role": "rights_holder", "organisation": str(orgs["own"].pk)},
    ]


def test_a_module_brings_its_roles(monkeypatch):
    monkeypatch.setattr(policy, "ROLE_LABELS", dict(policy.ROLE_LABELS))
    monkeypatch.setattr(policy, "SECOND_FACTOR_ROLES", dict(policy.SECOND_FACTOR_ROLES))
    policy.add_roles({"insurer": "保险机构人员"}, {"insurer": "reads pledged patents' valuations"})
    assert "insurer" in policy.ROLE_LABELS and "insurer" in policy.SECOND_FACTOR_ROLES
    with pytest.raises(ValueError, match="declared twice"):
        policy.add_roles({"official": "重复"}, {})
    with pytest.raises(ValueError, match="unknown role"):
        policy.add_roles({}, {"astronaut": "no such role"})


@pytest.mark.django_db(transaction=True)
def test_existing_accounts_keep_their_role_as_their_first_membership():
    executor = MigrationExecutor(connection)
    executor.migrate([("core", "0008_periodic_schedules")])
    old = executor.loader.project_state([("core", "0008_periodic_schedules")]).apps
    OldUser = old.get_model("core", "User")
    OldOrganisation = old.get_model("core", "Organisation")
    firm = OldOrganisation.objects.create(name="老账号公司", name_normalized="老账号公司", kind="enterprise")
    OldUser.objects.create(username="t-old-liaison", role="liaison", organisation_id=firm.pk, public_id=uuid.uuid4())
    OldUser.objects.create(username="t-old-auditor", role="auditor", public_id=uuid.uuid4())
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    liaison = User.objects.get(username="t-old-liaison")
    assert [(m.role, m.organisation_id) for m in liaison.memberships.all()] == [("liaison", firm.pk)]
    assert [m.role for m in Membership.objects.filter(user__username="t-old-auditor")] == ["auditor"]

"""The one policy table: which role may do what to which kind of object, and within what scope.

Pages, API and services all ask this table; the matrix test walks every (role, object, action) cell
of it over HTTP. Core's own rows are here; each module's rows and object types live in its `policy.py`
and join the table at start-up (`add_rows`, through the module's manifest).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Model, Q, QuerySet

from zhichan.core.models import ANONYMOUS_ROLE, Role


class Action(StrEnum):
    LIST = "list"
    READ = "read"
    CREATE = "create"
    CHANGE = "change"
    DELETE = "delete"
    DOWNLOAD = "download"


class Scope(StrEnum):
    ALL = "all"
    OWN_ORGANISATION = "own_organisation"  # objects of the user's own organisation
    ASSIGNED = "assigned"  # objects assigned or shared to the user (cases, evidence)
    OWN = "own"  # objects the user created, or the user's own record


@dataclass(frozen=True)
class ObjectType:
    """How scopes translate into queryset filters for one kind of object."""

    name: str
    scope_filters: dict[Scope, Callable[[Any], Q]]

    def filter_for(self, user: Any, scope: Scope) -> Q:
        if scope == Scope.ALL:
            return Q()
        build = self.scope_filters.get(scope)
        if build is None:
            raise LookupError(f"object type {self.name} has no scope {scope}")
        return build(user)


A, G, S, W = Scope.ALL, Scope.OWN_ORGANISATION, Scope.ASSIGNED, Scope.OWN
ANON = ANONYMOUS_ROLE
R = Role

# POLICY[object][role][action] = scope; a missing cell means "not allowed".
POLICY: dict[str, dict[str, dict[Action, Scope]]] = {
    "organisation": {
        ANON: {Action.LIST: A, Action.READ: A},
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A, Action.DOWNLOAD: A},
        R.LIAISON: {Action.LIST: A, Action.READ: A, Action.CHANGE: G},
        R.RIGHTS_HOLDER: {Action.LIST: A, Action.READ: A, Action.CHANGE: G},
        R.MEDIATOR: {Action.LIST: A, Action.READ: A},
        R.ARBITRATOR: {Action.LIST: A, Action.READ: A},
        R.PLATFORM_CLIENT: {Action.LIST: A, Action.READ: A},
        R.AGENCY_STAFF: {Action.LIST: A, Action.READ: A, Action.CHANGE: G},
        R.BANK_STAFF: {Action.LIST: A, Action.READ: A, Action.CHANGE: G},
        R.AUDITOR: {Action.LIST: A, Action.READ: A, Action.DOWNLOAD: A},
        R.ADMINISTRATOR: {
            Action.LIST: A,
            Action.READ: A,
            Action.CREATE: A,
            Action.CHANGE: A,
            Action.DELETE: A,
            Action.DOWNLOAD: A,
        },
    },
    "person": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A},
        R.LIAISON: {Action.LIST: W, Action.READ: W},
        R.RIGHTS_HOLDER: {Action.LIST: G, Action.READ: G},
        R.MEDIATOR: {Action.LIST: W, Action.READ: W},
        R.ARBITRATOR: {Action.LIST: W, Action.READ: W},
        R.PLATFORM_CLIENT: {Action.LIST: W, Action.READ: W},
        R.AGENCY_STAFF: {Action.LIST: G, Action.READ: G},
        R.BANK_STAFF: {Action.LIST: G, Action.READ: G},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {
            Action.LIST: A,
            Action.READ: A,
            Action.CREATE: A,
            Action.CHANGE: A,
            Action.DELETE: A,
        },
    },
    "evidence": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.DOWNLOAD: A},
        R.LIAISON: {Action.LIST: W, Action.READ: W, Action.CREATE: A, Action.DOWNLOAD: W},
        R.RIGHTS_HOLDER: {Action.LIST: G, Action.READ: G, Action.CREATE: A, Action.DOWNLOAD: G},
        R.MEDIATOR: {Action.LIST: S, Action.READ: S, Action.CREATE: A, Action.DOWNLOAD: S},
        R.ARBITRATOR: {Action.LIST: S, Action.READ: S, Action.DOWNLOAD: S},
        R.PLATFORM_CLIENT: {Action.LIST: W, Action.READ: W, Action.CREATE: A, Action.DOWNLOAD: W},
        R.AGENCY_STAFF: {Action.LIST: G, Action.READ: G, Action.CREATE: A, Action.DOWNLOAD: G},
        R.BANK_STAFF: {Action.LIST: G, Action.READ: G, Action.CREATE: A, Action.DOWNLOAD: G},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A},
    },
    "audit_entry": {
        R.AUDITOR: {Action.LIST: A, Action.READ: A, Action.DOWNLOAD: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A},
    },
    # the retention purge of the audit log, under dual control: an administrator requests it, an auditor
    # (never the requester, checked by the service) approves or refuses it (CHANGE)
    "audit_purge": {
        R.AUDITOR: {Action.LIST: A, Action.READ: A, Action.CHANGE: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A, Action.CREATE: A},
    },
    "job": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: W},
        R.LIAISON: {Action.LIST: W, Action.READ: W, Action.CREATE: A, Action.CHANGE: W},
        R.RIGHTS_HOLDER: {Action.LIST: W, Action.READ: W},
        R.MEDIATOR: {Action.LIST: W, Action.READ: W},
        R.ARBITRATOR: {Action.LIST: W, Action.READ: W},
        R.PLATFORM_CLIENT: {Action.LIST: W, Action.READ: W, Action.CREATE: A},
        R.AGENCY_STAFF: {Action.LIST: W, Action.READ: W},
        R.BANK_STAFF: {Action.LIST: W, Action.READ: W},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A},
    },
    # the State Council holiday notices imported for legal clocks: public facts, imported by the office
    "work_calendar": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A, Action.CREATE: A},
        R.LIAISON: {Action.LIST: A, Action.READ: A},
        R.RIGHTS_HOLDER: {Action.LIST: A, Action.READ: A},
        R.MEDIATOR: {Action.LIST: A, Action.READ: A},
        R.ARBITRATOR: {Action.LIST: A, Action.READ: A},
        R.PLATFORM_CLIENT: {Action.LIST: A, Action.READ: A},
        R.AGENCY_STAFF: {Action.LIST: A, Action.READ: A},
        R.BANK_STAFF: {Action.LIST: A, Action.READ: A},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
    },
}

# Roles whose log-in needs a second factor (a TOTP code, HMAC-based: cryptographic) after the password,
# before any page or API call is answered. Basis: GB/T 22239-2019 level 3, 安全计算环境·身份鉴别 (d):
# "采用口令、密码技术、生物技术等两种或两种以上组合的鉴别技术对用户进行身份鉴别，且其中一种鉴别技术至少应使用
# 密码技术来实现" (reliability.md C2(d), check R4). The reason column says why each role is privileged.
SECOND_FACTOR_ROLES: dict[str, str] = {
    R.OFFICIAL: "decides cases and credit listings; reads every party's evidence",
    R.MEDIATOR: "reads the evidence and statements of the cases assigned to them",
    R.ARBITRATOR: "reads the evidence of the cases assigned to them",
    R.BANK_STAFF: "approves IP-pledge credit (the credit approver of R4)",
    R.AUDITOR: "reads and exports the whole audit log",
    R.ADMINISTRATOR: "creates accounts, changes roles, resets second factors",
}


def needs_second_factor(user: Any) -> bool:
    """True for an active account of a role in SECOND_FACTOR_ROLES."""
    return role_of(user) in SECOND_FACTOR_ROLES


OBJECT_TYPES: dict[str, ObjectType] = {}


def register_object_type(object_type: ObjectType) -> None:
    OBJECT_TYPES[object_type.name] = object_type


def add_rows(rows: dict[str, dict[str, dict[Action, Scope]]]) -> None:
    """A module's policy rows join the table at start-up (its `policy.py`, named by its manifest)."""
    for object_type, by_role in rows.items():
        if POLICY.get(object_type, by_role) != by_role:
            raise ValueError(f"policy rows for {object_type!r} are declared twice")
        POLICY[object_type] = by_role


def role_of(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS_ROLE
    return str(user.role)


def scope_for(user: Any, object_type: str, action: Action) -> Scope | None:
    """The scope within which `user` may perform `action`, or None when not at all."""
    return POLICY[object_type].get(role_of(user), {}).get(action)


def allowed_queryset(user: Any, object_type: str, action: Action, queryset: QuerySet) -> QuerySet:
    scope = scope_for(user, object_type, action)
    if scope is None:
        return queryset.none()
    return queryset.filter(OBJECT_TYPES[object_type].filter_for(user, scope))


def permits(user: Any, object_type: str, action: Action, obj: Model | None = None) -> bool:
    scope = scope_for(user, object_type, action)
    if scope is None:
        return False
    if obj is None or scope == Scope.ALL:
        return True
    condition = OBJECT_TYPES[object_type].filter_for(user, scope)
    return type(obj)._default_manager.filter(condition, pk=obj.pk).exists()


def own_organisation(field: str) -> Callable[[Any], Q]:
    """Scope OWN_ORGANISATION: objects whose `field` is the user's organisation (none without one)."""

    def build(user: Any) -> Q:
        if user.organisation_id is None:
            return Q(pk__in=[])
        return Q(**{field: user.organisation_id})

    return build


register_object_type(ObjectType("organisation", {Scope.OWN_ORGANISATION: own_organisation("pk")}))
register_object_type(
    ObjectType(
        "person",
        {Scope.OWN: lambda user: Q(pk=user.pk), Scope.OWN_ORGANISATION: own_organisation("organisation_id")},
    )
)
register_object_type(
    ObjectType(
        "evidence",
        {
            Scope.OWN_ORGANISATION: own_organisation("organisation_id"),
            Scope.ASSIGNED: lambda user: Q(shared_with=user),
            Scope.OWN: lambda user: Q(uploaded_by=user),
        },
    )
)
register_object_type(ObjectType("audit_entry", {}))
register_object_type(ObjectType("audit_purge", {}))
register_object_type(ObjectType("work_calendar", {}))
register_object_type(ObjectType("job", {Scope.OWN: lambda user: Q(created_by=user)}))

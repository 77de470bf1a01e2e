"""The one policy table: which role may do what to which kind of object, and within what scope.

Pages, API and services all ask this table; the matrix test walks every (role, object, action) cell
of it over HTTP. Core's own rows are here; each module's rows and object types live in its `policy.py`
and join the table at start-up (`add_rows`, through the module's manifest), as do the roles a module
brings (`add_roles`).

A person holds one or more memberships (a role, usually in an organisation): each is a *seat* here, and
the policy answers for any of them. A scope is evaluated per seat: "own organisation" is the seat's
organisation, so an agency's staff member who also owns marks of their own firm sees each within its
role. Code outside the policy files never compares role names: it asks `permits`, `acts_for` or
`organisations_in_scope` (a test bans role strings elsewhere).
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
class Seat:
    """One membership as the policy sees it: the person, the role and the organisation it is held in."""

    user: Any  # None for the anonymous seat
    role: str
    organisation_id: int | None


ANONYMOUS_SEAT = Seat(None, ANONYMOUS_ROLE, None)


@dataclass(frozen=True)
class ObjectType:
    """How scopes translate into queryset filters for one kind of object (built from one seat)."""

    name: str
    scope_filters: dict[Scope, Callable[[Seat], Q]]

    def filter_for(self, seat: Seat, scope: Scope) -> Q:
        if scope == Scope.ALL:
            return Q()
        build = self.scope_filters.get(scope)
        if build is None:
            raise LookupError(f"object type {self.name} has no scope {scope}")
        return build(seat)


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
    # Django's own admin site (its is_staff / is_superuser flags follow this row)
    "admin_site": {
        R.ADMINISTRATOR: {Action.READ: A},
    },
    # who may hold an API token: the platforms' interface accounts (issuing one is a change of the person)
    "api_token": {
        R.PLATFORM_CLIENT: {Action.CREATE: A},
    },
    "job": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: W},
        R.LIAISON: {Action.LIST: W, Action.READ: W, Action.CREATE: A, Action.CHANGE: W},
        R.RIGHTS_HOLDER: {Action.LIST: W, Action.READ: W},
        R.MEDIATOR: {Action.LIST: W, Action.READ: W},
        R.ARBITRATOR: {Action.LIST: W, Action.READ: W},
        # a platform re-runs its own failed imports (a lost worker, an error), as an office's staff do
        R.PLATFORM_CLIENT: {Action.LIST: W, Action.READ: W, Action.CREATE: A, Action.CHANGE: W},
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
    """True for an active account holding any role of SECOND_FACTOR_ROLES, or any account with Django's
    admin flags (`is_staff`, `is_superuser`): whatever opens the admin site is privileged."""
    active = user is not None and getattr(user, "is_authenticated", False) and user.is_active
    if active and (user.is_staff or user.is_superuser):
        return True
    return any(seat.role in SECOND_FACTOR_ROLES for seat in seats(user))


# Every role a membership may hold, with its label: core's, then those the modules' manifests bring.
ROLE_LABELS: dict[str, Any] = {str(code): label for code, label in Role.choices}


def add_roles(labels: dict[str, Any], second_factor: dict[str, str]) -> None:
    """A module's roles join at start-up (its manifest's `roles`), with the reason of those that are
    privileged enough to need a second factor."""
    for code, label in labels.items():
        if code in ROLE_LABELS or code == ANONYMOUS_ROLE:
            raise ValueError(f"role {code!r} is declared twice")
        ROLE_LABELS[code] = label
    for code, reason in second_factor.items():
        if code not in ROLE_LABELS:
            raise ValueError(f"second factor for an unknown role {code!r}")
        SECOND_FACTOR_ROLES[code] = reason


OBJECT_TYPES: dict[str, ObjectType] = {}


def register_object_type(object_type: ObjectType) -> None:
    OBJECT_TYPES[object_type.name] = object_type


def add_rows(rows: dict[str, dict[str, dict[Action, Scope]]]) -> None:
    """A module's policy rows join the table at start-up (its `policy.py`, named by its manifest)."""
    for object_type, by_role in rows.items():
        if POLICY.get(object_type, by_role) != by_role:
            raise ValueError(f"policy rows for {object_type!r} are declared twice")
        POLICY[object_type] = by_role


def seats(user: Any) -> tuple[Seat, ...]:
    """The seats a person acts in: one per membership (read once per user object), or the anonymous
    seat for nobody, an inactive account or an account that holds no role."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return (ANONYMOUS_SEAT,)
    cached = getattr(user, "_policy_seats", None)
    if cached is None:
        found = tuple(Seat(user, m.role, m.organisation_id) for m in user.memberships.all())
        cached = found or (ANONYMOUS_SEAT,)
        user._policy_seats = cached
    return cached


def forget_seats(user: Any) -> None:
    """After a membership changed: the next question reads the person's memberships again."""
    if user is not None:
        user.__dict__.pop("_policy_seats", None)


def roles_of(user: Any) -> tuple[str, ...]:
    """The person's role codes, first granted first (for display and the audit log, not for decisions)."""
    return tuple(dict.fromkeys(seat.role for seat in seats(user)))


def _grants(user: Any, object_type: str, action: Action) -> list[tuple[Scope, Seat]]:
    rows = POLICY[object_type]
    found = []
    for seat in seats(user):
        scope = rows.get(seat.role, {}).get(action)
        if scope is not None:
            found.append((scope, seat))
    return found


def scope_for(user: Any, object_type: str, action: Action) -> Scope | None:
    """The widest scope any of the person's roles gives for `action` (ALL when one gives it), or None
    when none allows it at all. Which objects exactly: `allowed_queryset`, `permits`."""
    found = _grants(user, object_type, action)
    if not found:
        return None
    return Scope.ALL if any(scope == Scope.ALL for scope, _seat in found) else found[0][0]


def _condition(user: Any, object_type: str, action: Action) -> Q | None:
    """The objects any seat reaches, as one filter (Q() for all), or None when no seat may."""
    found = _grants(user, object_type, action)
    if not found:
        return None
    if any(scope == Scope.ALL for scope, _seat in found):
        return Q()
    condition = Q()
    for scope, seat in found:
        part = OBJECT_TYPES[object_type].filter_for(seat, scope)
        condition = part if not condition else condition | part
    return condition


def allowed_queryset(user: Any, object_type: str, action: Action, queryset: QuerySet) -> QuerySet:
    condition = _condition(user, object_type, action)
    if condition is None:
        return queryset.none()
    if len(_grants(user, object_type, action)) > 1 and condition:
        # several seats: their filters OR-ed over joins would repeat rows, so select by key instead
        return queryset.filter(pk__in=queryset.model._default_manager.filter(condition).values("pk"))
    return queryset.filter(condition)


def permits(user: Any, object_type: str, action: Action, obj: Model | None = None) -> bool:
    condition = _condition(user, object_type, action)
    if condition is None:
        return False
    if obj is None or not condition:
        return True
    return type(obj)._default_manager.filter(condition, pk=obj.pk).exists()


def organisations_in_scope(user: Any, object_type: str, action: Action) -> frozenset[int] | None:
    """For whom `user` may do `action`: None for any organisation (a seat with scope ALL), else the
    organisations of the seats whose scope is their own organisation (empty: for none)."""
    found = _grants(user, object_type, action)
    if any(scope == Scope.ALL for scope, _seat in found):
        return None
    return frozenset(
        seat.organisation_id
        for scope, seat in found
        if scope == Scope.OWN_ORGANISATION and seat.organisation_id is not None
    )


def acts_for(user: Any, object_type: str, action: Action, organisation: Any) -> bool:
    """Whether `user` may do `action` on behalf of `organisation` (the owner of a brand being
    registered, the platform whose listings are sent, the department whose plan is entered)."""
    if not _grants(user, object_type, action):
        return False
    allowed = organisations_in_scope(user, object_type, action)
    return allowed is None or getattr(organisation, "pk", organisation) in allowed


def own_organisation(field: str) -> Callable[[Seat], Q]:
    """Scope OWN_ORGANISATION: objects whose `field` is the seat's organisation (none without one)."""

    def build(seat: Seat) -> Q:
        if seat.organisation_id is None:
            return Q(pk__in=[])
        return Q(**{field: seat.organisation_id})

    return build


register_object_type(ObjectType("organisation", {Scope.OWN_ORGANISATION: own_organisation("pk")}))
register_object_type(
    ObjectType(
        "person",
        {Scope.OWN: lambda seat: Q(pk=seat.user.pk), Scope.OWN_ORGANISATION: own_organisation("organisation_id")},
    )
)
register_object_type(
    ObjectType(
        "evidence",
        {
            Scope.OWN_ORGANISATION: own_organisation("organisation_id"),
            Scope.ASSIGNED: lambda seat: Q(shared_with=seat.user),
            Scope.OWN: lambda seat: Q(uploaded_by=seat.user),
        },
    )
)
register_object_type(ObjectType("audit_entry", {}))
register_object_type(ObjectType("audit_purge", {}))
register_object_type(ObjectType("api_token", {}))
register_object_type(ObjectType("admin_site", {}))
register_object_type(ObjectType("work_calendar", {}))
register_object_type(ObjectType("job", {Scope.OWN: lambda seat: Q(created_by=seat.user)}))

"""Who may do what with cases (M2, M3, M6): cases, reopening, live sessions, mediators, fairs."""

from __future__ import annotations

from django.db.models import Q

from zhichan.core.policy import ANONYMOUS_ROLE, Action, ObjectType, Role, Scope, own_organisation

A, G, S, W = Scope.ALL, Scope.OWN_ORGANISATION, Scope.ASSIGNED, Scope.OWN
ANON = ANONYMOUS_ROLE
R = Role

# POLICY[object][role][action] = scope; a missing cell means "not allowed".
POLICY: dict[str, dict[str, dict[Action, Scope]]] = {
    "case": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A, Action.DOWNLOAD: A},
        R.RIGHTS_HOLDER: {Action.LIST: G, Action.READ: G, Action.CREATE: A, Action.DOWNLOAD: G},
        R.MEDIATOR: {Action.LIST: S, Action.READ: S, Action.CHANGE: S, Action.DOWNLOAD: S},
        R.PLATFORM_CLIENT: {Action.LIST: W, Action.READ: W, Action.CREATE: A},
        R.AGENCY_STAFF: {Action.LIST: G, Action.READ: G, Action.CREATE: A},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A},
    },
    "case_reopen": {
        R.OFFICIAL: {Action.CHANGE: A},
    },
    # the procedure's steps beyond mediation (triage, ruling, extensions, closing): the office's
    "case_procedure": {
        R.OFFICIAL: {Action.CHANGE: A},
    },
    # registering a complaint for a requester the form names (not the filer's own organisation)
    "case_on_behalf": {
        R.OFFICIAL: {Action.CREATE: A},
    },
    # the person filing is the requester in person (a rights holder for its own organisation)
    "case_in_person": {
        R.RIGHTS_HOLDER: {Action.CREATE: A},
    },
    # a live online mediation session: its participants read and speak (CHANGE = post a message)
    "mediation_session": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CHANGE: A},
        R.MEDIATOR: {Action.LIST: S, Action.READ: S, Action.CHANGE: S},
        R.RIGHTS_HOLDER: {Action.LIST: S, Action.READ: S, Action.CHANGE: S},
        R.AGENCY_STAFF: {Action.LIST: S, Action.READ: S, Action.CHANGE: S},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
    },
    "mediator": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A},
        R.MEDIATOR: {Action.LIST: A, Action.READ: A, Action.CHANGE: W},
        R.RIGHTS_HOLDER: {Action.LIST: A, Action.READ: A},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A},
    },
    # who may serve on the roster of mediators (the role a person must hold to be registered as one)
    "mediator_roster": {
        R.MEDIATOR: {Action.CHANGE: A},
    },
    "fair": {
        ANON: {Action.LIST: A, Action.READ: A},
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A},
        R.LIAISON: {Action.LIST: A, Action.READ: A},
        R.RIGHTS_HOLDER: {Action.LIST: A, Action.READ: A},
        R.MEDIATOR: {Action.LIST: A, Action.READ: A},
        R.PLATFORM_CLIENT: {Action.LIST: A, Action.READ: A},
        R.AGENCY_STAFF: {Action.LIST: A, Action.READ: A},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A},
    },
}

OBJECT_TYPES = [
    ObjectType(
        "case",
        {
            Scope.OWN_ORGANISATION: own_organisation("requester_org_id"),
            Scope.ASSIGNED: lambda seat: Q(mediator=seat.user) | Q(assigned_official=seat.user),
            Scope.OWN: lambda seat: Q(created_by=seat.user),
        },
    ),
    ObjectType("case_reopen", {}),
    ObjectType("case_procedure", {}),
    ObjectType("case_on_behalf", {}),
    ObjectType("case_in_person", {}),
    ObjectType("mediation_session", {Scope.ASSIGNED: lambda seat: Q(participants=seat.user)}),
    ObjectType("mediator", {Scope.OWN: lambda seat: Q(user=seat.user)}),
    ObjectType("mediator_roster", {}),
    ObjectType("fair", {}),
]

# The API list of each object type for the policy matrix walk (None: pages only, walked in the module's tests).
API_LISTS: dict[str, str | None] = {
    "case": "/api/v1/cases/",
    "case_reopen": None,
    "mediation_session": "/api/v1/mediation-sessions/",
    "mediator": None,
    "fair": None,
    "mediator_roster": None,
    "case_procedure": None,  # permissions of workflow steps: every cell in tests/cases/test_workflows.py
    "case_on_behalf": None,
    "case_in_person": None,
}

"""Who may do what in the agencies module: the IP office keeps the directory and runs the inspections;
an agency's staff see their own agency; the public sees the published inspection results (一公开)."""

from __future__ import annotations

from zhichan.core.policy import ANONYMOUS_ROLE, Action, ObjectType, Role, Scope, own_organisation

A = Scope.ALL
G = Scope.OWN_ORGANISATION
R = Role
ANON = ANONYMOUS_ROLE
READ_ALL = {Action.LIST: A, Action.READ: A}

# POLICY[object][role][action] = scope; a missing cell means "not allowed".
POLICY: dict[str, dict[str, dict[Action, Scope]]] = {
    "agency": {
        R.OFFICIAL: {**READ_ALL, Action.CREATE: A, Action.CHANGE: A, Action.DOWNLOAD: A},
        R.AGENCY_STAFF: {Action.LIST: G, Action.READ: G},
        R.AUDITOR: {**READ_ALL, Action.DOWNLOAD: A},
        # the command line's system account imports the directory (`zhichan agencies import`)
        R.ADMINISTRATOR: {**READ_ALL, Action.CREATE: A, Action.CHANGE: A},
    },
    # the plans of 双随机 inspections: their lists, seed hash and draw (published once drawn)
    "agency_inspection_plan": {
        R.OFFICIAL: {**READ_ALL, Action.CREATE: A, Action.CHANGE: A, Action.DOWNLOAD: A},
        R.AUDITOR: {**READ_ALL, Action.DOWNLOAD: A},
    },
    # the published results (一公开): anyone, signed in or not
    "agency_inspection_public": {
        ANON: READ_ALL,
        R.OFFICIAL: READ_ALL,
        R.LIAISON: READ_ALL,
        R.RIGHTS_HOLDER: READ_ALL,
        R.MEDIATOR: READ_ALL,
        R.ARBITRATOR: READ_ALL,
        R.PLATFORM_CLIENT: READ_ALL,
        R.AGENCY_STAFF: READ_ALL,
        R.BANK_STAFF: READ_ALL,
        R.AUDITOR: READ_ALL,
        R.ADMINISTRATOR: READ_ALL,
    },
}

OBJECT_TYPES = [
    ObjectType("agency", {Scope.OWN_ORGANISATION: own_organisation("organisation_id")}),
    ObjectType("agency_inspection_plan", {}),
    ObjectType("agency_inspection_public", {}),
]

# The API list of each object type for the policy matrix walk (None: pages only, walked in the module's tests).
API_LISTS: dict[str, str | None] = {
    "agency": "/api/v1/agencies/",
    "agency_inspection_plan": None,
    "agency_inspection_public": None,
}

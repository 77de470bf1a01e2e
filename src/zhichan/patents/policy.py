"""Who may do what with the patent register: bibliographic data is public; importing is the office's
and the holders' (a university or a firm imports its own portfolio), rebuilding the index the office's."""

from __future__ import annotations

from zhichan.core.policy import ANONYMOUS_ROLE, Action, ObjectType, Role, Scope

A = Scope.ALL
R = Role
READ_ONLY = {Action.LIST: A, Action.READ: A}
IMPORTS = {Action.LIST: A, Action.READ: A, Action.CREATE: A}

# POLICY[object][role][action] = scope; a missing cell means "not allowed".
POLICY: dict[str, dict[str, dict[Action, Scope]]] = {
    "patent": {
        ANONYMOUS_ROLE: READ_ONLY,
        R.OFFICIAL: {**IMPORTS, Action.CHANGE: A, Action.DOWNLOAD: A},
        R.LIAISON: READ_ONLY,
        R.RIGHTS_HOLDER: {**IMPORTS, Action.DOWNLOAD: A},
        R.MEDIATOR: READ_ONLY,
        R.ARBITRATOR: READ_ONLY,
        R.PLATFORM_CLIENT: READ_ONLY,
        R.AGENCY_STAFF: {**IMPORTS, Action.DOWNLOAD: A},
        R.BANK_STAFF: {**READ_ONLY, Action.DOWNLOAD: A},
        R.AUDITOR: READ_ONLY,
        R.ADMINISTRATOR: {**IMPORTS, Action.CHANGE: A},
    },
}

OBJECT_TYPES = [ObjectType("patent", {})]

# The API list of each object type for the policy matrix walk (None: pages only, walked in the module's tests).
API_LISTS: dict[str, str | None] = {"patent": None}

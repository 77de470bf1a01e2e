"""Who may do what with the patent register: bibliographic data is public; importing is the office's
and the holders' (a university or a firm imports its own portfolio), rebuilding the index the office's."""

from __future__ import annotations

from zhichan.core.policy import ANONYMOUS_ROLE, Action, ObjectType, Role, Scope, own_organisation

A = Scope.ALL
R = Role
OWN = Scope.OWN_ORGANISATION
READ_ONLY = {Action.LIST: A, Action.READ: A}
READ_OWN = {Action.LIST: OWN, Action.READ: OWN}
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
    # legal-status events: public with the patent (shown on its page); imported by the office
    "patent_event": {
        R.OFFICIAL: IMPORTS,
        R.ADMINISTRATOR: IMPORTS,
        R.AUDITOR: READ_ONLY,
    },
    # annual-fee monitoring (年费监控): the patentee organisation's members see their own patents
    "patent_fee": {R.RIGHTS_HOLDER: READ_OWN, R.OFFICIAL: READ_ONLY, R.AUDITOR: READ_ONLY},
    "patent_fee_reminder": {R.RIGHTS_HOLDER: READ_OWN, R.OFFICIAL: READ_ONLY, R.AUDITOR: READ_ONLY},
}

OBJECT_TYPES = [
    ObjectType("patent", {}),
    ObjectType("patent_event", {}),
    ObjectType("patent_fee", {OWN: own_organisation("holders__organisation_id")}),
    ObjectType("patent_fee_reminder", {OWN: own_organisation("organisation_id")}),
]

# The API list of each object type for the policy matrix walk (None: pages only, walked in the module's tests).
API_LISTS: dict[str, str | None] = {key: None for key in POLICY}

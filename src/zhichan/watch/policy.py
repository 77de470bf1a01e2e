"""Who may do what in the watch module: the office keeps the register and works the alerts; an owner
sees its own marks and their alerts, asks for a mark to be watched, and prepares its own opposition."""

from __future__ import annotations

from zhichan.core.policy import Action, ObjectType, Role, Scope, own_organisation

A = Scope.ALL
G = Scope.OWN_ORGANISATION
R = Role
READ_ALL = {Action.LIST: A, Action.READ: A}
READ_OWN = {Action.LIST: G, Action.READ: G}

# POLICY[object][role][action] = scope; a missing cell means "not allowed".
POLICY: dict[str, dict[str, dict[Action, Scope]]] = {
    "watch_mark": {
        R.OFFICIAL: {**READ_ALL, Action.CREATE: A, Action.CHANGE: A, Action.DOWNLOAD: A},
        # CREATE within its own organisation: the request to watch one of its marks (`acts_for`)
        R.RIGHTS_HOLDER: {**READ_OWN, Action.CREATE: G},
        R.AGENCY_STAFF: READ_OWN,
        R.AUDITOR: {**READ_ALL, Action.DOWNLOAD: A},
        R.ADMINISTRATOR: {**READ_ALL, Action.CREATE: A, Action.CHANGE: A},
    },
    "watch_request_review": {R.OFFICIAL: {Action.CHANGE: A}},
    # watched patents (their legal events told to the owner): an owner asks for one of the patents its
    # organisation holds (CREATE within its organisation); the office accepts, declines or adds one (CHANGE)
    "watch_patent": {
        R.OFFICIAL: {**READ_ALL, Action.CREATE: A, Action.CHANGE: A},
        R.RIGHTS_HOLDER: {**READ_OWN, Action.CREATE: G},
        R.AUDITOR: READ_ALL,
        R.ADMINISTRATOR: READ_ALL,
    },
    "watch_publication": {
        R.OFFICIAL: {**READ_ALL, Action.CREATE: A},
        R.AUDITOR: READ_ALL,
        R.ADMINISTRATOR: {**READ_ALL, Action.CREATE: A},
    },
    "watch_alert": {
        R.OFFICIAL: {**READ_ALL, Action.CHANGE: A},
        R.RIGHTS_HOLDER: {**READ_OWN, Action.CHANGE: G},
        R.AUDITOR: READ_ALL,
        R.ADMINISTRATOR: READ_ALL,
    },
    # names of the directory and shop names screened against the marks (CREATE runs the screening)
    # (the weekly run is the system account's, an administrator's, as the publications' screening is)
    "watch_name_alert": {
        R.OFFICIAL: {**READ_ALL, Action.CREATE: A, Action.CHANGE: A},
        R.RIGHTS_HOLDER: {**READ_OWN, Action.CHANGE: G},
        R.AUDITOR: READ_ALL,
        R.ADMINISTRATOR: {**READ_ALL, Action.CREATE: A},
    },
    # the office's own steps of an alert or a name alert (review, telling the owner)
    "watch_alert_review": {R.OFFICIAL: {Action.CHANGE: A}},
    "watch_reminder": {R.RIGHTS_HOLDER: READ_OWN, R.OFFICIAL: READ_ALL, R.AUDITOR: READ_ALL},
    # bad-faith filing signals (辅助研判): the office's own work, never shown to applicants or owners;
    # CREATE runs an assessment
    "watch_applicant_signal": {
        R.OFFICIAL: {**READ_ALL, Action.CREATE: A},
        R.AUDITOR: READ_ALL,
    },
    # a confirmed finding of the competent authority, recorded with its document (Art. 8(3))
    "watch_badfaith_finding": {
        R.OFFICIAL: {**READ_ALL, Action.CREATE: A},
        R.AUDITOR: READ_ALL,
    },
}

OBJECT_TYPES = [
    ObjectType("watch_mark", {Scope.OWN_ORGANISATION: own_organisation("owner_id")}),
    ObjectType("watch_request_review", {}),
    ObjectType("watch_patent", {Scope.OWN_ORGANISATION: own_organisation("owner_id")}),
    ObjectType("watch_publication", {}),
    ObjectType("watch_alert", {Scope.OWN_ORGANISATION: own_organisation("mark__owner_id")}),
    ObjectType("watch_name_alert", {Scope.OWN_ORGANISATION: own_organisation("mark__owner_id")}),
    ObjectType("watch_alert_review", {}),
    ObjectType("watch_reminder", {Scope.OWN_ORGANISATION: own_organisation("organisation_id")}),
    ObjectType("watch_applicant_signal", {}),
    ObjectType("watch_badfaith_finding", {}),
]

# The API list of each object type for the policy matrix walk (None: pages only, walked in the module's tests).
API_LISTS: dict[str, str | None] = {key: None for key in POLICY}

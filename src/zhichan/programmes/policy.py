"""Who may do what in the programmes module.

The IP office keeps the programmes, their versions and calls, reviews applications (formal check,
review, publicity) and decides them (a second official, not the reviewer: the services refuse the
reviewer); an enterprise's members (rights holders) apply for their own organisation and read its
applications and clawback notices; the module's finance officer records payments and repayments
(public money: a second factor); auditors read everything; the publicity list is public.
"""

from __future__ import annotations

from zhichan.core.policy import ANONYMOUS_ROLE, Action, ObjectType, Role, Scope, own_organisation

A = Scope.ALL
G = Scope.OWN_ORGANISATION
R = Role
ANON = ANONYMOUS_ROLE
READ_ALL = {Action.LIST: A, Action.READ: A}
KEEP = {**READ_ALL, Action.CREATE: A, Action.CHANGE: A, Action.DOWNLOAD: A}

# The module's own role (manifest `roles=`): records payments and repayments of subsidies.
FINANCE = "programme_finance"

SIGNED_IN = (R.OFFICIAL, R.LIAISON, R.RIGHTS_HOLDER, R.MEDIATOR, R.ARBITRATOR, R.PLATFORM_CLIENT)
SIGNED_IN += (R.AGENCY_STAFF, R.BANK_STAFF, R.AUDITOR, R.ADMINISTRATOR)

# POLICY[object][role][action] = scope; a missing cell means "not allowed".
POLICY: dict[str, dict[str, dict[Action, Scope]]] = {
    # programmes, their versions (the measure and its rules) and calls: published terms
    "programme": {
        **{role: READ_ALL for role in SIGNED_IN},
        R.OFFICIAL: KEEP,
        R.AUDITOR: {**READ_ALL, Action.DOWNLOAD: A},
        FINANCE: {**READ_ALL, Action.DOWNLOAD: A},
    },
    "programme_application": {
        R.OFFICIAL: {**READ_ALL, Action.CHANGE: A, Action.DOWNLOAD: A},
        R.RIGHTS_HOLDER: {Action.LIST: G, Action.READ: G, Action.CREATE: G, Action.CHANGE: G},
        R.AUDITOR: {**READ_ALL, Action.DOWNLOAD: A},
        FINANCE: {**READ_ALL, Action.CHANGE: A, Action.DOWNLOAD: A},
    },
    # the applicant's steps (edit the draft, submit): its own organisation's applications
    "programme_submission": {R.RIGHTS_HOLDER: {Action.CHANGE: G}},
    # the office's steps: formal check, review, publicity, return, reject
    "programme_review": {R.OFFICIAL: {Action.CHANGE: A}},
    # the decision after publicity: an official other than the reviewer (the service checks who)
    "programme_decision": {R.OFFICIAL: {Action.CHANGE: A}},
    "programme_payment": {FINANCE: {**READ_ALL, Action.CHANGE: A}, R.OFFICIAL: READ_ALL, R.AUDITOR: READ_ALL},
    # findings that refuse or void items (abnormal applications, bad faith, false material)
    "programme_finding": {
        R.OFFICIAL: {**READ_ALL, Action.CREATE: A},
        R.AUDITOR: READ_ALL,
        FINANCE: READ_ALL,
    },
    "programme_clawback": {
        R.OFFICIAL: {**READ_ALL, Action.CREATE: A, Action.DOWNLOAD: A},
        FINANCE: {**READ_ALL, Action.CHANGE: A, Action.DOWNLOAD: A},
        R.RIGHTS_HOLDER: {Action.LIST: G, Action.READ: G},
        R.AUDITOR: {**READ_ALL, Action.DOWNLOAD: A},
    },
    # the publicity list (公示): anyone, signed in or not
    "programme_publicity": {
        ANON: {**READ_ALL, Action.DOWNLOAD: A},
        **{r: {**READ_ALL, Action.DOWNLOAD: A} for r in SIGNED_IN},
    },
    # budget use per programme and year
    "programme_budget": {R.OFFICIAL: {**READ_ALL, Action.DOWNLOAD: A}, R.AUDITOR: READ_ALL, FINANCE: READ_ALL},
    # the registers: certifications, copyright registrations, demonstration and advantage enterprises
    "programme_register": {
        R.OFFICIAL: KEEP,
        R.LIAISON: READ_ALL,
        R.AUDITOR: {**READ_ALL, Action.DOWNLOAD: A},
        R.ADMINISTRATOR: {**READ_ALL, Action.CREATE: A},  # `zhichan programmes import-...` runs as the system
    },
}
POLICY["programme_publicity"][FINANCE] = READ_ALL

OBJECT_TYPES = [
    ObjectType("programme", {}),
    ObjectType("programme_application", {Scope.OWN_ORGANISATION: own_organisation("organisation_id")}),
    ObjectType("programme_submission", {Scope.OWN_ORGANISATION: own_organisation("organisation_id")}),
    ObjectType("programme_review", {}),
    ObjectType("programme_decision", {}),
    ObjectType("programme_payment", {}),
    ObjectType("programme_finding", {}),
    ObjectType("programme_clawback", {Scope.OWN_ORGANISATION: own_organisation("item__application__organisation_id")}),
    ObjectType("programme_publicity", {}),
    ObjectType("programme_budget", {}),
    ObjectType("programme_register", {}),
]

# The API list of each object type for the policy matrix walk (None: pages only, walked in the module's tests).
API_LISTS: dict[str, str | None] = {name: None for name in POLICY}

"""Who may do what in the credit module: the IP office's officials keep the credit files, import the
candidate events, propose, notify, decide (a second official), publish, remove and repair; auditors
read; the modules and partner departments ask the eligibility check; anyone queries the public part."""

from __future__ import annotations

from zhichan.core.policy import ANONYMOUS_ROLE, Action, ObjectType, Role, Scope

A = Scope.ALL
R = Role
READ_ALL = {Action.LIST: A, Action.READ: A}
OFFICE = {**READ_ALL, Action.CREATE: A, Action.CHANGE: A, Action.DOWNLOAD: A}

# POLICY[object][role][action] = scope; a missing cell means "not allowed".
POLICY: dict[str, dict[str, dict[Action, Scope]]] = {
    # the official file of an organisation or a person concerned (identity number in clear only here)
    "credit_file": {R.OFFICIAL: OFFICE, R.AUDITOR: READ_ALL},
    # credit events and the candidates modules offer (CREATE: import a candidate, record an event)
    "credit_event": {R.OFFICIAL: OFFICE, R.AUDITOR: READ_ALL},
    # the serious-dishonesty list and its due process (the decision by a second official)
    "credit_listing": {R.OFFICIAL: OFFICE, R.AUDITOR: READ_ALL},
    # credit repair applications, their review and decision
    "credit_repair": {R.OFFICIAL: OFFICE, R.AUDITOR: READ_ALL},
    # the measures catalogue (editable table with its bases)
    "credit_measure": {R.OFFICIAL: {**READ_ALL, Action.CHANGE: A, Action.CREATE: A}, R.AUDITOR: READ_ALL},
    # the eligibility check other modules and partner departments ask (answer, measures, basis)
    "credit_eligibility": {
        R.OFFICIAL: READ_ALL,
        R.LIAISON: READ_ALL,
        R.PLATFORM_CLIENT: READ_ALL,
        R.BANK_STAFF: READ_ALL,
        R.AUDITOR: READ_ALL,
    },
    # the public query (信用查询): the public part of the list and good records, for anyone
    "credit_public": {role: READ_ALL for role in (ANONYMOUS_ROLE, *Role.values)},
}

OBJECT_TYPES = [
    ObjectType("credit_file", {}),
    ObjectType("credit_event", {}),
    ObjectType("credit_listing", {}),
    ObjectType("credit_repair", {}),
    ObjectType("credit_measure", {}),
    ObjectType("credit_eligibility", {}),
    ObjectType("credit_public", {}),
]

# No API list: the eligibility API answers one question; the pages are walked in tests/credit.
API_LISTS: dict[str, str | None] = {name: None for name in POLICY}

"""Who may do what in plan monitoring (M1): the plan, observations, annual plans, reports, reviews."""

from __future__ import annotations

from zhichan.core.policy import Action, ObjectType, Role, Scope, own_organisation

A, G = Scope.ALL, Scope.OWN_ORGANISATION
R = Role

# POLICY[object][role][action] = scope; a missing cell means "not allowed".
POLICY: dict[str, dict[str, dict[Action, Scope]]] = {
    # planning (M1): the plan and its parts (sections, tasks, boxed projects, indicators, department
    # names); CREATE is importing the text, CHANGE editing department names and indicator providers.
    "plan": {
        **{
            role: {Action.LIST: A, Action.READ: A}
            for role in (R.RIGHTS_HOLDER, R.MEDIATOR, R.ARBITRATOR, R.PLATFORM_CLIENT, R.AGENCY_STAFF, R.BANK_STAFF)
        },
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A, Action.DOWNLOAD: A},
        R.LIAISON: {Action.LIST: A, Action.READ: A, Action.DOWNLOAD: A},
        R.AUDITOR: {Action.LIST: A, Action.READ: A, Action.DOWNLOAD: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A, Action.DOWNLOAD: A},
    },
    # planning (M1): indicator values entered or computed; the IP office keeps them.
    "plan_observation": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A, Action.DOWNLOAD: A},
        R.LIAISON: {Action.LIST: A, Action.READ: A},
        R.AUDITOR: {Action.LIST: A, Action.READ: A, Action.DOWNLOAD: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A},
    },
    # planning (M1): annual plans and progress reports, entered by the lead department's liaison
    # (own organisation) and reviewed by the IP office ("plan_review" CREATE = approve or return).
    "plan_annual_plan": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A},
        R.LIAISON: {Action.LIST: G, Action.READ: G, Action.CREATE: G, Action.CHANGE: G},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A},
    },
    "plan_progress_report": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A},
        R.LIAISON: {Action.LIST: G, Action.READ: G, Action.CREATE: G, Action.CHANGE: G},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A},
    },
    "plan_review": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
    },
}

OBJECT_TYPES = [
    ObjectType("plan", {}),
    ObjectType("plan_observation", {}),
    ObjectType("plan_annual_plan", {Scope.OWN_ORGANISATION: own_organisation("department_id")}),
    ObjectType("plan_progress_report", {Scope.OWN_ORGANISATION: own_organisation("department_id")}),
    ObjectType("plan_review", {}),
]

# The API list of each object type for the policy matrix walk (None: pages only, walked in the module's tests).
API_LISTS: dict[str, str | None] = {
    "plan": "/api/v1/plan/tasks/",
    "plan_observation": None,
    "plan_annual_plan": None,
    "plan_progress_report": None,
    "plan_review": None,
}

"""Who may do what in the e-commerce module (M7): brands, listings, clues, notices, vocabulary."""

from __future__ import annotations

from zhichan.core.policy import Action, ObjectType, Role, Scope, own_organisation

A, G = Scope.ALL, Scope.OWN_ORGANISATION
R = Role

# POLICY[object][role][action] = scope; a missing cell means "not allowed".
POLICY: dict[str, dict[str, dict[Action, Scope]]] = {
    "protected_brand": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A},
        # a rights holder registers the brands of its own organisation (CREATE within it: `acts_for`)
        R.RIGHTS_HOLDER: {Action.LIST: G, Action.READ: G, Action.CREATE: G, Action.CHANGE: G},
        R.AGENCY_STAFF: {Action.LIST: G, Action.READ: G},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A},
    },
    "listing": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A},
        # a platform's interface sends its own platform's listings; the office sends for any platform
        R.PLATFORM_CLIENT: {Action.LIST: G, Action.READ: G, Action.CREATE: G},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A},
    },
    "clue": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CHANGE: A, Action.DOWNLOAD: A},
        R.RIGHTS_HOLDER: {Action.LIST: G, Action.READ: G},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A},
    },
    "listing_vocabulary": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CHANGE: A},
        R.PLATFORM_CLIENT: {Action.LIST: A, Action.READ: A},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A, Action.CHANGE: A},
    },
    # the steps of a notice by party (the workflow's `permission`): the platform acts on its listings,
    # the rights holder reports its complaint; the office may take any step for either
    "notice_platform_step": {
        R.OFFICIAL: {Action.CHANGE: A},
        R.PLATFORM_CLIENT: {Action.CHANGE: G},
    },
    "notice_holder_step": {
        R.OFFICIAL: {Action.CHANGE: A},
        R.RIGHTS_HOLDER: {Action.CHANGE: G},
    },
    "notice": {
        R.OFFICIAL: {Action.LIST: A, Action.READ: A, Action.CREATE: A, Action.CHANGE: A},
        R.RIGHTS_HOLDER: {Action.LIST: G, Action.READ: G, Action.CHANGE: G},
        R.PLATFORM_CLIENT: {Action.LIST: G, Action.READ: G, Action.CHANGE: G},
        R.AUDITOR: {Action.LIST: A, Action.READ: A},
        R.ADMINISTRATOR: {Action.LIST: A, Action.READ: A},
    },
}

_platform, _brand_owner = own_organisation("platform_id"), own_organisation("clue__brand__owner_id")

OBJECT_TYPES = [
    ObjectType("notice_platform_step", {Scope.OWN_ORGANISATION: _platform}),
    ObjectType("notice_holder_step", {Scope.OWN_ORGANISATION: _brand_owner}),
    ObjectType("protected_brand", {Scope.OWN_ORGANISATION: own_organisation("owner_id")}),
    ObjectType("listing_vocabulary", {}),
    ObjectType("listing", {Scope.OWN_ORGANISATION: own_organisation("platform_id")}),
    ObjectType("clue", {Scope.OWN_ORGANISATION: own_organisation("brand__owner_id")}),
    ObjectType(
        "notice",
        # the platform that must act, and the rights holder whose brand it is
        {Scope.OWN_ORGANISATION: lambda seat: _platform(seat) | _brand_owner(seat)},
    ),
]

# The API list of each object type for the policy matrix walk (None: pages only, walked in the module's tests).
API_LISTS: dict[str, str | None] = {
    "protected_brand": "/api/v1/brands/",
    "listing": "/api/v1/listings/",
    "clue": "/api/v1/clues/",
    "notice": "/api/v1/notices/",
    "notice_platform_step": None,  # permissions of workflow steps: every cell in tests/ecommerce/test_workflows.py
    "notice_holder_step": None,
    "listing_vocabulary": None,
}

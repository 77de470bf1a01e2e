from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from zhichan import __version__
from zhichan.core.auth import second_factor_pending
from zhichan.core.policy import roles_of
from zhichan.core.registry import nav_for


def platform(request: HttpRequest) -> dict[str, Any]:
    return {
        "zhichan_version": __version__,
        "user_roles": ",".join(roles_of(getattr(request, "user", None))),  # for the header, never for decisions
        "second_factor_pending": second_factor_pending(request),  # the menu stays hidden until then
        "nav_links": lambda: nav_for(getattr(request, "user", None)),  # only links the policy allows
    }

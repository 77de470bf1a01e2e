"""The Django admin site of the platform: open only to whom the policy's `admin_site` row gives it, and
only after the second factor (decision 0007).

Django's own site asks for `is_staff` alone, a flag that a password opens. Here the policy decides
(the administrators'), the session must have presented the second factor (`SecondFactorMiddleware`
already sends a pending session to that step, and back; this is the site's own check, whatever the
middleware does), and its log-in goes through the one gate of every log-in (`core.auth.LockoutBackend`).
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from zhichan.core.auth import LockoutAdminAuthenticationForm, second_factor_pending
from zhichan.core.policy import Action, permits


class PlatformAdminSite(admin.AdminSite):
    login_form = LockoutAdminAuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return (
            user.is_active
            and permits(user, "admin_site", Action.READ)
            and user.is_staff
            and not second_factor_pending(request)
        )

"""Idle sessions and API token lifetimes (GB/T 22239-2019 L3: 登录连接超时自动退出; credentials that expire).

Kept apart from `core.auth`, which imports DRF's token view: DRF reads its authentication classes
(this module's) while that view is imported.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from zhichan.core.policy import needs_second_factor

# Each person's limits are those of their strictest role: the roles of SECOND_FACTOR_ROLES (and Django's
# admin flags) have the `*_PRIVILEGED` settings, every other role the plain ones.


def session_idle_seconds(user: Any) -> int:
    minutes = settings.SESSION_IDLE_MINUTES_PRIVILEGED if needs_second_factor(user) else settings.SESSION_IDLE_MINUTES
    return int(minutes) * 60


def api_token_lifetime(user: Any) -> timedelta:
    days = settings.API_TOKEN_DAYS_PRIVILEGED if needs_second_factor(user) else settings.API_TOKEN_DAYS
    return timedelta(days=int(days))


def api_token_expired(token: Any) -> bool:
    return bool(token.created + api_token_lifetime(token.user) <= timezone.now())


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing a token older than its holder's lifetime (the key is deleted:
    a new one is obtained with the password, and the code of a privileged role)."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if api_token_expired(token):
            token.delete()
            raise AuthenticationFailed(_("API 令牌已过期，请重新获取"))
        return user, token

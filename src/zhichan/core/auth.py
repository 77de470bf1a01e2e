"""Log-in failure handling (等保 2.0 L3 身份鉴别: limit illegal log-in attempts).

Failures are counted from the audit log per account and per client address, so the counter cannot be
reset by rotating a spoofed header and survives restarts. Limits are settings (see decision 0004).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.utils.translation import gettext as _
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError as DRFValidationError

from zhichan.core.selectors import recent_login_failures


def lockout_message(username: str, client_ip: str | None) -> str | None:
    per_account, per_client = recent_login_failures(
        username=username, client_ip=client_ip, minutes=settings.LOGIN_LOCKOUT_MINUTES
    )
    if per_account >= settings.LOGIN_MAX_FAILURES or per_client >= settings.LOGIN_MAX_FAILURES * 4:
        return _("登录失败次数过多，请 %(m)d 分钟后再试，或联系管理员解锁") % {"m": settings.LOGIN_LOCKOUT_MINUTES}
    return None


class LockoutAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = (self.data.get("username") or "").strip()
        message = lockout_message(username, self.request.META.get("REMOTE_ADDR") if self.request else None)
        if message:
            raise forms.ValidationError(message, code="locked")
        return super().clean()


class ZhichanLoginView(LoginView):
    authentication_form = LockoutAuthenticationForm


class LockoutAuthTokenSerializer(AuthTokenSerializer):
    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        request = self.context.get("request")
        message = lockout_message(str(attrs.get("username", "")), request.META.get("REMOTE_ADDR") if request else None)
        if message:
            raise DRFValidationError({"non_field_errors": [message]})
        return super().validate(attrs)


class ZhichanObtainAuthToken(ObtainAuthToken):
    serializer_class = LockoutAuthTokenSerializer

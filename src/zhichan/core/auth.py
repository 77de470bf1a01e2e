"""Log-in: the one gate, failure handling and the second factor of privileged roles (等保 2.0 L3 身份鉴别).

Every password log-in goes through `LockoutBackend` (the only entry of AUTHENTICATION_BACKENDS): the
page, Django's `/admin/login/` and the API token endpoint. It normalises the name once (the form accounts
are created with, `core.accounts.normalize_username`) and refuses a locked account before the password
is read; the forms only word the refusal. Failures are counted from the audit log, so the counter
survives restarts. Failures lock one account, never an address: a name without an account locks
nobody, and each address that keeps failing is slowed down instead (a delay doubling up to
`LOGIN_DELAY_MAX_SECONDS`), so that a stranger behind the same proxy or office NAT locks no colleague out.
Limits are settings (decisions 0004 and 0006); the second factor's failures are counted the same way,
separately from the password's, and lock the same account.

Privileged roles (policy.SECOND_FACTOR_ROLES) log in in two steps: the password, then a TOTP code.
The session remembers the second step; until then `SecondFactorMiddleware` answers nothing but the
second-factor pages. The API token endpoint asks such accounts for the code in the same request.
"""

from __future__ import annotations

import time
from typing import Any

import segno
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError as DRFValidationError

from zhichan.core.accounts import normalize_username
from zhichan.core.context import client_address
from zhichan.core.models import User
from zhichan.core.policy import needs_second_factor
from zhichan.core.selectors import (
    address_failures,
    login_locked_until,
    mfa_device_of,
    unknown_name_failures,
)
from zhichan.core.services import (
    login_attempt_begin,
    login_attempt_end,
    login_failure_record,
    mfa_verify,
    session_event_record,
)
from zhichan.core.tokens import api_token_expired, api_token_lifetime

SECOND_FACTOR_SESSION_KEY = "zhichan_second_factor"
_REFUSAL = "_zhichan_login_refusal"  # the request attribute where the gate leaves why it refused
TOTP_ISSUER = "知产"  # the name authenticator apps show beside the account; not translated: it must not change


sleep = time.sleep  # the delay's clock; tests put a recorder here instead of waiting


def lockout_message() -> str:
    return _("登录失败次数过多，请 %(m)d 分钟后再试，或联系管理员解锁") % {"m": settings.LOGIN_LOCKOUT_MINUTES}


def second_factor_lock_message(user: Any) -> str | None:
    """The refusal of a second-factor step while the account is locked, or None."""
    return lockout_message() if login_locked_until(user=user) is not None else None


def login_delay(failures: int) -> float:
    """Seconds to wait before answering an address with `failures` recent failed log-ins: none below
    `LOGIN_DELAY_AFTER_FAILURES`, then 1 s doubling with each failure up to `LOGIN_DELAY_MAX_SECONDS`."""
    beyond = failures - settings.LOGIN_DELAY_AFTER_FAILURES
    return 0.0 if beyond < 0 else float(min(settings.LOGIN_DELAY_MAX_SECONDS, 2 ** min(beyond, 16)))


def mark_second_factor_verified(session: Any, user: Any) -> None:
    """Record in the session that `user` has presented the second factor (after a password log-in)."""
    session[SECOND_FACTOR_SESSION_KEY] = str(user.pk)


def forget_second_factor(session: Any) -> None:
    """Every password log-in starts without the second factor, also when the session had it before."""
    session.pop(SECOND_FACTOR_SESSION_KEY, None)


def second_factor_pending(request: HttpRequest) -> bool:
    """True while a privileged user logged in by session has not yet presented the second factor."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if session is None or not needs_second_factor(user):
        return False
    return session.get(SECOND_FACTOR_SESSION_KEY) != str(user.pk)


def qr_svg(text: str) -> str:
    """`text` as a QR code in inline SVG, drawn on the server (the enrolment page loads nothing)."""
    return segno.make(text, error="m").svg_inline(scale=5, border=2)


class LockoutBackend(ModelBackend):
    """The gate of every password log-in: the delay of the address, the normalised name, the account's
    lock, then the password; every refusal is audited (`services.login_failure_record`)."""

    def authenticate(self, request: HttpRequest | None, username: Any = None, password: Any = None, **kwargs: Any):
        if username is None or password is None:
            return None
        name = normalize_username(username)[:150]  # as audited: no account's name is longer
        address = client_address(request) if request is not None else None
        if address:
            delay = login_delay(address_failures(address=address))
            if delay:
                sleep(delay)
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            User().set_password(password)  # as long as a wrong password, so the time tells no names
            return self._refused(request, name, None)
        if login_locked_until(user=user) is not None:
            return self._refused(request, name, user, locked=True)
        attempt = login_attempt_begin(user=user)
        if attempt is None:  # parallel guesses already use up what the account has left
            return self._refused(request, name, user, locked=True)
        try:
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
            return self._refused(request, name, user)  # the failure is written before the check ends
        finally:
            login_attempt_end(attempt)

    @staticmethod
    def _refused(request: HttpRequest | None, name: str, user: Any, *, locked: bool = False) -> None:
        if user is None:  # a name without an account looks locked like an account would, and locks nobody
            before = unknown_name_failures(username=name)
            login_failure_record(username=name, user=None, locked=before >= settings.LOGIN_MAX_FAILURES)
            locked = before + 1 >= settings.LOGIN_MAX_FAILURES
        else:
            locked = login_failure_record(username=name, user=user, locked=locked)
        if locked and request is not None:
            setattr(request, _REFUSAL, lockout_message())
        return None


def login_refusal(request: HttpRequest | None) -> str | None:
    """Why the gate refused this request's log-in (a lockout), for the form to say; None otherwise."""
    return getattr(request, _REFUSAL, None)


class _RefusalWording:
    """A refused log-in says it is locked out, not that the password is wrong."""

    request: HttpRequest | None

    def get_invalid_login_error(self) -> forms.ValidationError:
        message = login_refusal(self.request)
        if message:
            return forms.ValidationError(message, code="locked")
        return super().get_invalid_login_error()  # type: ignore[misc]


class LockoutAuthenticationForm(_RefusalWording, AuthenticationForm):
    pass


class LockoutAdminAuthenticationForm(_RefusalWording, AdminAuthenticationForm):
    pass


class ZhichanLoginView(LoginView):
    authentication_form = LockoutAuthenticationForm


class LockoutAuthTokenSerializer(AuthTokenSerializer):
    otp = serializers.CharField(
        label=gettext_lazy("动态验证码"),
        help_text=gettext_lazy("认证应用显示的 6 位动态验证码（TOTP）；须双因素认证的角色必填"),
        required=False,
        allow_blank=True,
        max_length=16,
        write_only=True,
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        request = self.context.get("request")
        try:
            attrs = super().validate(attrs)  # authenticate(): the gate
        except DRFValidationError:
            message = login_refusal(request)
            if message:
                raise DRFValidationError({"non_field_errors": [message]}) from None
            raise
        user = attrs["user"]
        if needs_second_factor(user):
            self._check_second_factor(user, attrs.get("otp", ""))
        session_event_record(user=user, action="session.login", channel="api")
        return attrs

    @staticmethod
    def _check_second_factor(user: Any, code: str) -> None:
        message = second_factor_lock_message(user)
        if message:
            raise DRFValidationError({"otp": [message]})
        device = mfa_device_of(user=user)
        if mfa_verify(user=user, code=code, channel="api"):
            return
        if device is None or device.confirmed_at is None:
            message = _("此账号须先在网页登录并启用双因素认证，才能申请 API 令牌")
        elif not code:
            message = _("此角色须提供认证应用上的动态验证码（otp）")
        else:
            message = _("动态验证码错误或已使用")
        raise DRFValidationError({"otp": [message]})


class TokenAnswerSerializer(serializers.Serializer):
    """What the token endpoint answers (for the schema: clients must know when to ask again)."""

    token = serializers.CharField(help_text=gettext_lazy("API 令牌，放在请求头 Authorization: Token <令牌>"))
    expires = serializers.DateTimeField(help_text=gettext_lazy("令牌失效时间（ISO 8601）；失效后重新申请"))


class ZhichanObtainAuthToken(ObtainAuthToken):
    serializer_class = LockoutAuthTokenSerializer

    # DRF's view, except that an expired token is replaced, never handed out again (no docstring: the
    # schema would take it as the operation's description)
    @extend_schema(responses=TokenAnswerSerializer)
    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        from rest_framework.authtoken.models import Token
        from rest_framework.response import Response

        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token, _created = Token.objects.get_or_create(user=user)
        if api_token_expired(token):
            token.delete()
            token = Token.objects.create(user=user)
        return Response({"token": token.key, "expires": (token.created + api_token_lifetime(user)).isoformat()})

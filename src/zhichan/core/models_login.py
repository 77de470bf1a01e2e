"""The log-in gate's models (decisions 0005, 0006): the second-factor device and the password checks in
progress; core models kept apart from `core.models`, which imports them."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MfaDevice(models.Model):
    """A person's TOTP authenticator (the second factor of privileged roles, see policy.SECOND_FACTOR_ROLES).

    Unconfirmed until the holder enters a first code from it. `last_used_step` is the time step of the
    last accepted code: a code is accepted only for a later step, so each code works once.
    """

    user = models.OneToOneField("core.User", on_delete=models.CASCADE, related_name="mfa_device")
    secret = models.CharField(_("密钥"), max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("启用时间"), null=True, blank=True)
    last_used_step = models.BigIntegerField(default=-1, editable=False)

    class Meta:
        verbose_name = _("双因素认证设备")
        verbose_name_plural = _("双因素认证设备")

    def __str__(self) -> str:
        return str(self.user)


class LoginAttempt(models.Model):
    """A password check in progress on an account. Counted with the recorded failures, so that parallel
    guesses cannot all pass the lock check before the first failure is written (decision 0006); deleted
    when the check ends, and ignored after `LOGIN_ATTEMPT_STALE_SECONDS` should a worker die in between."""

    user = models.ForeignKey("core.User", on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("进行中的登录校验")
        verbose_name_plural = _("进行中的登录校验")

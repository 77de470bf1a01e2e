"""`zhichan mfa`: the second factor of privileged accounts from the command line.

`reset --user NAME` removes a person's authenticator (audited, as an administrator: `--as-user` or the
system account, named with the operating-system user), e.g. when the last administrator lost their
phone. `code --user NAME` prints the current TOTP code of an account, so that the demo accounts can log
in on a development machine; it is refused in production, where it would make the second factor
worthless.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from zhichan.core.management.acting import acting_user
from zhichan.core.models import User
from zhichan.core.selectors import mfa_device_of, person_by_username
from zhichan.core.services import mfa_device_reset
from zhichan.engines.otp import STEP_SECONDS, time_step, totp


class Command(BaseCommand):
    help = "Second factor (TOTP): `reset --user NAME`; `code --user NAME` prints the current code (development only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("subcommand", choices=["code", "reset"])
        parser.add_argument("--user", required=True, help="the account's log-in name")
        parser.add_argument("--as-user", help="reset: the administrator acting (default: the system account)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = person_by_username(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"no account {options['user']!r}") from None
        if options["subcommand"] == "reset":
            self._reset(user, options["as_user"])
        else:
            self._code(user)

    def _reset(self, user: User, as_user: str | None) -> None:
        try:
            had_device = mfa_device_reset(actor=acting_user(as_user), user=user)
        except PermissionDenied as exc:
            raise CommandError(f"{exc} (only an administrator may reset a second factor)") from None
        state = "removed" if had_device else "there was none"
        self.stdout.write(f"{user.username}: authenticator {state}; sessions and API token ended")

    def _code(self, user: User) -> None:
        if settings.PRODUCTION:
            raise CommandError("zhichan mfa code is for development only: refused with ZHICHAN_ENV=production")
        device = mfa_device_of(user=user)
        if device is None or device.confirmed_at is None:
            raise CommandError(f"{user.username} has no confirmed authenticator (enrols at the next log-in)")
        now = time.time()
        left = STEP_SECONDS - int(now % STEP_SECONDS)
        if time_step(now) <= device.last_used_step:
            self.stderr.write(f"this code was used already; the next one comes in {left} s")
        self.stdout.write(totp(device.secret, now))
        self.stderr.write(f"valid for {left} s more (and the next 30 s)")

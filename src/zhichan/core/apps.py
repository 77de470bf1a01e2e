from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zhichan.core"
    label = "core"
    verbose_name = _("平台基础")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import signals

        from zhichan.core import deploy_checks  # noqa: F401  (registers the platform's `check --deploy` checks)

        # Django's authentication only reports through these signals; the receivers audit (and a new
        # log-in starts without the second factor). Failed log-ins are audited by the gate itself
        # (core.auth.LockoutBackend), which counts them on the account.
        signals.user_logged_in.connect(_logged_in, dispatch_uid="zhichan-audit-login")
        signals.user_logged_out.connect(_logged_out, dispatch_uid="zhichan-audit-logout")


def _logged_in(sender, request, user, **kwargs):
    from zhichan.core.auth import forget_second_factor
    from zhichan.core.services import session_event_record

    if request is not None and hasattr(request, "session"):
        forget_second_factor(request.session)
        from zhichan.core.middleware import SessionIdleTimeoutMiddleware

        SessionIdleTimeoutMiddleware.seen(request.session)  # the idle clock starts at the log-in
    session_event_record(user=user, action="session.login")


def _logged_out(sender, request, user, **kwargs):
    from zhichan.core.services import session_event_record

    if user is not None:
        session_event_record(user=user, action="session.logout")

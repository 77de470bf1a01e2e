"""`check --deploy`: what Django's own deployment checks cannot see about the platform."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_tls_proxy(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """`zhichan serve` speaks plain HTTP: with the HTTPS redirect on, TLS ends at a proxy in front, and
    unless that proxy is trusted (`ZHICHAN_TRUSTED_PROXIES`) its X-Forwarded-Proto is never believed,
    so every request is redirected to https forever (issue 20 item 7)."""
    if getattr(settings, "SECURE_SSL_REDIRECT", False) and not settings.TRUSTED_PROXIES:
        return [
            checks.Error(
                "SECURE_SSL_REDIRECT is on but ZHICHAN_TRUSTED_PROXIES is empty: zhichan serve speaks plain "
                "HTTP, so the TLS-terminating proxy in front must be trusted, or every request is "
                "redirected to https forever",
                hint="set ZHICHAN_TRUSTED_PROXIES to the proxy's address or network (e.g. 127.0.0.1/32)",
                id="zhichan.E020",
            )
        ]
    return []

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from zhichan.core.context import acting_from


class RequestContextMiddleware:
    """Makes the client address available to the audit log for the duration of a request.

    REMOTE_ADDR only: X-Forwarded-For is client-controlled and must not decide what the audit says.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_from(request.META.get("REMOTE_ADDR") or None):
            return self.get_response(request)

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

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


class RejectNulCharactersMiddleware:
    """Answers 400 when the path or a query parameter holds a NUL character.

    NUL is never text: filters and lookups would pass it to the database, and PostgreSQL refuses it
    with an error (a 500). Form and API bodies are checked by their fields' validators.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = _nul_location(request)
        if where is None:
            return self.get_response(request)
        message = _("%(where)s 含有空字符（NUL），不是有效文本") % {"where": where}
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _nul_location(request: HttpRequest) -> str | None:
    if "\x00" in request.path_info:
        return str(_("路径"))
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return str(_("查询参数 %(name)s")) % {"name": name.replace("\x00", "\\0")}
    return None

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from itertools import accumulate
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from zhichan.core import limits
from zhichan.core.auth import second_factor_pending
from zhichan.core.context import acting_from, client_address, peer_is_trusted_proxy
from zhichan.core.services import denial_record


class RequestContextMiddleware:
    """Makes the client address available to the audit log for the duration of a request.

    REMOTE_ADDR, or the proxy's header only when REMOTE_ADDR is a trusted proxy (`context.client_address`):
    a header from anyone else is client-controlled and must not decide what the audit says.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_from(client_address(request)):
            return self.get_response(request)


class InputLimitsMiddleware:
    """Refuses what no view should parse, before it is parsed, for every content type (issue 20):

    - a body over `ZHICHAN_REQUEST_MAX_BYTES` (a multipart upload: `ZHICHAN_UPLOAD_MAX_BYTES`) by its
      Content-Length: 413 (the WSGI body stream never reads past the Content-Length);
    - a query string over `ZHICHAN_QUERY_MAX_CHARS`: 400;
    - a JSON body nested deeper than `ZHICHAN_JSON_MAX_DEPTH`: 400 (a deeper one would exhaust the
      parsers' recursion).
    API paths answer JSON, pages plain text.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self._refusal(request)
        if refusal is None:
            return self.get_response(request)
        status, message = refusal
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=status)
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")

    def _refusal(self, request: HttpRequest) -> tuple[int, str] | None:
        query = request.META.get("QUERY_STRING", "")
        if len(query) > limits.query_max_chars():
            return 400, _("查询参数过长（最多 %(n)d 个字符）") % {"n": limits.query_max_chars()}
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 400, _("请求头 Content-Length 无效")
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        multipart = content_type == "multipart/form-data"
        limit = limits.upload_max_bytes() if multipart else limits.request_max_bytes()
        if length > limit:
            return 413, _("请求内容过大（最多 %(n)d MB）") % {"n": limit // (1024 * 1024)}
        if length and (content_type == "application/json" or content_type.endswith("+json")):
            depth = json_depth(request.body)
            if depth > limits.json_max_depth():
                return 400, _("JSON 嵌套过深（最多 %(n)d 层）") % {"n": limits.json_max_depth()}
        return None


_JSON_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def json_depth(body: bytes) -> int:
    """How deep the arrays and objects of a JSON text nest, without parsing it (strings skipped)."""
    brackets = _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS)
    return max(accumulate(_STEP[b] for b in brackets), default=0)


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


class UploadNamesMiddleware:
    """Multipart bodies of pages are parsed by `core.uploads`: an upload keeps the name as sent."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from functools import partial

        from zhichan.core.uploads import parse_file_upload

        request.parse_file_upload = partial(parse_file_upload, request)  # type: ignore[method-assign]
        return self.get_response(request)


class SessionIdleTimeoutMiddleware:
    """Ends a session left idle longer than its holder's limit (`core.auth.session_idle_seconds`).

    The time of the last request is kept in the session, written at most once a minute. An ended session
    is logged out and audited; a page goes to the log-in page (and back after it), an API call gets 401.
    """

    KEY = "zhichan_last_seen"

    @classmethod
    def seen(cls, session: Any) -> None:
        from django.utils import timezone

        session[cls.KEY] = int(timezone.now().timestamp())

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.contrib.auth import logout
        from django.contrib.auth.views import redirect_to_login
        from django.utils import timezone

        from zhichan.core.tokens import session_idle_seconds

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not hasattr(request, "session"):
            return self.get_response(request)
        now = int(timezone.now().timestamp())
        last = request.session.get(self.KEY)
        if isinstance(last, int) and now - last > session_idle_seconds(user):
            from zhichan.core.services import session_event_record

            session_event_record(user=user, action="session.idle_timeout", channel="web")
            logout(request)
            message = _("长时间未操作，已自动退出登录，请重新登录")
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=401)
            return redirect_to_login(request.get_full_path())
        if not isinstance(last, int) or now - last >= 60:
            request.session[self.KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """Until a privileged user has presented the second factor in this session, nothing else is answered.

    Pages redirect to the second-factor step (and back afterwards); API calls authenticated by the
    session get 403 with a JSON reason, audited. Open meanwhile: the second-factor pages, log-in and
    log-out, the language switch, the token endpoint (it asks for the code itself), static files and the icon.
    Requests authenticated by an API token carry no session user and pass: tokens of privileged
    accounts are only issued against a code.
    """

    OPEN_VIEWS = frozenset(
        {"core:second-factor", "core:second-factor-enrol", "login", "logout", "set_language", "api-token", "favicon"}
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not second_factor_pending(request) or self._open(request.path_info):
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            denial_record(
                actor=request.user, action="session.mfa_required", object_type="session", reason=request.path_info
            )
            return JsonResponse({"detail": _("须先完成双因素认证：请在登录页输入认证应用上的动态验证码")}, status=403)
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('core:second-factor')}?{query}")

    def _open(self, path: str) -> bool:
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            return resolve(path).view_name in self.OPEN_VIEWS
        except Resolver404:
            return False


class SecurityHeadersMiddleware:
    """The headers every response carries, a page, a static file or a redirect alike (issue 20 item 7):
    Content-Security-Policy (scripts only from the platform, inline ones only with this response's
    nonce, `request.csp_nonce`), Permissions-Policy (no camera, microphone, location, payment...) and
    X-Frame-Options. It is the outermost middleware, so that WhiteNoise's static files and the HTTPS
    redirect of SecurityMiddleware, which answer before the inner middleware run, carry them too.
    A view that set one of them keeps its own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(16)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.replace("{nonce}", nonce)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        if "X-Frame-Options" not in response and not getattr(response, "xframe_options_exempt", False):
            response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        return response


class TrustedProxyMiddleware:
    """The scheme the client used, as a trusted TLS-terminating proxy reports it (issue 20 item 7).

    `zhichan serve` hands every proxy header to Django; this middleware decides. When REMOTE_ADDR is one
    of `ZHICHAN_TRUSTED_PROXIES`, the rightmost value of `ZHICHAN_PROTO_HEADER` (X-Forwarded-Proto: the
    one the nearest proxy wrote) stands, and SECURE_PROXY_SSL_HEADER (set only when proxies are trusted)
    makes `request.is_secure()` read it; from any other peer the header is the client's own word and is
    removed, so that nobody reaches the platform over plain HTTP by claiming https.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = "HTTP_" + settings.PROTO_HEADER.upper().replace("-", "_")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        value = request.META.pop(self.header, None)
        if value is not None and peer_is_trusted_proxy(request):
            request.META[self.header] = str(value).split(",")[-1].strip().lower()
        return self.get_response(request)

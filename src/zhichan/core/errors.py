"""The platform's own answers for 403, 404 and 500 (`handler403/404/500` in `zhichan.config.urls`).

403 and 404 are pages of the platform: navigation, the reason in the reader's language, a way back.
The 500 page is drawn from a template that needs neither the database nor the request's user (the
error may be the database), and never shows the exception: the traceback goes to the server log only
(Django's `django.request` logger). API addresses get the API's JSON shape instead of a page.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

logger = logging.getLogger(__name__)


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def _way_back(request: HttpRequest) -> str | None:
    """The page the reader came from, when it is one of ours (never an outside address, never this page)."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer or referer.endswith(request.get_full_path()):
        return None
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return referer
    return None


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(
        request,
        f"{status}.html",
        {"title": title, "message": message, "back": _way_back(request)},
        status=status,
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: the role may not do this. The services' refusals carry a reason for the reader; show it."""
    reason = str(exception) if exception is not None and exception.args else ""
    if _is_api(request):
        return JsonResponse({"detail": reason or _("无权执行此操作")}, status=403)
    return _page(
        request,
        403,
        _("无权访问"),
        reason or _("您的角色无权查看此页面或执行此操作。如需使用，请联系系统管理员。"),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 of a form whose CSRF token is missing or stale (an old tab, a session that ended)."""
    logger.warning("CSRF check failed on %s: %s", request.path_info, reason)
    if _is_api(request):
        return JsonResponse({"detail": _("请求来源校验失败，请刷新页面后重试")}, status=403)
    return _page(
        request,
        403,
        _("页面已过期"),
        _("表单已过期或来源无法校验（例如页面打开太久或已重新登录）。请返回上一页，刷新后重新提交。"),
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: no such page, or an object outside the reader's scope (never says which)."""
    if _is_api(request):
        return JsonResponse({"detail": _("未找到")}, status=404)
    return _page(request, 404, _("页面不存在"), _("您要访问的页面不存在，或您无权查看该内容。请检查地址是否正确。"))


def server_error(request: HttpRequest) -> HttpResponse:
    """500: rendered without the request (no user, no session, no database): the failure may be there."""
    if _is_api(request):
        return JsonResponse({"detail": _("服务器内部错误，请稍后再试")}, status=500)
    try:
        back = _way_back(request)
        html = loader.get_template("500.html").render({"back": back, "home": reverse("core:dashboard")})
    except Exception:  # the error page itself must never fail
        logger.exception("the 500 page could not be rendered")
        html = "<!doctype html><title>500</title><h1>服务器内部错误 / Server error</h1><a href='/'>首页 / Home</a>"
    return HttpResponse(html, status=500)


@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> Any:
    """/favicon.ico, which browsers ask for on their own; the pages link the SVG icon as well."""
    path = finders.find("zhichan/favicon.ico")
    if not path:
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/x-icon")  # FileResponse closes it

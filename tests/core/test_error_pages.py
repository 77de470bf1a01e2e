"""403, 404 and 500 are pages of the platform (Chinese first, English on request), never Django's bare
or debug pages; the icon is served, so no page logs a 404 for it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.test import Client
from django.urls import path

from zhichan.config import urls as platform_urls


def _boom(request):
    raise RuntimeError("secret detail /srv/zhichan/src/zhichan/core/views.py")


# The platform's URLs and error handlers, plus a view that fails (for the 500 page).
urlpatterns = [path("boom/", _boom), *platform_urls.urlpatterns]
handler403 = platform_urls.handler403
handler404 = platform_urls.handler404
handler500 = platform_urls.handler500


def _nav(page: str) -> None:
    assert 'href="/organisations/"' in page and 'href="/jobs/"' in page  # the navigation of base.html
    assert 'action="/i18n/setlang/"' in page  # the language switch


def test_a_role_without_permission_gets_the_platforms_403_page_in_chinese_then_english(client, users):
    client.force_login(users["liaison"])
    response = client.get("/audit/", HTTP_REFERER="http://testserver/organisations/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in page and "您的角色无权查看此页面" in page
    assert "Forbidden" not in page
    _nav(page)
    assert 'href="http://testserver/organisations/">返回上一页' in page  # the way back
    assert 'href="/">返回首页' in page

    client.post("/i18n/setlang/", {"language": "en", "next": "/audit/"})
    english = client.get("/audit/").content.decode()
    assert "Access denied" in english and "Your role may not" in english
    assert "无权访问" not in english and "返回首页" not in english
    assert ">Back to the home page<" in english
    _nav(english)


def test_a_service_refusal_shows_its_reason_on_the_403_page(client, users):
    client.force_login(users["rights_holder"])
    response = client.get("/people/new/")
    assert response.status_code == 403 and "无权访问" in response.content.decode()


def test_unknown_address_gets_the_platforms_404_page_without_the_url_map(client, users):
    client.force_login(users["official"])
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in page and "错误代码 404" in page
    assert "URLconf" not in page and "organisations/&lt;uuid:pk&gt;" not in page and "Page not found" not in page
    _nav(page)


def test_an_object_outside_the_scope_is_the_same_404_page(client, users):
    client.force_login(users["rights_holder"])
    response = client.get("/jobs/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_api_addresses_keep_json_errors(client, users):
    response = client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404 and response.json() == {"detail": "未找到"}


@pytest.mark.urls("tests.core.test_error_pages")
def test_a_failing_view_shows_the_500_page_without_traceback_or_server_path(settings, users, caplog):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(users["official"])
    response = client.get("/boom/", HTTP_REFERER="http://testserver/jobs/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "服务器内部错误" in page and "错误已记录" in page
    assert 'href="http://testserver/jobs/">返回上一页' in page and 'href="/">返回首页' in page
    for leak in ("Traceback", "RuntimeError", "secret detail", "/srv/", "views.py", "site-packages"):
        assert leak not in page
    assert any("RuntimeError" in (r.exc_text or "") or r.exc_info for r in caplog.records)  # the log has it

    english = client.get("/boom/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Server error" in english and "服务器内部错误" not in english


@pytest.mark.urls("tests.core.test_error_pages")
def test_the_500_page_renders_without_the_database(settings, users, django_assert_num_queries, rf):
    """The database may be what failed: the page asks nothing of it (no user, no session)."""
    from zhichan.core.errors import server_error

    request = rf.get("/boom/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500 and "服务器内部错误" in response.content.decode()


def test_a_stale_form_is_the_platforms_403_page(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["official"])
    response = client.post("/organisations/new/", {"name": "x"})
    page = response.content.decode()
    assert response.status_code == 403 and "页面已过期" in page and "CSRF cookie" not in page
    _nav(page)


def test_favicon_is_served_and_linked(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    login = client.get("/login/").content.decode()
    assert 'rel="icon" href="/static/zhichan/favicon.svg"' in login
    assert client.get("/static/zhichan/favicon.svg").status_code == 200


def test_favicon_is_open_before_the_second_factor(client, users):
    client.force_login(users["official"])
    session = client.session
    session.pop("zhichan_second_factor")
    session.save()
    assert client.get("/favicon.ico").status_code == 200
    assert client.get("/organisations/").status_code == 302  # everything else waits for the code


def _settings_in(env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    code = "from zhichan.config import settings; print('DEBUG', settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"ZHICHAN_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
    )


def test_debug_pages_only_on_a_developers_explicit_request(tmp_path):
    assert _settings_in({}, tmp_path).stdout.strip() == "DEBUG False"  # what `make run` starts with
    assert _settings_in({"ZHICHAN_ENV": "development"}, tmp_path).stdout.strip() == "DEBUG False"
    assert _settings_in({"ZHICHAN_DEBUG": "1"}, tmp_path).stdout.strip() == "DEBUG True"
    refused = _settings_in({"ZHICHAN_DEBUG": "yes"}, tmp_path)
    assert refused.returncode != 0 and "ZHICHAN_DEBUG" in refused.stderr
    production = {
        "ZHICHAN_ENV": "production",
        "ZHICHAN_SECRET_KEY": "k" * 60,
        "ZHICHAN_ALLOWED_HOSTS": "zhichan.example",
        "ZHICHAN_DEBUG": "1",
    }
    refused = _settings_in(production, tmp_path)
    assert refused.returncode != 0 and "ZHICHAN_DEBUG=1 is refused" in refused.stderr

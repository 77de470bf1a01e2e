"""Content-Security-Policy, Permissions-Policy and X-Frame-Options on every response; X-Forwarded-Proto
believed only from a trusted proxy (issue 20 item 7). The end-to-end run behind TLS: test_deployment.py."""

from __future__ import annotations

import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from zhichan.core.middleware import TrustedProxyMiddleware

pytestmark = pytest.mark.django_db


def _policy_headers(response) -> str:
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy and "unsafe-eval" not in policy
    return policy.split("'nonce-")[1].split("'")[0]


def test_pages_carry_the_policies_and_their_inline_scripts_the_nonce(client, users):
    client.force_login(users["official"])
    page = client.get("/")
    assert page.status_code == 200
    nonce = _policy_headers(page)
    html = page.content.decode()
    for tag in re.findall(r"<script[^>]*>", html):  # each one loaded, data, or with this response's nonce
        assert " src=" in tag or 'type="application/json"' in tag or f'nonce="{nonce}"' in tag, tag
    assert "onchange=" not in html and "onclick=" not in html
    assert f'<script nonce="{nonce}">' in html  # the dashboard's chart script
    assert _policy_headers(client.get("/")) != nonce  # a new nonce each response


def test_static_files_and_redirects_carry_the_policies(client):
    _policy_headers(client.get("/static/zhichan/site.css"))
    redirect = client.get("/")  # to the log-in page
    assert redirect.status_code == 302
    _policy_headers(redirect)


def _scheme_seen(settings, remote: str, proto: str) -> str:
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    seen = {}

    def view(request):
        seen["scheme"] = request.scheme
        return HttpResponse()

    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_PROTO=proto)
    TrustedProxyMiddleware(view)(request)
    return seen["scheme"]


def test_the_scheme_is_believed_from_a_trusted_proxy_only(settings):
    assert _scheme_seen(settings, "10.1.2.3", "https") == "https"
    assert _scheme_seen(settings, "10.1.2.3", "http") == "http"
    assert _scheme_seen(settings, "203.0.113.9", "https") == "http"  # the client's own word
    assert _scheme_seen(settings, "10.1.2.3", "https, http") == "http"  # the nearest proxy's value


def test_the_deployment_check_names_a_missing_trusted_proxy(settings):
    from zhichan.core.deploy_checks import check_tls_proxy

    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXIES = []
    assert [m.id for m in check_tls_proxy()] == ["zhichan.E020"]
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]
    assert check_tls_proxy() == []

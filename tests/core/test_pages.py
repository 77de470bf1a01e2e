"""Pages render in Chinese, with English on request; lists keep a fixed number of queries."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured


def test_login_page_in_chinese(client):
    response = client.get("/login/")
    assert response.status_code == 200 and "登录知产平台" in response.content.decode()


def test_dashboard_requires_login_and_renders(client, users):
    assert client.get("/").status_code == 302
    client.force_login(users["official"])
    body = client.get("/").content.decode()
    assert "广州市知识产权保护和运用平台" in body and "vendor/echarts.min.js" in body
    assert "cdn" not in body.lower()


def test_language_switch_to_english(client, users):
    client.force_login(users["official"])
    response = client.get("/", headers={"accept-language": "en"})
    assert response.status_code == 200 and 'lang="en"' in response.content.decode()


@pytest.mark.parametrize("path", ["/organisations/", "/evidence/", "/jobs/"])
def test_pages_render_for_officials(client, users, orgs, path):
    client.force_login(users["official"])
    assert client.get(path).status_code == 200


def test_audit_page_only_for_auditors(client, users):
    client.force_login(users["official"])
    assert client.get("/audit/").status_code == 403
    client.force_login(users["auditor"])
    response = client.get("/audit/?result=denied")
    assert response.status_code == 200 and "审计日志" in response.content.decode()
    assert client.get("/audit/export.xlsx").status_code == 200


def test_organisation_list_query_count_is_fixed(client, users, orgs, django_assert_max_num_queries):
    from zhichan.core.services import organisation_create

    for i in range(20):
        organisation_create(
            actor=users["official"],
            data={"name": f"广州测试{i}局", "kind": "government_department", "district": "440106"},
        )
    client.force_login(users["official"])
    with django_assert_max_num_queries(8):
        assert client.get("/organisations/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/organisations/").status_code == 200


def test_api_schema_is_served(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200 and b"openapi" in response.content


def test_settings_fail_loudly_on_bad_values(monkeypatch):
    from zhichan.config.env import env_choice, env_int

    monkeypatch.setenv("ZHICHAN_ENV", "staging")
    with pytest.raises(ImproperlyConfigured, match="ZHICHAN_ENV"):
        env_choice("ZHICHAN_ENV", ("development", "production"), "development")
    monkeypatch.setenv("ZHICHAN_PORT", "eighty")
    with pytest.raises(ImproperlyConfigured, match="ZHICHAN_PORT"):
        env_int("ZHICHAN_PORT", 8000)


def test_production_profile_requires_secret_and_hosts(tmp_path):
    import subprocess
    import sys

    env = {"ZHICHAN_ENV": "production", "ZHICHAN_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", "import zhichan.config.settings"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "ZHICHAN_SECRET_KEY" in result.stderr


def test_the_plans_modules_are_listed_in_the_readers_language(client, users):
    client.force_login(users["official"])
    assert "电商侵权线索检测" in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "电商侵权线索检测" not in english and "规划监测评估" not in english

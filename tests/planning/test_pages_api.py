"""Pages render in Chinese; the API lists are governed by the policy table and pin their query counts."""

from __future__ import annotations

from django.urls import reverse

from zhichan.core.models import AuditEntry
from zhichan.planning.models import DepartmentAlias, IndicatorObservation
from zhichan.planning.services import observation_record


def test_overview_renders_in_chinese_and_filters_by_section_and_department(client, users, plan):
    client.force_login(users["liaison"])
    response = client.get(reverse("planning:overview"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "牵头单位" in page and "完善知识产权法规规章" in page and page.count("<tr>") >= 50
    assert 'lang="zh-hans"' in page
    by_section = client.get(reverse("planning:overview"), {"section": "三(一)"}).context["tasks"]
    assert {t.section.key for t in by_section} == {"三(一)"}
    whole = client.get(reverse("planning:overview"), {"section": "三"}).context["tasks"]
    assert {t.section.parent.key for t in whole} == {"三"} and len(whole) > len(by_section)
    market = DepartmentAlias.objects.get(name="市市场监管局").organisation
    led = client.get(reverse("planning:overview"), {"department": str(market.pk)}).context["tasks"]
    assert led and all("市市场监管局" in t.lead_units for t in led)
    court = DepartmentAlias.objects.get(name="市法院").organisation
    assert all(
        "市法院" in t.lead_units
        for t in client.get(reverse("planning:overview"), {"department": str(court.pk)}).context["tasks"]
    )


def test_overview_without_a_plan_says_how_to_import(client, users):
    client.force_login(users["official"])
    assert "zhichan plan import" in client.get(reverse("planning:overview")).content.decode()


def test_pages_without_a_plan_are_empty_states_not_404(client, users):
    for role, told_how in (("official", True), ("liaison", False)):
        client.force_login(users[role])
        for name in ("overview", "indicators", "reports", "departments"):
            response = client.get(reverse(f"planning:{name}"))
            page = response.content.decode()
            assert response.status_code == 200, name
            assert "尚未导入规划文本" in page
            assert ("zhichan plan import" in page) is told_how, (role, name)


def test_indicator_dashboard_has_an_echarts_card_per_indicator(client, users, plan):
    indicator = plan.indicators.select_related("plan").get(name="每万人口高价值发明专利拥有量")
    observation_record(actor=users["official"], indicator=indicator, year=2021, value=22)
    observation_record(actor=users["official"], indicator=indicator, year=2022, value=24)
    client.force_login(users["official"])
    response = client.get(reverse("planning:indicators"), {"as_of": 2022})
    page = response.content.decode()
    assert response.status_code == 200
    assert "vendor/echarts.min.js" in page and "目标路径" in page and "符合进度" in page
    charts = response.context["charts"]
    assert len(charts) == plan.indicators.count()
    first = next(c for c in charts if c["name"] == indicator.name)
    assert first["path"][0] == 20 and first["forecast"]["method"]


def test_indicator_detail_records_a_value_from_the_form(client, users, plan):
    indicator = plan.indicators.get(name="知识产权服务机构")
    client.force_login(users["official"])
    url = reverse("planning:indicator-detail", args=[indicator.pk])
    form = {"year": 2021, "value": "3100", "source": "市市场监管局", "quarter": "", "district": ""}
    response = client.post(url, form)
    assert response.status_code == 302
    assert IndicatorObservation.objects.get(indicator=indicator).entered_by == users["official"]
    page = client.get(url).content.decode()
    assert "3100" in page and "录入观测值" in page


def test_liaison_sees_the_indicator_but_cannot_record(client, users, plan):
    indicator = plan.indicators.get(name="知识产权服务机构")
    client.force_login(users["liaison"])
    url = reverse("planning:indicator-detail", args=[indicator.pk])
    assert "录入观测值" not in client.get(url).content.decode()
    client.post(url, {"year": 2021, "value": "1"})
    assert not IndicatorObservation.objects.exists()
    assert AuditEntry.objects.filter(action="plan_observation.create", result="denied").exists()
    assert client.get(reverse("planning:observation-import")).status_code == 403


def test_observation_import_page_lists_errors_by_row(client, users, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["official"])
    data = "指标,年份,数值\n知识产权服务机构,2021,3100\n知识产权服务机构,2099,1\n".encode()
    response = client.post(
        reverse("planning:observation-import"), {"file": SimpleUploadedFile("obs.csv", data, "text/csv")}
    )
    assert "第3行" in response.content.decode()
    assert not IndicatorObservation.objects.exists()


def test_department_names_are_editable_by_the_office_and_audited(client, users, plan):
    alias = DepartmentAlias.objects.get(name="市版权局")
    other = DepartmentAlias.objects.get(name="市司法局").organisation
    client.force_login(users["official"])
    response = client.post(reverse("planning:department-edit", args=[alias.pk]), {"organisation": str(other.pk)})
    assert response.status_code == 302
    alias.refresh_from_db()
    assert alias.organisation == other
    assert AuditEntry.objects.filter(action="plan.department_alias.change", object_id=f"alias:{alias.pk}").exists()
    client.force_login(users["liaison"])
    assert client.post(reverse("planning:department-edit", args=[alias.pk]), {"organisation": ""}).status_code == 403


def test_export_pages_are_audited(client, users, plan):
    client.force_login(users["official"])
    response = client.get(reverse("planning:export", args=["json"]))
    assert response.status_code == 200 and len(response.json()["tasks"]) == 50
    assert AuditEntry.objects.filter(action="plan.export").exists()
    client.force_login(users["rights_holder"])
    assert client.get(reverse("planning:export", args=["xlsx"])).status_code == 403


def test_api_task_list_pins_its_query_count(api, users, plan, django_assert_max_num_queries):
    api.force_authenticate(users["rights_holder"])
    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/plan/tasks/", {"page_size": 100})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 50
    first = body["results"][0]
    assert first["number"] == 1 and first["lead_departments"][0]["name"] == first["lead_units"][0]


def test_api_indicator_list_pins_its_query_count_with_assessments(api, users, plan, django_assert_max_num_queries):
    indicator = plan.indicators.select_related("plan").get(name="知识产权保护社会满意度")
    observation_record(actor=users["official"], indicator=indicator, year=2021, value=81)
    api.force_authenticate(users["official"])
    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/plan/indicators/")
    assert response.status_code == 200
    rows = {row["name"]: row for row in response.json()["results"]}
    assert len(rows) == plan.indicators.count()
    assert rows["知识产权保护社会满意度"]["status"] == "on_track"
    assert "2021年实际81分" in rows["知识产权保护社会满意度"]["explanation"]


def test_api_refuses_anonymous_and_audits_it(api, users, plan):
    assert api.get("/api/v1/plan/tasks/").status_code in (401, 403)
    assert AuditEntry.objects.filter(action="plan.list", result="denied").exists()


def test_api_filters_tasks_by_section_and_department(api, users, plan):
    api.force_authenticate(users["official"])
    rows = api.get("/api/v1/plan/tasks/", {"section": "三(一)"}).json()["results"]
    assert rows and {r["section"] for r in rows} == {"三(一)"}
    assert api.get("/api/v1/plan/tasks/", {"department": "x"}).status_code == 400


def test_dashboard_starts_the_compute_job(client, users, plan):
    from zhichan.core.models import Job

    client.force_login(users["official"])
    response = client.post(reverse("planning:indicators-compute"), {"year": 2023})
    job = Job.objects.get(kind="planning.indicators_compute")
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    client.force_login(users["liaison"])
    assert client.post(reverse("planning:indicators-compute"), {"year": 2023}).status_code == 403


def test_district_values_show_as_a_bar_chart(client, users, plan):
    indicator = plan.indicators.get(name="知识产权服务机构")
    client.force_login(users["official"])
    url = reverse("planning:indicator-detail", args=[indicator.pk])
    client.post(url, {"year": 2022, "value": "800", "district": "440106", "quarter": ""})
    response = client.get(url)
    assert 'id="districts-0"' in response.content.decode() and "天河区" in response.content.decode()
    chart = response.context["charts"][0]["districts"]
    assert chart["values"][chart["names"].index("天河区")] == 800


def test_overview_and_dashboard_pin_their_query_counts(client, users, plan, django_assert_max_num_queries):
    client.force_login(users["official"])
    with django_assert_max_num_queries(14):  # 13 before memberships: the reader's roles are one more query
        assert client.get(reverse("planning:overview")).status_code == 200
    with django_assert_max_num_queries(7):  # 6 before memberships
        assert client.get(reverse("planning:indicators")).status_code == 200


def test_api_task_with_a_unit_of_no_department_conforms_to_the_schema(api, users, plan):
    """Found by the schema fuzzer (R13): a lead unit without a matching department has organisation_name null."""
    from tests.openapi_schema import response_errors

    api.force_authenticate(users["official"])
    body = api.get("/api/v1/plan/tasks/", {"page_size": 100}).json()
    names = [d["organisation_name"] for row in body["results"] for d in row["lead_departments"]]
    assert None in names
    assert response_errors("get", "/api/v1/plan/tasks/", 200, body) == []

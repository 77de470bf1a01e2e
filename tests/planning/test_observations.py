"""Indicator observations: recording, the all-or-nothing table import, providers with lineage, assessment."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.kit import assert_denied_and_audited
from zhichan.core.indicators import ProvidedValue, register_indicator_provider
from zhichan.core.models import AuditEntry, Organisation
from zhichan.engines.tabular import read_csv
from zhichan.planning import selectors
from zhichan.planning.models import IndicatorObservation
from zhichan.planning.services import (
    indicator_compute,
    indicator_provider_set,
    observation_record,
    observations_import,
)

HIGH_VALUE = "每万人口高价值发明专利拥有量"


def _indicator(plan, name=HIGH_VALUE):
    return plan.indicators.select_related("plan").get(name=name)


def test_record_is_audited_and_a_second_value_replaces_the_first(plan, users):
    indicator = _indicator(plan)
    obs = observation_record(actor=users["official"], indicator=indicator, year=2021, value="22.5", source="统计公报")
    assert obs.entered_by == users["official"] and obs.value == Decimal("22.5")
    observation_record(actor=users["official"], indicator=indicator, year="2021年", value="23")
    assert IndicatorObservation.objects.filter(indicator=indicator).count() == 1
    actions = list(
        AuditEntry.objects.filter(object_type="plan_observation").order_by("seq").values_list("action", "summary")
    )
    assert [a for a, _ in actions] == ["plan_observation.create", "plan_observation.change"]
    assert actions[1][1]["value"] == ["22.5", "23"]


def test_record_checks_year_quarter_and_value(plan, users):
    indicator = _indicator(plan)
    with pytest.raises(ValidationError) as info:
        observation_record(actor=users["official"], indicator=indicator, year=2030, value="x", quarter=5)
    assert set(info.value.message_dict) == {"year", "value", "quarter"}
    assert_denied_and_audited(
        lambda: observation_record(actor=users["liaison"], indicator=indicator, year=2021, value=1),
        action="plan_observation.create",
        object_type="plan_observation",
        object_id="",
    )


def test_quarter_and_year_values_live_side_by_side(plan, users):
    indicator = _indicator(plan)
    observation_record(actor=users["official"], indicator=indicator, year=2022, value=24)
    observation_record(actor=users["official"], indicator=indicator, year=2022, quarter="Q2", value=23)
    assert IndicatorObservation.objects.filter(indicator=indicator, year=2022).count() == 2
    assert selectors.yearly_values(indicator) == {2022: 24.0}


CSV_OK = """指标,年份,季度,数值,来源,数据日期
每万人口高价值发明专利拥有量,2021,,22.1,市市场监管局,2022-03-01
每万人口高价值发明专利拥有量,2022,,24.0,市市场监管局,2023-03-01
作品著作权(含计算机软件著作权)登记数量,2021,,500000,市版权局,
"""


def test_table_import_creates_then_finds_nothing_to_change(plan, users):
    report = observations_import(actor=users["official"], plan=plan, table=read_csv(CSV_OK.encode("utf-8")))
    assert (report.created, report.updated, report.errors) == (3, 0, [])
    copyright_count = plan.indicators.get(name__startswith="作品着作权")
    assert copyright_count.observations.get().value == 500000
    again = observations_import(actor=users["official"], plan=plan, table=read_csv(CSV_OK.encode("gb18030")))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_table_import_is_all_or_nothing_with_errors_by_row_and_field(plan, users):
    bad = CSV_OK + "不存在的指标,2021,,1,,\n每万人口高价值发明专利拥有量,2019,,1,,\n"
    bad += "每万人口高价值发明专利拥有量,2023,5,abc,,2023-13-01\n每万人口高价值发明专利拥有量,2021,,9,,\n"
    report = observations_import(actor=users["official"], plan=plan, table=read_csv(bad.encode("utf-8")))
    errors = [(e.row, e.field) for e in report.errors]
    assert errors == [(5, "指标"), (6, "年份"), (7, "季度"), (7, "数值"), (7, "数据日期"), (8, "年份")]
    assert "第8行" in str(report.errors[-1]) and "与第2行重复" in str(report.errors[-1])
    assert not IndicatorObservation.objects.exists()


def test_provider_computes_with_lineage(plan, users, orgs):
    from datetime import datetime

    from django.utils import timezone

    from zhichan.engines.text import normalize

    made = [
        Organisation.objects.create(name=name, name_normalized=normalize(name), kind="ip_service_agency")
        for name in ("广州甲知识产权代理有限公司", "广州乙专利事务所", "广州丙知识产权服务有限公司")
    ]
    in_2024 = timezone.make_aware(datetime(2024, 6, 1))
    Organisation.objects.filter(pk__in=[o.pk for o in made[:2]]).update(created_at=in_2024)
    indicator = _indicator(plan, "知识产权服务机构")
    indicator_provider_set(actor=users["official"], indicator=indicator, provider="core.ip_service_agencies")
    obs = indicator_compute(actor=users["official"], indicator=indicator, year=2024)
    assert obs.value == 2
    assert obs.lineage["provider"] == "core.ip_service_agencies" and obs.lineage["record_count"] == 2
    assert sorted(obs.lineage["records"]) == sorted(str(o.pk) for o in made[:2]) and obs.lineage["computed_at"]
    assert indicator_compute(actor=users["official"], indicator=indicator, year=2024, quarter=1).value == 0


def test_registered_provider_value_is_recorded_for_a_past_year(plan, users):
    calls = []

    def cases_per_year(*, actor, year, quarter):
        calls.append((year, quarter))
        return ProvidedValue(value=Decimal(321), record_count=321, records=("case-1", "case-2"))

    register_indicator_provider("test.cases_per_year", cases_per_year, label="测试：调解案件数")
    indicator = _indicator(plan, "知识产权维权援助和调解办案量")
    indicator_provider_set(actor=users["official"], indicator=indicator, provider="test.cases_per_year")
    obs = indicator_compute(actor=users["official"], indicator=indicator, year=2022)
    assert calls == [(2022, None)] and obs.value == 321 and obs.source == "测试：调解案件数"
    assert obs.lineage["records"] == ["case-1", "case-2"]
    with pytest.raises(LookupError):
        indicator_provider_set(actor=users["official"], indicator=indicator, provider="no.such")


def test_assessment_of_a_level_indicator_explains_in_chinese(plan, users):
    indicator = _indicator(plan)
    for year, value in ((2021, 22), (2022, 24), (2023, 26)):
        observation_record(actor=users["official"], indicator=indicator, year=year, value=value)
    listed = selectors.indicator_list(user=users["official"], plan=plan)
    result = selectors.indicator_assessment(listed.get(pk=indicator.pk))
    assert result.status is not None and result.status.value == "on_track"
    assert result.required == pytest.approx(26.0)
    assert "2023年实际26件" in result.explanation and "预测2025年" in result.explanation
    chart = result.chart()
    assert chart["path"][0] == 20 and chart["path"][-1] == 30
    assert chart["observed"][:4] == [20.0, 22.0, 24.0, 26.0]
    assert chart["forecast"]["low"] <= chart["forecast"]["value"] <= chart["forecast"]["high"]
    midterm = selectors.indicator_assessment(indicator, as_of=2022)
    assert midterm.assessment.latest.year == 2022


def test_growth_rate_indicator_needs_its_base_level(plan, users):
    indicator = _indicator(plan, "知识产权质押融资登记金额年均增长率")
    missing = selectors.indicator_assessment(indicator)
    assert missing.status is None and "基期" in missing.explanation
    for year, value in ((2020, 100), (2021, 104), (2022, 110)):
        observation_record(actor=users["official"], indicator=indicator, year=year, value=value)
    result = selectors.indicator_assessment(_indicator(plan, "知识产权质押融资登记金额年均增长率"))
    assert result.assessment.trajectory.compound
    assert "年均增长" in result.explanation


def test_steady_growth_indicator_compares_with_the_year_before(plan, users):
    indicator = _indicator(plan, "马德里商标国际注册数量")
    observation_record(actor=users["official"], indicator=indicator, year=2021, value=1800)
    result = selectors.indicator_assessment(_indicator(plan, "马德里商标国际注册数量"))
    assert result.status.value == "on_track" and "稳步增长" in result.explanation


def test_compute_job_recomputes_linked_indicators(plan, users):
    from zhichan.core import jobs
    from zhichan.core.models import Job
    from zhichan.planning.services import indicators_compute_start

    register_indicator_provider(
        "test.fixed", lambda *, actor, year, quarter: ProvidedValue(Decimal(7), 7), label="测试：固定值"
    )
    indicator = _indicator(plan, "知识产权仲裁案件数")
    indicator_provider_set(actor=users["official"], indicator=indicator, provider="test.fixed")
    job = indicators_compute_start(actor=users["official"], plan=plan, year=2023)
    jobs.execute(str(job.pk))
    job = Job.objects.get(pk=job.pk)
    assert job.status == "succeeded", job.error
    assert job.result == {"year": 2023, "values": {"知识产权仲裁案件数": "7"}}
    assert indicator.observations.get(year=2023).lineage["provider"] == "test.fixed"
    with pytest.raises(ValidationError):
        indicators_compute_start(actor=users["official"], plan=plan, year=2030)


def test_district_values_live_beside_the_city_value(plan, users):
    indicator = _indicator(plan, "知识产权服务机构")
    observation_record(actor=users["official"], indicator=indicator, year=2022, value=3200)
    observation_record(actor=users["official"], indicator=indicator, year=2022, value=900, district="天河区")
    observation_record(actor=users["official"], indicator=indicator, year=2022, value=400, district="440112")
    observation_record(actor=users["official"], indicator=indicator, year=2022, value=950, district="天河区")
    assert IndicatorObservation.objects.filter(indicator=indicator).count() == 3
    listed = selectors.indicator_list(user=users["official"], plan=plan).get(pk=indicator.pk)
    assert selectors.yearly_values(listed) == {2022: 3200.0}
    result = selectors.indicator_assessment(listed)
    by_district = result.chart()["districts"]
    assert by_district["year"] == 2022 and len(by_district["names"]) == 11
    assert by_district["values"][by_district["names"].index("天河区")] == 950
    assert by_district["values"][by_district["names"].index("黄埔区")] == 400
    assert by_district["values"].count(None) == 9
    with pytest.raises(ValidationError) as info:
        observation_record(actor=users["official"], indicator=indicator, year=2022, value=1, district="深圳")
    assert "district" in info.value.message_dict


def test_table_import_reads_the_district_column(plan, users):
    csv = "指标,年份,行政区,数值\n知识产权服务机构,2022,,3200\n知识产权服务机构,2022,越秀区,300\n"
    csv += "知识产权服务机构,2022,越秀区,310\n知识产权服务机构,2022,某某区,1\n"
    report = observations_import(actor=users["official"], plan=plan, table=read_csv(csv.encode("utf-8")))
    assert [(e.row, e.field) for e in report.errors] == [(4, "年份"), (5, "行政区")]
    first_three_lines = "\n".join(csv.splitlines()[:3]) + "\n"
    ok = observations_import(actor=users["official"], plan=plan, table=read_csv(first_three_lines.encode()))
    assert ok.created == 2 and not ok.errors

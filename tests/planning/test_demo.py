"""`zhichan demo` gives the plan module what a fresh clone needs: the shipped plan text, its title, a year
of work of several departments, demo figures; and a second run changes nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from zhichan.planning.demo import DEMO_SOURCE, PLAN_TEXT, PLAN_TITLE
from zhichan.planning.demo_figures import CITY_FIGURES, DISTRICT_SHARES, district_figures

DEMO_DAY = "2026-03-02 02:00:00"  # 10:00 in Guangzhou; the plan period (2021-2025) is over


def _planning_counts():
    from zhichan.core.models import AuditEntry, Organisation
    from zhichan.planning.models import (
        AnnualPlan,
        DepartmentAlias,
        IndicatorObservation,
        Milestone,
        Plan,
        ProgressReport,
        Task,
    )

    return {
        "plans": Plan.objects.count(),
        "tasks": Task.objects.count(),
        "aliases": DepartmentAlias.objects.count(),
        "organisations": Organisation.objects.count(),
        "annual_plans": AnnualPlan.objects.count(),
        "milestones_done": Milestone.objects.filter(done_on__isnull=False).count(),
        "reports": ProgressReport.objects.count(),
        "observations": IndicatorObservation.objects.count(),
        "plan_audit": AuditEntry.objects.filter(object_type__startswith="plan").count(),
        "statuses": sorted(
            (str(p.pk), p.review_status, p.review_comment)
            for model in (AnnualPlan, ProgressReport)
            for p in model.objects.all()
        ),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """`zhichan demo` run twice on a fixed day; the counts after each run, rolled back after the module."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        printed = io.StringIO()
        with freeze_time(DEMO_DAY):
            call_command("demo", stdout=printed)
            first = _planning_counts()
            call_command("demo", stdout=io.StringIO())
            second = _planning_counts()
        yield {"first": first, "second": second, "printed": printed.getvalue()}
        transaction.set_rollback(True)


@pytest.fixture
def world(demo, db):
    return demo


@pytest.fixture
def official(world):
    from zhichan.core.models import User

    return User.objects.get(username="official")


def test_the_plan_text_ships_inside_the_package():
    assert PLAN_TEXT.is_file() and "zhichan/planning/data" in PLAN_TEXT.as_posix()
    text = PLAN_TEXT.read_text(encoding="utf-8")
    assert "“十四五”知识产权发展主要预期性指标" in text and len(text) > 20_000


def test_demo_imports_the_shipped_plan_under_its_title(world, official, client):
    from zhichan.planning.models import Plan

    plan = Plan.objects.get()
    assert plan.title == PLAN_TITLE == "广州市知识产权保护和运用“十四五”规划"
    assert plan.tasks.count() == 50 and plan.indicators.count() == 20
    client.force_login(official)
    with freeze_time(DEMO_DAY):
        overview = client.get(reverse("planning:overview")).content.decode()
        indicators = client.get(reverse("planning:indicators"))
    assert f"<h1>{PLAN_TITLE}</h1>" in overview
    assert indicators.status_code == 200 and PLAN_TITLE in indicators.content.decode()
    home = client.get("/").content.decode()  # the dashboard names the plan the platform monitors
    assert "监测中的规划" in home and PLAN_TITLE in home and "50 项任务 · 20 项指标" in home


def test_the_account_list_says_what_each_demo_account_stands_for(world):
    """The respondent logs in with a party's role (权利人) but is the other side of the demo cases."""
    lines = {line.split()[1]: line for line in world["printed"].splitlines() if line.startswith("  ") and " " in line}
    assert "被请求人" in lines["respondent"] and "权利人" not in lines["respondent"]
    assert "权利人（请求人）" in lines["holder"] and "知识产权局工作人员" in lines["official"]


def test_a_second_demo_run_changes_nothing(world):
    assert world["second"] == world["first"]
    assert world["first"]["annual_plans"] and world["first"]["reports"] and world["first"]["observations"]


def test_the_demo_year_has_approved_returned_submitted_and_overdue_work_of_several_departments(world):
    from datetime import date

    from zhichan.planning import selectors
    from zhichan.planning.models import AnnualPlan, ProgressReport, ReviewStatus

    reports = ProgressReport.objects.all()
    plans = AnnualPlan.objects.all()
    departments = {e.department.name for e in [*plans, *reports]}
    assert {"广州市商务局", "广州市版权局", "广州市科学技术局", "广州市地方金融监督管理局"} <= departments
    assert {r.quarter for r in reports} == {1, 2, 3, 4, None}
    assert {r.year for r in reports} == {2021, 2022, 2023, 2024, 2025}
    returned = [*plans.filter(review_status=ReviewStatus.RETURNED), *reports.filter(review_status="returned")]
    assert returned and all(e.review_comment for e in returned)
    assert reports.filter(review_status=ReviewStatus.SUBMITTED).exists()  # the office's review queue
    assert reports.filter(review_status=ReviewStatus.APPROVED).count() > 80
    # the department's own liaison entered its reports; the office entered those of departments without one
    assert {r.created_by.username for r in reports.filter(department__name="广州市商务局")} == {"liaison"}
    overdue = selectors.overdue_items(as_of=date(2026, 3, 2))
    assert {i.kind for i in overdue} == {"milestone", "report"}
    assert 3 <= len(overdue) <= 12  # some overdue, not everything


def test_demo_figures_are_marked_as_demo_data_and_consistent_with_the_plan(world):
    from zhichan.planning.models import Indicator, IndicatorObservation

    observations = IndicatorObservation.objects.select_related("indicator", "district")
    assert {o.source for o in observations} == {DEMO_SOURCE} and "演示数据" in DEMO_SOURCE
    for indicator in Indicator.objects.all():
        years = {o.year for o in observations if o.indicator_id == indicator.pk and o.district_id is None}
        assert {2021, 2022, 2023, 2024, 2025} <= years, indicator.name
        if indicator.baseline is None and indicator.target is not None:  # the base level comes from 2020
            assert 2020 in years, indicator.name
    for name, values in CITY_FIGURES.items():
        indicator = Indicator.objects.get(name=name)
        if indicator.target is not None and indicator.kind != "growth_rate":
            # plausible: the 2025 value lies within 30% of the target, on the way from the baseline
            assert abs(Decimal(values[2025]) - indicator.target) <= indicator.target * Decimal("0.3"), name
        if indicator.baseline is not None and indicator.target is not None:
            assert min(indicator.baseline, indicator.target) * Decimal("0.9") <= Decimal(values[2021]), name


def test_district_figures_add_up_to_the_city(world):
    from zhichan.planning.models import IndicatorObservation

    for name in DISTRICT_SHARES:
        for year in (2023, 2025):
            rows = IndicatorObservation.objects.filter(indicator__name=name, year=year, district__isnull=False)
            assert rows.count() == 11
            assert sum(r.value for r in rows) == Decimal(CITY_FIGURES[name][year])
            assert sum(district_figures(name, year).values()) == int(Decimal(CITY_FIGURES[name][year]))


def test_every_indicator_with_a_target_can_be_assessed_and_the_statuses_are_mixed(world, official):
    from zhichan.planning import selectors

    plan = selectors.plan_current(user=official)
    assessments = selectors.indicator_assessments(user=official, plan=plan, as_of=2025)
    assert all(a.status is not None for a in assessments), [a.explanation for a in assessments if not a.status]
    assert {a.status.value for a in assessments} == {"on_track", "at_risk", "off_track"}


def test_midterm_and_final_reports_have_content(world, official):
    from zhichan.planning import selectors
    from zhichan.planning.reports import report_context

    plan = selectors.plan_current(user=official)
    with freeze_time(DEMO_DAY):
        for kind, year in (("midterm", 2023), ("final", 2025)):
            context = report_context(user=official, plan=plan, kind=kind)
            assert context["title"] == f"{PLAN_TITLE}{'中期评估报告' if kind == 'midterm' else '总结评估报告'}"
            assert all(row["a"].observed for row in context["rows"])
            reported = {r.department: r for r in context["departments"]}
            assert sum(reported["广州市商务局"].counts[:4]) == 1  # task 18 has an accepted report
            districts = [row["a"].by_district for row in context["rows"] if row["a"].by_district]
            assert len(districts) == 2 and all(d["year"] == year for d in districts)
        assert context["overdue"]

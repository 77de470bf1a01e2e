"""Every refusal of the planning app leaves exactly its denied audit row, committed whatever the refused save
would have written (see tests/kit). The edit check of annual plans and progress reports ran inside the
save's transaction and the lead-department check left no row at all: both are covered here."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.kit import assert_denied_and_audited
from zhichan.core import policy
from zhichan.core.models import Organisation, Role, User
from zhichan.core.policy import Action
from zhichan.engines.tabular import read_table
from zhichan.planning import services
from zhichan.planning.models import AnnualPlan, DepartmentAlias, Plan, ProgressReport, ReviewStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(plan):
    return DepartmentAlias.objects.get(name="市市场监管局").organisation


@pytest.fixture
def liaison(market):
    return User.objects.create_user(username="t-market-liaison", password="x" * 12, role="liaison", organisation=market)


@pytest.fixture
def task(plan):
    return next(t for t in plan.tasks.order_by("number") if "市市场监管局" in t.lead_units)


def _annual(actor, task, **kwargs):
    return services.annual_plan_save(actor=actor, task=task, year=2023, measures="制定方案", milestones=[], **kwargs)


def _report(actor, task, **kwargs):
    return services.progress_report_save(
        actor=actor, task=task, year=2023, quarter=1, progress="on_schedule", work_done="已起草", **kwargs
    )


def test_the_plan_and_its_indicators_refused(plan, users, plan_text):
    liaison = users["liaison"]
    alias = DepartmentAlias.objects.first()
    indicator = plan.indicators.first()
    table = read_table("指标,年份,数值\n专利,2022,1\n".encode(), "obs.csv")
    for call, action, object_type in (
        (lambda: services.plan_import(actor=liaison, text=plan_text), "plan.create", "plan"),
        (
            lambda: services.department_alias_update(actor=liaison, alias=alias, organisation=None),
            "plan.change",
            "plan",
        ),
        (
            lambda: services.indicator_provider_set(actor=liaison, indicator=indicator, provider=""),
            "plan.change",
            "plan",
        ),
        (
            lambda: services.observations_import(actor=liaison, plan=plan, table=table),
            "plan_observation.create",
            "plan_observation",
        ),
        (
            lambda: services.indicators_compute_start(actor=liaison, plan=plan, year=2022),
            "plan_observation.create",
            "plan_observation",
        ),
        (
            lambda: services.report_generate(actor=users["rights_holder"], plan=plan, kind="midterm"),
            "plan.download",
            "plan",
        ),
        (
            lambda: services.report_start(actor=users["rights_holder"], plan=plan, kind="midterm"),
            "plan.download",
            "plan",
        ),
    ):
        assert_denied_and_audited(call, action=action, object_type=object_type, object_id="")


def test_computing_an_indicator_records_nothing_for_a_liaison(plan, users):
    indicator = plan.indicators.first()
    services.indicator_provider_set(actor=users["official"], indicator=indicator, provider="core.ip_service_agencies")
    assert_denied_and_audited(
        lambda: services.indicator_compute(actor=users["liaison"], indicator=indicator, year=2022),
        action="plan_observation.create",
        object_type="plan_observation",
        object_id="",
    )
    assert not indicator.observations.exists()


def test_an_import_that_would_register_departments_refused_before_its_transaction(users, orgs, plan_text, monkeypatch):
    # the import registers the plan's lead departments as organisations (inside its transaction): an
    # importer who may not register organisations is refused first, with its row, and nothing is written
    cells = {k: v for k, v in policy.POLICY["organisation"][Role.OFFICIAL].items() if k != Action.CREATE}
    monkeypatch.setitem(policy.POLICY["organisation"], Role.OFFICIAL, cells)
    before = Organisation.objects.count()
    assert_denied_and_audited(
        lambda: services.plan_import(actor=users["official"], text=plan_text),
        action="organisation.create",
        object_type="organisation",
        object_id="",
    )
    assert not Plan.objects.exists() and Organisation.objects.count() == before


@pytest.mark.parametrize(("save", "object_type"), [(_annual, "plan_annual_plan"), (_report, "plan_progress_report")])
def test_entries_refused(users, liaison, task, save, object_type, monkeypatch):
    other = DepartmentAlias.objects.get(name="市版权局").organisation
    assert_denied_and_audited(  # a liaison enters only for its own department
        lambda: save(liaison, task, department=other),
        action=f"{object_type}.create",
        object_type=object_type,
        object_id="",
        reason=f"department {other.pk} is not the liaison's own",
    )
    assert_denied_and_audited(  # an auditor enters nothing
        lambda: save(users["auditor"], task, department=liaison.organisation),
        action=f"{object_type}.create",
        object_type=object_type,
        object_id="",
    )
    entry = save(liaison, task)
    # a liaison who may enter but not change (as a policy might say): the edit is refused before the save's
    # transaction, so its denied row stays (it was rolled back with the save before)
    cells = {k: v for k, v in policy.POLICY[object_type][Role.LIAISON].items() if k != Action.CHANGE}
    monkeypatch.setitem(policy.POLICY[object_type], Role.LIAISON, cells)
    assert_denied_and_audited(
        lambda: save(liaison, task, submit=True),
        action=f"{object_type}.change",
        object_type=object_type,
        object_id=entry.pk,
    )
    entry.refresh_from_db()
    assert entry.review_status == ReviewStatus.DRAFT


@pytest.mark.parametrize(("save", "model"), [(_annual, AnnualPlan), (_report, ProgressReport)])
def test_an_entry_created_meanwhile_by_someone_else_is_not_overwritten(liaison, task, save, model, monkeypatch):
    entry = save(liaison, task)
    # what the save sees when another request created the entry between its permission check and its lock
    monkeypatch.setattr(services, "_existing_entry", lambda **kwargs: None)
    with pytest.raises(ValidationError) as chinese:
        save(liaison, task, submit=True)
    assert chinese.value.messages == ["这份内容刚刚由他人创建，请刷新页面后再修改"]
    with translation.override("en"), pytest.raises(ValidationError) as english:
        save(liaison, task, submit=True)
    assert english.value.messages == ["Someone else has just created this entry; reload the page before changing it"]
    assert model.objects.get(pk=entry.pk).review_status == ReviewStatus.DRAFT


def test_milestone_of_another_department_refused(users, liaison, task):
    office = users["official"]
    entry = services.annual_plan_save(
        actor=office,
        task=task,
        year=2023,
        measures="m",
        milestones=[{"title": "印发方案", "due_on": "2023-03-31"}],
        department=liaison.organisation,
    )
    stranger = User.objects.create_user(
        username="t-copyright-liaison",
        password="x" * 12,
        role="liaison",
        organisation=DepartmentAlias.objects.get(name="市版权局").organisation,
    )
    assert_denied_and_audited(
        lambda: services.milestone_complete(actor=stranger, milestone=entry.milestones.get(), done_on="2023-03-01"),
        action="plan_annual_plan.change",
        object_type="plan_annual_plan",
        object_id=entry.pk,
    )
    assert entry.milestones.get().done_on is None


# --- pages ---


@pytest.mark.parametrize(
    ("role", "method", "url", "action", "object_type"),
    [
        ("rights_holder", "get", "/plan/annual-plans/export.xlsx", "plan_annual_plan.list", "plan_annual_plan"),
        ("liaison", "get", "/plan/reviews/", "plan_review.list", "plan_review"),
        ("rights_holder", "get", "/plan/overdue/", "plan_annual_plan.list", "plan_annual_plan"),
        ("liaison", "get", "/plan/observations/import/", "plan_observation.create", "plan_observation"),
        ("liaison", "post", "/plan/indicators/compute/", "plan_observation.create", "plan_observation"),
        ("rights_holder", "post", "/plan/reports/midterm/generate/", "plan.download", "plan"),
    ],
)
def test_page_refusals(client, plan, users, role, method, url, action, object_type):
    client.force_login(users[role])
    assert_denied_and_audited(
        lambda: getattr(client, method)(url, {"year": "2022"}),
        action=action,
        object_type=object_type,
        object_id="",
        status=403,
    )


def test_page_refusals_of_an_object(client, plan, users, liaison, task):
    alias = DepartmentAlias.objects.first()
    sha = "0" * 64
    client.force_login(users["rights_holder"])
    for url, action, object_id in (
        ("/plan/export.json", "plan.download", plan.pk),
        (f"/plan/reports/file/{sha}.html", "plan.download", sha),
    ):
        assert_denied_and_audited(
            lambda url=url: client.get(url), action=action, object_type="plan", object_id=object_id, status=403
        )
    client.force_login(liaison)
    assert_denied_and_audited(
        lambda: client.post(f"/plan/departments/{alias.pk}/", {}),
        action="plan.change",
        object_type="plan",
        object_id=alias.pk,
        status=403,
    )
    entry = services.annual_plan_save(
        actor=liaison,
        task=task,
        year=2023,
        measures="m",
        milestones=[{"title": "印发方案", "due_on": "2023-03-31"}],
        submit=True,
    )
    assert_denied_and_audited(  # the liaison sees its own entry and may not review it
        lambda: client.post(f"/plan/reviews/annual_plan/{entry.pk}/", {"decision": "approve"}),
        action="plan_review.create",
        object_type="plan_review",
        object_id="",
        status=403,
    )
    client.force_login(users["rights_holder"])  # sees no annual plan at all
    milestone = entry.milestones.get()
    for url, object_type, object_id in (
        (f"/plan/reviews/annual_plan/{entry.pk}/", "plan_annual_plan", entry.pk),
        (f"/plan/reviews/report/{entry.pk}/", "plan_progress_report", entry.pk),
        (f"/plan/milestones/{milestone.pk}/done/", "plan_annual_plan", milestone.pk),
    ):
        assert_denied_and_audited(
            lambda url=url: client.post(url, {"decision": "approve"}),
            action=f"{object_type}.read",
            object_type=object_type,
            object_id=object_id,
            status=404,
        )
    assert AnnualPlan.objects.get(pk=entry.pk).review_status == ReviewStatus.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_refusals_of_entries_are_committed(users, liaison, task, monkeypatch):
    """No test transaction here: the kit reads each denied row through another connection (committed)."""
    other = DepartmentAlias.objects.get(name="市版权局").organisation
    assert_denied_and_audited(
        lambda: _annual(liaison, task, department=other),
        action="plan_annual_plan.create",
        object_type="plan_annual_plan",
        object_id="",
        reason=f"department {other.pk} is not the liaison's own",
    )
    entry = _report(liaison, task)
    cells = {k: v for k, v in policy.POLICY["plan_progress_report"][Role.LIAISON].items() if k != Action.CHANGE}
    monkeypatch.setitem(policy.POLICY["plan_progress_report"], Role.LIAISON, cells)
    assert_denied_and_audited(
        lambda: _report(liaison, task, submit=True),
        action="plan_progress_report.change",
        object_type="plan_progress_report",
        object_id=entry.pk,
    )

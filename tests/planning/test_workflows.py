"""The office's review, cell by cell, from its tables: every (state, step, role) is allowed or refused.

Generated from `zhichan.planning.workflows` and the policy, for annual plans and progress reports alike.
"""

from __future__ import annotations

import pytest

from tests.kit import assert_workflow_cell, workflow_cells
from zhichan.core.models import User
from zhichan.planning.models import DepartmentAlias
from zhichan.planning.services import annual_plan_save, progress_report_save, submission_review
from zhichan.planning.workflows import ANNUAL_PLAN_REVIEW, PROGRESS_REPORT_REVIEW

ACTORS = ("official", "department_liaison", "auditor", "rights_holder", "administrator")


@pytest.fixture
def actors(plan, users):
    market = DepartmentAlias.objects.get(name="市市场监管局").organisation
    liaison = User.objects.create_user(
        username="t-market-liaison", password="x" * 12, role="liaison", organisation=market
    )
    return {**users, "department_liaison": liaison}


@pytest.fixture
def entries(plan, actors):
    task = next(t for t in plan.tasks.order_by("number") if "市市场监管局" in t.lead_units)
    liaison = actors["department_liaison"]
    annual = annual_plan_save(
        actor=liaison, task=task, year=2023, measures="制定年度工作方案", milestones=[], submit=True
    )
    report = progress_report_save(
        actor=liaison, task=task, year=2023, quarter=1, progress="on_schedule", work_done="已印发方案", submit=True
    )
    return {ANNUAL_PLAN_REVIEW: annual, PROGRESS_REPORT_REVIEW: report}


@pytest.mark.parametrize("workflow", [ANNUAL_PLAN_REVIEW, PROGRESS_REPORT_REVIEW], ids=["annual_plan", "report"])
def test_every_cell_of_the_review(entries, actors, workflow):
    """All cells in one test: importing the plan for each would cost seconds a cell."""
    entry = entries[workflow]
    for state, step, actor in workflow_cells(workflow, ACTORS):
        who = actors[actor]
        assert_workflow_cell(
            workflow=workflow,
            obj=entry,
            state=state,
            name=step,
            actor=who,
            take=lambda who=who, step=step: submission_review(
                actor=who, entry=entry, approve=step == "approve", comment="请补充进度"
            ),
        )

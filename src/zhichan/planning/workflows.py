"""The office's review of what departments submit (annual plans, progress reports), run by the core kernel.

A liaison submits; the IP office approves or returns it with comments (the `plan_review` right). The row
is locked and its state checked inside the step's transaction, so of two officials deciding at once one
decides and the other is told it has been decided.
"""

from django.utils.translation import gettext_lazy as _

from zhichan.core.workflow import Transition, Workflow
from zhichan.planning.models import AnnualPlan, ProgressReport, ReviewStatus

REVIEW_STEPS = (
    Transition("approve", _("通过"), frozenset({ReviewStatus.SUBMITTED}), ReviewStatus.APPROVED),
    Transition("return", _("退回"), frozenset({ReviewStatus.SUBMITTED}), ReviewStatus.RETURNED),
)

ANNUAL_PLAN_REVIEW = Workflow(
    object_type="plan_annual_plan",
    model=AnnualPlan,
    transitions=REVIEW_STEPS,
    state_field="review_status",
    permission=("plan_review", "create"),
)
PROGRESS_REPORT_REVIEW = Workflow(
    object_type="plan_progress_report",
    model=ProgressReport,
    transitions=REVIEW_STEPS,
    state_field="review_status",
    permission=("plan_review", "create"),
)

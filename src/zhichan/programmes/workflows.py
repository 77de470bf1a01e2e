"""An application's procedure as data, run by the core workflow kernel (every step audited).

draft -> submitted (the applicant; the eligibility checks run) -> formal check -> review (the amounts
fixed from the checks) -> publicity (公示, the version's days or the rules table's) -> decision by a
second official (not the reviewer, after the publicity) -> paid (the finance officer: batch, date,
voucher). The office may return a submitted application to its draft or refuse it at any step before
the decision.
"""

from django.utils.translation import gettext_lazy as _

from zhichan.core.workflow import Transition, Workflow
from zhichan.programmes.models import Application, ApplicationStatus

S = ApplicationStatus
REFUSABLE = frozenset({S.SUBMITTED, S.FORMAL_CHECKED, S.REVIEWED, S.PUBLICITY})

APPLICATION = Workflow(
    object_type="programme_application",
    model=Application,
    transitions=(
        Transition("submit", _("提交申报"), frozenset({S.DRAFT}), S.SUBMITTED, "programme_submission"),
        Transition("return", _("退回修改"), frozenset({S.SUBMITTED}), S.DRAFT, "programme_review"),
        Transition("formal_pass", _("形式审查通过"), frozenset({S.SUBMITTED}), S.FORMAL_CHECKED, "programme_review"),
        Transition("review_pass", _("评审通过"), frozenset({S.FORMAL_CHECKED}), S.REVIEWED, "programme_review"),
        Transition("publicise", _("公示"), frozenset({S.REVIEWED}), S.PUBLICITY, "programme_review"),
        Transition("reject", _("不予资助"), REFUSABLE, S.REJECTED, "programme_review"),
        Transition("approve", _("批准资助"), frozenset({S.PUBLICITY}), S.APPROVED, "programme_decision"),
        Transition("pay", _("记录拨付"), frozenset({S.APPROVED}), S.PAID, "programme_payment"),
    ),
)

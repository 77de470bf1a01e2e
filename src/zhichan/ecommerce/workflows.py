"""The notice procedure of 电子商务法 Art. 42-43 as data, run by the core workflow kernel.

The platform takes the measures, forwards the merchant's declaration and ends the measures when the
waiting period passes without a complaint; the rights holder reports its complaint or suit. Who is
which party is the policy's answer (`notice_platform_step`, `notice_holder_step` in `policy.py`).
"""

from django.utils.translation import gettext_lazy as _

from zhichan.core.workflow import Transition, Workflow
from zhichan.ecommerce.models import Notice, NoticeStatus

N = NoticeStatus

NOTICE = Workflow(
    object_type="notice",
    model=Notice,
    transitions=(
        Transition("measures", _("记录措施"), frozenset({N.SENT}), N.MEASURES_TAKEN, "notice_platform_step"),
        Transition(
            "declaration",
            _("转送不侵权声明"),
            frozenset({N.MEASURES_TAKEN}),
            N.DECLARATION_FORWARDED,
            "notice_platform_step",
        ),
        Transition(
            "complaint",
            _("已投诉或起诉"),
            frozenset({N.DECLARATION_FORWARDED}),
            N.COMPLAINT_FILED,
            "notice_holder_step",
        ),
        Transition("restore", _("终止措施"), frozenset({N.DECLARATION_FORWARDED}), N.RESTORED, "notice_platform_step"),
    ),
)

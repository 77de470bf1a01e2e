"""The extension point `programmes.ineligibility`: what other registers know against an applicant or an item.

A module contributes in its manifest, ``contributes={"programmes.ineligibility": "zhichan.<m>.x:signals"}``,
a callable ``signals(query: IneligibilityQuery) -> Iterable[zhichan.engines.funding.Signal]``. It is
called when an application is checked (on submission, and again at the review) with the applicant
and the items claimed; it answers with the findings it holds, each with its code (below), the record
that holds it (``"<app>.<Model>:<pk>"``, shown to the official as what decided the check), a short
reason in Chinese, and the item (kind, number) it concerns or None for the applicant. It reads only;
it must be quick (one or two queries for the whole list) and never raise for an unknown item.

A version's conditions name the codes that refuse (``no_signal`` for the applicant, ``item_no_signal``
for items), so a new code needs no change here, only a condition that names it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from zhichan.core import registry
from zhichan.engines.funding import Signal

POINT = "programmes.ineligibility"

# The codes contributors answer with (a contributor may add its own; a condition names what refuses).
CODES = {
    "serious_dishonesty": _("列入严重失信主体名单"),  # credit: the eligibility API
    "credit_management": _("处于信用管理期"),  # credit: an active management (监管) period
    "abnormal_application": _("非正常专利申请（已确认）"),  # patents, or a programmes finding
    "bad_faith_mark": _("恶意商标注册申请（已认定）"),  # watch, or a programmes finding
    "false_material": _("提供虚假材料"),  # programmes finding
    "already_funded": _("已获资助（不得重复资助）"),  # programmes itself
    "not_in_register": _("登记或认证名录中没有有效记录"),  # programmes: copyright and certificate items
}


@dataclass(frozen=True)
class IneligibilityQuery:
    organisation_id: int
    credit_code: str
    items: tuple[tuple[str, str], ...]  # (kind, number) of each item claimed
    on: date  # the day of the check
    application_id: str = ""  # the application being checked (its own items are not "already funded")


def signals_for(query: IneligibilityQuery) -> tuple[list[Signal], list[str]]:
    """Every contributor's signals, and the labels of the modules that answered (shown with the checks)."""
    found: list[Signal] = []
    sources: list[str] = []
    for label, contributor in registry.contributions(POINT):
        found.extend(contributor(query))
        sources.append(label)
    return found, sources


def code_label(code: str) -> Any:
    return CODES.get(code, code)

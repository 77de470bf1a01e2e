"""The credit module's contribution to `programmes.ineligibility`: an applicant on the published
serious-dishonesty list (`serious_dishonesty`) or in a management period (`credit_management`)."""

from __future__ import annotations

from typing import Any

from zhichan.credit.services.eligibility import grounds_for
from zhichan.engines.funding import Signal


def credit_signals(query: Any) -> list[Signal]:
    if not query.credit_code:
        return []
    return [Signal(g.code, g.record, g.reason) for g in grounds_for(query.credit_code, query.on)]

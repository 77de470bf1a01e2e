"""The cases module's contribution to `credit.events`: the infringement rulings of the office (a
ruled administrative-ruling case against a named respondent), offered to the credit officer."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date

from zhichan.cases.models import Case, Status
from zhichan.core.limits import uuid_or_none
from zhichan.engines.credit import Candidate, record_keys


def candidates(*, since: date | None = None, sources: Collection[str] | None = None) -> Iterator[Candidate]:
    ruled = Case.objects.filter(status=Status.RULED).exclude(respondent_name="").exclude(number=None)
    if since is not None:
        ruled = ruled.filter(closed_at__date__gte=since)
    if sources is not None:
        ruled = ruled.filter(pk__in=[k for k in map(uuid_or_none, record_keys(sources, "cases.Case")) if k])
    for case in ruled.only(
        "id", "number", "office", "respondent_name", "respondent_credit_code", "outcome", "closed_at"
    ):
        ruled_on = case.closed_at.date() if case.closed_at else None
        yield Candidate(
            source=f"cases.Case:{case.pk}",
            event_type="infringement_ruling",
            category="refuse_execution",  # suggested; an infringement ruling is recorded, its category confirmed
            subject_name=case.respondent_name,
            credit_code=case.respondent_credit_code,
            document_number=case.number or "",
            document_date=ruled_on,
            authority=case.office,
            summary=case.outcome,
        )

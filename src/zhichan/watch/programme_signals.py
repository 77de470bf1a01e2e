"""The watch module's contribution to `programmes.ineligibility`: the confirmed bad-faith filing findings
against the applicant (`bad_faith_mark`), by the finding's link to the directory or, where the finding
names the applicant only, by the applicant's registered name; findings decided after the day of the check
do not count. A programme's conditions decide whether the code refuses (the special fund's measures do)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, Subquery

from zhichan.engines.funding import Signal
from zhichan.watch.models import BadFaithFinding

# The directory's organisations, reached through the finding's own link (core.models is not imported).
_ORGANISATION = BadFaithFinding._meta.get_field("organisation").related_model


def finding_signals(query: Any) -> list[Signal]:
    registered_name = _ORGANISATION.objects.filter(pk=query.organisation_id).values("name")[:1]
    findings = BadFaithFinding.objects.filter(
        Q(organisation_id=query.organisation_id) | Q(organisation__isnull=True, applicant=Subquery(registered_name)),
        decided_on__lte=query.on,
    )
    return [
        Signal(
            "bad_faith_mark",
            f"watch.BadFaithFinding:{finding.pk}",
            f"{finding.authority}{finding.document_number}（{finding.decided_on.isoformat()}）",
        )
        for finding in findings
    ]

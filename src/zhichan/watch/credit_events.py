"""The watch module's contribution to `credit.events`: the confirmed bad-faith filing findings (each
recorded with its authority's document), offered as events of category 恶意商标注册申请行为."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date

from zhichan.engines.credit import Candidate, record_keys
from zhichan.watch.models import BadFaithFinding


def candidates(*, since: date | None = None, sources: Collection[str] | None = None) -> Iterator[Candidate]:
    findings = BadFaithFinding.objects.select_related("organisation")
    if since is not None:
        findings = findings.filter(decided_on__gte=since)
    if sources is not None:
        keys = [int(key) for key in record_keys(sources, "watch.BadFaithFinding") if key.isdigit()]
        findings = findings.filter(pk__in=keys)
    for finding in findings:
        code = finding.organisation.credit_code if finding.organisation else ""
        yield Candidate(
            source=f"watch.BadFaithFinding:{finding.pk}",
            event_type="bad_faith_filing",
            category="bad_faith_mark",
            subject_name=finding.applicant,
            credit_code=code or "",
            document_number=finding.document_number,
            document_date=finding.decided_on,
            authority=finding.authority,
            summary=finding.note,
        )

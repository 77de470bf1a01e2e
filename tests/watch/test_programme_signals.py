"""watch answers `programmes.ineligibility` with the confirmed bad-faith findings against the applicant:
linked to its directory record or naming it by its registered name, decided on or before the day of the
check; a finding against someone else, or decided later, is not an answer."""

from __future__ import annotations

from datetime import date

import pytest

from zhichan.core import registry
from zhichan.watch import services
from zhichan.watch.models import BadFaithFinding

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class Query:  # the shape of programmes.extension.IneligibilityQuery that a contributor reads
    def __init__(self, organisation_id: int, on: date) -> None:
        self.organisation_id, self.credit_code, self.items, self.on, self.application_id = (
            organisation_id, "", (), on, ""
        )  # fmt: skip


def _contributor():
    found = dict(registry.contributions("programmes.ineligibility"))
    (contributor,) = [c for c in found.values() if c.__module__ == "zhichan.watch.programme_signals"]
    return contributor


def _record(official, applicant, number, decided_on):
    data = {"applicant": applicant, "authority": "国家知识产权局", "document_number": number, "decided_on": decided_on}
    return services.finding_record(actor=official, data=data, document_name="决定书.pdf", document_chunks=[PDF])


def test_findings_against_the_applicant_answer_and_others_do_not(users, orgs, evidence_root):
    official, applicant = users["official"], orgs["other"]
    name = applicant.name
    by_name = _record(official, name, "商评字〔2026〕第0001号", date(2026, 3, 1))
    _record(official, "另一家公司", "商评字〔2026〕第0002号", date(2026, 3, 1))
    later = _record(official, name, "商评字〔2026〕第0003号", date(2026, 10, 1))
    linked = _record(official, "旧名称贸易有限公司", "商评字〔2026〕第0004号", date(2026, 2, 1))
    BadFaithFinding.objects.filter(pk=linked.pk).update(organisation=applicant)

    signals = _contributor()(Query(applicant.pk, date(2026, 6, 1)))
    assert {s.record for s in signals} == {f"watch.BadFaithFinding:{by_name.pk}", f"watch.BadFaithFinding:{linked.pk}"}
    assert {s.code for s in signals} == {"bad_faith_mark"}
    assert "商评字〔2026〕第0001号" in next(s.reason for s in signals if s.record.endswith(f":{by_name.pk}"))
    assert f"watch.BadFaithFinding:{later.pk}" in {
        s.record for s in _contributor()(Query(applicant.pk, date(2026, 10, 1)))
    }

"""The extension point `credit.events`: the findings of other modules that may become credit events.

A module contributes in its manifest, ``contributes={"credit.events": "zhichan.<m>.credit_events:candidates"}``,
a callable ``candidates(*, since: date | None = None, sources: Collection[str] | None = None) ->
Iterable[zhichan.engines.credit.Candidate]`` (`sources`: only the records named, ``"<app>.<Model>:<pk>"``;
`engines.credit.record_keys` gives a contributor its own keys; a malformed key is left out, never raised).
It yields the findings it holds that the credit officer may take into a credit event: a confirmed
infringement decision or ruling (cases), a bad-faith filing finding (watch), a confirmed abnormal
application (patents), an agency penalty (agencies), a fair ban ... Each candidate names its subject
(credit code and name), the event type and the category it suggests among the seven of the CNIPA rules
(the officer may change it), its legal document (number, date, authority) and the record it came from
(``"<app>.<Model>:<pk>"``: an event is imported once per record and links back to it).

A contributor reads only, never raises for a record it cannot describe (it leaves it out), and keeps
to one or two queries. The candidate type lives in the pure engine `engines.credit`, so that a
contributing module imports nothing of this one. The credit module never writes to the contributor:
importing a candidate is `services.candidate_import` (audited, by an official).
"""

from __future__ import annotations

from datetime import date

from zhichan.core import registry
from zhichan.engines.credit import Candidate

POINT = "credit.events"


def candidates_all(*, since: date | None = None) -> list[tuple[str, Candidate]]:
    """Every contributor's candidates, with the label of the module that offered each."""
    found: list[tuple[str, Candidate]] = []
    for label, contributor in registry.contributions(POINT):
        found.extend((label, candidate) for candidate in contributor(since=since))
    return found


def candidate_by_source(source: str) -> tuple[str, Candidate] | None:
    """The one candidate of that record, asked of the contributors by its source (no full listing)."""
    for label, contributor in registry.contributions(POINT):
        for candidate in contributor(sources=(source,)):
            if candidate.source == source:
                return label, candidate
    return None

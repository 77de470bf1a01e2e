"""Which court the parties may apply to for judicial confirmation (民事诉讼法 Art. 205; rules.md 10).

A court that invited the mediation (委派/先行调解) is the only one. Otherwise the basic-level court
where a party is domiciled, where the subject matter is, or where the mediation organisation is;
a dispute of intermediate jurisdiction (e.g. invention patents) goes to the intermediate court
instead, which in Guangzhou is taken to be the IP court (an inference recorded in rules.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from zhichan.cases.conf import conf


def confirmation_courts(
    *,
    invited_by_court: str = "",
    party_district_codes: Iterable[str] = (),
    subject_district_code: str = "",
    mediation_org_district_code: str = "",
    intermediate: bool = False,
) -> list[str]:
    """The courts the joint application may go to, in the order the law lists the connections."""
    if invited_by_court.strip():
        return [invited_by_court.strip()]
    if intermediate:
        return [conf("CASES_INTERMEDIATE_IP_COURT")]
    basic = conf("CASES_BASIC_COURTS")
    courts: list[str] = []
    for code in (*party_district_codes, subject_district_code, mediation_org_district_code):
        court = basic.get(code)
        if court and court not in courts:
            courts.append(court)
    return courts

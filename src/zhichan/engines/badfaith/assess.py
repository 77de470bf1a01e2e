"""`assess`: every applicant group of a period's filings with the flags its filings raise.

One pass to group the applicants (union-find), one to count, one per signal over each group's own
filings: linear in the filings, the assignments and the directory; the only search over another
collection is the mark engine's screening (its candidate index), skipped when the caller passes the
alerts it has already computed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from zhichan.engines.badfaith import signals
from zhichan.engines.badfaith.grouping import group_applicants
from zhichan.engines.badfaith.lists import Lists, load_lists
from zhichan.engines.badfaith.messages import TITLES
from zhichan.engines.badfaith.model import (
    ApplicantAssessment,
    Assignment,
    Filing,
    Finding,
    Flag,
    Level,
    Organisation,
)
from zhichan.engines.badfaith.settings import DEFAULT_SETTINGS, Settings
from zhichan.engines.marks import Alert, Mark, Register, screen


def _alerts(
    filings: Sequence[Filing], register: Register | Sequence[Mark], alerts: Iterable[Alert] | None
) -> tuple[dict[str, list[Alert]], dict[str, Mark]]:
    marks = register.marks if isinstance(register, Register) else list(register)
    known = {m.id: m for m in marks}
    by_filing: dict[str, list[Alert]] = defaultdict(list)
    if alerts is None:
        if not marks:
            return {}, known
        index = register if isinstance(register, Register) else Register(marks)
        found = screen([Mark(f.id, f.mark, f.classes) for f in filings], index)
        for filing, hits in zip(filings, found, strict=True):
            by_filing[filing.id].extend(hits)
    else:
        for alert in alerts:
            by_filing[alert.filing_id].append(alert)
    return by_filing, known


def level_of(score: float, settings: Settings) -> Level:
    if score >= settings.high_score:
        return Level.HIGH
    if score >= settings.medium_score:
        return Level.MEDIUM
    return Level.LOW


def assess(
    filings: Sequence[Filing],
    *,
    marks_register: Register | Sequence[Mark] = (),
    alerts: Iterable[Alert] | None = None,
    directory: Sequence[Organisation] = (),
    lists: Lists | None = None,
    assignments: Sequence[Assignment] = (),
    findings: Sequence[Finding] = (),
    settings: Settings = DEFAULT_SETTINGS,
) -> list[ApplicantAssessment]:
    """The applicant groups of `filings` (one period: the peer baseline is theirs), flagged groups only
    unless `settings.include_unflagged`, highest score first.

    `marks_register`: the known or distinctive marks of others (`marks.Mark` with its owner), or their
    `Register` with its index built; `alerts`: the mark engine's alerts of these filings against it,
    already computed (then nothing is screened again). `directory`: the organisation directory (6.4,
    and the contacts that link an applicant of the same name). `lists`: the editable lists (the shipped
    starter lists when None). `findings`: recorded findings against parties (Art. 8(3)).
    """
    lists = lists if lists is not None else load_lists()
    groups = group_applicants(filings, directory=directory, settings=settings)
    by_group: dict[str, list[Filing]] = defaultdict(list)
    for filing in filings:
        by_group[groups.by_name[filing.applicant]].append(filing)
    peers = signals.baseline((len(fs) for fs in by_group.values()), settings)
    by_alert, known = _alerts(filings, marks_register, alerts)
    signs = signals.SignIndex(directory, settings)
    filed: dict[str, date | None] = {f.id: f.filed_on for f in filings}
    assigned: dict[str, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        root = groups.root(assignment.assignor)
        if root is not None:
            assigned[root].append(assignment)
    found_against: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        root = groups.root(finding.party)
        if root is not None:
            found_against[root].append(finding)

    result: list[ApplicantAssessment] = []
    for root, own in by_group.items():
        members = set(groups.members[root])
        flags: list[Flag] = []
        if (volume := signals.volume(own, peers, settings)) is not None:
            flags.append(volume)
        flags.extend(signals.copies(own, by_alert, known, members, settings))
        if (signs_flag := signals.business_signs(own, signs, members, settings)) is not None:
            flags.append(signs_flag)
        flags.extend(signals.listed(own, lists, settings))
        if (moved := signals.scattered(own, assigned.get(root, []), filed, members, settings)) is not None:
            flags.append(moved)
        if (prior := signals.prior_findings(found_against.get(root, []), settings)) is not None:
            flags.append(prior)
        if not flags and not settings.include_unflagged:
            continue
        flags.sort(key=lambda f: (-f.weight, f.situation.value))
        score = round(sum(f.weight for f in flags), 3)
        result.append(
            ApplicantAssessment(
                key=root,
                applicants=tuple(groups.names[m] for m in groups.members[root]),
                links=tuple(groups.links.get(root, [])),
                filings=len(own),
                classes=len({c for f in own for c in f.classes}),
                flags=tuple(flags),
                score=score,
                level=level_of(score, settings),
                reasons=tuple(TITLES[f.situation] for f in flags),
            )
        )
    result.sort(key=lambda a: (-a.score, -a.filings, a.key))
    return result

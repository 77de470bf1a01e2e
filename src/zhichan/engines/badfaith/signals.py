"""The signals, each over one group of related applicants: which of its filings (assignments, findings)
raise the situation, with the evidence, against the threshold of its setting."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from zhichan.engines.badfaith.lists import Lists, contained, generic_match
from zhichan.engines.badfaith.messages import RULES, TITLES
from zhichan.engines.badfaith.model import Assignment, Evidence, Filing, Finding, Flag, Organisation, Situation
from zhichan.engines.badfaith.names import key, trade_name
from zhichan.engines.badfaith.settings import Settings
from zhichan.engines.marks import Alert, Mark


def flag(
    situation: Situation,
    settings: Settings,
    *,
    count: int,
    threshold: float,
    evidence: Iterable[Evidence],
    measures: tuple[tuple[str, float], ...] = (),
) -> Flag:
    shown = tuple(evidence)[: settings.evidence_max]
    return Flag(
        situation=situation,
        title=TITLES[situation],
        rule_keys=RULES[situation],
        count=count,
        threshold=threshold,
        measures=measures,
        evidence=shown,
        weight=settings.weights.get(situation.value, 1.0),
    )


def percentile(ordered: Sequence[int], pct: float) -> float:
    """Nearest-rank percentile of an ascending sequence."""
    if not ordered:
        return 0.0
    rank = max(1, min(len(ordered), -(-len(ordered) * pct // 100)))
    return float(ordered[int(rank) - 1])


@dataclass(frozen=True)
class Baseline:
    groups: int
    median: float
    high: float  # the settings' percentile


def baseline(counts: Iterable[int], settings: Settings) -> Baseline:
    ordered = sorted(counts)
    if not ordered:
        return Baseline(0, 0.0, 0.0)
    mid = len(ordered) // 2
    median = float(ordered[mid]) if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return Baseline(len(ordered), median, percentile(ordered, settings.volume_percentile))


def volume(filings: Sequence[Filing], peers: Baseline, settings: Settings) -> Flag | None:
    """6.1: the group's filings reach the minimum, a multiple of the median group and the percentile."""
    needed = max(float(settings.volume_min_filings), settings.volume_median_multiple * peers.median, peers.high)
    if len(filings) < needed:
        return None
    classes = {c for f in filings for c in f.classes}
    measures = (
        ("filings", float(len(filings))),
        ("classes", float(len(classes))),
        ("median", peers.median),
        (f"p{settings.volume_percentile:g}", peers.high),
        ("peers", float(peers.groups)),
    )
    evidence = (Evidence(f.id, f.mark, f.applicant, "|".join(f.classes)) for f in filings)
    return flag(Situation.VOLUME, settings, count=len(filings), threshold=needed, evidence=evidence, measures=measures)


def copies(
    filings: Sequence[Filing],
    alerts: Mapping[str, Sequence[Alert]],
    known: Mapping[str, Mark],
    members: set[str],
    settings: Settings,
) -> list[Flag]:
    """6.2 (marks of several other owners) and 6.3 (one owner's mark again and again)."""
    hits: list[tuple[Filing, Alert, Mark]] = []
    for filing in filings:
        for alert in alerts.get(filing.id, ()):
            protected = known.get(alert.protected_id)
            if protected is None or alert.score < settings.copy_min_score:
                continue
            if protected.owner and key(protected.owner) in members:
                continue  # the group's own mark
            hits.append((filing, alert, protected))
    found: list[Flag] = []
    owners = {key(p.owner) or p.id for _f, _a, p in hits}
    copied = {f.id for f, _a, _p in hits}
    if len(owners) >= settings.copy_min_owners and len(copied) >= settings.copy_min_filings:
        evidence = (Evidence(f.id, f.mark, p.mark, f"{p.owner} {a.score:.2f}", p.id) for f, a, p in hits)
        measures = (("owners", float(len(owners))), ("filings", float(len(copied))))
        found.append(
            flag(
                Situation.COPY_MANY,
                settings,
                count=len(copied),
                threshold=settings.copy_min_filings,
                evidence=evidence,
                measures=measures,
            )
        )
    by_mark: dict[str, list[tuple[Filing, Alert, Mark]]] = defaultdict(list)
    for hit in hits:
        by_mark[hit[2].id].append(hit)
    repeated = [
        group for group in by_mark.values() if len({f.id for f, _a, _p in group}) >= settings.repeat_min_filings
    ]
    if repeated:
        evidence = (Evidence(f.id, f.mark, p.mark, f"{p.owner} {a.score:.2f}", p.id) for g in repeated for f, a, p in g)
        count = max(len({f.id for f, _a, _p in g}) for g in repeated)
        measures = (("marks", float(len(repeated))), ("most_filings_of_one_mark", float(count)))
        found.append(
            flag(
                Situation.COPY_REPEAT,
                settings,
                count=count,
                threshold=settings.repeat_min_filings,
                evidence=evidence,
                measures=measures,
            )
        )
    return found


class SignIndex:
    """Trade names and full names of the directory's organisations, by normalised text."""

    def __init__(self, directory: Iterable[Organisation], settings: Settings) -> None:
        self.whole: dict[str, list[tuple[Organisation, str]]] = defaultdict(list)
        self.inside: dict[str, list[tuple[Organisation, str]]] = defaultdict(list)
        for organisation in directory:
            name = key(organisation.name)
            if name:
                self.whole[name].append((organisation, name))
            trade = trade_name(organisation.name)
            if len(trade) >= settings.trade_name_min_length and trade != name:
                self.whole[trade].append((organisation, trade))
            if len(trade) >= settings.trade_name_contained_min_length:
                self.inside[trade].append((organisation, trade))
        self.longest = max((len(k) for k in self.inside), default=0)
        self.shortest = settings.trade_name_contained_min_length

    def matches(self, mark_key: str) -> list[tuple[Organisation, str]]:
        found = list(self.whole.get(mark_key, ()))
        for start in range(len(mark_key)):
            for end in range(start + self.shortest, min(len(mark_key), start + self.longest) + 1):
                piece = mark_key[start:end]
                if piece != mark_key:
                    found.extend(self.inside.get(piece, ()))
        return found


def business_signs(filings: Sequence[Filing], index: SignIndex, members: set[str], settings: Settings) -> Flag | None:
    """6.4: others' trade names or company names (the directory), the group's own names left out."""
    evidence: list[Evidence] = []
    matched: set[str] = set()
    for filing in filings:
        for organisation, name in index.matches(key(filing.mark)):
            if key(organisation.name) in members:
                continue
            evidence.append(Evidence(filing.id, filing.mark, name, organisation.name, organisation.id))
            matched.add(filing.id)
    if len(matched) < settings.business_sign_min_filings:
        return None
    owners = float(len({e.ref for e in evidence}))
    return flag(
        Situation.BUSINESS_SIGN,
        settings,
        count=len(matched),
        threshold=settings.business_sign_min_filings,
        evidence=evidence,
        measures=(("filings", float(len(matched))), ("organisations", owners)),
    )


def listed(filings: Sequence[Filing], lists: Lists, settings: Settings) -> list[Flag]:
    """6.5 famous persons and works, 6.6 places, 6.7 generic terms, from the editable lists."""
    shortest = settings.list_term_min_length
    found: dict[Situation, list[Evidence]] = defaultdict(list)
    for filing in filings:
        mark_key = key(filing.mark)
        for entry in contained(mark_key, lists.famous, shortest=shortest)[:1]:
            found[Situation.PUBLIC_CULTURE].append(_listed(filing, entry.term, entry.kind, entry.line))
        place = lists.places.by_key.get(mark_key)
        if place is None:  # a scenic spot or building inside a longer mark; a region name only as the mark
            inside = [e for e in contained(mark_key, lists.places, shortest=shortest) if e.kind != "region"]
            place = inside[0] if inside else None
        if place is not None:
            found[Situation.PLACE].append(_listed(filing, place.term, place.kind, place.line))
        generic = generic_match(mark_key, filing.classes, lists.generic)
        if generic is not None:
            found[Situation.GENERIC].append(_listed(filing, generic.term, "|".join(generic.classes), generic.line))
    minimum = {
        Situation.PUBLIC_CULTURE: settings.public_culture_min_filings,
        Situation.PLACE: settings.place_min_filings,
        Situation.GENERIC: settings.generic_min_filings,
    }
    versions = {Situation.PUBLIC_CULTURE: lists.famous, Situation.PLACE: lists.places, Situation.GENERIC: lists.generic}
    flags: list[Flag] = []
    for situation, evidence in found.items():
        if len(evidence) >= minimum[situation]:
            source = versions[situation]
            measures = (("filings", float(len(evidence))), ("entries", float(len({e.matched for e in evidence}))))
            flags.append(
                flag(
                    situation,
                    settings,
                    count=len(evidence),
                    threshold=minimum[situation],
                    evidence=[
                        Evidence(e.filing_id, e.mark, e.matched, f"{e.detail} ({source.name} {source.version})", e.ref)
                        for e in evidence
                    ],
                    measures=measures,
                )
            )
    return flags


def _listed(filing: Filing, term: str, detail: str, line: int) -> Evidence:
    return Evidence(filing.id, filing.mark, term, detail, str(line))


def scattered(
    filings: Sequence[Filing],
    assignments: Sequence[Assignment],
    filed: Mapping[str, date | None],
    members: set[str],
    settings: Settings,
) -> Flag | None:
    """6.8: the group's filings assigned, soon after filing, to many unrelated assignees."""
    counted: list[Assignment] = []
    for assignment in assignments:
        if key(assignment.assignee) in members:
            continue  # within the group
        filed_on = filed.get(assignment.filing_id, assignment.filed_on)
        if filed_on is not None and not 0 <= (assignment.on - filed_on).days <= settings.assignment_window_days:
            continue
        counted.append(assignment)
    assignees = {key(a.assignee) for a in counted}
    assigned = {a.filing_id for a in counted}
    share = len(assigned) / max(len(filings), len(assigned), 1)
    if len(assignees) < settings.assignment_min_assignees or share < settings.assignment_min_share:
        return None
    evidence = (Evidence(a.filing_id, a.mark, a.assignee, f"{a.assignor} {a.on.isoformat()}") for a in counted)
    measures = (("assignees", float(len(assignees))), ("assigned", float(len(assigned))), ("share", round(share, 3)))
    return flag(
        Situation.ASSIGNMENTS,
        settings,
        count=len(assignees),
        threshold=settings.assignment_min_assignees,
        evidence=evidence,
        measures=measures,
    )


def prior_findings(findings: Sequence[Finding], settings: Settings) -> Flag | None:
    """Art. 8(3): a recorded finding against the applicant or a related party."""
    if not findings:
        return None
    evidence = (
        Evidence("", "", f.document, f"{f.authority} {f.decided_on.isoformat() if f.decided_on else ''}".strip(), f.id)
        for f in findings
    )
    return flag(
        Situation.PRIOR_FINDING,
        settings,
        count=len(findings),
        threshold=1,
        evidence=evidence,
        measures=(("findings", float(len(findings))),),
    )

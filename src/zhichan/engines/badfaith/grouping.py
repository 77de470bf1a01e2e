"""Related parties (Decree 17 Art. 8(1) "申请人及其关联人"): applicants joined when they share a normalised
address, phone or e-mail, or file through the same small agency.

Union-find over the applicants, one pass over each shared value: linear in the filings, never pairwise.
A value shared by very many applicants (a registered-office service's address, a big agency) links
nobody: it says nothing about relation (`Settings.shared_value_max_parties`, `small_agency_max_clients`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from zhichan.engines.badfaith.model import Filing, Link, Organisation
from zhichan.engines.badfaith.names import address_key, email_key, key, phone_key
from zhichan.engines.badfaith.settings import Settings


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, item: str) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:  # the smaller key is the root: a stable group key
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


@dataclass(frozen=True)
class Groups:
    """Each applicant (by normalised name) with the root of its group, the group's members and links."""

    root_of: dict[str, str]
    members: dict[str, list[str]]  # root -> applicant keys, sorted
    links: dict[str, list[Link]]  # root -> the links that joined it
    names: dict[str, str]  # applicant key -> the name as first written
    by_name: dict[str, str]  # the applicant as written in a filing -> the root of its group

    def root(self, applicant: str) -> str | None:
        """The root of the group of an applicant as written (any spelling of a known name)."""
        found = self.by_name.get(applicant)
        return found if found is not None else self.root_of.get(key(applicant))


def group_applicants(
    filings: Sequence[Filing], *, directory: Iterable[Organisation] = (), settings: Settings
) -> Groups:
    names: dict[str, str] = {}
    values: dict[tuple[str, str], set[str]] = defaultdict(set)  # (kind, value) -> applicant keys
    raw_root: dict[str, str] = {}
    seen: set[tuple[str, str, str, str, str]] = set()
    for filing in filings:  # each distinct (applicant, contacts) once: most filings repeat their applicant's
        contact = (filing.applicant, filing.address, filing.phone, filing.email, filing.agency)
        if contact in seen:
            continue
        seen.add(contact)
        applicant = key(filing.applicant)
        names.setdefault(applicant, filing.applicant)
        raw_root[filing.applicant] = applicant
        address = address_key(filing.address)
        if len(address) >= settings.address_min_length:
            values["address", address].add(applicant)
        if phone := phone_key(filing.phone):
            values["phone", phone].add(applicant)
        if email := email_key(filing.email):
            values["email", email].add(applicant)
        if agency := key(filing.agency):
            values["agency", agency].add(applicant)
    for organisation in directory:  # the directory's contacts of an applicant of the same name
        applicant = key(organisation.name)
        if applicant not in names:
            continue
        address = address_key(organisation.address)
        if len(address) >= settings.address_min_length:
            values["address", address].add(applicant)
        if phone := phone_key(organisation.phone):
            values["phone", phone].add(applicant)
        if email := email_key(organisation.email):
            values["email", email].add(applicant)
    found = UnionFind()
    for applicant in names:
        found.add(applicant)
    joined: list[Link] = []
    shared = [
        (kind_value, parties)
        for kind_value, parties in values.items()
        if 2
        <= len(parties)
        <= (settings.small_agency_max_clients if kind_value[0] == "agency" else settings.shared_value_max_parties)
    ]
    for (kind, value), parties in sorted(shared):
        ordered = sorted(parties)
        for a, b in pairwise(ordered):
            if found.union(a, b):
                joined.append(Link(names[a], names[b], kind, value))
    root_of = {applicant: found.find(applicant) for applicant in names}
    by_name = {raw: root_of[applicant] for raw, applicant in raw_root.items()}
    members: dict[str, list[str]] = defaultdict(list)
    for applicant, root in root_of.items():
        members[root].append(applicant)
    links: dict[str, list[Link]] = defaultdict(list)
    for link in joined:
        links[root_of[key(link.a)]].append(link)
    return Groups(root_of, {r: sorted(m) for r, m in members.items()}, dict(links), names, by_name)

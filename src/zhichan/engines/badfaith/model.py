"""The records the bad-faith signals read (filings, assignments, the organisation directory, recorded
findings) and what they produce (flags with their evidence, an attention level per applicant group)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum


@dataclass(frozen=True, slots=True)
class Filing:
    """One trademark application as a publication or a register extract gives it."""

    id: str
    mark: str
    applicant: str
    classes: tuple[str, ...] = ()
    filed_on: date | None = None  # or the publication date: the period the volume counts in
    address: str = ""
    phone: str = ""
    email: str = ""
    agency: str = ""


@dataclass(frozen=True, slots=True)
class Assignment:
    """A recorded assignment (转让) of an application or registration."""

    filing_id: str
    assignor: str
    assignee: str
    on: date
    filed_on: date | None = None  # the assigned filing's date, when the filing is not among the filings
    mark: str = ""


@dataclass(frozen=True, slots=True)
class Organisation:
    """An entry of the organisation directory: its name gives the trade name others may copy (6.4); its
    address, phone and e-mail link an applicant of the same name to its related parties."""

    id: str
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """A confirmed finding of the competent authority (CNIPA, a market regulator, a court) against a party:
    the Art. 8(3) factor of SAMR Decree 17. `agency` is the agency named in it, if any."""

    id: str
    party: str
    authority: str
    document: str
    decided_on: date | None = None
    agency: str = ""


class Situation(str, Enum):
    """The typical situations of the examination guideline (下编第二章) and the Decree 17 factor they rest on."""

    VOLUME = "6.1"
    COPY_MANY = "6.2"
    COPY_REPEAT = "6.3"
    BUSINESS_SIGN = "6.4"
    PUBLIC_CULTURE = "6.5"
    PLACE = "6.6"
    GENERIC = "6.7"
    ASSIGNMENTS = "6.8"
    PRIOR_FINDING = "8(3)"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact behind a flag: the filing (or assignment, or finding) and what it matched."""

    filing_id: str
    mark: str
    matched: str  # the known mark, the name, the list entry, the assignee, the document
    detail: str = ""  # its owner, list, score or date
    ref: str = ""  # the id of what was matched (protected mark, organisation, list entry, finding)


@dataclass(frozen=True, slots=True)
class Flag:
    situation: Situation
    title: str  # a gettext_noop key: the app translates it
    rule_keys: tuple[str, ...]  # legal_rules.csv keys it cites
    count: int  # filings (or assignees, findings) behind it
    threshold: float  # the setting the count reached
    measures: tuple[tuple[str, float], ...] = ()  # e.g. (("filings", 120), ("median", 1), ("p99", 9))
    evidence: tuple[Evidence, ...] = ()
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Link:
    """Why two applicants are taken as related parties: the normalised value they share."""

    a: str
    b: str
    kind: str  # address | phone | email | agency
    value: str


class Level(str, Enum):
    """The attention level (关注程度): a reason to look, never a finding of bad faith."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class ApplicantAssessment:
    """One applicant with its related parties, its filings in the period and the flags they raise."""

    key: str  # a stable key of the group: its first applicant by normalised name
    applicants: tuple[str, ...]
    links: tuple[Link, ...]
    filings: int
    classes: int
    flags: tuple[Flag, ...]
    score: float
    level: Level
    reasons: tuple[str, ...] = field(default=())  # the flag titles, strongest first

"""The vocabulary of triage: rights, kinds of request, channels, and the shape of a result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Right(StrEnum):
    PATENT = "patent"
    TRADEMARK = "trademark"
    COPYRIGHT = "copyright"
    TRADE_SECRET = "trade_secret"  # noqa: S105 (a kind of right, not a password)
    UNFAIR_COMPETITION = "unfair_competition"
    GEOGRAPHICAL_INDICATION = "geographical_indication"

    @property
    def zh(self) -> str:
        return _RIGHT_ZH[self]


_RIGHT_ZH = {
    Right.PATENT: "专利",
    Right.TRADEMARK: "商标",
    Right.COPYRIGHT: "著作权",
    Right.TRADE_SECRET: "商业秘密",
    Right.UNFAIR_COMPETITION: "不正当竞争",
    Right.GEOGRAPHICAL_INDICATION: "地理标志",
}


class RequestKind(StrEnum):
    INFRINGEMENT_COMPLAINT = "infringement_complaint"
    RIGHTS_ASSISTANCE = "rights_assistance"
    PATENT_RULING = "patent_ruling"
    MEDIATION = "mediation"
    ARBITRATION_REFERRAL = "arbitration_referral"
    OVERSEAS_ASSISTANCE = "overseas_assistance"
    FAIR_COMPLAINT = "fair_complaint"

    @property
    def zh(self) -> str:
        return _REQUEST_ZH[self]


_REQUEST_ZH = {
    RequestKind.INFRINGEMENT_COMPLAINT: "侵权投诉举报",
    RequestKind.RIGHTS_ASSISTANCE: "维权援助",
    RequestKind.PATENT_RULING: "专利侵权纠纷行政裁决",
    RequestKind.MEDIATION: "调解",
    RequestKind.ARBITRATION_REFERRAL: "仲裁转介",
    RequestKind.OVERSEAS_ASSISTANCE: "海外纠纷应对援助",
    RequestKind.FAIR_COMPLAINT: "展会投诉",
}


class Channel(StrEnum):
    ADMINISTRATIVE_RULING = "administrative_ruling"
    ADMINISTRATIVE_ENFORCEMENT = "administrative_enforcement"
    MEDIATION = "mediation"
    ARBITRATION = "arbitration"
    OVERSEAS_ASSISTANCE = "overseas_assistance"
    FAIR_COMPLAINT = "fair_complaint"
    COURT = "court"
    RIGHTS_ASSISTANCE = "rights_assistance"

    @property
    def zh(self) -> str:
        return _CHANNEL_ZH[self]


_CHANNEL_ZH = {
    Channel.ADMINISTRATIVE_RULING: "行政裁决",
    Channel.ADMINISTRATIVE_ENFORCEMENT: "行政执法",
    Channel.MEDIATION: "调解",
    Channel.ARBITRATION: "仲裁",
    Channel.OVERSEAS_ASSISTANCE: "海外维权援助",
    Channel.FAIR_COMPLAINT: "展会投诉站",
    Channel.COURT: "司法诉讼",
    Channel.RIGHTS_ASSISTANCE: "维权援助",
}


@dataclass(frozen=True, slots=True)
class Facts:
    """What the intake knows about a complaint. `None` means the requester has not said."""

    right: Right
    request: RequestKind
    respondent_named: bool = True
    respondent_credit_code_known: bool | None = None
    has_evidence: bool = False
    arbitration_agreement: bool | None = None
    respondent_abroad: bool | None = None
    fair_in_progress: bool | None = None
    lawsuit_pending: bool | None = None
    both_willing_to_mediate: bool | None = None
    counterfeiting: bool | None = None  # the mark is identical on identical goods (假冒)
    infringement_known_on: date | None = None  # when the requester knew of the infringement and infringer
    infringement_continuing: bool | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    """A channel the engine proposes, with the reason in Chinese and the rule it rests on."""

    channel: Channel
    reason: str
    rule_key: str = ""
    basis: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "channel": self.channel.value,
            "channel_zh": self.channel.zh,
            "reason": self.reason,
            "rule_key": self.rule_key,
            "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A channel ruled out by a fact, and why."""

    channel: Channel
    reason: str
    rule_key: str = ""
    basis: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"channel": self.channel.value, "reason": self.reason, "rule_key": self.rule_key, "basis": self.basis}


@dataclass(frozen=True, slots=True)
class Missing:
    """A fact the rules need that the intake has not given; `field` names the Facts attribute."""

    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


@dataclass(frozen=True, slots=True)
class Warning:
    """Something the official should weigh (a time bar, a limit that is near)."""

    code: str
    message: str
    rule_key: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "rule_key": self.rule_key}


@dataclass(frozen=True, slots=True)
class Triage:
    proposals: tuple[Proposal, ...]
    excluded: tuple[Exclusion, ...] = ()
    missing: tuple[Missing, ...] = ()
    warnings: tuple[Warning, ...] = ()
    request_limit_ends: date | None = field(default=None)

    @property
    def primary(self) -> Channel | None:
        return self.proposals[0].channel if self.proposals else None

    @property
    def channels(self) -> tuple[Channel, ...]:
        return tuple(p.channel for p in self.proposals)

    def as_dict(self) -> dict[str, object]:
        return {
            "primary": self.primary.value if self.primary else None,
            "proposals": [p.as_dict() for p in self.proposals],
            "excluded": [e.as_dict() for e in self.excluded],
            "missing": [m.as_dict() for m in self.missing],
            "warnings": [w.as_dict() for w in self.warnings],
            "request_limit_ends": self.request_limit_ends.isoformat() if self.request_limit_ends else None,
        }

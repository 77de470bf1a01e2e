"""High-value invention patents (高价值发明专利): the five criteria, each flag with what made it true.

A valid invention patent is high-value when it meets at least one criterion (rules.md §1): in a
strategic emerging industry by its IPC codes (SEI), with a granted family member abroad (OVERSEAS),
maintained more than ten years (MAINT10), pledged for a high amount (PLEDGE), or awarded a national
science and technology award or a China Patent Award (AWARD). Utility models, designs, applications and
lapsed patents never count; a patent that meets several criteria counts once.

What the sources leave open is a setting (`HighValueSettings`), never a literal: the anchor of the ten
years, the pledge amount that is "high" (no threshold: the criterion is not assessed), which award
grades count. Each flag says which record made it true and from which day (the lineage an official
checks before the figure goes into the plan's indicator).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from zhichan.engines.patents.ipc import IpcCode, IpcError, parse_ipc
from zhichan.engines.patents.messages import gettext_noop
from zhichan.engines.patents.numbers import PatentKind


class Criterion(StrEnum):
    SEI = "sei"
    OVERSEAS = "overseas"
    MAINT10 = "maint10"
    PLEDGE = "pledge"
    AWARD = "award"


CRITERION_LABELS = {
    Criterion.SEI: gettext_noop("战略性新兴产业的发明专利"),
    Criterion.OVERSEAS: gettext_noop("在海外有同族专利权的发明专利"),
    Criterion.MAINT10: gettext_noop("维持年限超过10年的发明专利"),
    Criterion.PLEDGE: gettext_noop("实现较高质押融资金额的发明专利"),
    Criterion.AWARD: gettext_noop("获得国家科学技术奖或中国专利奖的发明专利"),
}


@dataclass(frozen=True)
class FamilyMember:
    country: str  # WIPO ST.3 code, e.g. US, EP, JP
    number: str
    granted_on: date | None  # None: filed or published only (a PCT filing is not a granted right)


@dataclass(frozen=True)
class Pledge:
    reference: str  # the registration number of the pledge
    amount_cny: Decimal
    registered_on: date
    patents_in_package: int = 1  # how the amount is shared among the patents of a package is a setting


@dataclass(frozen=True)
class Award:
    reference: str
    name: str  # 国家科学技术奖, 中国专利奖
    grade: str  # 金奖, 银奖, 优秀奖, 一等奖 ...
    year: int


@dataclass(frozen=True)
class PatentFacts:
    number: str
    kind: PatentKind
    valid: bool  # in force on the day asked (granted, fees paid, not expired or invalidated)
    filing_date: date
    grant_date: date | None = None
    ipc: tuple[str, ...] = ()
    family: tuple[FamilyMember, ...] = ()
    pledges: tuple[Pledge, ...] = ()
    awards: tuple[Award, ...] = ()


@dataclass(frozen=True)
class IndustryTable:
    """IPC prefixes of each strategic emerging industry, with the table's name and version (its source)."""

    source: str
    prefixes: Mapping[str, str] = field(default_factory=dict)  # IPC prefix ("H01M", "H01M 10/00") -> sector

    def sectors_of(self, codes: Iterable[IpcCode]) -> list[tuple[str, str]]:
        """(sector, the code that put the patent there), longest matching prefix per code."""
        found: list[tuple[str, str]] = []
        ordered = sorted(self.prefixes, key=len, reverse=True)
        for code in codes:
            for prefix in ordered:
                if code.starts_with(prefix):
                    hit = (self.prefixes[prefix], str(code))
                    if hit not in found:
                        found.append(hit)
                    break
        return found


@dataclass(frozen=True)
class HighValueSettings:
    maintained_years: int = 10  # rules table: patents.high_value_maintained_years
    anchor: str = "filing"  # "filing" (专利法 Art. 42: the term runs from the filing date) or "grant"
    pledge_threshold_cny: Decimal | None = None  # UNVERIFIED: None leaves the criterion unassessed
    pledge_share: str = "whole"  # "whole": each patent of a package counts the whole amount; "equal": shared
    award_names: frozenset[str] = frozenset({"国家科学技术奖", "中国专利奖"})
    award_grades_excluded: frozenset[str] = frozenset()  # e.g. {"优秀奖"} if it must not count


@dataclass(frozen=True)
class Flag:
    criterion: Criterion
    since: date | None  # the day the criterion became true, where a record says
    evidence: str  # which record: the code, the family member, the pledge, the award
    reason: str  # message key
    params: Mapping[str, object] = field(default_factory=dict)


def _anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def counts(facts: PatentFacts) -> bool:
    """Only valid invention patents can be high-value."""
    return facts.kind == PatentKind.INVENTION and facts.valid


def hv_flags(
    facts: PatentFacts, *, as_of: date, settings: HighValueSettings, industries: IndustryTable | None = None
) -> tuple[Flag, ...]:
    """The criteria the patent meets on `as_of`; empty for a patent that is not high-value."""
    if not counts(facts):
        return ()
    flags: list[Flag] = []
    codes = []
    for raw in facts.ipc:
        try:
            codes.append(parse_ipc(raw))
        except IpcError:
            continue
    if industries is not None:
        for sector, code in industries.sectors_of(codes):
            flags.append(
                Flag(
                    Criterion.SEI,
                    facts.grant_date,
                    code,
                    gettext_noop("%(code)s 属于%(sector)s（%(source)s）"),
                    {"code": code, "sector": sector, "source": industries.source},
                )
            )
            break
    abroad = sorted(
        (m for m in facts.family if m.granted_on is not None and m.granted_on <= as_of and m.country.upper() != "CN"),
        key=lambda m: m.granted_on or as_of,
    )
    if abroad:
        first = abroad[0]
        flags.append(
            Flag(
                Criterion.OVERSEAS,
                first.granted_on,
                f"{first.country} {first.number}",
                gettext_noop("同族专利 %(number)s 已在 %(country)s 授权"),
                {"number": first.number, "country": first.country},
            )
        )
    start = facts.filing_date if settings.anchor == "filing" else facts.grant_date
    if start is not None:
        anniversary = _anniversary(start, settings.maintained_years)
        if as_of > anniversary:
            flags.append(
                Flag(
                    Criterion.MAINT10,
                    anniversary,
                    start.isoformat(),
                    gettext_noop("自%(start)s起维持已超过%(years)s年"),
                    {"start": start.isoformat(), "years": settings.maintained_years},
                )
            )
    if settings.pledge_threshold_cny is not None:
        for pledge in sorted(facts.pledges, key=lambda p: p.registered_on):
            share = pledge.amount_cny
            if settings.pledge_share == "equal" and pledge.patents_in_package > 1:
                share = pledge.amount_cny / pledge.patents_in_package
            if pledge.registered_on <= as_of and share >= settings.pledge_threshold_cny:
                flags.append(
                    Flag(
                        Criterion.PLEDGE,
                        pledge.registered_on,
                        pledge.reference,
                        gettext_noop("质押登记 %(reference)s 融资 %(amount)s 元，不低于 %(threshold)s 元"),
                        {
                            "reference": pledge.reference,
                            "amount": str(share),
                            "threshold": str(settings.pledge_threshold_cny),
                        },
                    )
                )
                break
    for award in sorted(facts.awards, key=lambda a: a.year):
        if (
            award.name in settings.award_names
            and award.grade not in settings.award_grades_excluded
            and award.year <= as_of.year
        ):
            flags.append(
                Flag(
                    Criterion.AWARD,
                    date(award.year, 1, 1),
                    award.reference,
                    gettext_noop("获%(year)s年%(name)s%(grade)s"),
                    {"year": award.year, "name": award.name, "grade": award.grade},
                )
            )
            break
    return tuple(flags)


def high_value_count(flagged: Mapping[str, tuple[Flag, ...]]) -> int:
    """Distinct patents meeting any criterion: a patent with several flags counts once."""
    return sum(1 for flags in flagged.values() if flags)

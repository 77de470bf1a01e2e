"""The five criteria of a high-value invention patent, with the test cases of rules.md §1."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from zhichan.engines.patents import (
    Award,
    Criterion,
    FamilyMember,
    HighValueSettings,
    IndustryTable,
    PatentFacts,
    PatentKind,
    Pledge,
    high_value_count,
    hv_flags,
)

FILED = date(2014, 3, 10)
SETTINGS = HighValueSettings(pledge_threshold_cny=Decimal("10000000"))
INDUSTRIES = IndustryTable(
    "战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）", {"H01M": "新能源汽车", "H01M 10/00": "新能源"}
)


def _patent(**changes):
    facts = {
        "number": "CN104000001B",
        "kind": PatentKind.INVENTION,
        "valid": True,
        "filing_date": FILED,
        "grant_date": date(2016, 5, 4),
        "ipc": ("A47L 11/24",),
    }
    return PatentFacts(**{**facts, **changes})


def _criteria(facts, as_of, settings=SETTINGS):
    return [flag.criterion for flag in hv_flags(facts, as_of=as_of, settings=settings, industries=INDUSTRIES)]


def test_ten_years_counts_from_the_day_after_the_tenth_anniversary():
    anniversary = date(2024, 3, 10)
    assert _criteria(_patent(), FILED + timedelta(days=int(9.9 * 365))) == []
    assert _criteria(_patent(), anniversary) == []  # "more than ten years"
    assert _criteria(_patent(), anniversary + timedelta(days=1)) == [Criterion.MAINT10]
    flag = hv_flags(_patent(), as_of=anniversary + timedelta(days=1), settings=SETTINGS)[0]
    assert flag.since == anniversary and flag.evidence == "2014-03-10"
    from_grant = HighValueSettings(anchor="grant")
    assert _criteria(_patent(), anniversary + timedelta(days=1), from_grant) == []


def test_several_criteria_count_once():
    both = _patent(ipc=("H01M 10/0525", "H01M 4/13"))
    flags = hv_flags(both, as_of=date(2025, 1, 1), settings=SETTINGS, industries=INDUSTRIES)
    assert [f.criterion for f in flags] == [Criterion.SEI, Criterion.MAINT10]
    assert flags[0].params["sector"] == "新能源"  # the longest prefix decides
    assert flags[0].evidence == "H01M 10/0525"
    assert high_value_count({"a": flags, "b": (), "c": flags[:1]}) == 2


def test_lapsed_patents_utility_models_and_designs_never_count():
    rich = {"ipc": ("H01M 10/0525",), "awards": (Award("A-1", "中国专利奖", "金奖", 2020),)}
    assert _criteria(_patent(valid=False, **rich), date(2025, 1, 1)) == []
    assert _criteria(_patent(kind=PatentKind.UTILITY_MODEL, **rich), date(2025, 1, 1)) == []
    assert _criteria(_patent(kind=PatentKind.DESIGN, **rich), date(2025, 1, 1)) == []
    assert _criteria(_patent(kind=PatentKind.INVENTION_APPLICATION, **rich), date(2025, 1, 1)) == []


def test_only_a_granted_right_abroad_is_an_overseas_family_member():
    young = {"filing_date": date(2020, 1, 1)}
    pct_only = _patent(
        family=(FamilyMember("WO", "WO2021123456", None), FamilyMember("US", "US17123456", None)), **young
    )
    assert _criteria(pct_only, date(2025, 1, 1)) == []
    china_only = _patent(family=(FamilyMember("CN", "CN111111111B", date(2022, 1, 1)),), **young)
    assert _criteria(china_only, date(2025, 1, 1)) == []
    granted = _patent(family=(FamilyMember("US", "US11223344B2", date(2023, 6, 6)),), **young)
    assert _criteria(granted, date(2023, 6, 5)) == []
    assert _criteria(granted, date(2023, 6, 6)) == [Criterion.OVERSEAS]


def test_pledge_threshold_is_a_setting_and_unassessed_without_one():
    young = {"filing_date": date(2020, 1, 1)}
    pledged = _patent(pledges=(Pledge("Y2024440000123", Decimal("12000000"), date(2024, 2, 1), 4),), **young)
    assert _criteria(pledged, date(2025, 1, 1)) == [Criterion.PLEDGE]
    assert _criteria(pledged, date(2025, 1, 1), HighValueSettings()) == []  # no threshold: not assessed
    shared = HighValueSettings(pledge_threshold_cny=Decimal("10000000"), pledge_share="equal")
    assert _criteria(pledged, date(2025, 1, 1), shared) == []  # 3,000,000 each of four


def test_awards_count_by_name_and_grade_as_set():
    young = {"filing_date": date(2020, 1, 1)}
    excellent = _patent(awards=(Award("A-9", "中国专利奖", "优秀奖", 2023),), **young)
    assert _criteria(excellent, date(2024, 1, 1)) == [Criterion.AWARD]
    strict = HighValueSettings(award_grades_excluded=frozenset({"优秀奖"}))
    assert _criteria(excellent, date(2024, 1, 1), strict) == []
    provincial = _patent(awards=(Award("A-3", "广东专利奖", "金奖", 2023),), **young)
    assert _criteria(provincial, date(2024, 1, 1)) == []

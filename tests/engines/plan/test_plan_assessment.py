"""Trajectory, status and forecast arithmetic: worked examples and properties."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from zhichan.engines.plan import (
    ForecastMethod,
    IndicatorKind,
    Status,
    Thresholds,
    Trajectory,
    assess,
    assess_steady_growth,
    forecast,
    index_from_rates,
)
from zhichan.engines.plan.stats import student_t_cdf, student_t_ppf

LINEAR_KINDS = [
    IndicatorKind.STOCK,
    IndicatorKind.YEARLY_COUNT,
    IndicatorKind.SHARE_OF_GDP,
    IndicatorKind.SCORE,
]
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
rates = st.floats(min_value=-50, max_value=50, allow_nan=False, allow_infinity=False)


# -- Student t ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "df", "t"),
    [(0.975, 1, 12.7062), (0.95, 2, 2.9200), (0.975, 3, 3.1824), (0.95, 10, 1.8125), (0.975, 30, 2.0423)],
)
def test_t_quantiles_match_tables(p: float, df: int, t: float) -> None:
    assert student_t_ppf(p, df) == pytest.approx(t, abs=1e-4)
    assert student_t_ppf(1 - p, df) == pytest.approx(-t, abs=1e-4)
    assert student_t_cdf(student_t_ppf(p, df), df) == pytest.approx(p, abs=1e-9)


# -- the path ----------------------------------------------------------------------------------------


def test_linear_path_of_a_stock() -> None:
    path = Trajectory(IndicatorKind.STOCK, baseline=20, target=30)
    assert [path.required(y) for y in range(2020, 2026)] == pytest.approx([20, 22, 24, 26, 28, 30])
    with pytest.raises(ValueError, match="outside the plan period"):
        path.required(2026)


def test_compound_path_of_a_growth_rate() -> None:
    path = Trajectory(IndicatorKind.GROWTH_RATE, baseline=100, target=6)
    assert path.required(2021) == pytest.approx(106)
    assert path.required(2023) == pytest.approx(119.1016)
    assert path.target_level == pytest.approx(133.8226, abs=1e-4)


def test_trajectory_rejects_impossible_paths() -> None:
    with pytest.raises(ValueError, match="positive base level"):
        Trajectory(IndicatorKind.GROWTH_RATE, baseline=0, target=6)
    with pytest.raises(ValueError, match="must follow"):
        Trajectory(IndicatorKind.STOCK, baseline=1, target=2, base_year=2025, target_year=2025)


@given(kind=st.sampled_from(LINEAR_KINDS), baseline=values, target=values)
def test_linear_path_hits_baseline_and_target_and_is_monotone(
    kind: IndicatorKind, baseline: float, target: float
) -> None:
    path = Trajectory(kind, baseline, target)
    assert path.required(2020) == baseline
    assert path.required(2025) == pytest.approx(target, rel=1e-9, abs=1e-6)
    steps = [path.required(y) for y in range(2020, 2026)]
    sign = 1 if target >= baseline else -1
    assert all(sign * (b - a) >= -1e-6 for a, b in pairwise(steps))


@given(baseline=positive, rate=rates)
def test_compound_path_hits_baseline_and_implied_target_and_is_monotone(baseline: float, rate: float) -> None:
    path = Trajectory(IndicatorKind.GROWTH_RATE, baseline, rate)
    assert path.required(2020) == baseline
    assert path.required(2025) == pytest.approx(baseline * (1 + rate / 100) ** 5, rel=1e-12)
    steps = [path.required(y) for y in range(2020, 2026)]
    sign = 1 if rate >= 0 else -1
    assert all(sign * (b - a) >= 0 for a, b in pairwise(steps))
    # on the path in a year == growing at the target average rate since the base year
    assert path.progress(2023, path.required(2023)) == pytest.approx(1.0)


# -- status ------------------------------------------------------------------------------------------


def test_status_thresholds_default_and_custom() -> None:
    path = Trajectory(IndicatorKind.STOCK, baseline=20, target=30)  # 2023 requires 26
    assert path.progress(2023, 26) == pytest.approx(1.0)
    assert Thresholds().status(path.progress(2023, 25.8)) is Status.ON_TRACK  # 97%
    assert Thresholds().status(path.progress(2023, 25)) is Status.AT_RISK  # 83%
    assert Thresholds().status(path.progress(2023, 24)) is Status.OFF_TRACK  # 67%
    assert Thresholds(on_track=1.0, at_risk=0.5).status(path.progress(2023, 25.8)) is Status.AT_RISK
    with pytest.raises(ValueError, match="must not exceed"):
        Thresholds(on_track=0.5, at_risk=0.8)


def test_decreasing_target_progress() -> None:
    path = Trajectory(IndicatorKind.YEARLY_COUNT, baseline=100, target=50)
    assert path.progress(2022, 80) == pytest.approx(1.0)
    assert path.progress(2022, 90) == pytest.approx(0.5)


def test_flat_path_compares_with_the_required_value() -> None:
    path = Trajectory(IndicatorKind.SCORE, baseline=80, target=80)
    assert path.progress(2023, 80) == 1.0
    assert path.progress(2023, 76) == pytest.approx(0.95)


def test_growth_rate_progress_is_achieved_over_required_log_growth() -> None:
    path = Trajectory(IndicatorKind.GROWTH_RATE, baseline=100, target=6)
    observed = 100 * 1.03**3  # 3% a year against 6%
    assert path.progress(2023, observed) == pytest.approx(math.log(1.03) / math.log(1.06))
    with pytest.raises(ValueError, match="positive level"):
        path.progress(2023, 0)


@given(kind=st.sampled_from(LINEAR_KINDS), baseline=values, target=values, year=st.integers(2021, 2025))
def test_on_the_path_is_on_track(kind: IndicatorKind, baseline: float, target: float, year: int) -> None:
    assume(abs(target - baseline) > 1e-3)
    path = Trajectory(kind, baseline, target)
    assert Thresholds().status(path.progress(year, path.required(year))) is Status.ON_TRACK


# -- forecast ----------------------------------------------------------------------------------------


def test_ols_forecast_worked_example() -> None:
    # slope 1.6, mean 22.5 at 2021.5 -> 28.1 in 2025; SSE 0.2, s^2 0.1; se = sqrt(0.1 * 3.7)
    fc = forecast({2020: 20, 2021: 22, 2022: 23, 2023: 25})
    assert fc.method is ForecastMethod.OLS_LINEAR and fc.n_points == 4
    assert fc.value == pytest.approx(28.1)
    half = 2.919986 * math.sqrt(0.37)
    assert fc.low == pytest.approx(28.1 - half, abs=1e-5)
    assert fc.high == pytest.approx(28.1 + half, abs=1e-5)


def test_compound_forecast_on_constant_growth() -> None:
    fc = forecast({2020: 100, 2021: 110, 2022: 121, 2023: 133.1}, compound=True)
    assert fc.method is ForecastMethod.OLS_LOG_LINEAR
    assert fc.value == pytest.approx(161.051)
    assert fc.low == pytest.approx(161.051) and fc.high == pytest.approx(161.051)


def test_two_and_one_point_fallbacks() -> None:
    two = forecast({2020: 20, 2022: 24})
    assert (two.method, two.value, two.low, two.high) == (ForecastMethod.TWO_POINT_LINEAR, 30, 24, 30)
    two_compound = forecast({2020: 100, 2021: 110}, compound=True)
    assert two_compound.method is ForecastMethod.TWO_POINT_COMPOUND
    assert two_compound.value == pytest.approx(100 * 1.1**5)
    one = forecast({2022: 7.5})
    assert (one.method, one.value, one.low, one.high, one.n_points) == (
        ForecastMethod.LAST_VALUE,
        7.5,
        7.5,
        7.5,
        1,
    )
    with pytest.raises(ValueError, match="at least one"):
        forecast({})


@given(
    intercept=values,
    slope=st.floats(min_value=-1e4, max_value=1e4, allow_nan=False),
    years=st.sets(st.integers(2016, 2024), min_size=2, max_size=6),
)
def test_forecast_of_exact_linear_data_recovers_the_line(intercept: float, slope: float, years: set[int]) -> None:
    fc = forecast({y: intercept + slope * (y - 2020) for y in years})
    expected = intercept + slope * 5
    scale = max(1.0, abs(intercept), abs(slope) * 10)
    assert fc.value == pytest.approx(expected, abs=1e-6 * scale)
    if len(years) >= 3:
        assert fc.high - fc.low <= 1e-5 * scale


@given(
    observations=st.dictionaries(st.integers(2016, 2025), values, min_size=1, max_size=6),
    compound=st.booleans(),
    level=st.floats(min_value=0.5, max_value=0.99),
)
def test_interval_contains_the_point_forecast(observations: dict[int, float], compound: bool, level: float) -> None:
    fc = forecast(observations, compound=compound, level=level)
    assert fc.low <= fc.value <= fc.high
    assert fc.n_points == len(observations)


@given(
    base=positive,
    growth=st.floats(min_value=-0.3, max_value=0.5),
    years=st.sets(st.integers(2016, 2024), min_size=3, max_size=6),
)
def test_log_linear_forecast_recovers_constant_growth(base: float, growth: float, years: set[int]) -> None:
    fc = forecast({y: base * (1 + growth) ** (y - 2020) for y in years}, compound=True)
    assert fc.value == pytest.approx(base * (1 + growth) ** 5, rel=1e-6)


# -- assessment and explanation ----------------------------------------------------------------------


def test_assessment_of_a_lagging_stock() -> None:
    path = Trajectory(IndicatorKind.STOCK, baseline=20, target=30)
    result = assess(path, {2021: 21.5, 2022: 23, 2023: 24.1}, unit="件")
    assert [y.year for y in result.years] == [2020, 2021, 2022, 2023]  # the baseline counts as 2020
    assert result.latest.status is Status.OFF_TRACK and result.latest.required == pytest.approx(26)
    assert result.forecast.method is ForecastMethod.OLS_LINEAR and not result.forecast_meets_target
    assert result.explanation.startswith("2023年实际24.1件，按目标路径应达26件，完成序时进度的68%，明显滞后；")
    assert "最小二乘线性趋势" in result.explanation and "低于2025年目标30件" in result.explanation
    assert "\n" not in result.explanation


def test_assessment_of_a_growth_rate_from_yearly_rates() -> None:
    levels = index_from_rates({2021: 8.0, 2022: 7.0, 2023: 6.5})
    assert levels[2020] == 100 and levels[2022] == pytest.approx(115.56)
    path = Trajectory(IndicatorKind.GROWTH_RATE, baseline=levels[2020], target=6)
    result = assess(path, levels)
    assert result.latest.status is Status.ON_TRACK and result.forecast_meets_target
    assert result.forecast.method is ForecastMethod.OLS_LOG_LINEAR
    assert "2020年以来年均增长7.2%" in result.explanation
    assert "可望达到目标年均增长6%" in result.explanation
    with pytest.raises(ValueError, match="2022 is missing"):
        index_from_rates({2021: 8.0, 2023: 6.5})


def test_assessment_without_observations_explains_the_baseline() -> None:
    result = assess(Trajectory(IndicatorKind.SCORE, baseline=80, target=83), {2019: 70}, unit="分")
    assert [y.year for y in result.years] == [2020]
    assert result.explanation == "尚无2020年以后的观测值；基期2020年为80分，2025年目标83分。"


def test_steady_growth_statuses() -> None:
    result = assess_steady_growth({2020: 1514000, 2021: 1700000, 2022: 1690000, 2023: 1500000}, unit="件")
    assert [(y.year, y.status) for y in result.years] == [
        (2021, Status.ON_TRACK),
        (2022, Status.AT_RISK),
        (2023, Status.OFF_TRACK),
    ]
    assert result.explanation == "2023年为1500000件，比上年下降11.2%，明显滞后（目标：保持稳步增长）。"
    assert assess_steady_growth({2020: 11}).latest is None

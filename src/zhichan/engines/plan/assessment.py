"""Following an indicator: its path from baseline to target, the status of each year, a forecast.

Levels, counts, shares and scores move along a straight line from the base-year value to the target.
A growth-rate indicator ("年均增长6%") is not a value that should itself rise from a baseline to 6:
it is a promise about the underlying level (项目数, 金额). Its path is therefore the compound path of
that level, L(t) = L(base) * (1 + r)^(t - base), and its observations are the levels (or an index
with base year = 100 when only yearly rates are known, see `index_from_rates`). Being on the path in
year t is the same as having grown at an average annual rate of at least r since the base year.
See docs/decisions/0300-plan-assessment.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from zhichan.engines.plan import settings
from zhichan.engines.plan.model import Indicator, IndicatorKind
from zhichan.engines.plan.stats import student_t_ppf


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {Status.ON_TRACK: "符合进度", Status.AT_RISK: "存在风险", Status.OFF_TRACK: "明显滞后"}


class ForecastMethod(StrEnum):
    OLS_LINEAR = "ols_linear"
    OLS_LOG_LINEAR = "ols_log_linear"
    TWO_POINT_LINEAR = "two_point_linear"
    TWO_POINT_COMPOUND = "two_point_compound"
    LAST_VALUE = "last_value"

    @property
    def label(self) -> str:
        return _METHOD_LABELS[self]


_METHOD_LABELS = {
    ForecastMethod.OLS_LINEAR: "最小二乘线性趋势",
    ForecastMethod.OLS_LOG_LINEAR: "最小二乘对数线性趋势（固定增长率）",
    ForecastMethod.TWO_POINT_LINEAR: "两点线性外推",
    ForecastMethod.TWO_POINT_COMPOUND: "两点复合增长外推",
    ForecastMethod.LAST_VALUE: "末值持平",
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Progress ratios at or above which a year is on track, or at risk (below: off track)."""

    on_track: float = settings.ON_TRACK_MIN_PROGRESS
    at_risk: float = settings.AT_RISK_MIN_PROGRESS

    def __post_init__(self) -> None:
        if not self.at_risk <= self.on_track:
            raise ValueError(f"at_risk ({self.at_risk}) must not exceed on_track ({self.on_track})")

    def status(self, progress: float) -> Status:
        if progress >= self.on_track:
            return Status.ON_TRACK
        if progress >= self.at_risk:
            return Status.AT_RISK
        return Status.OFF_TRACK


@dataclass(frozen=True, slots=True)
class Trajectory:
    """The path an indicator must follow from `baseline` in `base_year` to `target` in `target_year`.

    For a growth-rate indicator `baseline` is the level of the underlying quantity in the base year
    and `target` the average annual growth rate in percent; `target_level` is the level it implies.
    """

    kind: IndicatorKind
    baseline: float
    target: float
    base_year: int = 2020
    target_year: int = 2025

    def __post_init__(self) -> None:
        if self.target_year <= self.base_year:
            raise ValueError(f"target year {self.target_year} must follow base year {self.base_year}")
        if not (math.isfinite(self.baseline) and math.isfinite(self.target)):
            raise ValueError("baseline and target must be finite numbers")
        if self.compound and (self.baseline <= 0 or self.target <= -100):
            raise ValueError("a growth-rate path needs a positive base level and a rate above -100%")

    @property
    def compound(self) -> bool:
        return self.kind is IndicatorKind.GROWTH_RATE

    @property
    def target_level(self) -> float:
        return self.required(self.target_year)

    def required(self, year: int) -> float:
        """The value the path requires in `year` (base year to target year)."""
        if not self.base_year <= year <= self.target_year:
            raise ValueError(f"year {year} lies outside the plan period {self.base_year}-{self.target_year}")
        elapsed = year - self.base_year
        if self.compound:
            return self.baseline * (1.0 + self.target / 100.0) ** elapsed
        share = elapsed / (self.target_year - self.base_year)
        return self.baseline + (self.target - self.baseline) * share

    def progress(self, year: int, observed: float) -> float:
        """Achieved progress over the progress the path requires by `year` (1.0: exactly on it).

        Growth-rate paths compare log growth, i.e. the average growth rate achieved with the one
        required. Where the path requires no change (the base year, or a flat target) the ratio is
        1 plus the relative gap to the required value.
        """
        required = self.required(year)
        if self.compound:
            if observed <= 0:
                raise ValueError(f"{year}: a growth-rate indicator is observed as a positive level, got {observed}")
            if not math.isclose(required, self.baseline, rel_tol=1e-12):
                return math.log(observed / self.baseline) / math.log(required / self.baseline)
        elif not math.isclose(required, self.baseline, rel_tol=1e-12, abs_tol=1e-12):
            return (observed - self.baseline) / (required - self.baseline)
        if required == 0:
            return 1.0 if observed >= 0 else 0.0
        return 1.0 + (observed - required) / abs(required)


@dataclass(frozen=True, slots=True)
class Forecast:
    """A forecast for `year` with a `level` interval [low, high] and the method that made it."""

    year: int
    value: float
    low: float
    high: float
    level: float
    method: ForecastMethod
    n_points: int


@dataclass(frozen=True, slots=True)
class YearStatus:
    year: int
    observed: float
    required: float
    progress: float
    status: Status


@dataclass(frozen=True, slots=True)
class Assessment:
    """Status per observed year, the forecast for the target year and a one-line explanation."""

    trajectory: Trajectory
    years: tuple[YearStatus, ...]
    forecast: Forecast
    forecast_meets_target: bool
    explanation: str

    @property
    def latest(self) -> YearStatus:
        return self.years[-1]


@dataclass(frozen=True, slots=True)
class SteadyYear:
    year: int
    observed: float
    previous: float
    growth: float  # relative change over the year before
    status: Status


@dataclass(frozen=True, slots=True)
class SteadyGrowthAssessment:
    years: tuple[SteadyYear, ...]
    explanation: str

    @property
    def latest(self) -> SteadyYear | None:
        return self.years[-1] if self.years else None


def trajectory_for(
    indicator: Indicator, *, base_year: int = 2020, target_year: int = 2025, baseline: float | None = None
) -> Trajectory:
    """The path of a parsed indicator, from its table values or the `baseline` the caller observed.

    A growth-rate indicator always needs `baseline`: the table gives its rate, not the level the rate
    applies to. So does a level whose base-year cell is ——.
    """
    if indicator.target is None:
        raise ValueError(f"指标“{indicator.name}”没有{target_year}年目标值，只要求保持稳步增长 (no numeric target)")
    is_rate = indicator.kind is IndicatorKind.GROWTH_RATE
    if baseline is None and not is_rate and indicator.baseline is not None:
        baseline = float(indicator.baseline)
    if baseline is None:
        raise ValueError(f"指标“{indicator.name}”缺少{base_year}年基期值，请提供 (baseline required)")
    return Trajectory(indicator.kind, baseline, float(indicator.target), base_year, target_year)


def index_from_rates(rates: Mapping[int, float], base_year: int = 2020) -> dict[int, float]:
    """Levels (base year = 100) from yearly growth rates in percent, for growth-rate indicators."""
    levels = {base_year: 100.0}
    for year in range(base_year + 1, max(rates, default=base_year) + 1):
        if year not in rates:
            raise ValueError(f"growth rate for {year} is missing; the index needs every year after {base_year}")
        levels[year] = levels[year - 1] * (1.0 + rates[year] / 100.0)
    return levels


def forecast(
    observations: Mapping[int, float],
    *,
    year: int = 2025,
    level: float = settings.FORECAST_LEVEL,
    compound: bool = False,
) -> Forecast:
    """Forecast `year` from yearly observations, naming the method.

    Three or more points: ordinary least squares trend with a Student-t prediction interval
    (log-linear, i.e. constant growth, when `compound` and all values are positive). Two points:
    the line (or constant growth) through them, with the interval between "no further change" and
    "the trend continues". One point: that value, with no spread to estimate. A compound trend too
    steep to carry to `year` in floating point falls back to the linear one.
    """
    if not observations:
        raise ValueError("a forecast needs at least one observation")
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must lie in (0, 1), got {level}")
    points = sorted((y, float(v)) for y, v in observations.items())
    if len(points) == 1:
        value = points[0][1]
        return Forecast(year, value, value, value, level, ForecastMethod.LAST_VALUE, 1)
    if compound and all(v > 0 for _, v in points):
        try:
            return _trend(points, year, level, log_scale=True)
        except OverflowError:
            pass  # growth too steep to carry to the target year in floating point: use the line
    return _trend(points, year, level, log_scale=False)


def _trend(points: list[tuple[int, float]], year: int, level: float, *, log_scale: bool) -> Forecast:
    n = len(points)
    if n == 2:
        (x1, y1), (x2, y2) = points
        if log_scale:
            value = y2 * (y2 / y1) ** ((year - x2) / (x2 - x1))
            method = ForecastMethod.TWO_POINT_COMPOUND
        else:
            value = y2 + (y2 - y1) * (year - x2) / (x2 - x1)
            method = ForecastMethod.TWO_POINT_LINEAR
        return Forecast(year, value, min(value, y2), max(value, y2), level, method, 2)
    xs = [float(x) for x, _ in points]
    ys = [math.log(v) if log_scale else v for _, v in points]
    x_mean, y_mean = sum(xs) / n, sum(ys) / n
    sxx = sum((x - x_mean) ** 2 for x in xs)
    slope = sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True)) / sxx
    fitted = y_mean + slope * (year - x_mean)
    sse = sum((y - (y_mean + slope * (x - x_mean))) ** 2 for x, y in zip(xs, ys, strict=True))
    se = math.sqrt(sse / (n - 2) * (1.0 + 1.0 / n + (year - x_mean) ** 2 / sxx))
    half = student_t_ppf((1.0 + level) / 2.0, n - 2) * se
    low, high = fitted - half, fitted + half
    if log_scale:
        fitted, low, high = math.exp(fitted), math.exp(low), math.exp(high)
    method = ForecastMethod.OLS_LOG_LINEAR if log_scale else ForecastMethod.OLS_LINEAR
    return Forecast(year, fitted, min(low, fitted), max(high, fitted), level, method, n)


def assess(
    trajectory: Trajectory,
    observations: Mapping[int, float],
    *,
    unit: str | None = None,
    thresholds: Thresholds | None = None,
    level: float = settings.FORECAST_LEVEL,
) -> Assessment:
    """Status of each observed year of the plan period, the target-year forecast and why.

    The baseline counts as the base-year observation unless one is given. Observations outside the
    plan period are ignored.
    """
    thresholds = thresholds or Thresholds()
    t = trajectory
    series = {t.base_year: t.baseline} | {
        y: float(v) for y, v in observations.items() if t.base_year <= y <= t.target_year
    }
    years = tuple(
        YearStatus(y, v, t.required(y), p, thresholds.status(p))
        for y, v in sorted(series.items())
        for p in (t.progress(y, v),)
    )
    fc = forecast(series, year=t.target_year, level=level, compound=t.compound)
    rising = t.target_level >= t.baseline
    meets = fc.value >= t.target_level if rising else fc.value <= t.target_level
    return Assessment(t, years, fc, meets, _explain(t, years[-1], fc, meets, unit or ""))


def assess_steady_growth(
    observations: Mapping[int, float],
    *,
    unit: str | None = None,
    at_risk_decline: float = settings.STEADY_GROWTH_AT_RISK_DECLINE,
) -> SteadyGrowthAssessment:
    """For indicators the plan asks only to keep growing: each year against the year before."""
    points = sorted(observations.items())
    years: list[SteadyYear] = []
    for (_, previous), (year, value) in pairwise(points):
        growth = (value - previous) / abs(previous) if previous else (1.0 if value > 0 else 0.0)
        if growth > 0:
            status = Status.ON_TRACK
        elif growth > -at_risk_decline:
            status = Status.AT_RISK
        else:
            status = Status.OFF_TRACK
        years.append(SteadyYear(year, value, previous, growth, status))
    u = unit or ""
    if not years:
        explanation = "观测值不足两年，尚无法判断是否保持稳步增长。"
    else:
        last = years[-1]
        change = f"比上年增长{last.growth:.1%}" if last.growth > 0 else f"比上年下降{-last.growth:.1%}"
        if last.growth == 0:
            change = "与上年持平"
        explanation = f"{last.year}年为{_fmt(last.observed)}{u}，{change}，{last.status.label}（目标：保持稳步增长）。"
    return SteadyGrowthAssessment(tuple(years), explanation)


def _fmt(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _explain(t: Trajectory, last: YearStatus, fc: Forecast, meets: bool, unit: str) -> str:
    target_phrase = f"{t.target_year}年目标{_fmt(t.target_level)}{unit}"
    if t.compound:
        target_phrase = f"目标年均增长{_fmt(t.target)}%（{t.target_year}年应达{_fmt(t.target_level)}{unit}）"
    outlook = "可望达到" if meets else ("低于" if t.target_level >= t.baseline else "高于")
    tail = (
        f"按{fc.method.label}预测{fc.year}年约{_fmt(fc.value)}{unit}"
        f"（{fc.level:.0%}区间{_fmt(fc.low)}～{_fmt(fc.high)}{unit}），{outlook}{target_phrase}。"
    )
    if last.year == t.base_year:
        base = f"基期{t.base_year}年为{_fmt(t.baseline)}{unit}"
        return f"尚无{t.base_year}年以后的观测值；{base}，{target_phrase}。"
    head = f"{last.year}年实际{_fmt(last.observed)}{unit}，按目标路径应达{_fmt(last.required)}{unit}"
    if t.compound:
        elapsed = last.year - t.base_year
        rate = ((last.observed / t.baseline) ** (1.0 / elapsed) - 1.0) * 100.0
        head += f"，{t.base_year}年以来年均增长{rate:.1f}%"
    return f"{head}，完成序时进度的{last.progress:.0%}，{last.status.label}；{tail}"

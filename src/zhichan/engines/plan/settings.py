"""Tunables of the plan engine: not law, so they live here with the reason for each value.

The planning app may override the assessment thresholds from Django settings; the defaults below are
what a caller gets without asking. See docs/decisions/0300-plan-assessment.md.
"""

from __future__ import annotations

from typing import Final

# Slips of the published text that a reader would correct. The parser keeps names as written (the
# export contract says so) and offers the corrected reading beside them.
TEXT_CORRECTIONS: Final[dict[str, str]] = {"着作权": "著作权"}

# Indicator kind from name and unit, first matching rule wins (see indicators.classify_indicator).
# Growth rates and GDP shares say so in their names; scores are in 分; a flow is counted per year
# (件/年) or named as grants/applications/cases; everything else is a year-end level (stock).
GROWTH_RATE_MARKERS: Final[tuple[str, ...]] = ("增长率", "增速")
SHARE_OF_GDP_MARKERS: Final[tuple[str, ...]] = ("GDP", "比重")
SCORE_UNITS: Final[tuple[str, ...]] = ("分",)
SCORE_MARKERS: Final[tuple[str, ...]] = ("满意度",)
YEARLY_UNIT_MARKERS: Final[tuple[str, ...]] = ("/年", "／年")
YEARLY_NAME_MARKERS: Final[tuple[str, ...]] = ("授权量", "申请量", "办案量", "案件数")

# Words around a figure in the background section that are not part of what it counts
# (全市有效商标注册量151.4万件, 全市累计获得中国专利奖248项, 每万人口发明专利拥有量达到38.1件).
FACT_LEADING_FILLERS: Final[tuple[str, ...]] = ("全市", "累计", "获得", "其中", "共有", "拥有")
FACT_TRAILING_FILLERS: Final[tuple[str, ...]] = ("达到", "超过", "达", "超", "约", "近", "共", "为")
# Endings that name a count rather than what is counted (数量, 量, 获奖数量 -> 获奖 -> ...).
NAME_TRAILING_FILLERS: Final[tuple[str, ...]] = ("数量", "量", "数", "获奖")

# Assessment status from the progress ratio (achieved progress / progress the path requires by that
# year). 0.95 lets a year sit a little below the straight line (data revisions, rounding) and still
# count as on track; below 0.80 a fifth of the required progress is missing, which in a five-year
# plan is about one year's worth, and is shown as off track. Between the two: at risk.
ON_TRACK_MIN_PROGRESS: Final[float] = 0.95
AT_RISK_MIN_PROGRESS: Final[float] = 0.80

# Steady-growth indicators have no number to reach: a year is on track when the value grew over the
# year before, at risk when it fell by less than this share, off track when it fell further.
STEADY_GROWTH_AT_RISK_DECLINE: Final[float] = 0.05

# Confidence level of the 2025 forecast interval.
FORECAST_LEVEL: Final[float] = 0.90

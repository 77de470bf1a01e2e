"""Plan engine: the plan's own text as data, and the arithmetic of following it.

Pure: text in, frozen records out; numbers in, statuses and forecasts out. The planning app stores
the records (`parse_plan`, `diff_plans` for re-imports), exports them (`to_export_dict`) and shows
the assessments (`assess`, `assess_steady_growth`).
"""

from zhichan.engines.plan.assessment import (
    Assessment,
    Forecast,
    ForecastMethod,
    Status,
    SteadyGrowthAssessment,
    SteadyYear,
    Thresholds,
    Trajectory,
    YearStatus,
    assess,
    assess_steady_growth,
    forecast,
    index_from_rates,
    trajectory_for,
)
from zhichan.engines.plan.diff import ChangeAction, FieldChange, ItemChange, PlanDiff, diff_plans
from zhichan.engines.plan.export import to_export_dict
from zhichan.engines.plan.indicators import classify_indicator
from zhichan.engines.plan.model import (
    Column,
    Indicator,
    IndicatorCategory,
    IndicatorKind,
    Paragraph,
    PlanDocument,
    Responsibility,
    Section,
    Subsection,
    Task,
    corrected_text,
)
from zhichan.engines.plan.parser import PlanParseError, parse_plan

__all__ = [
    "Assessment",
    "ChangeAction",
    "Column",
    "FieldChange",
    "Forecast",
    "ForecastMethod",
    "Indicator",
    "IndicatorCategory",
    "IndicatorKind",
    "ItemChange",
    "Paragraph",
    "PlanDiff",
    "PlanDocument",
    "PlanParseError",
    "Responsibility",
    "Section",
    "Status",
    "SteadyGrowthAssessment",
    "SteadyYear",
    "Subsection",
    "Task",
    "Thresholds",
    "Trajectory",
    "YearStatus",
    "assess",
    "assess_steady_growth",
    "classify_indicator",
    "corrected_text",
    "diff_plans",
    "forecast",
    "index_from_rates",
    "parse_plan",
    "to_export_dict",
    "trajectory_for",
]

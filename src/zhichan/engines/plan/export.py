"""The `zhichan plan export --format json` contract: a plain dict of tasks, columns and indicators.

Each indicator says whether it is one of the plan's key indicators (`"key": true`, the 11 of 专栏 or
the table of main indicators) or a steady-growth one (`"key": false`, a compatible extension of the
contract). Steady-growth indicators come after the key indicators with `target_<year>` null (the plan asks for
steady growth, not a number) and `source` null (the plan names no source department for them); their
`value_<year>` is the background figure where the plan states one. See docs/decisions/0300-plan-parser.md.
"""

from __future__ import annotations

from decimal import Decimal

from zhichan.engines.plan.model import IndicatorCategory, PlanDocument


def json_number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: whole numbers as int, others as float (9.85 stays 9.85)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def to_export_dict(doc: PlanDocument) -> dict[str, list[dict[str, object]]]:
    """The export shape, unit names as written: `{"tasks": [...], "columns": [...], "indicators": [...]}`.

    The value keys carry the plan's years: `value_2020` and `target_2025` for the 2021-2025 plan.
    """
    value_key, target_key = f"value_{doc.base_year}", f"target_{doc.target_year}"
    return {
        "tasks": [
            {
                "number": t.number,
                "title": t.title,
                "section": t.section,
                "lead_units": list(t.lead_units),
                "cooperating_units": list(t.cooperating_units),
            }
            for t in doc.tasks
        ],
        "columns": [{"number": c.number, "title": c.title} for c in doc.columns],
        "indicators": [
            {
                "name": i.name,
                "unit": i.unit,
                value_key: json_number(i.baseline),
                target_key: json_number(i.target),
                "source": i.source,
                "kind": i.kind.value,
                "key": i.category is IndicatorCategory.KEY,  # one of the plan's key indicators (主要指标)
            }
            for i in doc.indicators
        ],
    }

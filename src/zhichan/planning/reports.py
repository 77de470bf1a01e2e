"""The mid-term (as of 2023) and final (as of 2025) evaluation reports, as self-contained HTML.

Charts are drawn here as inline SVG rather than with ECharts, so that the report reads without
JavaScript, prints, and is turned into a PDF by `core.documents` as it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from zhichan.core import documents
from zhichan.engines.plan import Status
from zhichan.planning import selectors
from zhichan.planning.formatting import number
from zhichan.planning.models import Plan, ReviewStatus, TaskProgress

REPORT_KINDS = {"midterm": 2, "final": 0}  # years before the target year the report looks at


def report_year(plan: Plan, kind: str) -> int:
    """Mid-term: the middle of the period (2023 for 2021-2025); final: the target year."""
    if kind not in REPORT_KINDS:
        raise ValueError(f"unknown report kind {kind!r}; known: {', '.join(REPORT_KINDS)}")
    return plan.target_year - REPORT_KINDS[kind]


def report_title(plan: Plan, kind: str) -> str:
    label = _("中期评估报告") if kind == "midterm" else _("总结评估报告")
    return f"{plan.title}{label}"


def trajectory_svg(chart: dict[str, Any], *, width: int = 420, height: int = 200) -> SafeString:
    """Baseline and target path (dashed), observations (line and dots), forecast with its interval.

    `width` and `height` are the drawing's proportions: the SVG scales to the width of its box.
    """
    years = chart["years"]
    values = [v for v in chart["observed"] if v is not None]
    if chart["path"]:
        values += chart["path"]
    fc = chart["forecast"]
    if fc:
        values += [fc["low"], fc["high"], fc["value"]]
    if not values:
        return mark_safe(f'<p class="muted">{escape(_("尚无数据"))}</p>')  # noqa: S308 (escaped)
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad
    places = 0 if high - low >= 50 else 1 if high - low >= 2 else 2  # axis labels as precise as the scale
    left, right, top, bottom = 56, 12, 10, 26
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + plot_w * i / max(1, len(years) - 1)

    def y(v: float) -> float:
        return top + plot_h * (high - v) / (high - low)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" style="display:block;width:100%;height:auto" '
        f'role="img" aria-label="{escape(chart["name"])}" font-size="11" font-family="sans-serif">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#9aa5b1"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#9aa5b1"/>',
        f'<text x="{left - 4}" y="{top + 8}" text-anchor="end">{number(high, places)}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">{number(low, places)}</text>',
    ]
    for i, year in enumerate(years):
        parts.append(f'<text x="{x(i):.1f}" y="{height - 8}" text-anchor="middle">{escape(year)}</text>')
    if chart["path"]:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(chart["path"]))
        parts.append(f'<polyline points="{points}" fill="none" stroke="#52606d" stroke-dasharray="5,4"/>')
    observed = [(i, v) for i, v in enumerate(chart["observed"]) if v is not None]
    if len(observed) > 1:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in observed)
        parts.append(f'<polyline points="{points}" fill="none" stroke="#b1232b" stroke-width="2"/>')
    parts += [f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="#b1232b"/>' for i, v in observed]
    if fc:
        i = years.index(fc["year"])
        parts.append(
            f'<line x1="{x(i):.1f}" y1="{y(fc["low"]):.1f}" x2="{x(i):.1f}" y2="{y(fc["high"]):.1f}" '
            'stroke="#c77c02" stroke-width="3"/>'
        )
        parts.append(f'<rect x="{x(i) - 4:.1f}" y="{y(fc["value"]) - 4:.1f}" width="8" height="8" fill="#c77c02"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is a number or escaped)


PROGRESS_KEYS = [*TaskProgress.values, "none"]  # "none": no accepted report yet


@dataclass(frozen=True, slots=True)
class DepartmentRow:
    department: str
    tasks: int
    counts: list[int]  # tasks by latest progress, in the order of PROGRESS_KEYS


def department_rows(*, user: Any, plan: Plan, year: int) -> list[DepartmentRow]:
    """Per lead department: tasks led, and the latest accepted report's progress of each as of `year`."""
    tasks = list(selectors.task_list(user=user, plan=plan))
    reports = (
        selectors.progress_report_list(user=user)
        .filter(task__plan=plan, year__lte=year, review_status=ReviewStatus.APPROVED)
        .order_by("year", F("quarter").asc(nulls_last=True))
    )
    latest: dict[tuple[int, str], str] = {}
    for report in reports:  # later reports win; a yearly report (no quarter) closes its year
        latest[(report.task_id, str(report.department_id))] = report.progress
    rows: dict[str, tuple[str, Counter[str]]] = {}
    for task in tasks:
        for pk, name in selectors.task_lead_departments(task):
            counter = rows.setdefault(pk, (name, Counter()))[1]
            counter[latest.get((task.pk, pk), "none")] += 1
    return sorted(
        (DepartmentRow(name, sum(c.values()), [c[k] for k in PROGRESS_KEYS]) for name, c in rows.values()),
        key=lambda r: (-r.tasks, r.department),
    )


def report_context(*, user: Any, plan: Plan, kind: str, today: date | None = None) -> dict[str, Any]:
    year = report_year(plan, kind)
    today = today or timezone.localdate()
    cutoff = min(today, date(year, 12, 31))
    assessments = selectors.indicator_assessments(user=user, plan=plan, as_of=year)
    rows = [{"a": a, "svg": trajectory_svg(a.chart())} for a in assessments]
    statuses = Counter(a.status.value if a.status else "none" for a in assessments)
    return {
        "plan": plan,
        "kind": kind,
        "title": report_title(plan, kind),
        "year": year,
        "cutoff": cutoff,
        "generated_at": timezone.localtime(),
        "rows": rows,
        "status_counts": [
            (Status.ON_TRACK.label, statuses[Status.ON_TRACK.value]),
            (Status.AT_RISK.label, statuses[Status.AT_RISK.value]),
            (Status.OFF_TRACK.label, statuses[Status.OFF_TRACK.value]),
            (_("无法评估"), statuses["none"]),
        ],
        "progress_labels": [*TaskProgress.labels, _("未报告")],
        "departments": department_rows(user=user, plan=plan, year=year),
        "overdue": selectors.overdue_items(as_of=cutoff),
    }


def render_report(*, user: Any, plan: Plan, kind: str, today: date | None = None) -> str:
    return documents.render("planning/report.html", report_context(user=user, plan=plan, kind=kind, today=today))

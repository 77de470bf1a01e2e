"""Every read of the planning app, narrowed by the policy table; the stored plan as engine records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import selectors as core_selectors
from zhichan.core.calendar import platform_calendar
from zhichan.core.policy import Action, allowed_queryset, organisations_in_scope
from zhichan.engines import plan as engine
from zhichan.engines.calendar import Period, compute_deadline
from zhichan.engines.text import normalize
from zhichan.planning.formatting import document_date
from zhichan.planning.models import (
    AnnualPlan,
    Column,
    DepartmentAlias,
    Indicator,
    IndicatorCategory,
    IndicatorObservation,
    Milestone,
    Plan,
    ProgressReport,
    ReviewStatus,
    Section,
    Task,
)

# --- the plan and its parts ---


def plan_list(*, user: Any) -> QuerySet[Plan]:
    return allowed_queryset(user, "plan", Action.LIST, Plan.objects.all())


def plan_current(*, user: Any) -> Plan | None:
    """The plan of the latest period (the plan the platform follows)."""
    return plan_list(user=user).order_by("-target_year", "-base_year").first()


def plan_for_period(*, base_year: int, target_year: int) -> Plan | None:
    return Plan.objects.filter(base_year=base_year, target_year=target_year).first()


def section_list(*, plan: Plan) -> QuerySet[Section]:
    return plan.sections.select_related("parent")


def task_list(*, user: Any, plan: Plan, section: str = "", department: Any = None) -> QuerySet[Task]:
    """Tasks of a plan; `section` is a key (三 takes all of 三(一)...), `department` an organisation id."""
    qs = allowed_queryset(user, "plan", Action.LIST, Task.objects.filter(plan=plan))
    if section:
        qs = qs.filter(section__key=section) | qs.filter(section__parent__key=section)
    if department:
        qs = qs.filter(lead_aliases__organisation_id=department).distinct()
    return qs.select_related("section").prefetch_related(
        Prefetch("lead_aliases", queryset=DepartmentAlias.objects.select_related("organisation"))
    )


def column_list(*, user: Any, plan: Plan) -> QuerySet[Column]:
    return allowed_queryset(user, "plan", Action.LIST, Column.objects.filter(plan=plan)).select_related("section")


def indicator_list(*, user: Any, plan: Plan) -> QuerySet[Indicator]:
    """Indicators with their yearly and quarterly observations, in two queries."""
    qs = allowed_queryset(user, "plan", Action.LIST, Indicator.objects.filter(plan=plan))
    return qs.select_related("plan", "section").prefetch_related(
        Prefetch("observations", queryset=IndicatorObservation.objects.select_related("entered_by", "district"))
    )


def indicator_get(*, user: Any, pk: Any) -> Indicator:
    qs = allowed_queryset(user, "plan", Action.READ, Indicator.objects.select_related("plan", "section"))
    return qs.get(pk=pk)


def lead_departments(*, plan: Plan) -> list[tuple[str, str]]:
    """(organisation id, name) of the departments that lead at least one task, by name."""
    rows = (
        DepartmentAlias.objects.filter(led_tasks__plan=plan, organisation__isnull=False)
        .values_list("organisation_id", "organisation__name")
        .distinct()
        .order_by("organisation__name")
    )
    return [(str(pk), name) for pk, name in rows]


def department_alias_list() -> QuerySet[DepartmentAlias]:
    return DepartmentAlias.objects.select_related("organisation")


def department_lookup(name: str) -> Any:
    """The department a name means, whether written short (市市场监管局) or in full."""
    alias = DepartmentAlias.objects.select_related("organisation").filter(name=name).first()
    if alias is not None:
        return alias.organisation
    found = (
        DepartmentAlias.objects.select_related("organisation")
        .filter(organisation__name_normalized=normalize(name))
        .first()
    )
    return found.organisation if found else None


def observation_list(*, user: Any, indicator: Indicator) -> QuerySet[IndicatorObservation]:
    qs = IndicatorObservation.objects.filter(indicator=indicator).select_related("entered_by", "district")
    return allowed_queryset(user, "plan_observation", Action.LIST, qs)


# --- the stored plan as the engine's records (export, and the "old" side of a re-import diff) ---


def _paragraphs(text: str) -> tuple[engine.Paragraph, ...]:
    return tuple(engine.Paragraph(0, line) for line in text.split("\n")) if text else ()


def _optional(value: str) -> str | None:
    return value or None


def engine_indicator(indicator: Indicator) -> engine.Indicator:
    return engine.Indicator(
        name=indicator.name,
        unit=_optional(indicator.unit),
        baseline=indicator.baseline,
        target=indicator.target,
        source=_optional(indicator.source),
        kind=engine.IndicatorKind(indicator.kind),
        category=engine.IndicatorCategory(indicator.category),
        section=indicator.section.key,
        line=0,
        baseline_text=_optional(indicator.baseline_text),
    )


def stored_document(plan: Plan) -> engine.PlanDocument:
    """The stored plan as a `PlanDocument`, so that the engine exports and diffs what is stored."""
    sections = list(plan.sections.all())
    children: dict[int, list[Section]] = {}
    for s in sections:
        if s.parent_id is not None:
            children.setdefault(s.parent_id, []).append(s)
    top = [s for s in sections if s.parent_id is None]
    outline = tuple(
        engine.Section(
            key=s.key,
            number=number,
            title=s.title,
            line=0,
            paragraphs=_paragraphs(s.text),
            subsections=tuple(
                engine.Subsection(
                    key=c.key,
                    numeral=c.key[len(s.key) + 1 : -1],
                    title=c.title,
                    line=0,
                    paragraphs=_paragraphs(c.text),
                    responsibility=None,
                )
                for c in children.get(s.pk, [])
            ),
        )
        for number, s in enumerate(top, start=1)
    )
    tasks = tuple(
        engine.Task(
            number=t.number,
            title=t.title,
            text=t.text,
            section=t.section.key,
            line=0,
            lead_units=tuple(t.lead_units),
            cooperating_units=tuple(t.cooperating_units),
            shared_lead=t.shared_lead,
        )
        for t in plan.tasks.select_related("section")
    )
    columns = tuple(
        engine.Column(number=c.number, title=c.title, text=c.text, section=c.section.key, line=0)
        for c in plan.columns.select_related("section")
    )
    indicators = tuple(engine_indicator(i) for i in plan.indicators.select_related("section"))
    return engine.PlanDocument(
        preamble=plan.preamble,
        sections=outline,
        tasks=tasks,
        columns=columns,
        indicators=indicators,
        base_year=plan.base_year,
        target_year=plan.target_year,
        indicator_table_title=_optional(plan.indicator_table_title),
    )


def plan_export(*, plan: Plan) -> dict[str, list[dict[str, object]]]:
    """The export contract (see docs/decisions/0300-plan-parser.md), from what is stored."""
    return engine.to_export_dict(stored_document(plan))


# --- assessment ---


def thresholds() -> engine.Thresholds:
    """Status thresholds: Django settings PLANNING_ON_TRACK / PLANNING_AT_RISK override the engine's."""
    defaults = engine.Thresholds()
    return engine.Thresholds(
        on_track=float(getattr(settings, "PLANNING_ON_TRACK", defaults.on_track)),
        at_risk=float(getattr(settings, "PLANNING_AT_RISK", defaults.at_risk)),
    )


@dataclass(frozen=True, slots=True)
class IndicatorAssessment:
    """An indicator's status as of a year, with the engine's assessment and the chart's series."""

    indicator: Indicator
    as_of: int
    yearly: dict[int, float]
    status: engine.Status | None
    explanation: str
    assessment: engine.Assessment | None
    steady: engine.SteadyGrowthAssessment | None
    required: float | None  # the value the path requires in the latest observed year
    by_district: dict[str, Any] | None = None

    @property
    def observed(self) -> bool:
        """Whether any value after the base year went into the assessment (else no forecast is shown)."""
        base = self.indicator.plan.base_year
        return any(year > base for year in self.yearly)

    @property
    def status_label(self) -> str:
        return self.status.label if self.status else _("无法评估")

    def chart(self) -> dict[str, Any]:
        """Series for the trajectory chart: baseline, target path, observations, forecast interval."""
        plan = self.indicator.plan
        years = list(range(plan.base_year, plan.target_year + 1))
        data: dict[str, Any] = {
            "name": self.indicator.name,
            "unit": self.indicator.unit,
            "years": [str(y) for y in years],
            "observed": [self.yearly.get(y) for y in years],
            "path": None,
            "forecast": None,
            "status": self.status.value if self.status else None,
            "districts": self.by_district,
        }
        if self.assessment is not None:
            t = self.assessment.trajectory
            data["path"] = [round(t.required(y), 4) for y in years]
            data["baseline"] = t.baseline
        if self.assessment is not None and self.observed:
            fc = self.assessment.forecast
            data["forecast"] = {
                "year": str(fc.year),
                "value": round(fc.value, 4),
                "low": round(fc.low, 4),
                "high": round(fc.high, 4),
                "level": fc.level,
                "method": fc.method.label,
            }
        return data


def yearly_values(indicator: Indicator, *, as_of: int | None = None) -> dict[int, float]:
    """Year values (quarters left out) up to `as_of`, from the prefetched observations."""
    return {
        o.year: float(o.value)
        for o in indicator.observations.all()
        if o.quarter is None and o.district_id is None and (as_of is None or o.year <= as_of)
    }


def district_values(
    indicator: Indicator, *, as_of: int | None = None, districts: list[Any] | None = None
) -> dict[str, Any] | None:
    """The 11 districts' values in the latest year (up to `as_of`) that has any, for a bar chart.

    Pass `districts` (core_selectors.districts()) when assessing many indicators: one query for all.
    """
    rows = [
        o
        for o in indicator.observations.all()
        if o.quarter is None and o.district_id is not None and (as_of is None or o.year <= as_of)
    ]
    if not rows:
        return None
    year = max(o.year for o in rows)
    by_code = {o.district.code: float(o.value) for o in rows if o.year == year}
    districts = districts if districts is not None else list(core_selectors.districts())
    return {
        "year": year,
        "names": [d.name for d in districts],
        "values": [by_code.get(d.code) for d in districts],
    }


def indicator_assessment(
    indicator: Indicator, *, as_of: int | None = None, districts: list[Any] | None = None
) -> IndicatorAssessment:
    """The engine's assessment of the indicator from its yearly observations up to `as_of`.

    The base-year level is the plan's baseline, or the base-year observation where one exists (the
    only source for growth-rate indicators, whose table cell is a rate, and for —— cells).
    """
    plan = indicator.plan
    as_of = as_of or plan.target_year
    yearly = yearly_values(indicator, as_of=as_of)
    by_district = district_values(indicator, as_of=as_of, districts=districts)
    if indicator.category == IndicatorCategory.STEADY_GROWTH or indicator.target is None:
        series = dict(yearly)
        if indicator.baseline is not None:
            series.setdefault(plan.base_year, float(indicator.baseline))
        steady = engine.assess_steady_growth(series, unit=indicator.unit or None)
        latest = steady.latest
        return IndicatorAssessment(
            indicator,
            as_of,
            series,
            latest.status if latest else None,
            steady.explanation,
            None,
            steady,
            None,
            by_district,
        )
    base_level = yearly.get(plan.base_year)
    try:
        trajectory = engine.trajectory_for(
            engine_indicator(indicator),
            base_year=plan.base_year,
            target_year=plan.target_year,
            baseline=base_level,
        )
    except ValueError:  # no base-year level: the table cell is —— or a rate, and nothing was observed
        missing = _("缺少%(year)d年基期值，请录入%(year)d年的观测值后再评估") % {"year": plan.base_year}
        return IndicatorAssessment(indicator, as_of, yearly, None, missing, None, None, None, by_district)
    # a growth-rate indicator is observed as a level, whose unit the table does not give
    unit = None if indicator.kind == engine.IndicatorKind.GROWTH_RATE else indicator.unit or None
    assessment = engine.assess(trajectory, yearly, unit=unit, thresholds=thresholds())
    latest = assessment.latest
    series = {y.year: y.observed for y in assessment.years}
    return IndicatorAssessment(
        indicator,
        as_of,
        series,
        latest.status if latest.year != plan.base_year else None,
        assessment.explanation,
        assessment,
        None,
        latest.required,
        by_district,
    )


def indicator_assessments(*, user: Any, plan: Plan, as_of: int | None = None) -> list[IndicatorAssessment]:
    districts = list(core_selectors.districts())
    return [indicator_assessment(i, as_of=as_of, districts=districts) for i in indicator_list(user=user, plan=plan)]


# --- annual plans, progress reports, reviews, overdue items ---


def annual_plan_list(*, user: Any, task: Task | None = None) -> QuerySet[AnnualPlan]:
    qs = AnnualPlan.objects.select_related("task", "department", "created_by", "reviewed_by").prefetch_related(
        "milestones"
    )
    if task is not None:
        qs = qs.filter(task=task)
    return allowed_queryset(user, "plan_annual_plan", Action.LIST, qs)


def progress_report_list(*, user: Any, task: Task | None = None) -> QuerySet[ProgressReport]:
    qs = ProgressReport.objects.select_related("task", "department", "created_by", "reviewed_by").prefetch_related(
        "evidence"
    )
    if task is not None:
        qs = qs.filter(task=task)
    return allowed_queryset(user, "plan_progress_report", Action.LIST, qs)


def review_queue(*, user: Any) -> tuple[QuerySet[AnnualPlan], QuerySet[ProgressReport]]:
    """What waits for the office: submitted annual plans and reports, oldest first."""
    submitted = {"review_status": ReviewStatus.SUBMITTED}
    return (
        annual_plan_list(user=user).filter(**submitted).order_by("submitted_at"),
        progress_report_list(user=user).filter(**submitted).order_by("submitted_at"),
    )


REPORT_DUE_RULE = "planning.report_due"


def period_last_day(year: int, quarter: int | None) -> date:
    """The last day of a quarter (or, with no quarter, of the year)."""
    return date(year, 12, 31) if quarter in (None, 4) else date(year, quarter * 3 + 1, 1) - timedelta(days=1)


def report_due_on(year: int, quarter: int | None) -> date:
    """The last day for the report of a quarter (or year): the rules table's period after its end,
    counted like every legal clock (a last day off work moves to the next working day)."""
    end = period_last_day(year, quarter)
    return compute_deadline(end, Period.of_rule(REPORT_DUE_RULE), platform_calendar()).due


@dataclass(frozen=True, slots=True)
class OverdueItem:
    kind: str  # "milestone" or "report"
    task_number: int
    task_title: str
    department: str
    year: int
    quarter: int | None
    title: str
    due_on: date
    department_id: int | None = None

    def describe(self, when: Callable[[date], str] = date.isoformat) -> str:
        """The item in one sentence; `when` writes the due date (ISO on pages, `document_date` in reports)."""
        if self.kind == "milestone":
            what = _("节点“%(t)s”") % {"t": self.title}
        elif self.quarter:
            what = _("%(y)d年第%(q)d季度进展报告") % {"y": self.year, "q": self.quarter}
        else:
            what = _("%(y)d年度进展报告") % {"y": self.year}
        return _("任务%(n)d（%(title)s）：%(what)s，应于%(due)s前完成") % {
            "n": self.task_number,
            "title": self.task_title,
            "what": what,
            "due": when(self.due_on),
        }

    @property
    def in_document(self) -> str:
        """The sentence as a Chinese document writes it (due date 2026年1月15日)."""
        return self.describe(document_date)


def overdue_items(*, as_of: date | None = None) -> list[OverdueItem]:
    """Milestones past due and not done, and reports past due and not submitted.

    Reports are owed for every quarter and for the year of each approved annual plan: an approved
    plan is the department's commitment to report on that task that year.
    """
    as_of = as_of or timezone.localdate()
    items: list[OverdueItem] = []
    late = Milestone.objects.filter(
        annual_plan__review_status=ReviewStatus.APPROVED, done_on__isnull=True, due_on__lt=as_of
    ).select_related("annual_plan__task", "annual_plan__department")
    for m in late:
        entry = m.annual_plan
        items.append(
            OverdueItem(
                "milestone",
                entry.task.number,
                entry.task.title,
                entry.department.name,
                entry.year,
                None,
                m.title,
                m.due_on,
                entry.department_id,
            )
        )
    approved = AnnualPlan.objects.filter(review_status=ReviewStatus.APPROVED).select_related("task", "department")
    reported = {
        (r.task_id, r.department_id, r.year, r.quarter)
        for r in ProgressReport.objects.filter(review_status__in=[ReviewStatus.SUBMITTED, ReviewStatus.APPROVED]).only(
            "task_id", "department_id", "year", "quarter"
        )
    }
    for entry in approved:
        for quarter in (1, 2, 3, 4, None):
            due = report_due_on(entry.year, quarter)
            if due < as_of and (entry.task_id, entry.department_id, entry.year, quarter) not in reported:
                items.append(
                    OverdueItem(
                        "report",
                        entry.task.number,
                        entry.task.title,
                        entry.department.name,
                        entry.year,
                        quarter,
                        "",
                        due,
                        entry.department_id,
                    )
                )
    return sorted(items, key=lambda i: (i.due_on, i.task_number, i.department))


def milestone_get(*, user: Any, pk: Any) -> Milestone:
    visible = annual_plan_list(user=user).values("pk")
    return Milestone.objects.select_related("annual_plan").get(pk=pk, annual_plan__in=visible)


def task_lead_departments(task: Task) -> list[tuple[str, str]]:
    """(organisation id, name) of the departments leading a task, in the order the plan names them."""
    seen: dict[str, str] = {}
    for alias in task.lead_aliases.all():
        if alias.organisation is not None:
            seen.setdefault(str(alias.organisation_id), alias.organisation.name)
    return list(seen.items())


def overdue_in_scope(*, user: Any, items: list[OverdueItem]) -> list[OverdueItem]:
    """The overdue items a person follows: every department's for the office, their own department's
    (each organisation they are a liaison of) for a liaison."""
    for_whom = organisations_in_scope(user, "plan_annual_plan", Action.LIST)
    if for_whom is None:
        return items
    return [item for item in items if item.department_id in for_whom]

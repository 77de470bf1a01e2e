"""Every write of the planning app: validate, write and audit in one transaction.

`plan_import` turns the plan's text into stored records through the plan engine, idempotently: the
same text changes nothing (and says so); a changed text writes only what `diff_plans` reports, with
one audit entry per changed item. Observations are recorded one by one, imported from a table
(all-or-nothing) or computed by a registered provider, which leaves its lineage on the value.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import documents, imports, jobs
from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.core.audit import record as audit_record
from zhichan.core.indicators import indicator_provider
from zhichan.core.policy import Action, acts_for
from zhichan.core.services import deny, require
from zhichan.core.workflow import transition_run
from zhichan.engines import plan as engine
from zhichan.engines.tabular import Table
from zhichan.engines.text import normalize
from zhichan.planning import selectors
from zhichan.planning.departments import seed_for
from zhichan.planning.formatting import number
from zhichan.planning.models import (
    AnnualPlan,
    Column,
    DepartmentAlias,
    Indicator,
    IndicatorObservation,
    Milestone,
    Plan,
    ProgressReport,
    ReviewStatus,
    Section,
    Task,
    TaskProgress,
)
from zhichan.planning.workflows import ANNUAL_PLAN_REVIEW, PROGRESS_REPORT_REVIEW

# --- reading the text ---


def decode_plan_text(data: bytes) -> str:
    """The plan text from a file in UTF-8 (with or without BOM) or GB18030, line ends unified."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(_("规划文本既不是 UTF-8 也不是 GB18030 编码"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- departments ---


def _department_alias(*, actor: Any, name: str, created: list[str]) -> DepartmentAlias:
    """The alias of a unit name as written, creating the department from the seed table if new."""
    alias = DepartmentAlias.objects.select_related("organisation").filter(name=name).first()
    if alias is not None:
        return alias
    seed = seed_for(name)
    organisation = None
    if seed.full_name is not None:
        # one department per name: an organisation of that name already in the directory is the one
        # meant, whatever its kind (the seed's kind is only for creating it), e.g. 广州仲裁委员会 entered
        # as an arbitration body with its credit code is not created again as "other" without one
        same_name = list(
            core_selectors.organisation_list(user=actor)
            .filter(name_normalized=normalize(seed.full_name)[:200])
            .order_by("pk")
        )  # of several, the one with a credit code (a registered body) before one entered without
        organisation = next((o for o in same_name if o.credit_code), same_name[0] if same_name else None)
        if organisation is None:
            organisation = core_services.organisation_create(
                actor=actor, data={"name": seed.full_name, "kind": seed.kind}
            )
            created.append(organisation.name)
    alias = DepartmentAlias.objects.create(name=name, organisation=organisation, is_group=seed.full_name is None)
    audit_record(
        actor=actor,
        action="plan.department_alias.create",
        object_type="plan",
        object_id=f"alias:{alias.pk}",
        summary={"name": name, "organisation": organisation.name if organisation else None},
    )
    return alias


def department_alias_update(*, actor: Any, alias: DepartmentAlias, organisation: Any) -> DepartmentAlias:
    """Point a unit name at another department (or at none: a group of units)."""
    require(actor, "plan", Action.CHANGE)
    with transaction.atomic():
        before = alias.organisation.name if alias.organisation else None
        alias.organisation = organisation
        alias.is_group = organisation is None
        alias.save(update_fields=["organisation", "is_group", "updated_at"])
        audit_record(
            actor=actor,
            action="plan.department_alias.change",
            object_type="plan",
            object_id=f"alias:{alias.pk}",
            summary={"name": alias.name, "organisation": [before, organisation.name if organisation else None]},
        )
    return alias


# --- importing the plan ---


@dataclass
class PlanImportResult:
    plan: Plan
    created: bool = False
    unchanged: bool = False
    retitled: bool = False
    changes: list[engine.ItemChange] = field(default_factory=list)
    departments_created: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.unchanged and self.retitled:
            return _("规划文本未变；标题改为“%(title)s”") % {"title": self.plan.title}
        if self.unchanged:
            return _("规划文本未变，未做任何修改")
        if self.created:
            return _("已导入规划：%(s)d个章节，%(t)d项任务，%(c)d个专栏，%(i)d项指标；新建部门%(d)d个") % {
                "s": self.plan.sections.count(),
                "t": self.plan.tasks.count(),
                "c": self.plan.columns.count(),
                "i": self.plan.indicators.count(),
                "d": len(self.departments_created),
            }
        lines = [_("已更新规划：%(n)d处变更") % {"n": len(self.changes)}]
        lines += [
            f"  {c.entity} {c.key}: {c.action.value} ({', '.join(f.field for f in c.fields)})" for c in self.changes
        ]
        return "\n".join(lines)


def _outline(doc: engine.PlanDocument) -> list[tuple[engine.Section | engine.Subsection, str | None]]:
    items: list[tuple[engine.Section | engine.Subsection, str | None]] = []
    for section in doc.sections:
        items.append((section, None))
        items.extend((sub, section.key) for sub in section.subsections)
    return items


def _section_text(item: engine.Section | engine.Subsection) -> str:
    return "\n".join(p.text for p in item.paragraphs)


class _Writer:
    """Writes engine records into one plan; each method creates or updates one item by its key."""

    def __init__(self, *, actor: Any, plan: Plan, departments_created: list[str]) -> None:
        self.actor = actor
        self.plan = plan
        self.departments_created = departments_created
        self.sections = {s.key: s for s in plan.sections.all()}

    def alias(self, name: str) -> DepartmentAlias:
        return _department_alias(actor=self.actor, name=name, created=self.departments_created)

    def section(self, item: engine.Section | engine.Subsection, parent: str | None, position: int) -> None:
        values = {
            "parent": self.sections[parent] if parent else None,
            "position": position,
            "title": item.title,
            "text": _section_text(item),
        }
        section, _created = Section.objects.update_or_create(plan=self.plan, key=item.key, defaults=values)
        self.sections[item.key] = section

    def task(self, item: engine.Task) -> None:
        task, _created = Task.objects.update_or_create(
            plan=self.plan,
            number=item.number,
            defaults={
                "title": item.title,
                "text": item.text,
                "section": self.sections[item.section],
                "lead_units": list(item.lead_units),
                "cooperating_units": list(item.cooperating_units),
                "shared_lead": item.shared_lead,
            },
        )
        task.lead_aliases.set([self.alias(name) for name in item.lead_units])
        task.cooperating_aliases.set([self.alias(name) for name in item.cooperating_units])

    def column(self, item: engine.Column) -> None:
        Column.objects.update_or_create(
            plan=self.plan,
            number=item.number,
            defaults={"title": item.title, "text": item.text, "section": self.sections[item.section]},
        )

    def indicator(self, item: engine.Indicator, position: int) -> None:
        Indicator.objects.update_or_create(
            plan=self.plan,
            name=item.name,
            defaults={
                "position": position,
                "unit": item.unit or "",
                "baseline": item.baseline,
                "baseline_text": item.baseline_text or "",
                "target": item.target,
                "source": item.source or "",
                "source_alias": self.alias(item.source) if item.source else None,
                "kind": item.kind.value,
                "category": item.category.value,
                "section": self.sections[item.section],
            },
        )


def _plan_values(doc: engine.PlanDocument, *, sha: str, chars: int, actor: Any) -> dict[str, Any]:
    return {
        "preamble": doc.preamble,
        "indicator_table_title": doc.indicator_table_title or "",
        "source_sha256": sha,
        "source_chars": chars,
        "imported_at": timezone.now(),
        "imported_by": actor if getattr(actor, "is_authenticated", False) else None,
    }


def default_title(doc: engine.PlanDocument) -> str:
    return _("知识产权规划（%(start)d—%(end)d年）") % {"start": doc.base_year + 1, "end": doc.target_year}


def plan_import(*, actor: Any, text: str, title: str = "") -> PlanImportResult:
    """Create or update the plan of the text's period from its text; see the module docstring.

    Raises `engine.PlanParseError` (with the line) when the text does not read as a plan.
    """
    require(actor, "plan", Action.CREATE)
    # the import registers the lead departments it does not know yet as organisations (organisation_create,
    # inside the import's transaction): that permission is checked here, before the transaction opens
    require(actor, "organisation", Action.CREATE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = engine.parse_plan(text)
    sha = text_sha256(text)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().filter(base_year=doc.base_year, target_year=doc.target_year).first()
        if plan is not None and plan.source_sha256 == sha:
            summary: dict[str, Any] = {"result": "unchanged", "sha256": sha}
            retitled = bool(title) and title != plan.title
            if retitled:  # the text carries no title: a title given with the same text is the one change
                summary["title"] = [plan.title, title]
                plan.title = title
                plan.save(update_fields=["title"])
            audit_record(actor=actor, action="plan.import", object_type="plan", object_id=plan.pk, summary=summary)
            return PlanImportResult(plan=plan, unchanged=True, retitled=retitled)
        if plan is None:
            return _plan_create(actor=actor, doc=doc, sha=sha, chars=len(text), title=title)
        return _plan_update(actor=actor, plan=plan, doc=doc, sha=sha, chars=len(text), title=title)


def _plan_create(*, actor: Any, doc: engine.PlanDocument, sha: str, chars: int, title: str) -> PlanImportResult:
    plan = Plan.objects.create(
        title=title or default_title(doc),
        base_year=doc.base_year,
        target_year=doc.target_year,
        **_plan_values(doc, sha=sha, chars=chars, actor=actor),
    )
    result = PlanImportResult(plan=plan, created=True)
    writer = _Writer(actor=actor, plan=plan, departments_created=result.departments_created)
    for position, (item, parent) in enumerate(_outline(doc)):
        writer.section(item, parent, position)
    for task in doc.tasks:
        writer.task(task)
    for column in doc.columns:
        writer.column(column)
    for position, indicator in enumerate(doc.indicators):
        writer.indicator(indicator, position)
    audit_record(
        actor=actor,
        action="plan.import",
        object_type="plan",
        object_id=plan.pk,
        summary={
            "result": "created",
            "sha256": sha,
            "sections": len(writer.sections),
            "tasks": len(doc.tasks),
            "columns": len(doc.columns),
            "indicators": len(doc.indicators),
            "departments_created": result.departments_created,
        },
    )
    return result


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Decimal):
        return number(value, 4)
    return value


def _plan_update(
    *, actor: Any, plan: Plan, doc: engine.PlanDocument, sha: str, chars: int, title: str
) -> PlanImportResult:
    diff = engine.diff_plans(selectors.stored_document(plan), doc)
    result = PlanImportResult(plan=plan, changes=list(diff.changes))
    writer = _Writer(actor=actor, plan=plan, departments_created=result.departments_created)
    touched = {(c.entity, c.key) for c in diff.changes if c.action is not engine.ChangeAction.REMOVED}
    outline = _outline(doc)
    if any(c.entity == "section" for c in diff.changes):
        # positions follow the text: any added or removed heading renumbers the outline
        for position, (item, parent) in enumerate(outline):
            if ("section", item.key) in touched or writer.sections[item.key].position != position:
                writer.section(item, parent, position)
    for task in doc.tasks:
        if ("task", task.number) in touched:
            writer.task(task)
    for column in doc.columns:
        if ("column", column.number) in touched:
            writer.column(column)
    indicator_changes = any(c.entity == "indicator" for c in diff.changes)
    for position, indicator in enumerate(doc.indicators):
        if ("indicator", indicator.name) in touched:
            writer.indicator(indicator, position)
        elif indicator_changes:
            Indicator.objects.filter(plan=plan, name=indicator.name).exclude(position=position).update(
                position=position
            )
    removed = [c for c in diff.changes if c.action is engine.ChangeAction.REMOVED]
    for change in removed:
        if change.entity == "task":
            task = Task.objects.get(plan=plan, number=change.key)
            if task.annual_plans.exists() or task.progress_reports.exists():
                raise ValidationError(
                    _("新文本删去了任务%(n)d，但该任务已有年度工作计划或进展报告，未做任何修改") % {"n": change.key}
                )
            task.delete()
        elif change.entity == "column":
            Column.objects.filter(plan=plan, number=change.key).delete()
        elif change.entity == "indicator":
            Indicator.objects.filter(plan=plan, name=change.key).delete()
    for change in removed:
        if change.entity == "section":
            Section.objects.filter(plan=plan, key=change.key).delete()
    for change in diff.changes:
        audit_record(
            actor=actor,
            action=f"plan.{change.entity}.{change.action.value}",
            object_type="plan",
            object_id=f"{change.entity}:{change.key}",
            summary={
                "plan": plan.pk,
                "fields": {f.field: [_plain(f.old), _plain(f.new)] for f in change.fields},
            },
        )
    values = _plan_values(doc, sha=sha, chars=chars, actor=actor)
    if title:
        values["title"] = title
    for key, value in values.items():
        setattr(plan, key, value)
    plan.save(update_fields=list(values))
    audit_record(
        actor=actor,
        action="plan.import",
        object_type="plan",
        object_id=plan.pk,
        summary={
            "result": "updated",
            "sha256": sha,
            "changes": len(diff.changes),
            "plan_fields": {f.field: [_plain(f.old), _plain(f.new)] for f in diff.plan if f.field != "preamble"},
            "departments_created": result.departments_created,
        },
    )
    return result


# --- indicator observations ---


def _clean_period(indicator: Indicator, year: Any, quarter: Any) -> tuple[int, int | None]:
    errors: dict[str, str] = {}
    plan = indicator.plan
    try:
        year_int = int(str(year).strip().removesuffix("年"))
    except ValueError:
        errors["year"] = _("年份“%(v)s”不是整数") % {"v": year}
        year_int = 0
    else:
        if not plan.base_year <= year_int <= plan.target_year:
            errors["year"] = _("年份%(y)d不在规划期%(a)d—%(b)d年内") % {
                "y": year_int,
                "a": plan.base_year,
                "b": plan.target_year,
            }
    quarter_int: int | None = None
    if quarter not in (None, ""):
        text = str(quarter).strip().upper().removeprefix("Q").removeprefix("第").removesuffix("季度")
        text = {"一": "1", "二": "2", "三": "3", "四": "4"}.get(text, text)
        if text not in ("1", "2", "3", "4"):
            errors["quarter"] = _("季度“%(v)s”应为1—4") % {"v": quarter}
        else:
            quarter_int = int(text)
    if errors:
        raise ValidationError(errors)
    return year_int, quarter_int


def _clean_district(value: Any) -> Any:
    """A district from a District, its code (440106) or its name (天河区); None for the whole city."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        return value
    text = value.strip()
    found = core_selectors.districts().filter(code=text).first() or core_selectors.districts().filter(name=text).first()
    if found is None:
        raise ValidationError({"district": _("“%(v)s”不是广州市的行政区") % {"v": value}})
    return found


def _clean_value(value: Any) -> Decimal:
    text = str(value).strip().replace(",", "").replace("，", "").rstrip("%％")
    try:
        parsed = Decimal(text)
    except InvalidOperation:
        raise ValidationError({"value": _("数值“%(v)s”不是数字") % {"v": value}}) from None
    if not parsed.is_finite() or abs(parsed) >= Decimal(10) ** 16:
        raise ValidationError({"value": _("数值“%(v)s”超出范围") % {"v": value}})
    return parsed


def _clean_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()[:10].replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError({"observed_on": _("日期“%(v)s”应写作YYYY-MM-DD") % {"v": value}}) from None


def _write_observation(
    *,
    actor: Any,
    indicator: Indicator,
    year: int,
    quarter: int | None,
    value: Decimal,
    source: str,
    observed_on: date | None,
    lineage: dict[str, Any] | None,
    district: Any = None,
) -> tuple[IndicatorObservation, list[str] | None]:
    """Upsert one observation; returns it and [old, new] when an existing value changed (else None)."""
    existing = (
        IndicatorObservation.objects.select_for_update()
        .filter(indicator=indicator, year=year, quarter=quarter, district=district)
        .first()
    )
    entered_by = actor if getattr(actor, "is_authenticated", False) else None
    values = {
        "value": value,
        "source": source,
        "observed_on": observed_on,
        "entered_by": entered_by,
        "lineage": lineage,
    }
    if existing is None:
        created = IndicatorObservation.objects.create(
            indicator=indicator, year=year, quarter=quarter, district=district, **values
        )
        return created, None
    old = number(existing.value, 4)
    for key, v in values.items():
        setattr(existing, key, v)
    existing.save(update_fields=[*values, "updated_at"])
    return existing, [old, number(value, 4)]


def observation_record(
    *,
    actor: Any,
    indicator: Indicator,
    year: Any,
    value: Any,
    quarter: Any = None,
    source: str = "",
    observed_on: Any = None,
    lineage: dict[str, Any] | None = None,
    district: Any = None,
) -> IndicatorObservation:
    """Record the value of an indicator for a year (or a quarter), for the city or one district.

    A second value for the same period and place replaces the first (audited with both).
    """
    require(actor, "plan_observation", Action.CREATE)
    errors: dict[str, Any] = {}
    cleaned: dict[str, Any] = {}
    for key, check, args in (
        ("period", _clean_period, (indicator, year, quarter)),
        ("value", _clean_value, (value,)),
        ("observed_on", _clean_date, (observed_on,)),
        ("district", _clean_district, (district,)),
    ):
        try:
            cleaned[key] = check(*args)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    year_int, quarter_int = cleaned["period"]
    amount = cleaned["value"]
    with transaction.atomic():
        observation, changed = _write_observation(
            actor=actor,
            indicator=indicator,
            year=year_int,
            quarter=quarter_int,
            value=amount,
            source=source.strip()[:200],
            observed_on=cleaned["observed_on"],
            lineage=lineage,
            district=cleaned["district"],
        )
        audit_record(
            actor=actor,
            action="plan_observation.change" if changed else "plan_observation.create",
            object_type="plan_observation",
            object_id=observation.pk,
            summary={
                "indicator": indicator.name,
                "year": year_int,
                "quarter": quarter_int,
                "district": cleaned["district"].name if cleaned["district"] else None,
                "value": changed or number(amount, 4),
                "source": observation.source,
                "computed": lineage is not None,
            },
        )
    return observation


OBSERVATION_COLUMNS = {
    "indicator": ("指标", "指标名称", "indicator"),
    "year": ("年份", "year"),
    "quarter": ("季度", "quarter"),
    "value": ("数值", "值", "value"),
    "source": ("来源", "数据来源", "source"),
    "observed_on": ("数据日期", "日期", "observed_on"),
    "district": ("行政区", "所在区", "区", "district"),
}
OBSERVATION_LABELS = {key: names[0] for key, names in OBSERVATION_COLUMNS.items()}


def _observations_spec(plan: Plan) -> imports.ImportSpec[dict[str, Any]]:
    """The observations import of one plan: indicators by name as written, or with 著作权 for the text's 着作权."""
    indicators: dict[str, Indicator] = {}
    for indicator in plan.indicators.select_related("plan"):
        indicators[indicator.name] = indicator
        indicators.setdefault(engine.corrected_text(indicator.name), indicator)

    def parse_row(data: dict[str, str]) -> dict[str, Any]:
        row_errors: list[imports.RowError] = []
        indicator = indicators.get(data["indicator"].strip()) or indicators.get(
            engine.corrected_text(data["indicator"].strip())
        )
        if indicator is None:
            row_errors.append(
                imports.RowError(OBSERVATION_LABELS["indicator"], _("没有名为“%(v)s”的指标") % {"v": data["indicator"]})
            )
        values: dict[str, Any] = {}
        for key, check, args in (
            ("period", _clean_period, (indicator, data["year"], data["quarter"])),
            ("value", _clean_value, (data["value"],)),
            ("observed_on", _clean_date, (data["observed_on"],)),
            ("district", _clean_district, (data["district"],)),
        ):
            if key == "period" and indicator is None:
                continue
            try:
                values[key] = check(*args)
            except ValidationError as exc:
                row_errors.extend(imports.RowErrors.of(exc, OBSERVATION_LABELS.__getitem__).errors)
        if row_errors:
            raise imports.RowErrors(row_errors)
        year, quarter = values["period"]
        return {
            "indicator": indicator,
            "year": year,
            "quarter": quarter,
            "value": values["value"],
            "source": data["source"].strip()[:200],
            "observed_on": values["observed_on"],
            "district": values["district"],
        }

    def apply(actor: Any, rows: list[tuple[int, dict[str, Any]]], report: imports.ImportReport) -> dict[str, Any]:
        changes: list[list[Any]] = []
        for _row_no, item in rows:
            existing = IndicatorObservation.objects.filter(
                indicator=item["indicator"], year=item["year"], quarter=item["quarter"], district=item["district"]
            ).first()
            if existing is not None and existing.value == item["value"] and existing.source == item["source"]:
                report.unchanged += 1
                continue
            _observation, changed = _write_observation(actor=actor, lineage=None, **item)
            if changed:
                report.updated += 1
                place = item["district"].name if item["district"] else None
                changes.append([item["indicator"].name, item["year"], item["quarter"], place, *changed])
            else:
                report.created += 1
        return {"changed": changes[:200]}

    return imports.ImportSpec(
        name="plan_observation",
        columns=tuple(
            imports.Column(key, names, required=key in ("indicator", "year", "value"))
            for key, names in OBSERVATION_COLUMNS.items()
        ),
        parse_row=parse_row,
        apply=apply,
        authorise=lambda actor: require(actor, "plan_observation", Action.CREATE),
        identity=lambda item: (
            "year",
            (item["indicator"].pk, item["year"], item["quarter"], getattr(item["district"], "pk", None)),
        ),
        object_id=plan.pk,
    )


def observations_import(*, actor: Any, plan: Plan, table: Table) -> imports.ImportReport:
    """All-or-nothing import of observations: every row is checked first, errors by row and field."""
    return imports.run(_observations_spec(plan), actor=actor, stream=imports.stream_of(table))


def indicator_provider_set(*, actor: Any, indicator: Indicator, provider: str) -> Indicator:
    """Link an indicator to a registered provider ("" unlinks it)."""
    require(actor, "plan", Action.CHANGE)
    if provider:
        indicator_provider(provider)
    with transaction.atomic():
        before = indicator.provider
        indicator.provider = provider
        indicator.save(update_fields=["provider"])
        audit_record(
            actor=actor,
            action="plan.indicator.provider",
            object_type="plan",
            object_id=f"indicator:{indicator.name}",
            summary={"provider": [before, provider]},
        )
    return indicator


RECORDS_KEPT = 1000


def indicator_compute(
    *, actor: Any, indicator: Indicator, year: int, quarter: int | None = None
) -> IndicatorObservation:
    """Compute the indicator's value with its provider and record it with its lineage."""
    if not indicator.provider:
        raise ValidationError(_("指标“%(n)s”没有设置自动计算来源") % {"n": indicator.name})
    registered = indicator_provider(indicator.provider)
    provided = registered.fn(actor=actor, year=year, quarter=quarter)
    if not math.isfinite(float(provided.value)):
        raise ValidationError(_("自动计算的数值无效"))
    lineage = {
        "provider": registered.name,
        "record_count": provided.record_count,
        "records": list(provided.records[:RECORDS_KEPT]),
        "records_truncated": len(provided.records) > RECORDS_KEPT,
        "computed_at": timezone.now().isoformat(),
        "note": provided.note,
    }
    return observation_record(
        actor=actor,
        indicator=indicator,
        year=year,
        quarter=quarter,
        value=provided.value,
        source=str(registered.label),
        observed_on=timezone.localdate(),
        lineage=lineage,
    )


def indicators_compute_start(*, actor: Any, plan: Plan, year: int) -> Any:
    """Recompute every provider-linked indicator for a year, as a job with progress."""
    require(actor, "plan_observation", Action.CREATE)
    if not plan.base_year <= year <= plan.target_year:
        raise ValidationError({"year": _("年份%(y)d不在规划期内") % {"y": year}})
    return core_services.job_enqueue(
        actor=actor, kind="planning.indicators_compute", params={"plan_id": plan.pk, "year": year, "actor_id": actor.pk}
    )


def indicators_compute_job(context: jobs.JobContext, *, plan_id: int, year: int, actor_id: int) -> dict[str, Any]:
    """Recompute every provider-linked indicator of a plan for a year; safe to re-run (upserts)."""
    from django.contrib.auth import get_user_model

    actor = get_user_model().objects.get(pk=actor_id)
    linked = list(Indicator.objects.select_related("plan").filter(plan_id=plan_id).exclude(provider=""))
    done: dict[str, str] = {}
    for index, indicator in enumerate(linked):
        context.progress(index, len(linked))
        observation = indicator_compute(actor=actor, indicator=indicator, year=year)
        done[indicator.name] = number(observation.value, 4)
        context.log(f"{indicator.name} {year}: {done[indicator.name]}")
    context.progress(len(linked), len(linked))
    return {"year": year, "values": done}


# --- annual plans and progress reports ---


def _department_for(*, actor: Any, task: Task, department: Any, object_type: str) -> Any:
    """The lead department an entry is for: the liaison's own, or the one an official names."""
    department = department or getattr(actor, "organisation", None)
    if department is None:
        raise ValidationError({"department": _("请指定牵头部门")})
    if not acts_for(actor, object_type, Action.CREATE, department):
        deny(
            actor=actor,
            action=f"{object_type}.{Action.CREATE}",
            object_type=object_type,
            reason=f"department {department.pk} is not the liaison's own",
            message=_("部门联络员只能填报本部门的计划和报告"),
        )
    if not task.lead_aliases.filter(organisation=department).exists():
        raise ValidationError(
            {"department": _("%(d)s不是任务%(n)d的牵头单位") % {"d": department.name, "n": task.number}}
        )
    return department


def _check_year(task: Task, year: int) -> None:
    plan = task.plan
    if not plan.base_year < year <= plan.target_year:
        raise ValidationError(
            {"year": _("年度应在%(a)d—%(b)d年之间") % {"a": plan.base_year + 1, "b": plan.target_year}}
        )


def _existing_entry(*, actor: Any, model: type[AnnualPlan] | type[ProgressReport], object_type: str, **key: Any) -> Any:
    """The entry the save would edit, if any, after refusing (audited, before the write transaction) an
    actor who may not change it."""
    entry = model.objects.filter(**key).first()
    if entry is not None:
        require(actor, object_type, Action.CHANGE, entry)
    return entry


def _check_editable(*, entry: Any, seen: Any) -> None:
    """Inside the save's transaction, on the locked row: still the one checked, and still editable."""
    if seen is None or seen.pk != entry.pk:
        raise ValidationError(_("这份内容刚刚由他人创建，请刷新页面后再修改"))
    if not entry.editable:
        status = entry.get_review_status_display()
        raise ValidationError(_("已提交或已通过的内容不能修改（状态：%(s)s）") % {"s": status})


def _clean_milestones(milestones: list[dict[str, Any]], year: int) -> list[tuple[str, date]]:
    cleaned: list[tuple[str, date]] = []
    errors: list[str] = []
    for index, item in enumerate(milestones, start=1):
        title = str(item.get("title") or "").strip()
        if not title and not item.get("due_on"):
            continue
        try:
            due_on = _clean_date(item.get("due_on"))
        except ValidationError:
            due_on = None
        if not title:
            errors.append(_("节点%(i)d：请填写内容") % {"i": index})
        if due_on is None:
            errors.append(_("节点%(i)d：请填写完成时限（YYYY-MM-DD）") % {"i": index})
        elif due_on.year != year:
            errors.append(_("节点%(i)d：完成时限应在%(y)d年内") % {"i": index, "y": year})
        if title and due_on is not None:
            cleaned.append((title[:300], due_on))
    if errors:
        raise ValidationError({"milestones": errors})
    return cleaned


def annual_plan_save(
    *,
    actor: Any,
    task: Task,
    year: int,
    measures: str,
    milestones: list[dict[str, Any]],
    department: Any = None,
    submit: bool = False,
) -> AnnualPlan:
    """Create or edit (while draft or returned) a department's annual plan; `submit` sends it for review."""
    require(actor, "plan_annual_plan", Action.CREATE)
    department = _department_for(actor=actor, task=task, department=department, object_type="plan_annual_plan")
    _check_year(task, year)
    if not measures.strip():
        raise ValidationError({"measures": _("请填写工作措施")})
    cleaned = _clean_milestones(milestones, year)
    key = {"task": task, "year": year, "department": department}
    seen = _existing_entry(actor=actor, model=AnnualPlan, object_type="plan_annual_plan", **key)
    with transaction.atomic():
        entry = AnnualPlan.objects.select_for_update().filter(**key).first()
        if entry is None:
            entry = AnnualPlan(**key, created_by=actor)
        else:
            _check_editable(entry=entry, seen=seen)
        entry.measures = measures.strip()
        if submit:
            entry.review_status = ReviewStatus.SUBMITTED
            entry.submitted_at = timezone.now()
        entry.save()
        entry.milestones.all().delete()
        Milestone.objects.bulk_create(
            Milestone(annual_plan=entry, position=i, title=title, due_on=due_on)
            for i, (title, due_on) in enumerate(cleaned)
        )
        audit_record(
            actor=actor,
            action="plan_annual_plan.submit" if submit else "plan_annual_plan.save",
            object_type="plan_annual_plan",
            object_id=entry.pk,
            summary={
                "task": task.number,
                "year": year,
                "department": department.name,
                "milestones": [[t, d.isoformat()] for t, d in cleaned],
            },
        )
    return entry


def milestone_complete(*, actor: Any, milestone: Milestone, done_on: Any) -> Milestone:
    """Mark a milestone of an approved annual plan done, by its department or the office."""
    entry = milestone.annual_plan
    require(actor, "plan_annual_plan", Action.CHANGE, entry)
    when = _clean_date(done_on) or timezone.localdate()
    with transaction.atomic():
        milestone.done_on = when
        milestone.save(update_fields=["done_on"])
        audit_record(
            actor=actor,
            action="plan_annual_plan.milestone_done",
            object_type="plan_annual_plan",
            object_id=entry.pk,
            summary={"milestone": milestone.title, "due_on": milestone.due_on.isoformat(), "done_on": when.isoformat()},
        )
    return milestone


def progress_report_save(
    *,
    actor: Any,
    task: Task,
    year: int,
    quarter: int | None,
    progress: str,
    work_done: str,
    problems: str = "",
    evidence: list[Any] | None = None,
    department: Any = None,
    submit: bool = False,
) -> ProgressReport:
    """Create or edit (while draft or returned) a quarterly or yearly report; `submit` sends it for review."""
    require(actor, "plan_progress_report", Action.CREATE)
    department = _department_for(actor=actor, task=task, department=department, object_type="plan_progress_report")
    _check_year(task, year)
    errors: dict[str, str] = {}
    if quarter is not None and quarter not in (1, 2, 3, 4):
        errors["quarter"] = _("季度应为1—4")
    if progress not in TaskProgress.values:
        errors["progress"] = _("进展状态无效")
    if not work_done.strip():
        errors["work_done"] = _("请填写工作进展")
    if errors:
        raise ValidationError(errors)
    key = {"task": task, "year": year, "quarter": quarter, "department": department}
    seen = _existing_entry(actor=actor, model=ProgressReport, object_type="plan_progress_report", **key)
    with transaction.atomic():
        entry = ProgressReport.objects.select_for_update().filter(**key).first()
        if entry is None:
            entry = ProgressReport(**key, created_by=actor)
        else:
            _check_editable(entry=entry, seen=seen)
        entry.progress = progress
        entry.work_done = work_done.strip()
        entry.problems = problems.strip()
        if submit:
            entry.review_status = ReviewStatus.SUBMITTED
            entry.submitted_at = timezone.now()
        entry.save()
        if evidence:
            entry.evidence.add(*evidence)
        audit_record(
            actor=actor,
            action="plan_progress_report.submit" if submit else "plan_progress_report.save",
            object_type="plan_progress_report",
            object_id=entry.pk,
            summary={
                "task": task.number,
                "year": year,
                "quarter": quarter,
                "department": department.name,
                "progress": progress,
                "evidence": [str(e.pk) for e in evidence or []],
            },
        )
    return entry


def submission_review(
    *, actor: Any, entry: AnnualPlan | ProgressReport, approve: bool, comment: str = ""
) -> AnnualPlan | ProgressReport:
    """The IP office approves (accepts) a submitted annual plan or progress report, or returns it with comments.

    A step of the review workflow (`workflows.py`): refused durably first, then the row locked and its
    status checked inside the transaction, so of two officials deciding at once one decides.
    """
    workflow = ANNUAL_PLAN_REVIEW if isinstance(entry, AnnualPlan) else PROGRESS_REPORT_REVIEW
    if not approve and not comment.strip():
        require(actor, *workflow.permission)  # a refusal is told before a missing comment
        raise ValidationError({"comment": _("退回时请填写意见")})

    def write(locked: AnnualPlan | ProgressReport) -> tuple[list[str], dict[str, Any]]:
        locked.review_comment, locked.reviewed_by, locked.reviewed_at = comment.strip(), actor, timezone.now()
        summary = {"task": locked.task.number, "year": locked.year, "comment": locked.review_comment}
        return ["review_comment", "reviewed_by", "reviewed_at", "updated_at"], summary

    def refused_state(locked: AnnualPlan | ProgressReport) -> str:
        if locked.review_status in (ReviewStatus.APPROVED, ReviewStatus.RETURNED):
            return _("该内容已由%(who)s审核（%(status)s），不能重复审核") % {
                "who": locked.reviewed_by,
                "status": locked.get_review_status_display(),
            }
        return _("只能审核已提交的内容")

    name = "approve" if approve else "return"
    return transition_run(
        actor=actor, obj=entry, workflow=workflow, name=name, write=write, refused_state=refused_state
    )


def reminders_record(*, actor: Any, as_of: date | None = None) -> list[selectors.OverdueItem]:
    """Compute the overdue list and audit that reminders went out, one entry per department."""
    items = selectors.overdue_items(as_of=as_of)
    by_department: dict[str, list[str]] = {}
    for item in items:
        by_department.setdefault(item.department, []).append(item.describe())
    with transaction.atomic():
        for department, lines in by_department.items():
            audit_record(
                actor=actor,
                action="plan.reminder",
                object_type="plan",
                object_id="",
                summary={"department": department, "items": lines[:100]},
            )
    return items


def reminders_job(context: jobs.JobContext) -> dict[str, Any]:
    """The daily reminders of what is overdue (periodic job `planning.reminders`)."""
    items = reminders_record(actor=context.job.created_by)
    return {"overdue": len(items), "departments": len({item.department for item in items})}


# --- evaluation reports ---


def reports_dir() -> Path:
    return Path(settings.DATA_DIR) / "reports"


def _store_report(data: bytes, suffix: str) -> str:
    sha = hashlib.sha256(data).hexdigest()
    folder = reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{sha}.{suffix}"
    if not path.exists():
        partial = path.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(path)
    return sha


def report_generate(
    *, actor: Any, plan: Plan, kind: str, progress: Any = None, pdf: bool | None = None
) -> dict[str, Any]:
    """Render an evaluation report as HTML and, where WeasyPrint is installed, as PDF.

    `pdf=None` follows the Django setting PLANNING_REPORT_PDF (default True). Each file is kept
    under its SHA-256 (the same report is stored once); the result names them.
    """
    from zhichan.planning.reports import render_report, report_title, report_year

    require(actor, "plan", Action.DOWNLOAD)
    year = report_year(plan, kind)
    if pdf is None:
        pdf = bool(getattr(settings, "PLANNING_REPORT_PDF", True))
    steps = 3 if pdf and documents.pdf_available() else 2
    if progress is not None:
        progress(0, steps)
    html = render_report(user=actor, plan=plan, kind=kind)
    data = html.encode("utf-8")
    if progress is not None:
        progress(1, steps)
    result: dict[str, Any] = {
        "sha256": _store_report(data, "html"),
        "pdf_sha256": None,
        "kind": kind,
        "year": year,
        "title": report_title(plan, kind),
        "bytes": len(data),
    }
    if steps == 3:
        result["pdf_sha256"] = _store_report(documents.to_pdf(html), "pdf")
        if progress is not None:
            progress(2, steps)
    with transaction.atomic():
        audit_record(actor=actor, action="plan.report", object_type="plan", object_id=plan.pk, summary=result)
    if progress is not None:
        progress(steps, steps)
    return result


def report_start(*, actor: Any, plan: Plan, kind: str) -> Any:
    """Generate a report as a job with progress; the job's result names the stored file."""
    require(actor, "plan", Action.DOWNLOAD)
    return core_services.job_enqueue(
        actor=actor,
        kind="planning.evaluation_report",
        params={"plan_id": plan.pk, "kind": kind, "actor_id": actor.pk},
    )


def evaluation_report_job(context: jobs.JobContext, *, plan_id: int, kind: str, actor_id: int) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    actor = get_user_model().objects.get(pk=actor_id)
    result = report_generate(actor=actor, plan=Plan.objects.get(pk=plan_id), kind=kind, progress=context.progress)
    context.log(f"{result['title']}: HTML {result['sha256']}")
    context.log(f"PDF {result['pdf_sha256']}" if result["pdf_sha256"] else str(documents.PDF_UNAVAILABLE))
    return result

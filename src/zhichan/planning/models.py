"""The plan as stored: outline, tasks, boxed projects, indicators, departments and observations.

Everything the plan text says is written only by `services.plan_import` (from the text, through the
plan engine); names of units are kept exactly as written, and `DepartmentAlias` maps each written
name to a department in the core directory, editable by the IP office.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhichan.engines.plan import IndicatorCategory as EngineIndicatorCategory
from zhichan.engines.plan import IndicatorKind as EngineIndicatorKind


class Plan(models.Model):
    """One imported plan text (the 2021-2025 plan), identified by its period."""

    title = models.CharField(_("标题"), max_length=200)
    base_year = models.PositiveSmallIntegerField(_("基期年份"))
    target_year = models.PositiveSmallIntegerField(_("目标年份"))
    preamble = models.TextField(_("序言"), blank=True)
    indicator_table_title = models.CharField(_("指标表标题"), max_length=200, blank=True)
    source_sha256 = models.CharField(_("原文 SHA-256"), max_length=64)
    source_chars = models.PositiveIntegerField(_("原文字数"), default=0)
    imported_at = models.DateTimeField(_("导入时间"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["-base_year"]
        verbose_name = _("规划")
        verbose_name_plural = _("规划")
        constraints = [models.UniqueConstraint(fields=["base_year", "target_year"], name="planning_plan_period")]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    """A section (三) or subsection (三(一)) of the outline; `key` as the engine writes it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("编号"), max_length=20)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级章节"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(_("顺序"))
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("正文"), blank=True)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("章节")
        verbose_name_plural = _("章节")
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="planning_section_key")]

    def __str__(self) -> str:
        return f"{self.key} {self.title}"


class DepartmentAlias(models.Model):
    """A unit name as the plan writes it (市市场监管局) and the department it means.

    `organisation` is empty for names of a group of units rather than one department
    (各区人民政府, 实施联合惩戒各成员单位).
    """

    name = models.CharField(_("名称（原文）"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("对应部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_aliases",
    )
    is_group = models.BooleanField(_("泛指多个单位"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("部门简称")
        verbose_name_plural = _("部门简称")

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    """A numbered task with its responsibility clause as written."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveIntegerField(_("序号"))
    title = models.CharField(_("标题"), max_length=300)
    text = models.TextField(_("正文"))
    section = models.ForeignKey(Section, verbose_name=_("章节"), on_delete=models.PROTECT, related_name="tasks")
    lead_units = models.JSONField(_("牵头单位"), default=list)
    cooperating_units = models.JSONField(_("配合单位"), default=list)
    shared_lead = models.BooleanField(_("按职责分工负责"), default=False)
    lead_aliases = models.ManyToManyField(DepartmentAlias, related_name="led_tasks", blank=True)
    cooperating_aliases = models.ManyToManyField(DepartmentAlias, related_name="cooperating_tasks", blank=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("任务")
        verbose_name_plural = _("任务")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="planning_task_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Column(models.Model):
    """A boxed special project (专栏)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="columns")
    number = models.PositiveIntegerField(_("专栏号"))
    title = models.CharField(_("标题"), max_length=300)
    text = models.TextField(_("正文"), blank=True)
    section = models.ForeignKey(Section, verbose_name=_("章节"), on_delete=models.PROTECT, related_name="columns")

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("专栏")
        verbose_name_plural = _("专栏")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="planning_column_number")]

    def __str__(self) -> str:
        return _("专栏%(n)d %(title)s") % {"n": self.number, "title": self.title}


# The members come from the engine's enums (one source); the labels are the app's, to be translated.
_KIND_LABELS = {
    EngineIndicatorKind.STOCK: _("存量"),
    EngineIndicatorKind.YEARLY_COUNT: _("年度数量"),
    EngineIndicatorKind.GROWTH_RATE: _("年均增长率"),
    EngineIndicatorKind.SHARE_OF_GDP: _("占GDP比重"),
    EngineIndicatorKind.SCORE: _("评分"),
}
IndicatorKind = models.TextChoices("IndicatorKind", [(k.name, (k.value, _KIND_LABELS[k])) for k in EngineIndicatorKind])
_CATEGORY_LABELS = {
    EngineIndicatorCategory.KEY: _("主要预期性指标"),
    EngineIndicatorCategory.STEADY_GROWTH: _("稳步增长指标"),
}
IndicatorCategory = models.TextChoices(
    "IndicatorCategory", [(c.name, (c.value, _CATEGORY_LABELS[c])) for c in EngineIndicatorCategory]
)


class Indicator(models.Model):
    """An indicator with its base-year value and target-year target (the plan's years).

    `baseline` and `target` are the plan's `value_<base_year>` and `target_<target_year>`; either is
    empty where the plan gives none. `provider` names the registered provider that computes it from
    the platform's own records, if any.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(_("顺序"))
    name = models.CharField(_("指标名称"), max_length=200)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    baseline = models.DecimalField(_("基期值"), max_digits=20, decimal_places=4, null=True, blank=True)
    baseline_text = models.CharField(_("基期值原文"), max_length=200, blank=True)
    target = models.DecimalField(_("目标值"), max_digits=20, decimal_places=4, null=True, blank=True)
    source = models.CharField(_("数据来源"), max_length=200, blank=True)
    source_alias = models.ForeignKey(
        DepartmentAlias, verbose_name=_("来源部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=IndicatorKind.choices)
    category = models.CharField(_("类别"), max_length=20, choices=IndicatorCategory.choices)
    section = models.ForeignKey(Section, verbose_name=_("章节"), on_delete=models.PROTECT, related_name="indicators")
    provider = models.CharField(_("自动计算来源"), max_length=100, blank=True)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="planning_indicator_name")]

    def __str__(self) -> str:
        return self.name


class IndicatorObservation(models.Model):
    """A value of an indicator for a year (or a quarter of it), entered by a person or computed.

    A computed value keeps its lineage: `{"provider", "record_count", "records", "computed_at"}`.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    year = models.PositiveSmallIntegerField(_("年份"))
    quarter = models.PositiveSmallIntegerField(
        _("季度"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    district = models.ForeignKey(
        "core.District", verbose_name=_("行政区"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # empty: the whole city
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=4)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    observed_on = models.DateField(_("数据日期"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.PROTECT
    )
    lineage = models.JSONField(_("计算来源"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "year", "quarter"]
        verbose_name = _("指标观测值")
        verbose_name_plural = _("指标观测值")
        # one value per indicator, year, quarter (or none) and district (or none: the city);
        # NULL never equals NULL in a unique index, hence one partial constraint per combination
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(quarter__isnull=True, district__isnull=True),
                name="planning_obs_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"],
                condition=models.Q(quarter__isnull=False, district__isnull=True),
                name="planning_obs_quarter",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "district"],
                condition=models.Q(quarter__isnull=True, district__isnull=False),
                name="planning_obs_year_district",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter", "district"],
                condition=models.Q(quarter__isnull=False, district__isnull=False),
                name="planning_obs_quarter_district",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True) | models.Q(quarter__gte=1, quarter__lte=4),
                name="planning_obs_quarter_range",
            ),
        ]

    def __str__(self) -> str:
        period = f"{self.year}Q{self.quarter}" if self.quarter else str(self.year)
        where = f" {self.district}" if self.district_id else ""
        return f"{self.indicator} {period}{where}: {self.value}"


# --- working the plan: annual plans and progress reports ---


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    APPROVED = "approved", _("已通过")
    RETURNED = "returned", _("已退回")


class Reviewed(models.Model):
    """Entered by a department's liaison, submitted, then approved or returned by the IP office."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)  # appears in URLs
    review_status = models.CharField(
        _("审核状态"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    review_comment = models.TextField(_("审核意见"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def editable(self) -> bool:
        return self.review_status in (ReviewStatus.DRAFT, ReviewStatus.RETURNED)


class AnnualPlan(Reviewed):
    """A lead department's measures for one task in one year, with milestones."""

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.PROTECT, related_name="annual_plans")
    year = models.PositiveSmallIntegerField(_("年度"))
    department = models.ForeignKey(
        "core.Organisation", verbose_name=_("牵头部门"), on_delete=models.PROTECT, related_name="+"
    )
    measures = models.TextField(_("工作措施"))

    class Meta:
        ordering = ["year", "task__number"]
        verbose_name = _("年度工作计划")
        verbose_name_plural = _("年度工作计划")
        constraints = [
            models.UniqueConstraint(fields=["task", "year", "department"], name="planning_annual_plan_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.task} {self.department}"


class Milestone(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)  # appears in URLs
    annual_plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveSmallIntegerField(_("顺序"))
    title = models.CharField(_("节点"), max_length=300)
    due_on = models.DateField(_("完成时限"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    class Meta:
        ordering = ["annual_plan", "position"]
        verbose_name = _("节点")
        verbose_name_plural = _("节点")

    def __str__(self) -> str:
        return self.title


class TaskProgress(models.TextChoices):
    NOT_STARTED = "not_started", _("未启动")
    ON_SCHEDULE = "on_schedule", _("按进度推进")
    BEHIND = "behind", _("进度滞后")
    COMPLETED = "completed", _("已完成")


class ProgressReport(Reviewed):
    """A department's report on a task for a quarter, or for the year when `quarter` is empty."""

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.PROTECT, related_name="progress_reports")
    department = models.ForeignKey(
        "core.Organisation", verbose_name=_("牵头部门"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"), null=True, blank=True)
    progress = models.CharField(_("进展"), max_length=16, choices=TaskProgress.choices)
    work_done = models.TextField(_("工作进展"))
    problems = models.TextField(_("存在问题"), blank=True)
    evidence = models.ManyToManyField("core.EvidenceFile", verbose_name=_("佐证材料"), blank=True, related_name="+")

    class Meta:
        ordering = ["-year", "-quarter", "task__number"]
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "department", "year"],
                condition=models.Q(quarter__isnull=True),
                name="planning_report_year",
            ),
            models.UniqueConstraint(
                fields=["task", "department", "year", "quarter"],
                condition=models.Q(quarter__isnull=False),
                name="planning_report_quarter",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True) | models.Q(quarter__gte=1, quarter__lte=4),
                name="planning_report_quarter_range",
            ),
        ]

    def __str__(self) -> str:
        period = f"{self.year}Q{self.quarter}" if self.quarter else str(self.year)
        return f"{period} {self.task} {self.department}"

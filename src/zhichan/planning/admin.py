"""Admin: read-only views of the plan; every write goes through the services (audited)."""

from django.contrib import admin

from zhichan.core.web import ReadOnlyAdmin
from zhichan.planning.models import (
    AnnualPlan,
    Column,
    DepartmentAlias,
    Indicator,
    IndicatorObservation,
    Plan,
    ProgressReport,
    Section,
    Task,
)


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "base_year", "target_year", "imported_at", "source_sha256"]


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ["key", "title", "plan"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "section", "shared_lead"]
    search_fields = ["title", "text"]


@admin.register(Column)
class ColumnAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "section"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["name", "unit", "baseline", "target", "source", "kind", "category", "provider"]
    list_filter = ["category", "kind"]


@admin.register(IndicatorObservation)
class IndicatorObservationAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "year", "quarter", "value", "source", "entered_by"]
    list_filter = ["year"]


@admin.register(DepartmentAlias)
class DepartmentAliasAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "is_group"]
    search_fields = ["name"]


@admin.register(AnnualPlan)
class AnnualPlanAdmin(ReadOnlyAdmin):
    list_display = ["task", "year", "department", "review_status"]
    list_filter = ["year", "review_status"]


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["task", "year", "quarter", "department", "progress", "review_status"]
    list_filter = ["year", "review_status", "progress"]

"""The plan module's words for its codes, registered with core.labels from the AppConfig."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhichan.core import jobs, labels


def register() -> None:
    from zhichan.planning.models import IndicatorCategory, IndicatorKind, ReviewStatus, TaskProgress

    labels.register_choices("planning.indicator_kind", IndicatorKind)
    labels.register_choices("planning.indicator_category", IndicatorCategory)
    labels.register_choices("planning.review_status", ReviewStatus)
    labels.register_choices("planning.progress", TaskProgress)
    labels.register(
        "planning.import_result",
        {
            "created": gettext_lazy("首次导入"),
            "updated": gettext_lazy("已更新"),
            "unchanged": gettext_lazy("未变化"),
        },
    )
    labels.register(
        labels.OBJECT_TYPE,
        {
            "plan": gettext_lazy("规划"),
            "plan_observation": gettext_lazy("指标观测值"),
            "plan_annual_plan": gettext_lazy("年度工作计划"),
            "plan_progress_report": gettext_lazy("进展报告"),
            "plan_review": gettext_lazy("审核"),
        },
    )
    labels.register(
        labels.VERB,
        {
            "save": gettext_lazy("保存"),
            "return": gettext_lazy("退回"),
            "added": gettext_lazy("新增"),
            "removed": gettext_lazy("删除"),
            "changed": gettext_lazy("修改"),
        },
    )
    labels.register(
        labels.AUDIT_ACTION,
        {
            # the parts of the plan a new text changes: plan.<entity>.<added|removed|changed>
            "plan.section": gettext_lazy("规划章节"),
            "plan.task": gettext_lazy("规划任务"),
            "plan.column": gettext_lazy("规划专栏"),
            "plan.indicator": gettext_lazy("规划指标"),
            "plan.department_alias": gettext_lazy("部门名称"),
            "plan.import": gettext_lazy("导入规划文本"),
            "plan.report": gettext_lazy("生成评估报告"),
            "plan.reminder": gettext_lazy("逾期提醒"),
            "plan.indicator.provider": gettext_lazy("设置指标数据来源"),
            "plan_annual_plan.milestone_done": gettext_lazy("完成节点"),
        },
    )
    labels.register(
        labels.JOB_KIND,
        {
            "planning.indicators_compute": gettext_lazy("计算规划指标"),
            "planning.evaluation_report": gettext_lazy("生成评估报告"),
            "planning.reminders": gettext_lazy("逾期事项提醒"),
        },
    )
    labels.register(
        labels.SUMMARY_KEY,
        {
            "plan": gettext_lazy("规划"),
            "fields": gettext_lazy("字段"),
            "plan_fields": gettext_lazy("规划字段"),
            "sections": gettext_lazy("章节数"),
            "tasks": gettext_lazy("任务数"),
            "columns": gettext_lazy("专栏数"),
            "indicators": gettext_lazy("指标数"),
            "departments_created": gettext_lazy("新增部门"),
            "indicator": gettext_lazy("指标"),
            "quarter": gettext_lazy("季度"),
            "value": gettext_lazy("数值"),
            "values": gettext_lazy("数值"),
            "source": gettext_lazy("来源"),
            "computed": gettext_lazy("由数据来源计算"),
            "changed": gettext_lazy("变更"),
            "provider": gettext_lazy("数据来源"),
            "task": gettext_lazy("任务"),
            "department": gettext_lazy("部门"),
            "milestones": gettext_lazy("节点"),
            "milestone": gettext_lazy("节点"),
            "due_on": gettext_lazy("计划完成日"),
            "done_on": gettext_lazy("完成日"),
            "progress": gettext_lazy("进展"),
            "comment": gettext_lazy("审核意见"),
            "title": gettext_lazy("标题"),
            "pdf_sha256": gettext_lazy("PDF 的 SHA-256"),
            "bytes": gettext_lazy("大小（字节）"),
            "report": gettext_lazy("报告"),
        },
    )
    labels.register("planning.report_kind", {"midterm": gettext_lazy("中期评估"), "final": gettext_lazy("终期评估")})
    jobs.job_links("planning.evaluation_report")(_report_files)
    jobs.job_links("planning.indicators_compute")(lambda job: [(_("规划指标"), reverse("planning:indicators"))])
    labels.value_kind(
        {
            "planning.evaluation_report.kind": "planning.report_kind",
            "plan.result": "planning.import_result",
            "plan_progress_report.progress": "planning.progress",
        }
    )


def _report_files(job: Any) -> list[tuple[str, str]]:
    """The HTML and PDF a report job stored (files named by their SHA-256)."""
    result = job.result or {}
    files = [(_("报告（HTML）"), result.get("sha256"), "html"), (_("报告（PDF）"), result.get("pdf_sha256"), "pdf")]
    found = [(name, reverse("planning:report-file", args=[sha, suffix])) for name, sha, suffix in files if sha]
    return [*found, (_("评估报告"), reverse("planning:reports"))]

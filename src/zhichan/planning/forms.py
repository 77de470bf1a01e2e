from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhichan.core.limits import LimitedForm


class TaskFilterForm(LimitedForm):
    section = forms.ChoiceField(label=_("章节"), required=False)
    department = forms.ChoiceField(label=_("牵头部门"), required=False)

    def __init__(self, *args: Any, sections: list[Any], departments: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [
            ("", _("全部章节")),
            *[(s.key, f"{s.key} {s.title}") for s in sections],
        ]
        self.fields["department"].choices = [("", _("全部牵头部门")), *departments]


class AsOfForm(LimitedForm):
    as_of = forms.TypedChoiceField(label=_("评估截至"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, years: range, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["as_of"].choices = [("", _("最新")), *[(y, _("%(y)d年") % {"y": y}) for y in years]]


class ObservationForm(LimitedForm):
    year = forms.IntegerField(label=_("年份"))
    quarter = forms.TypedChoiceField(
        label=_("季度"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("全年")), (1, _("第一季度")), (2, _("第二季度")), (3, _("第三季度")), (4, _("第四季度"))],
    )
    district = forms.ChoiceField(label=_("行政区"), required=False)
    value = forms.DecimalField(label=_("数值"), max_digits=20, decimal_places=4)
    source = forms.CharField(label=_("来源"), max_length=200, required=False)
    observed_on = forms.DateField(label=_("数据日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, districts: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("全市")), *districts]


class ObservationImportForm(LimitedForm):
    file = forms.FileField(
        label=_("文件（XLSX 或 CSV）：列为 指标、年份、季度、行政区、数值、来源、数据日期"),
    )


class ProviderForm(LimitedForm):
    provider = forms.ChoiceField(label=_("自动计算来源"), required=False)

    def __init__(self, *args: Any, providers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [("", _("不自动计算")), *providers]


class DepartmentAliasForm(LimitedForm):
    organisation = forms.ChoiceField(label=_("对应部门"), required=False)

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("（泛指多个单位，不对应单一部门）")), *organisations]


def _department_field(choices: list[tuple[str, str]]) -> forms.ChoiceField:
    return forms.ChoiceField(label=_("牵头部门"), choices=choices)


class AnnualPlanForm(LimitedForm):
    year = forms.IntegerField(label=_("年度"))
    measures = forms.CharField(label=_("工作措施"), widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))
    milestones = forms.CharField(
        label=_("节点（每行一个：完成时限 内容，如 2023-03-31 印发方案）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )

    def __init__(self, *args: Any, departments: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if departments:
            self.fields["department"] = _department_field(departments)

    def milestone_rows(self) -> list[dict[str, str]]:
        rows = []
        for line in self.cleaned_data["milestones"].splitlines():
            due_on, _sep, title = line.strip().partition(" ")
            if line.strip():
                rows.append({"due_on": due_on, "title": title.strip()})
        return rows


class ProgressReportForm(LimitedForm):
    year = forms.IntegerField(label=_("年度"))
    quarter = forms.TypedChoiceField(
        label=_("期间"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("全年")), (1, _("第一季度")), (2, _("第二季度")), (3, _("第三季度")), (4, _("第四季度"))],
    )
    progress = forms.ChoiceField(label=_("进展"))
    work_done = forms.CharField(label=_("工作进展"), widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))
    problems = forms.CharField(
        label=_("存在问题"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )
    evidence = forms.FileField(label=_("佐证材料"), required=False)

    def __init__(
        self, *args: Any, progress_choices: Any, departments: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["progress"].choices = progress_choices
        if departments:
            self.fields["department"] = _department_field(departments)


class ReviewForm(LimitedForm):
    comment = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

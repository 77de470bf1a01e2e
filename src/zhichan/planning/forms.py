from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class TaskFilterForm(forms.Form):
    section = forms.ChoiceField(label=_("章节"), required=False)
    department = forms.ChoiceField(label=_("牵头部门"), required=False)

    def __init__(self, *args: Any, sections: list[Any], departments: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [
            ("", _("全部章节")),
            *[(s.key, f"{s.key} {s.title}") for s in sections],
        ]
        self.fields["department"].choices = [("", _("全部牵头部门")), *departments]


class AsOfForm(forms.Form):
    as_of = forms.TypedChoiceField(label=_("评估截至"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, years: range, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["as_of"].choices = [("", _("最新")), *[(y, _("%(y)d年") % {"y": y}) for y in years]]


class ObservationForm(forms.Form):
    year = forms.IntegerField(label=_("年份"))
    quarter = forms.TypedChoiceField(
        label=_("季度"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("全年")), (1, _("第一季度")), (2, _("第二季度")), (3, _("第三季度")), (4, _("第四季度"))],
    )
    value = forms.DecimalField(label=_("数值"), max_digits=20, decimal_places=4)
    source = forms.CharField(label=_("来源"), max_length=200, required=False)
    observed_on = forms.DateField(label=_("数据日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ObservationImportForm(forms.Form):
    file = forms.FileField(
        label=_("文件（XLSX 或 CSV）：列为 指标、年份、季度、数值、来源、数据日期"),
    )


class ProviderForm(forms.Form):
    provider = forms.ChoiceField(label=_("自动计算来源"), required=False)

    def __init__(self, *args: Any, providers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [("", _("不自动计算")), *providers]


class DepartmentAliasForm(forms.Form):
    organisation = forms.ChoiceField(label=_("对应部门"), required=False)

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("（泛指多个单位，不对应单一部门）")), *organisations]

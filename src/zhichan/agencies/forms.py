from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhichan.agencies.models import AgencyKind, BrandStatus, InspectionPlan, Outcome
from zhichan.core.districts import GUANGZHOU_DISTRICTS
from zhichan.core.limits import LimitedForm

ALL = [("", _("全部"))]
DISTRICTS = [(code, name) for code, name in GUANGZHOU_DISTRICTS]


class AgencyFilterForm(LimitedForm):
    q = forms.CharField(label=_("名称或信用代码"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=[*ALL, *AgencyKind.choices])
    district = forms.ChoiceField(label=_("区"), required=False, choices=[*ALL, *DISTRICTS])
    brand = forms.ChoiceField(
        label=_("品牌机构"), required=False, choices=[*ALL, *[c for c in BrandStatus.choices if c[0]]]
    )


class ImportForm(LimitedForm):
    file = forms.FileField(label=_("文件（XLSX 或 CSV：UTF-8、GBK、GB18030）"))


class PlanForm(LimitedForm):
    limits_model = InspectionPlan
    title = forms.CharField(label=_("计划名称"), max_length=200)
    scope_kinds = forms.MultipleChoiceField(
        label=_("抽查范围（机构类型，不选为全部）"), required=False, choices=AgencyKind.choices
    )
    scope_district = forms.ChoiceField(label=_("抽查范围（区）"), required=False, choices=[*ALL, *DISTRICTS])
    share = forms.DecimalField(label=_("抽查比例（0–1）"), max_digits=4, decimal_places=3, min_value=0, max_value=1)
    inspectors_per_agency = forms.IntegerField(label=_("每家机构检查人员数"), min_value=1, max_value=10, initial=2)
    period_start = forms.DateField(label=_("检查开始"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("检查结束"), widget=forms.DateInput(attrs={"type": "date"}))
    inspectors = forms.CharField(
        label=_("检查人员名录（每行：执法证号 姓名）"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def clean_inspectors(self) -> list[tuple[str, str]]:
        pool = []
        for line in self.cleaned_data["inspectors"].splitlines():
            parts = line.split(None, 1)
            if not parts:
                continue
            if len(parts) != 2 or len(parts[0]) > 32 or len(parts[1]) > 100:
                raise forms.ValidationError(_("每行写执法证号和姓名，以空格分开：“%(v)s”") % {"v": line[:50]})
            pool.append((parts[0], parts[1].strip()))
        return pool


class ConflictForm(LimitedForm):
    inspector = forms.ChoiceField(label=_("检查人员"))
    agency = forms.ChoiceField(label=_("机构"))
    reason = forms.CharField(label=_("回避理由"), max_length=300)

    def __init__(
        self, *args: object, inspectors: list[tuple[str, str]], agencies: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inspector"].choices = inspectors
        self.fields["agency"].choices = agencies


class ResultForm(LimitedForm):
    outcome = forms.ChoiceField(label=_("检查结果"), choices=[c for c in Outcome.choices if c[0]])
    findings = forms.CharField(
        label=_("检查情况"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    result_on = forms.DateField(label=_("检查完成日期"), widget=forms.DateInput(attrs={"type": "date"}))
    evidence = forms.FileField(label=_("证据（检查记录、照片）"), required=False)

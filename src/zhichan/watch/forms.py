from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhichan.core.limits import LimitedForm
from zhichan.watch.models import (
    AlertStatus,
    AttentionLevel,
    HonourKind,
    MarkStatus,
    NameAlertStatus,
    NameOutcome,
    NameSource,
    Outcome,
    WatchState,
)

ALL = [("", _("全部"))]


class MarkFilterForm(LimitedForm):
    q = forms.CharField(label=_("商标、注册号或注册人"), required=False, max_length=100)
    honour = forms.ChoiceField(label=_("类别"), required=False, choices=[*ALL, *HonourKind.choices])
    nice_class = forms.IntegerField(label=_("尼斯分类"), required=False, min_value=1, max_value=45)
    watch_state = forms.ChoiceField(label=_("监测"), required=False, choices=[*ALL, *WatchState.choices])
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[*ALL, *MarkStatus.choices])


class AlertFilterForm(LimitedForm):
    q = forms.CharField(label=_("商标、申请号或申请人"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("open", _("待处理")), *ALL, *AlertStatus.choices]
    )


VERDICTS = [("infringing", _("相同或完整包含（侵权嫌疑）")), ("similar", _("近似，需人工判断"))]


class NameAlertFilterForm(LimitedForm):
    q = forms.CharField(label=_("名称"), required=False, max_length=100)
    mark = forms.CharField(label=_("保护商标或注册号"), required=False, max_length=100)
    source = forms.ChoiceField(label=_("来源"), required=False, choices=[*ALL, *NameSource.choices])
    verdict = forms.ChoiceField(label=_("判断"), required=False, choices=[*ALL, *VERDICTS])
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("open", _("待处理")), *ALL, *NameAlertStatus.choices]
    )


class NameOutcomeForm(LimitedForm):
    outcome = forms.ChoiceField(label=_("结果"), choices=NameOutcome.choices)
    note = forms.CharField(label=_("说明"), required=False, max_length=500)


class ImportForm(LimitedForm):
    file = forms.FileField(label=_("文件（XLSX 或 CSV：UTF-8、GBK、GB18030）"))


class WatchRequestForm(LimitedForm):
    owner = forms.ChoiceField(label=_("注册人（本单位）"))
    registration_number = forms.CharField(label=_("注册号"), max_length=32)
    mark = forms.CharField(label=_("商标"), max_length=200)
    classes = forms.CharField(label=_("尼斯分类（如 30|32）"), max_length=200)
    goods = forms.CharField(label=_("商品或服务"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    registration_date = forms.DateField(
        label=_("注册日"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, owners: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners

    def clean_classes(self) -> list[int]:
        parts = [p for p in self.cleaned_data["classes"].replace("，", "|").replace(",", "|").split("|") if p.strip()]
        if not parts or not all(p.strip().isdigit() and 1 <= int(p) <= 45 for p in parts):
            raise forms.ValidationError(_("尼斯分类号为 1–45，多个用 | 分隔"))
        return sorted({int(p) for p in parts})


class NoteForm(LimitedForm):
    note = forms.CharField(label=_("说明"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class OutcomeForm(LimitedForm):
    outcome = forms.ChoiceField(label=_("结果"), choices=Outcome.choices)
    note = forms.CharField(label=_("说明"), required=False, max_length=500)


SITUATIONS = [
    ("6.1", "6.1"), ("6.2", "6.2"), ("6.3", "6.3"), ("6.4", "6.4"), ("6.5", "6.5"), ("6.6", "6.6"),
    ("6.7", "6.7"), ("6.8", "6.8"), ("8(3)", "8(3)"),
]  # fmt: skip


class SignalFilterForm(LimitedForm):
    q = forms.CharField(label=_("申请人"), required=False, max_length=100)
    level = forms.ChoiceField(label=_("关注程度"), required=False, choices=[*ALL, *AttentionLevel.choices])
    situation = forms.ChoiceField(label=_("情形"), required=False, choices=[*ALL, *SITUATIONS])


class FindingForm(LimitedForm):
    applicant = forms.CharField(label=_("当事人（申请人）"), max_length=200)
    agency = forms.CharField(label=_("代理机构（如有）"), max_length=200, required=False)
    authority = forms.CharField(label=_("认定机关"), max_length=200)
    document_number = forms.CharField(label=_("文书编号"), max_length=200)
    decided_on = forms.DateField(label=_("认定日期"), widget=forms.DateInput(attrs={"type": "date"}))
    document = forms.FileField(label=_("认定文书（PDF 或图片）"))
    note = forms.CharField(label=_("说明"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PatentWatchRequestForm(LimitedForm):
    """An owner's request: one of the patents its organisation holds ("organisation:patent")."""

    patent = forms.ChoiceField(label=_("专利（本单位持有）"))

    def __init__(self, *args: object, patents: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["patent"].choices = patents


class PatentWatchAddForm(LimitedForm):
    """The office adds a patent of an owner directly."""

    owner = forms.ChoiceField(label=_("专利权人"))
    number = forms.CharField(label=_("专利编号（公开号或申请号）"), max_length=40)

    def __init__(self, *args: object, owners: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners


class PatentWatchFilterForm(LimitedForm):
    watch_state = forms.ChoiceField(label=_("监测"), required=False, choices=[*ALL, *WatchState.choices])

"""Forms of the case pages (labels in Chinese, translatable)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhichan.cases.models import Channel, Measure, RequestKind, Right, SessionMode
from zhichan.core.districts import GUANGZHOU_DISTRICTS
from zhichan.engines.calendar import PauseKind

YES_NO_UNKNOWN = [("", _("不清楚")), ("true", _("是")), ("false", _("否"))]
DISTRICTS = [("", "—"), *GUANGZHOU_DISTRICTS]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def _tri(label):
    return forms.ChoiceField(label=label, choices=YES_NO_UNKNOWN, required=False)


class IntakeForm(forms.Form):
    right = forms.ChoiceField(label=_("权利类型"), choices=Right.choices)
    request_kind = forms.ChoiceField(label=_("请求类型"), choices=RequestKind.choices)
    requester_name = forms.CharField(label=_("请求人"), max_length=200)
    requester_credit_code = forms.CharField(
        label=_("请求人统一社会信用代码"),
        max_length=30,
        required=False,
        help_text=_("窗口或电话登记时填写，用于关联已登记的请求人单位"),
    )
    requester_district_code = forms.ChoiceField(label=_("请求人住所地"), choices=DISTRICTS, required=False)
    respondent_name = forms.CharField(label=_("被请求人（被投诉方）"), max_length=200, required=False)
    respondent_credit_code = forms.CharField(label=_("被请求人统一社会信用代码"), max_length=30, required=False)
    respondent_district_code = forms.ChoiceField(label=_("被请求人住所地"), choices=DISTRICTS, required=False)
    facts = forms.CharField(label=_("事实与理由"), widget=forms.Textarea(attrs={"rows": 5}))
    remedy = forms.CharField(label=_("请求事项"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    infringement_known_on = forms.DateField(
        label=_("知道侵权行为及侵权人的日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    infringement_continuing = _tri(_("侵权行为是否仍在继续"))
    respondent_abroad = _tri(_("被请求人是否在境外"))
    respondent_domicile_in_china = forms.ChoiceField(
        label=_("被请求人在中国境内有住所"), choices=YES_NO_UNKNOWN[1:], initial="true"
    )
    arbitration_agreement = _tri(_("是否有仲裁协议"))
    lawsuit_pending = _tri(_("是否已向法院起诉"))
    fair_in_progress = _tri(_("展会是否正在举办"))
    both_willing_to_mediate = _tri(_("双方是否愿意调解"))
    counterfeiting = _tri(_("是否假冒注册商标"))
    fair = forms.UUIDField(label=_("展会"), required=False, widget=forms.HiddenInput)
    files = MultipleFileField(label=_("证据文件"), required=False)
    evidence_ids = forms.CharField(required=False, widget=forms.HiddenInput)


class TriageForm(forms.Form):
    channel = forms.ChoiceField(label=_("处理途径"), choices=Channel.choices)
    reason = forms.CharField(
        label=_("理由（不采纳建议时必填）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PersonIds(forms.TypedMultipleChoiceField):
    """People's ids; the service checks each against the people it may invite, so any number passes here."""

    def valid_value(self, value: object) -> bool:
        return str(value).isdigit()


class ActionForm(forms.Form):
    """The fields any move may need; each move reads the ones it uses."""

    action = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    at = forms.DateTimeField(
        label=_("时间"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    reason = forms.CharField(label=_("说明"), required=False)
    panel = forms.CharField(label=_("合议组成员（逗号分隔）"), required=False)
    pause_kind = forms.ChoiceField(label=_("中止事由"), required=False, choices=[(k.value, k.zh) for k in PauseKind])
    clock = forms.CharField(required=False)
    approved_by = forms.CharField(label=_("批准人"), required=False)
    channel = forms.ChoiceField(label=_("途径"), required=False, choices=[("", "—"), *Channel.choices])
    mediator = forms.IntegerField(label=_("调解员"), required=False)
    participants = PersonIds(label=_("邀请参加人"), required=False, coerce=int)
    mode = forms.ChoiceField(label=_("方式"), required=False, choices=SessionMode.choices)
    place = forms.CharField(label=_("地点或链接"), required=False)
    minutes = forms.CharField(label=_("笔录"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    terms = forms.CharField(label=_("协议内容"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    court = forms.CharField(label=_("法院"), required=False)
    other_consents = forms.BooleanField(label=_("另一方同意"), required=False)
    measure = forms.ChoiceField(label=_("措施"), required=False, choices=Measure.choices)
    outcome = forms.CharField(label=_("结果"), required=False)
    served_on = forms.DateField(label=_("裁决书送达日"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class SessionPostForm(forms.Form):
    text = forms.CharField(label=_("发言"), widget=forms.Textarea(attrs={"rows": 2}))


class SessionEndForm(forms.Form):
    summary = forms.CharField(
        label=_("调解员小结（写入笔录）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConflictForm(forms.Form):
    party_name = forms.CharField(label=_("关联方名称"), max_length=200, required=False)
    party_credit_code = forms.CharField(label=_("关联方统一社会信用代码"), max_length=30, required=False)
    relation = forms.CharField(label=_("关系"), max_length=200)


class FairForm(forms.Form):
    name = forms.CharField(label=_("展会名称"), max_length=200)
    series = forms.CharField(label=_("展会系列"), max_length=200)
    edition = forms.IntegerField(label=_("届次"), min_value=1)
    venue = forms.CharField(label=_("地点"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("开幕日"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("闭幕日"), widget=forms.DateInput(attrs={"type": "date"}))
    answer_hours = forms.IntegerField(label=_("答辩时限（小时，空为24小时）"), min_value=1, required=False)

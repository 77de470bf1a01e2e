"""Forms of the case pages (labels in Chinese, translatable)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhichan.cases import selectors
from zhichan.cases.models import Channel, Fair, FairOutcome, Measure, RequestKind, Right, SessionMode
from zhichan.core.districts import GUANGZHOU_DISTRICTS
from zhichan.core.limits import INT32, LimitedForm
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


class IntakeForm(LimitedForm):
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


class PersonIds(forms.TypedMultipleChoiceField):
    """People's ids; the service checks each against the people it may invite, so any number passes here."""

    def valid_value(self, value: object) -> bool:
        return str(value).isdigit() and int(str(value)) <= INT32[1]  # a larger one is no one's id


# Names of a panel are separated as people write lists: 、 ， , ； ; or spaces (王科长、李科员、张科员).
PANEL_SEPARATORS = re.compile(r"[、，,；;\s]+")


def panel_names(text: str) -> list[str]:
    """The names of a collegial panel as typed in one field."""
    return [name for name in PANEL_SEPARATORS.split(text or "") if name]


def _same(*names: str) -> dict[str, str]:
    return {name: name for name in names}


# Which posted field feeds which parameter of each action's service (`services.STEP_SERVICES`): the page
# posts its fields under the names it has always used, whatever the service calls them.
ARGUMENTS: dict[str, dict[str, str | tuple[str, ...]]] = {
    "triage": _same("channel", "reason", "on"),
    "docket": _same("panel", "on"),
    "refuse": _same("reason", "on"),
    "serve": _same("on"),
    "receive_defence": _same("on"),
    "defence_overdue": _same("on"),
    "forward_defence": _same("on"),
    "hearing": _same("on"),
    "suspend": {"pause_kind": "kind", **_same("reason", "on")},
    "resume": _same("on"),
    "extend": {"clock": "kind", **_same("approved_by", "on")},
    "rule": _same("outcome", "on", "served_on"),
    "suit_filed": {"reason": "party", "court": "court", "on": "filed_on"},
    "settle": _same("outcome", "on"),
    "mediation_notify": _same("on"),
    "mediation_consent": _same("on"),
    "assign_mediator": _same("mediator", "on"),
    "session": {"at": "held_at", **_same("mode", "place", "minutes")},
    "open_session": _same("participants", "place"),
    # the page records a written agreement signed and sealed on one day
    "agreement": {
        "terms": "terms",
        "on": ("requester_signed_on", "respondent_signed_on", "mediator_signed_on", "sealed_on"),
    },
    "mediation_fail": _same("reason", "on"),
    # the page files for the requester, with the respondent or with its consent
    "apply_confirmation": {
        **_same("court", "requester_applies", "respondent_applies", "other_consents"),
        "on": "filed_on",
    },
    "confirmation_valid": _same("on"),
    "confirmation_dismissed": _same("on"),
    "reroute": _same("channel", "reason", "on"),
    "fair_transfer": _same("at"),
    "fair_notify": _same("at"),
    "fair_answer": {"at": "at", "reason": "note"},
    "fair_measure": _same("measure", "at"),
    "fair_decide": _same("outcome", "at"),
    "refer": {"reason": "to", "on": "on"},
    "close": _same("outcome", "on"),
    "withdraw": _same("reason", "on"),
    "reopen": _same("reason", "on"),
}


class ActionForm(LimitedForm):
    """The fields any action of the case page may post; `arguments()` gives its service the ones it uses.

    A mediator is one the reader may assign (another id is refused), the people invited to a live
    session those the case's parties allow (another id is left out).
    """

    action = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    at = forms.DateTimeField(
        label=_("时间"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    reason = forms.CharField(label=_("说明"), required=False)
    panel = forms.CharField(label=_("合议组成员"), required=False)
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

    def __init__(self, data: Any, *, user: Any, case: Any) -> None:
        super().__init__(data)
        self.user, self.case = user, case

    def clean(self) -> dict[str, Any]:
        values = super().clean() or {}
        action = values.get("action")
        if action not in ARGUMENTS:
            raise forms.ValidationError(_("请求无效"))
        values["panel"] = panel_names(values.get("panel", ""))
        values["requester_applies"], values["respondent_applies"] = True, not values.get("other_consents")
        if action == "assign_mediator":
            values["mediator"] = selectors.mediators(user=self.user).filter(pk=values.get("mediator")).first()
            if values["mediator"] is None:
                raise forms.ValidationError(_("请求无效"))
        if action == "open_session":
            people = selectors.session_candidates(self.case)
            values["participants"] = people.filter(pk__in=values.get("participants") or [])
        return values

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments of the posted action's service, from a valid form."""
        arguments: dict[str, Any] = {}
        for field, parameters in ARGUMENTS[self.cleaned_data["action"]].items():
            for parameter in (parameters,) if isinstance(parameters, str) else parameters:
                arguments[parameter] = self.cleaned_data[field]
        return arguments


TODAY_IF_EMPTY = _("留空为今天")
NOW_IF_EMPTY = _("留空为现在")


def _date(label: Any, help_text: Any = TODAY_IF_EMPTY) -> forms.DateField:
    return forms.DateField(
        label=label, help_text=help_text, required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def _moment(label: Any, help_text: Any = NOW_IF_EMPTY) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


def _text(label: Any, help_text: Any = "", *, required: bool = False, rows: int = 0) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, help_text=help_text, required=required, widget=widget)


def _choice(label: Any, choices: Sequence[tuple[Any, Any]], help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, help_text=help_text, choices=choices, required=False)


PAUSE_CHOICES = [(k.value, k.zh) for k in PauseKind]


def _step_fields(name: str, choices: dict[str, Any]) -> dict[str, forms.Field]:
    """The fields a step of the case page asks for, each with its label and help text.

    Field names are those of `ActionForm`, which parses every step's post.
    """
    on = _date
    fields: dict[str, dict[str, forms.Field]] = {
        "triage": {
            "channel": _choice(_("处理途径"), Channel.choices, _("默认为分流建议的途径")),
            "reason": _text(_("不采纳建议的理由"), _("改选其他途径时必填"), rows=2),
            "on": on(_("分流日期")),
        },
        "docket": {
            "panel": _text(
                _("合议组成员"),
                _("三人以上单数，姓名之间用顿号、逗号、分号或空格分隔，例如：王科长、李科员、张科员"),
                required=True,
            ),
            "on": on(_("立案日期"), _("留空为今天；送达请求书副本和结案期限自立案之日起算")),
        },
        "refuse": {
            "reason": _text(_("不予立案的理由"), _("将告知请求人"), required=True, rows=2),
            "on": on(_("决定日期")),
        },
        "serve": {"on": on(_("送达日期"), _("被请求人收到请求书副本之日；答辩期自次日起算"))},
        "receive_defence": {"on": on(_("收到答辩书日期"), _("留空为今天；转送答辩书副本的期限自该日起算"))},
        "defence_overdue": {"on": on(_("确认日期"), _("答辩期届满后方可办理"))},
        "forward_defence": {"on": on(_("转送日期"), _("向请求人送达答辩书副本之日"))},
        "hearing": {"on": on(_("开庭审理日期"))},
        "suspend": {
            "pause_kind": _choice(_("中止事由"), PAUSE_CHOICES, _("该期间不计入结案期限")),
            "reason": _text(_("中止理由"), _("写入办理经过"), required=True, rows=2),
            "on": on(_("中止日期")),
        },
        "resume": {"on": on(_("恢复审理日期"), _("留空为今天；结案期限自该日继续计算"))},
        "rule": {
            "outcome": _text(_("裁决结果"), _("例如：责令停止侵权"), required=True, rows=2),
            "on": on(_("裁决日期")),
            "served_on": on(_("裁决书送达日"), _("留空为裁决当日；当事人起诉期限自送达之日起算")),
        },
        "settle": {
            "outcome": _text(_("调解结果"), _("写入案件结果，例如：双方达成和解，被请求人停止销售"), rows=2),
            "on": on(_("结案日期")),
        },
        "mediation_notify": {"on": on(_("征询日期"), _("向被请求人征询是否同意调解之日"))},
        "mediation_consent": {"on": on(_("同意日期"), _("被请求人表示同意调解之日"))},
        "assign_mediator": {
            "mediator": _choice(_("调解员"), choices.get("mediators", []), _("已申报与当事人有利益冲突的不能指派")),
            "on": on(_("指派日期")),
        },
        "session": {
            "at": _moment(_("调解时间")),
            "mode": _choice(_("方式"), SessionMode.choices, _("线上或线下调解")),
            "place": _text(_("地点或会议链接"), _("线下调解的地点，或线上会议的链接")),
            "minutes": _text(_("调解笔录"), _("本次调解的经过和各方意见"), rows=4),
        },
        "agreement": {
            "terms": _text(_("协议内容"), _("逐条写明各方同意的事项，每条一行"), required=True, rows=6),
            "on": on(
                _("签字、盖章日期"),
                _("各方签字、调解员签名并加盖调解组织印章之日；协议自该日生效，申请司法确认的三十日自次日起算"),
            ),
        },
        "mediation_fail": {
            "reason": _text(_("调解不成的原因"), _("例如：被请求人不同意调解"), rows=2),
            "on": on(_("日期")),
        },
        "apply_confirmation": {
            "court": _choice(_("受理法院"), [(c, c) for c in choices.get("courts", [])], _("依法可以受理的法院")),
            "other_consents": forms.BooleanField(
                label=_("一方申请、另一方同意"), help_text=_("不勾选即双方共同申请"), required=False
            ),
            "on": on(_("申请日期"), _("留空为今天；须在调解协议生效之日起三十日内")),
        },
        "confirmation_valid": {"on": on(_("裁定日期"))},
        "confirmation_dismissed": {"on": on(_("裁定日期"))},
        "reroute": {
            "channel": _choice(_("转入途径"), Channel.choices, _("案件改由该途径办理，按该途径重新编号")),
            "reason": _text(_("理由"), _("写入办理经过"), required=True, rows=2),
            "on": on(_("日期")),
        },
        "fair_transfer": {"at": _moment(_("移交时间"), _("留空为现在；投诉站收到投诉后应在规定时限内移交"))},
        "fair_notify": {"at": _moment(_("通知时间"), _("留空为现在；被投诉方的答辩期自通知时起算"))},
        "fair_answer": {
            "at": _moment(_("收到答辩时间")),
            "reason": _text(_("答辩要点"), _("被投诉方的主要理由，写入办理经过"), rows=2),
        },
        "fair_measure": {
            "measure": _choice(_("处置措施"), Measure.choices, _("对被投诉展品或其宣传采取的措施")),
            "at": _moment(_("采取措施时间")),
        },
        "fair_decide": {
            "outcome": _choice(_("处理结果"), FairOutcome.choices, _("认定构成侵权的，记入参展商历届记录")),
            "at": _moment(_("处理时间")),
        },
        "refer": {
            "reason": _text(_("转办单位"), _("接收案件的单位名称"), required=True),
            "on": on(_("转办日期")),
        },
        "close": {"outcome": _text(_("办结结果"), _("写入案件结果"), rows=2), "on": on(_("办结日期"))},
        "withdraw": {
            "reason": _text(_("撤回理由"), _("请求人撤回请求的理由，可不填"), rows=2),
            "on": on(_("撤回日期")),
        },
        "reopen": {
            "reason": _text(_("重新办理的理由"), _("写入办理经过和审计记录"), required=True, rows=2),
            "on": on(_("日期")),
        },
        "suit_filed": {
            "reason": _text(_("起诉的当事人"), _("向法院起诉的一方"), required=True),
            "court": _text(_("受理法院"), _("受理起诉的人民法院"), required=True),
            "on": on(_("起诉日"), _("留空为今天；不早于裁决书送达日")),
        },
        "extend": {
            "approved_by": _text(_("批准人"), _("批准延长的负责人"), required=True),
        },
    }
    return fields.get(name, {})


class StepForm(LimitedForm):
    """The fields of one step on the case page: labelled, with help text, ids unique on the page."""

    def __init__(
        self,
        name: str,
        *,
        key: str = "",
        choices: dict[str, Any] | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(auto_id=f"id_{key or name}_%s", initial=initial)
        self.step = name
        self.fields.update(_step_fields(name, choices or {}))
        for bound in self:
            if bound.help_text:
                bound.field.widget.attrs["aria-describedby"] = f"{bound.auto_id}_help"


class SessionPostForm(LimitedForm):
    text = forms.CharField(label=_("发言"), widget=forms.Textarea(attrs={"rows": 2}))


class SessionEndForm(LimitedForm):
    summary = forms.CharField(
        label=_("调解员小结（写入笔录）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConflictForm(LimitedForm):
    party_name = forms.CharField(label=_("关联方名称"), max_length=200, required=False)
    party_credit_code = forms.CharField(label=_("关联方统一社会信用代码"), max_length=30, required=False)
    relation = forms.CharField(label=_("关系"), max_length=200)


class FairForm(LimitedForm):
    limits_model = Fair
    name = forms.CharField(label=_("展会名称"), max_length=200)
    series = forms.CharField(label=_("展会系列"), max_length=200)
    edition = forms.IntegerField(label=_("届次"), min_value=1)
    venue = forms.CharField(label=_("地点"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("开幕日"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("闭幕日"), widget=forms.DateInput(attrs={"type": "date"}))
    answer_hours = forms.IntegerField(label=_("答辩时限（小时，空为24小时）"), min_value=1, required=False)

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from zhichan.core import labels
from zhichan.core.limits import LimitedForm
from zhichan.core.models import AuditResult, District, Organisation, OrganisationKind
from zhichan.core.policy import ROLE_LABELS


class OrganisationForm(LimitedForm):
    limits_model = Organisation
    name = forms.CharField(label=_("名称"), max_length=200)
    credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=40, required=False, help_text=_("18位；政府部门、法院可不填")
    )
    kind = forms.ChoiceField(label=_("类型"), choices=OrganisationKind.choices)
    district = forms.ModelChoiceField(
        label=_("所在区"), queryset=District.objects.all(), required=False, to_field_name="code"
    )
    address = forms.CharField(label=_("地址"), max_length=300, required=False)
    contact_name = forms.CharField(label=_("联系人"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    contact_email = forms.EmailField(label=_("电子邮箱"), required=False)


class OrganisationFilterForm(LimitedForm):
    q = forms.CharField(
        label=_("搜索"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("名称、拼音、首字母（如 gzjj）或信用代码")}),
    )
    kind = forms.ChoiceField(label=_("类型"), choices=[("", _("全部类型")), *OrganisationKind.choices], required=False)
    district = forms.ChoiceField(label=_("所在区"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("全部行政区")), *District.objects.values_list("code", "name")]


class ImportForm(LimitedForm):
    file = forms.FileField(label=_("文件（XLSX 或 CSV：UTF-8、GBK、GB18030）"))


class CalendarImportForm(LimitedForm):
    file = forms.FileField(
        label=_("节假日安排表（CSV、XLSX 或 JSON，列：date, kind, name, source；kind 为 holiday 或 workday）")
    )


class EvidenceUploadForm(LimitedForm):
    file = forms.FileField(label=_("证据文件"))
    description = forms.CharField(label=_("说明"), max_length=500, required=False)


class AuditFilterForm(LimitedForm):
    action = forms.CharField(label=_("操作"), required=False)
    actor = forms.CharField(label=_("操作人"), required=False)
    object_type = forms.ChoiceField(label=_("对象类型"), required=False)
    result = forms.ChoiceField(label=_("结果"), choices=[("", _("全部")), *AuditResult.choices], required=False)
    since = forms.DateField(label=_("自"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("至"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        named = [(code, labels.label(labels.OBJECT_TYPE, code)) for code in labels.codes(labels.OBJECT_TYPE)]
        self.fields["object_type"].choices = [("", _("全部")), *sorted(named, key=lambda pair: pair[1])]


class AuditPurgeRequestForm(LimitedForm):
    older_than_days = forms.IntegerField(label=_("删除早于多少天的记录"), min_value=1)


class AuditPurgeDecisionForm(LimitedForm):
    decision = forms.ChoiceField(choices=[("approve", _("批准")), ("refuse", _("驳回"))])
    reason = forms.CharField(label=_("说明"), max_length=500, required=False)


def role_choices() -> list[tuple[str, Any]]:
    """Core's roles and those the installed modules bring."""
    return list(ROLE_LABELS.items())


class PersonForm(LimitedForm):
    username = forms.CharField(label=_("用户名"), max_length=150)
    display_name = forms.CharField(label=_("姓名"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("角色"), choices=())
    organisation = forms.ModelChoiceField(label=_("所属组织"), queryset=Organisation.objects.all(), required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput, required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args: object, editing: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.fields["role"].choices = role_choices()
        if editing:  # roles are granted and taken one by one (MembershipForm)
            self.fields["username"].disabled = True
            del self.fields["password"]
            del self.fields["role"]

    def clean_password(self) -> str:
        password = self.cleaned_data.get("password", "")
        if not self.editing:
            if not password:
                raise forms.ValidationError(_("新用户需要初始密码"))
            validate_password(password)
        return password


class MembershipForm(LimitedForm):
    """One more role for a person, in an organisation (none for the office's own staff)."""

    role = forms.ChoiceField(label=_("角色"), choices=())
    organisation = forms.ModelChoiceField(label=_("组织"), queryset=Organisation.objects.all(), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices()


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("动态验证码"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "pattern": "[0-9 ]*"}
        ),
        help_text=_("认证应用（如 FreeOTP、Google Authenticator、Microsoft Authenticator）显示的 6 位数字"),
    )

"""Forms of the programmes pages (every field bounded: `LimitedForm`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhichan.core.limits import LimitedForm
from zhichan.programmes.models import ApplicationStatus, Clawback, Finding, FindingKind, ItemKind, Objection, Payment

DATE = forms.DateInput(attrs={"type": "date"})


class ApplicationFilterForm(LimitedForm):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部")), *ApplicationStatus.choices])


class ApplicationForm(LimitedForm):
    items = forms.CharField(
        label=_("资助对象（每行一项：类别,号码,阶段,日期,费用,名称）"),
        help_text=_("类别：patent、mark、copyright、insurance、pledge、certificate、case；阶段：application、granted"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_items(self) -> list[dict[str, str]]:
        rows = []
        for n, line in enumerate(self.cleaned_data["items"].splitlines(), start=1):
            if not line.strip():
                continue
            cells = [c.strip() for c in line.replace("，", ",").split(",")]
            if len(cells) < 2:
                raise forms.ValidationError(_("第 %(n)d 行：至少填写类别和号码") % {"n": n})
            cells += [""] * (6 - len(cells))
            rows.append(dict(zip(("kind", "number", "stage", "on", "cost", "title"), cells[:6], strict=True)))
        return rows


class StepForm(LimitedForm):
    note = forms.CharField(label=_("意见"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class PaymentForm(LimitedForm):
    limits_model = Payment
    batch = forms.CharField(label=_("拨付批次"), max_length=64)
    paid_on = forms.DateField(label=_("拨付日期"), widget=DATE)
    voucher = forms.CharField(label=_("凭证号"), max_length=64)


class FindingForm(LimitedForm):
    limits_model = Finding
    kind = forms.ChoiceField(label=_("认定类别"), choices=FindingKind.choices)
    item_kind = forms.ChoiceField(label=_("对象类别"), required=False, choices=[("", "—"), *ItemKind.choices])
    item_number = forms.CharField(label=_("对象号码"), required=False, max_length=64)
    credit_code = forms.CharField(label=_("申请单位统一社会信用代码（针对单位的认定）"), required=False, max_length=18)
    basis = forms.CharField(label=_("认定依据（文书名称和文号）"), max_length=300)
    found_on = forms.DateField(label=_("认定日期"), widget=DATE)


class RepaymentForm(LimitedForm):
    limits_model = Clawback
    amount = forms.DecimalField(label=_("退回金额（元）"), max_digits=14, decimal_places=2, min_value=0)
    repaid_on = forms.DateField(label=_("退回日期"), widget=DATE)


class RegisterImportForm(LimitedForm):
    register = forms.ChoiceField(
        label=_("名录"),
        choices=[
            ("certification", _("贯标认证（GB/T 29490，全部或不导入）")),
            ("copyright", _("著作权登记（逐行导入，可续传）")),
            ("title", _("示范优势企业（全部或不导入）")),
        ],
    )
    file = forms.FileField(label=_("文件（XLSX 或 CSV：UTF-8、GBK、GB18030）"))


class ObjectionForm(LimitedForm):
    limits_model = Objection
    objector = forms.CharField(label=_("异议人"), max_length=200)
    grounds = forms.CharField(label=_("异议理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    received_on = forms.DateField(label=_("收到日期"), widget=DATE)


class ResolutionForm(LimitedForm):
    limits_model = Objection
    objection = forms.IntegerField(widget=forms.HiddenInput)
    upheld = forms.TypedChoiceField(
        label=_("处理结果"), choices=[("no", _("异议不成立")), ("yes", _("异议成立"))], coerce=lambda v: v == "yes"
    )
    resolution = forms.CharField(label=_("处理意见"), max_length=500)
    resolved_on = forms.DateField(label=_("处理日期"), widget=DATE)

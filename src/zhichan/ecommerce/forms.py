from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhichan.core.districts import GUANGZHOU_DISTRICTS
from zhichan.core.limits import LimitedForm
from zhichan.ecommerce.labels import SIGNALS
from zhichan.ecommerce.models import BrandCategoryPrice, ClueStatus, ProtectedBrand


class ClueFilterForm(LimitedForm):
    brand = forms.ChoiceField(label=_("品牌"), required=False)
    platform = forms.ChoiceField(label=_("平台"), required=False)
    status = forms.ChoiceField(label=_("状态"), choices=[("", _("全部")), *ClueStatus.choices], required=False)
    min_score = forms.FloatField(label=_("最低分值"), min_value=0, max_value=1, required=False)
    signal = forms.ChoiceField(
        label=_("信号"),
        required=False,
        choices=[("", _("全部")), *((code, name) for code, name in SIGNALS.items() if code != "legitimate_use")],
    )
    district = forms.ChoiceField(label=_("卖家所在区"), required=False)
    order = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[("-score", _("分值从高到低")), ("-created_at", _("最新")), ("score", _("分值从低到高"))],
    )

    def __init__(
        self, *args: object, brands: list[tuple[str, str]], platforms: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["brand"].choices = [("", _("全部品牌")), *brands]
        self.fields["platform"].choices = [("", _("全部平台")), *platforms]
        self.fields["district"].choices = [
            ("", _("全部")),
            *((code, name) for code, name in GUANGZHOU_DISTRICTS),
            ("outside", _("外地或无法识别")),
            ("unknown", _("未填卖家地址")),
        ]


class ClueDecisionForm(LimitedForm):
    decision = forms.ChoiceField(
        label=_("研判结果"), choices=[("confirmed", _("确认侵权线索")), ("dismissed", _("排除"))]
    )
    reason = forms.CharField(label=_("研判理由"), max_length=500)


class BrandForm(LimitedForm):
    limits_model = ProtectedBrand
    name = forms.CharField(label=_("品牌名称"), max_length=100)
    aliases = forms.CharField(label=_("别名（用 | 分隔）"), required=False, max_length=1000)
    owner = forms.ChoiceField(label=_("权利人"))
    categories = forms.CharField(label=_("商品类别（用 | 分隔）"), required=False, max_length=1000)
    price_min = forms.DecimalField(label=_("参考价下限"), required=False, min_value=0)
    price_max = forms.DecimalField(label=_("参考价上限"), required=False, min_value=0)
    authorised_sellers = forms.CharField(label=_("授权卖家或店铺（用 | 分隔）"), required=False, max_length=4000)
    category_prices = forms.CharField(
        label=_("分类别参考价（如 手袋:2000-50000|钱包:800-6000）"), required=False, max_length=4000
    )

    def __init__(self, *args: object, owners: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners


class CategoryPriceForm(LimitedForm):
    """One category's reference range for a brand; the same category again changes it."""

    limits_model = BrandCategoryPrice

    brand = forms.ChoiceField(label=_("品牌"))
    category = forms.CharField(label=_("商品类别"), max_length=100)
    price_min = forms.DecimalField(label=_("参考价下限"), required=False, min_value=0)
    price_max = forms.DecimalField(label=_("参考价上限"), required=False, min_value=0)

    def __init__(self, *args: object, brands: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["brand"].choices = brands


class NoticeStepForm(LimitedForm):
    step = forms.ChoiceField(
        choices=[
            ("measures", "measures"),
            ("declaration", "declaration"),
            ("complaint", "complaint"),
            ("restore", "restore"),
        ]
    )
    text = forms.CharField(required=False, max_length=20000)


class ListingImportForm(LimitedForm):
    platform = forms.ChoiceField(label=_("平台"))
    file = forms.FileField(
        label=_("文件（XLSX 或 CSV：UTF-8、GBK、GB18030；列 listing_id, title，可选 price, seller, shop, category 等）")
    )

    def __init__(self, *args: object, platforms: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["platform"].choices = platforms


class CounterfeitTermForm(LimitedForm):
    term = forms.CharField(label=_("用语"), max_length=50)
    weight = forms.FloatField(label=_("权重（0–1）"), min_value=0, max_value=1)
    meaning = forms.CharField(label=_("含义"), max_length=300)
    active = forms.BooleanField(label=_("启用"), required=False, initial=True)


class LegitimateContextForm(LimitedForm):
    cue = forms.CharField(label=_("提示词"), max_length=50)
    kind = forms.ChoiceField(
        label=_("类型"),
        choices=[("accessory", _("配件说明适用品牌")), ("secondhand", _("二手或回收")), ("address", _("地址的一部分"))],
    )
    position = forms.ChoiceField(
        label=_("位置"), choices=[("before", _("在品牌之前")), ("after", _("在品牌之后")), ("anywhere", _("任意位置"))]
    )
    window = forms.IntegerField(label=_("距离（字）"), min_value=0, max_value=50, initial=6)
    factor = forms.FloatField(label=_("分值系数（0–1）"), min_value=0, max_value=1)
    meaning = forms.CharField(label=_("含义"), max_length=300)
    not_followed_by = forms.CharField(label=_("其后不能紧跟"), max_length=50, required=False)
    active = forms.BooleanField(label=_("启用"), required=False, initial=True)

"""E-commerce infringement clues (M7): protected brands, listings from platforms, clues, notices."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhichan.core.limits import BoundedDecimalField


class BrandStatus(models.TextChoices):
    ACTIVE = "active", _("监测中")
    INACTIVE = "inactive", _("已停止")


class ProtectedBrand(models.Model):
    """A brand watched for disguised infringement, with what detection needs to know about it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("品牌名称"), max_length=100)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    owner = models.ForeignKey(
        "core.Organisation", verbose_name=_("权利人"), on_delete=models.PROTECT, related_name="protected_brands"
    )
    nice_classes = models.JSONField(_("尼斯分类"), default=list, blank=True)
    categories = models.JSONField(_("商品类别"), default=list, blank=True)
    price_min = BoundedDecimalField(_("参考价下限"), max_digits=12, decimal_places=2, null=True, blank=True)
    price_max = BoundedDecimalField(_("参考价上限"), max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=BrandStatus.choices, default=BrandStatus.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("保护品牌")
        verbose_name_plural = _("保护品牌")
        constraints = [models.UniqueConstraint(fields=["name", "owner"], name="ecommerce_brand_unique_per_owner")]

    def __str__(self) -> str:
        return self.name


class BrandCategoryPrice(models.Model):
    """The reference price range of a brand's goods in one category (手袋 vs 钱包); the listing's
    category range replaces the brand-wide range where it is known."""

    brand = models.ForeignKey(ProtectedBrand, on_delete=models.CASCADE, related_name="category_prices")
    category = models.CharField(_("商品类别"), max_length=100)
    price_min = BoundedDecimalField(_("参考价下限"), max_digits=12, decimal_places=2, null=True, blank=True)
    price_max = BoundedDecimalField(_("参考价上限"), max_digits=12, decimal_places=2, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["brand", "category"]
        verbose_name = _("分类别参考价")
        verbose_name_plural = _("分类别参考价")
        constraints = [
            models.UniqueConstraint(fields=["brand", "category"], name="ecommerce_category_price_unique"),
            models.CheckConstraint(
                condition=models.Q(price_min__isnull=False) | models.Q(price_max__isnull=False),
                name="ecommerce_category_price_has_a_bound",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.brand} {self.category}"


class AuthorisedSeller(models.Model):
    """A seller or shop the brand owner has authorised, on one platform (or on any when blank)."""

    brand = models.ForeignKey(ProtectedBrand, on_delete=models.CASCADE, related_name="authorised_sellers")
    platform = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    seller = models.CharField(_("卖家或店铺"), max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["brand", "platform", "seller"], name="ecommerce_authorised_seller_unique")
        ]


class Listing(models.Model):
    """A listing as the platform submitted it; (platform, listing id) identifies it across submissions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    platform = models.ForeignKey(
        "core.Organisation", verbose_name=_("平台"), on_delete=models.PROTECT, related_name="listings"
    )
    listing_id = models.CharField(_("商品编号"), max_length=100)
    title = models.CharField(_("标题"), max_length=500)
    description = models.TextField(_("描述"), blank=True)
    price = BoundedDecimalField(_("价格"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("币种"), max_length=3, default="CNY")
    seller_id = models.CharField(_("卖家编号"), max_length=100, blank=True)
    seller_name = models.CharField(_("卖家名称"), max_length=200, blank=True)
    shop_name = models.CharField(_("店铺名称"), max_length=200, blank=True)
    category = models.CharField(_("类目"), max_length=200, blank=True)
    url = models.URLField(_("链接"), max_length=1000, blank=True)
    cross_border = models.BooleanField(_("跨境"), default=False)
    seller_address = models.CharField(
        _("卖家地址"), max_length=300, blank=True, help_text=_("平台提交的卖家地址或所在区，原样保存")
    )
    seller_district = models.ForeignKey(
        "core.District",
        verbose_name=_("卖家所在区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("由所在区或地址识别的广州市行政区；外地或无法识别时为空"),
    )
    first_seen = models.DateTimeField(_("首次发现"), null=True, blank=True)
    content_hash = models.CharField(max_length=64, editable=False)
    received_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("商品")
        verbose_name_plural = _("商品")
        constraints = [
            models.UniqueConstraint(fields=["platform", "listing_id"], name="ecommerce_listing_unique_per_platform")
        ]

    def __str__(self) -> str:
        return self.title


class ClueStatus(models.TextChoices):
    OPEN = "open", _("待研判")
    CONFIRMED = "confirmed", _("已确认")
    DISMISSED = "dismissed", _("已排除")


class Clue(models.Model):
    """A (listing, brand) pair the engine scored at or above the threshold, with why."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    listing = models.ForeignKey(Listing, on_delete=models.PROTECT, related_name="clues")
    brand = models.ForeignKey(ProtectedBrand, on_delete=models.PROTECT, related_name="clues")
    score = models.FloatField(_("分值"), db_index=True)
    signals = models.JSONField(_("信号"), default=list)
    evidence = models.JSONField(_("证据片段"), default=list)
    explanation = models.TextField(_("说明"))
    status = models.CharField(
        _("状态"), max_length=16, choices=ClueStatus.choices, default=ClueStatus.OPEN, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(_("研判理由"), max_length=500, blank=True)
    right_refs = models.JSONField(_("涉及的专利、外观设计、作品或商标"), default=list, blank=True)
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("行政执法案件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score", "-created_at"]
        verbose_name = _("侵权线索")
        verbose_name_plural = _("侵权线索")
        constraints = [models.UniqueConstraint(fields=["listing", "brand"], name="ecommerce_clue_unique")]


class NoticeStatus(models.TextChoices):
    SENT = "sent", _("已通知平台")
    MEASURES_TAKEN = "measures_taken", _("平台已采取措施")
    DECLARATION_FORWARDED = "declaration_forwarded", _("不侵权声明已转送权利人")
    COMPLAINT_FILED = "complaint_filed", _("权利人已投诉或起诉")
    RESTORED = "restored", _("已终止措施")


class Notice(models.Model):
    """The notice-and-takedown procedure of 电子商务法 Art. 42-45 for one confirmed clue."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clue = models.OneToOneField(Clue, on_delete=models.PROTECT, related_name="notice")
    platform = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=32, choices=NoticeStatus.choices, default=NoticeStatus.SENT)
    sent_at = models.DateTimeField(_("通知时间"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    measures = models.CharField(_("采取的措施"), max_length=500, blank=True)
    measures_at = models.DateTimeField(null=True, blank=True)
    declaration = models.TextField(_("不侵权声明"), blank=True)
    declaration_at = models.DateTimeField(null=True, blank=True)
    # The day the forwarded declaration reached the rights holder: Art. 43's waiting period counts from it.
    declared_on = models.DateField(_("声明送达权利人日期"), null=True, blank=True)
    wait_due = models.DateField(_("等待期届满"), null=True, blank=True)
    wait_steps = models.JSONField(default=list, blank=True)
    # The due date rests on a year whose holiday notice is not imported yet (counted by the statutes).
    wait_provisional = models.BooleanField(_("等待期届满日为暂定"), default=False)
    complaint_at = models.DateTimeField(null=True, blank=True)
    complaint_note = models.CharField(_("投诉或起诉情况"), max_length=500, blank=True)
    restored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")


class CounterfeitTerm(models.Model):
    """A word counterfeit sellers use (高仿, 原单 ...), editable by officials; seeded from the engine."""

    term = models.CharField(_("用语"), max_length=50, unique=True)
    weight = models.FloatField(_("权重"))
    meaning = models.CharField(_("含义"), max_length=300)
    active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-weight", "term"]
        verbose_name = _("售假用语")
        verbose_name_plural = _("售假用语")

    def __str__(self) -> str:
        return self.term


class ContextKindChoice(models.TextChoices):
    ACCESSORY = "accessory", _("配件说明适用品牌")
    SECONDHAND = "secondhand", _("二手或回收")
    ADDRESS = "address", _("地址的一部分")


class PositionChoice(models.TextChoices):
    BEFORE = "before", _("在品牌之前")
    AFTER = "after", _("在品牌之后")
    ANYWHERE = "anywhere", _("任意位置")


class LegitimateContext(models.Model):
    """A cue that makes naming a brand lawful (适用于, 二手 ...); lowers a clue's score by `factor`."""

    cue = models.CharField(_("提示词"), max_length=50)
    kind = models.CharField(_("类型"), max_length=16, choices=ContextKindChoice.choices)
    position = models.CharField(_("位置"), max_length=16, choices=PositionChoice.choices)
    window = models.PositiveSmallIntegerField(_("距离（字）"))
    factor = models.FloatField(_("分值系数"))
    meaning = models.CharField(_("含义"), max_length=300)
    not_followed_by = models.CharField(_("其后不能紧跟"), max_length=50, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "cue"]
        verbose_name = _("合法使用情形")
        verbose_name_plural = _("合法使用情形")
        constraints = [models.UniqueConstraint(fields=["cue", "kind", "position"], name="ecommerce_context_unique")]

    def __str__(self) -> str:
        return self.cue

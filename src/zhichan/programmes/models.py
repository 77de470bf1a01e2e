"""The city's IP programmes (plan tasks 13-19): funding programmes, their yearly versions (every amount,
rate, cap and condition is data of the version, with the measure's document number and date), calls,
applications with their items and eligibility checks, payments, findings and clawbacks; and the
registers the programmes read and the plan counts (GB/T 29490 certifications, copyright registrations,
demonstration and advantage enterprises).

Organisations are core's (string foreign keys); an item names a patent, mark, registration, policy or
pledge by its number (the platform's registers are other modules', read through the extension point
`programmes.ineligibility`, never by a foreign key).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeKind(models.TextChoices):
    CONVERSION = "conversion", _("专利转化运用")
    INSURANCE = "insurance", _("知识产权保险")
    OVERSEAS = "overseas", _("海外维权")
    COPYRIGHT = "copyright", _("作品著作权登记")
    CERTIFICATION = "certification", _("知识产权管理体系贯标")
    PLEDGE = "pledge", _("质押融资贴息")
    PROTECTION = "protection", _("行政保护与公共服务")
    OTHER = "other", _("其他")


class ItemKind(models.TextChoices):
    PATENT = "patent", _("专利")
    MARK = "mark", _("商标")
    COPYRIGHT = "copyright", _("著作权登记")
    INSURANCE = "insurance", _("保险保单")
    PLEDGE = "pledge", _("质押融资")
    CERTIFICATE = "certificate", _("贯标认证证书")
    CASE = "case", _("维权案件")


class ItemStage(models.TextChoices):
    NONE = "", _("不适用")
    APPLICATION = "application", _("申请阶段")
    GRANTED = "granted", _("已授权或注册")


class Programme(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(_("项目代码"), max_length=40, unique=True)
    name = models.CharField(_("项目名称"), max_length=200)
    kind = models.CharField(_("类别"), max_length=20, choices=ProgrammeKind.choices)
    department = models.CharField(_("主管部门"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ProgrammeVersion(models.Model):
    """One year's terms of a programme: its measure and the rules the funding engine reads."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="versions")
    year = models.PositiveSmallIntegerField(_("年度"))
    measure = models.CharField(_("依据的办法"), max_length=200)
    document_number = models.CharField(_("文号"), max_length=100)
    document_date = models.DateField(_("印发日期"))
    budget = models.DecimalField(_("年度预算（元）"), max_digits=14, decimal_places=2)
    rules = models.JSONField(_("条件与资助标准"))  # checked by engines.funding.parse_rules
    documents_required = models.JSONField(_("申报材料"), default=list, blank=True)
    publicity_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme__code", "-year"]
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="programme_version_year")]

    def __str__(self) -> str:
        return f"{self.programme.name}（{self.year}）"


class Call(models.Model):
    """A call for applications under a version, open within its window."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(ProgrammeVersion, on_delete=models.PROTECT, related_name="calls")
    title = models.CharField(_("申报通知"), max_length=200)
    opens_on = models.DateField(_("申报开始"))
    closes_on = models.DateField(_("申报截止"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on"]

    def __str__(self) -> str:
        return self.title

    def open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    FORMAL_CHECKED = "formal_checked", _("形式审查通过")
    REVIEWED = "reviewed", _("评审通过")
    PUBLICITY = "publicity", _("公示中")
    APPROVED = "approved", _("已批准")
    PAID = "paid", _("已拨付")
    REJECTED = "rejected", _("不予资助")


class Application(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=20, choices=ApplicationStatus.choices, default="draft")
    checks = models.JSONField(_("申请人条件核查"), default=list, blank=True)
    checked_at = models.DateTimeField(_("核查时间"), null=True, blank=True)
    requested_total = models.DecimalField(_("测算资助额"), max_digits=14, decimal_places=2, default=0)
    approved_total = models.DecimalField(_("批准资助额"), max_digits=14, decimal_places=2, default=0)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    publicity_from = models.DateField(_("公示开始"), null=True, blank=True)
    publicity_until = models.DateField(_("公示截止"), null=True, blank=True)
    note = models.CharField(_("审查意见"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.call.version.programme.name}：{self.organisation.name}"


class ApplicationItem(models.Model):
    """One thing claimed (a patent, a pledge, ...), its checks from the engine and its money."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("类别"), max_length=20, choices=ItemKind.choices)
    number = models.CharField(_("号码"), max_length=64)
    title = models.CharField(_("名称"), max_length=200, blank=True)
    stage = models.CharField(_("阶段"), max_length=20, choices=ItemStage.choices, blank=True)
    on = models.DateField(_("授权、登记或发生日期"), null=True, blank=True)
    cost = models.DecimalField(_("费用（元）"), max_digits=14, decimal_places=2, default=0)
    checks = models.JSONField(_("条件核查"), default=list, blank=True)
    eligible = models.BooleanField(_("符合条件"), default=False)
    amount = models.DecimalField(_("测算资助额"), max_digits=14, decimal_places=2, default=0)
    paid_amount = models.DecimalField(_("已拨付"), max_digits=14, decimal_places=2, default=0)
    voided = models.BooleanField(_("已撤销资助"), default=False)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["application", "kind", "number"], name="application_item_once")]
        indexes = [models.Index(fields=["kind", "number"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class Payment(models.Model):
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="payment")
    batch = models.CharField(_("拨付批次"), max_length=64)
    paid_on = models.DateField(_("拨付日期"))
    voucher = models.CharField(_("凭证号"), max_length=64)
    amount = models.DecimalField(_("拨付金额"), max_digits=14, decimal_places=2)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)


class FindingKind(models.TextChoices):
    ABNORMAL = "abnormal_application", _("非正常专利申请（已确认）")
    BAD_FAITH = "bad_faith_mark", _("恶意商标注册申请（已认定）")
    FALSE_MATERIAL = "false_material", _("提供虚假材料")
    DISHONESTY = "serious_dishonesty", _("严重失信主体")


class Finding(models.Model):
    """A finding the office records against an item or an applicant (a CNIPA notice of a confirmed
    abnormal application, a bad-faith decision, false material): it refuses the item in new
    applications and voids it where it was funded."""

    kind = models.CharField(_("认定类别"), max_length=32, choices=FindingKind.choices)
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    item_kind = models.CharField(_("对象类别"), max_length=20, choices=ItemKind.choices, blank=True)
    item_number = models.CharField(_("对象号码"), max_length=64, blank=True)
    basis = models.CharField(_("认定依据（文书）"), max_length=300)
    found_on = models.DateField(_("认定日期"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-found_on", "-pk"]
        indexes = [models.Index(fields=["item_kind", "item_number"])]


class ClawbackStatus(models.TextChoices):
    DUE = "due", _("待退回")
    REPAID = "repaid", _("已退回")


class Clawback(models.Model):
    item = models.OneToOneField(ApplicationItem, on_delete=models.PROTECT, related_name="clawback")
    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="clawbacks")
    share = models.DecimalField(_("追回比例"), max_digits=5, decimal_places=4)
    amount_due = models.DecimalField(_("应退回金额"), max_digits=14, decimal_places=2)
    notice_number = models.CharField(_("追回通知书编号"), max_length=64)
    notified_on = models.DateField(_("通知日期"))
    repaid_amount = models.DecimalField(_("已退回金额"), max_digits=14, decimal_places=2, default=0)
    repaid_on = models.DateField(_("退回日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=ClawbackStatus.choices, default="due")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-notified_on", "-pk"]


# the registers live in their own file (size); Django finds models through this module
from zhichan.programmes.models_registers import (  # noqa: E402
    ApplicationDocument,
    Certification,
    CopyrightKind,
    CopyrightRegistration,
    EnterpriseTitle,
    Objection,
    TitleKind,
    TitleLevel,
)

__all__ = [
    "ApplicationDocument",
    "Certification",
    "CopyrightKind",
    "CopyrightRegistration",
    "EnterpriseTitle",
    "Objection",
    "TitleKind",
    "TitleLevel",
]

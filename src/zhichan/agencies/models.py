"""The directory of IP service agencies (M16) and the 双随机、一公开 inspections of them.

An agency is linked to core's organisation by its credit code (string foreign key, set by the import
when the organisation is known). Credit evaluation (100 points, grades A/B/C/D) is to come as its own
model (`AgencyEvaluation(agency, period, score, grade, evidence)`), referring to `Agency` by key.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    PATENT = "patent_agency", _("专利代理机构")
    TRADEMARK = "trademark_agency", _("商标代理机构")
    LAW_FIRM = "law_firm", _("律师事务所")
    INFORMATION = "information", _("知识产权信息服务")
    CONSULTING = "consulting", _("知识产权咨询服务")
    OPERATION = "operation", _("知识产权运营服务")
    VALUATION = "valuation", _("知识产权评估服务")
    OTHER = "other", _("其他")


class BrandStatus(models.TextChoices):
    NONE = "", _("无")
    CULTIVATING = "cultivating", _("品牌机构培育")
    BRAND = "brand", _("品牌服务机构")


class Agency(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=32, choices=AgencyKind.choices)
    licence_number = models.CharField(_("专利代理机构执业许可证号"), max_length=64, blank=True)
    trademark_record = models.CharField(_("商标代理机构备案号"), max_length=64, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="branches", verbose_name=_("总机构")
    )
    district = models.CharField(_("区"), max_length=12, blank=True)
    services = models.JSONField(_("服务项目"), default=list, blank=True)
    brand_status = models.CharField(_("品牌机构"), max_length=16, choices=BrandStatus.choices, blank=True)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    active = models.BooleanField(_("在业"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "district"])]

    def __str__(self) -> str:
        return self.name


class Practitioner(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="practitioners")
    name = models.CharField(_("姓名"), max_length=100)
    certificate_number = models.CharField(_("专利代理师资格证号"), max_length=64, db_index=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "certificate_number"], name="practitioner_once_per_agency")
        ]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草拟")
    FIXED = "fixed", _("已固定（种子已承诺）")
    DRAWN = "drawn", _("已抽取")


class InspectionPlan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(_("计划名称"), max_length=200)
    scope_kinds = models.JSONField(_("抽查范围（机构类型）"), default=list)
    scope_district = models.CharField(_("抽查范围（区）"), max_length=12, blank=True)
    share = models.DecimalField(_("抽查比例"), max_digits=4, decimal_places=3)
    inspectors_per_agency = models.PositiveSmallIntegerField(_("每家机构检查人员数"), default=2)
    period_start = models.DateField(_("检查开始"))
    period_end = models.DateField(_("检查结束"))
    status = models.CharField(_("状态"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    # published when fixed (before the draw): the seed's hash, the two lists and their digests, conflicts
    seed_hash = models.CharField(_("种子哈希（SHA-256）"), max_length=64, blank=True)
    candidates = models.JSONField(default=list, blank=True)
    candidates_digest = models.CharField(max_length=64, blank=True)
    inspector_list = models.JSONField(default=list, blank=True)
    inspectors_digest = models.CharField(max_length=64, blank=True)
    conflicts = models.JSONField(default=dict, blank=True)
    # kept secret until the draw, then published
    seed = models.CharField(max_length=64, blank=True)
    draw_version = models.CharField(max_length=32, blank=True)
    fixed_at = models.DateTimeField(null=True, blank=True)
    drawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def seed_public(self) -> str:
        return self.seed if self.status == PlanStatus.DRAWN else ""


class Inspector(models.Model):
    """A member of the plan's inspector pool (执法检查人员名录库)."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="inspectors")
    code = models.CharField(_("执法证号"), max_length=32)
    name = models.CharField(_("姓名"), max_length=100)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="inspector_once_per_plan")]


class Conflict(models.Model):
    """An inspector's declared conflict of interest with an agency (回避), declared before the draw."""

    inspector = models.ForeignKey(Inspector, on_delete=models.CASCADE, related_name="conflicts")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("回避理由"), max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inspector", "agency"], name="conflict_once")]


class Outcome(models.TextChoices):
    PENDING = "", _("待检查")
    COMPLIANT = "compliant", _("未发现问题")
    ISSUES = "issues", _("发现问题，责令整改")
    NOT_FOUND = "not_found", _("通过登记的住所无法联系")
    REFERRED = "referred", _("移送立案查处")


class Inspection(models.Model):
    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="inspections")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="inspections")
    rank = models.PositiveIntegerField()
    inspectors = models.ManyToManyField(Inspector, related_name="inspections")
    inspector_codes = models.JSONField(default=list)  # in the order drawn
    outcome = models.CharField(_("检查结果"), max_length=16, choices=Outcome.choices, blank=True)
    findings = models.TextField(_("检查情况"), max_length=2000, blank=True)
    evidence = models.ForeignKey("core.EvidenceFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    result_on = models.DateField(_("检查完成日期"), null=True, blank=True)
    publish_due = models.DateField(_("公示期限"), null=True, blank=True)
    published_at = models.DateTimeField(_("公示时间"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "rank"]
        constraints = [models.UniqueConstraint(fields=["plan", "agency"], name="inspection_once_per_plan")]

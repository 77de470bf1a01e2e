"""The registers of enterprise programmes (plan tasks 15, 19): GB/T 29490 certifications, copyright
registrations and the national and provincial demonstration and advantage enterprises, each imported
and counted for the plan's indicators."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Certification(models.Model):
    """A certificate of conformity with GB/T 29490 (企业知识产权管理规范)."""

    certificate_number = models.CharField(_("证书编号"), max_length=64, unique=True)
    holder_name = models.CharField(_("获证单位"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    certifying_body = models.CharField(_("认证机构"), max_length=200)
    district = models.CharField(_("区"), max_length=12, blank=True)
    issued_on = models.DateField(_("发证日期"))
    expires_on = models.DateField(_("有效期至"))
    status = models.CharField(_("证书状态"), max_length=12, default="valid")  # valid / suspended / withdrawn

    class Meta:
        ordering = ["-issued_on", "certificate_number"]


class CopyrightKind(models.TextChoices):
    WORK = "work", _("作品著作权")
    SOFTWARE = "software", _("计算机软件著作权")


class CopyrightRegistration(models.Model):
    number = models.CharField(_("登记号"), max_length=64, unique=True)
    title = models.CharField(_("作品名称"), max_length=300)
    kind = models.CharField(_("类别"), max_length=10, choices=CopyrightKind.choices)
    owner_name = models.CharField(_("著作权人"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, db_index=True)
    district = models.CharField(_("区"), max_length=12, blank=True)
    registered_on = models.DateField(_("登记日期"), db_index=True)

    class Meta:
        ordering = ["-registered_on", "number"]


class TitleLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")


class TitleKind(models.TextChoices):
    DEMONSTRATION = "demonstration", _("知识产权示范企业")
    ADVANTAGE = "advantage", _("知识产权优势企业")


class EnterpriseTitle(models.Model):
    """An enterprise on a year's list of demonstration or advantage enterprises, until withdrawn."""

    holder_name = models.CharField(_("企业名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    level = models.CharField(_("级别"), max_length=12, choices=TitleLevel.choices)
    kind = models.CharField(_("称号"), max_length=16, choices=TitleKind.choices)
    year = models.PositiveSmallIntegerField(_("认定年度"))
    district = models.CharField(_("区"), max_length=12, blank=True)
    withdrawn_on = models.DateField(_("撤销日期"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("撤销原因"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year", "holder_name"]
        constraints = [
            models.UniqueConstraint(fields=["credit_code", "level", "kind", "year"], name="enterprise_title_once")
        ]


class Objection(models.Model):
    """An objection received during an application's publicity (公示): the decision waits until it is
    resolved; one upheld leads the office to refuse the application (`reject`, with the reason)."""

    application = models.ForeignKey("programmes.Application", on_delete=models.CASCADE, related_name="objections")
    objector = models.CharField(_("异议人"), max_length=200)
    grounds = models.CharField(_("异议理由"), max_length=1000)
    received_on = models.DateField(_("收到日期"))
    resolution = models.CharField(_("处理意见"), max_length=500, blank=True)
    upheld = models.BooleanField(_("异议成立"), null=True, blank=True)
    resolved_on = models.DateField(_("处理日期"), null=True, blank=True)
    recorded_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["received_on", "pk"]


class ApplicationDocument(models.Model):
    """A document attached to an application as evidence (stored by core, hashed), named by the
    version's requirement it meets."""

    application = models.ForeignKey("programmes.Application", on_delete=models.CASCADE, related_name="documents")
    requirement = models.CharField(_("材料名称"), max_length=100)
    evidence = models.ForeignKey("core.EvidenceFile", on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["requirement", "pk"]

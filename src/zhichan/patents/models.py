"""The city's patent register: one row per patent, its holders in order, linked to organisations."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhichan.engines.patents.numbers import KIND_LABELS, PatentKind

PatentKindChoice = models.TextChoices(
    "PatentKindChoice",
    [(k.name, (k.value, _(KIND_LABELS[k]))) for k in PatentKind],
)


class Patent(models.Model):
    """A patent as imported: `number` is the number the source identified it by (publication, else
    application, else the source's id) and the key an import updates by."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.CharField(_("编号"), max_length=40, unique=True)
    kind = models.CharField(_("专利类型"), max_length=32, choices=PatentKindChoice.choices, blank=True)
    application_number = models.CharField(_("申请号"), max_length=20, blank=True, db_index=True)
    publication_number = models.CharField(_("公开（公告）号"), max_length=20, blank=True, db_index=True)
    title = models.CharField(_("名称"), max_length=500, blank=True)
    abstract = models.TextField(_("摘要"), blank=True)
    claims = models.TextField(_("主权项"), blank=True)
    applicants = models.JSONField(_("申请（专利权）人"), default=list, blank=True)  # in order, first first
    address = models.CharField(_("地址"), max_length=300, blank=True)
    inventors = models.JSONField(_("发明（设计）人"), default=list, blank=True)
    ipc = models.JSONField(_("分类号"), default=list, blank=True)  # the main code first
    agency = models.CharField(_("专利代理机构"), max_length=200, blank=True)
    agency_code = models.CharField(_("代理机构代码"), max_length=5, blank=True)
    agents = models.JSONField(_("代理人"), default=list, blank=True)
    priority = models.CharField(_("优先权"), max_length=300, blank=True)
    legal_status = models.CharField(_("最新法律状态"), max_length=100, blank=True)
    keyphrases = models.JSONField(_("关键词"), default=list, blank=True)
    filing_date = models.DateField(_("申请日"), null=True, blank=True)
    publication_date = models.DateField(_("公开（公告）日"), null=True, blank=True)
    grant_date = models.DateField(_("授权日"), null=True, blank=True)
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-filing_date", "number"]
        verbose_name = _("专利")
        verbose_name_plural = _("专利")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class HolderLink(models.TextChoices):
    BY_NAME = "by_name", _("按名称关联")
    NONE = "none", _("未关联")


class PatentHolder(models.Model):
    """An applicant or patentee in its place, linked to an organisation of the platform by its name."""

    patent = models.ForeignKey(Patent, on_delete=models.CASCADE, related_name="holders")
    position = models.PositiveSmallIntegerField(_("顺序"))
    name = models.CharField(_("名称"), max_length=200)
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="patents_held"
    )
    link = models.CharField(_("关联方式"), max_length=16, choices=HolderLink.choices, default=HolderLink.NONE)

    class Meta:
        ordering = ["patent", "position"]
        constraints = [models.UniqueConstraint(fields=["patent", "position"], name="patent_holder_position")]
        verbose_name = _("专利权人")
        verbose_name_plural = _("专利权人")

    def __str__(self) -> str:
        return self.name

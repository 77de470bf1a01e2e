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


class LegalStatus(models.TextChoices):
    VALID = "valid", _("有效")
    LAPSED = "lapsed", _("未缴年费终止")
    EXPIRED = "expired", _("期限届满终止")
    INVALIDATED = "invalidated", _("全部无效")


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
    legal_status = models.CharField(_("最新法律状态"), max_length=100, blank=True)  # the source's text
    # derived from the legal events by services.legal_status_recompute ("" before any event)
    status = models.CharField(_("法律状态"), max_length=16, choices=LegalStatus.choices, blank=True, db_index=True)
    status_on = models.DateField(_("状态日期"), null=True, blank=True)
    fees_paid_through = models.PositiveSmallIntegerField(_("年费已缴至年度"), null=True, blank=True)
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


class LegalEventKind(models.TextChoices):
    GRANT = "grant", _("授权")
    FEE_PAID = "fee_paid", _("缴纳年费")
    LAPSE_UNPAID = "lapse_unpaid", _("未缴年费专利权终止")
    RESTORATION = "restoration", _("权利恢复")
    EXPIRY = "expiry", _("专利权期限届满")
    INVALIDATION = "invalidation", _("无效宣告")
    ASSIGNMENT = "assignment", _("专利权转移")
    LICENCE = "licence", _("实施许可合同备案")
    PLEDGE = "pledge", _("专利权质押")
    OTHER = "other", _("其他")


class LegalEvent(models.Model):
    """One entry of a patent's legal status history (公告), as imported or as the platform recorded it
    (a lapse after the grace period); one per (patent, date, kind)."""

    patent = models.ForeignKey(Patent, on_delete=models.CASCADE, related_name="events")
    date = models.DateField(_("法律状态公告日"))
    kind = models.CharField(_("类别"), max_length=16, choices=LegalEventKind.choices)
    fee_year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)  # fee_paid, lapse_unpaid
    partial = models.BooleanField(_("部分无效"), default=False)  # invalidation
    party_from = models.CharField(_("转让人/出质人"), max_length=200, blank=True)
    party_to = models.CharField(_("受让人/被许可人/质权人"), max_length=200, blank=True)
    exclusive = models.BooleanField(_("独占许可"), null=True, blank=True)  # licence
    amount = models.DecimalField(_("金额（元）"), max_digits=16, decimal_places=2, null=True, blank=True)
    status_text = models.CharField(_("法律状态"), max_length=100, blank=True)
    detail = models.TextField(_("法律状态信息"), blank=True)
    recorded_by_platform = models.BooleanField(_("平台记录"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["patent", "date", "pk"]
        constraints = [models.UniqueConstraint(fields=["patent", "date", "kind"], name="patent_event_once")]
        verbose_name = _("法律状态事件")
        verbose_name_plural = _("法律状态事件")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class FeeReminderStage(models.TextChoices):
    DUE = "due", _("年费即将到期")
    GRACE = "grace", _("滞纳期内")
    LAPSED = "lapsed", _("已终止")


class FeeReminder(models.Model):
    """What the platform tells a patentee about an annual fee; once per (patent, fee year, stage,
    organisation), made by the daily job `patents.fee_reminders`."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    patent = models.ForeignKey(Patent, on_delete=models.CASCADE, related_name="fee_reminders")
    fee_year = models.PositiveSmallIntegerField(_("年度"))
    stage = models.CharField(_("阶段"), max_length=16, choices=FeeReminderStage.choices)
    message = models.TextField(_("内容"))
    due_on = models.DateField(_("期限"), null=True, blank=True)
    key = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("年费提醒")
        verbose_name_plural = _("年费提醒")

"""The city's protected marks, the weekly trademark publications screened against them, and the alerts.

A protected mark is watched once the office accepts it (an owner may ask); its honours (老字号, 驰名商标,
广州定制, geographical indications, collective and certification marks) decide how widely it is screened.
A filing of a publication is stored once per filing number, so importing a publication again stores
nothing twice; an alert is one (filing, protected mark) pair, worked through `workflows.ALERT`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MarkStatus(models.TextChoices):
    REGISTERED = "registered", _("已注册")
    PENDING = "pending", _("申请中")
    INVALIDATED = "invalidated", _("已宣告无效")
    CANCELLED = "cancelled", _("已注销或撤销")


class WatchState(models.TextChoices):
    REQUESTED = "requested", _("申请监测")
    WATCHED = "watched", _("监测中")
    DECLINED = "declined", _("不予监测")


class HonourKind(models.TextChoices):
    ZHONGHUA_LAOZIHAO = "zhonghua_laozihao", _("中华老字号")
    GUANGDONG_LAOZIHAO = "guangdong_laozihao", _("广东老字号")
    WELL_KNOWN = "well_known", _("驰名商标")
    GUANGZHOU_CUSTOM = "guangzhou_custom", _("广州定制品牌")
    GI_PRODUCT = "gi_product", _("地理标志产品")
    GI_MARK = "gi_mark", _("地理标志商标")
    COLLECTIVE = "collective", _("集体商标")
    CERTIFICATION = "certification", _("证明商标")


# Names screened also when they are only part of a longer mark (the issue: 老字号 and GI names).
NAME_HONOURS = frozenset({HonourKind.ZHONGHUA_LAOZIHAO, HonourKind.GUANGDONG_LAOZIHAO, HonourKind.GI_PRODUCT,
                          HonourKind.GI_MARK})  # fmt: skip


class ProtectedMark(models.Model):
    registration_number = models.CharField(_("注册号"), max_length=32, unique=True)
    mark = models.CharField(_("商标"), max_length=200)
    image = models.ForeignKey(
        "core.EvidenceFile", verbose_name=_("商标图样"), null=True, blank=True, on_delete=models.PROTECT
    )
    classes = models.JSONField(_("尼斯分类"), default=list)  # [int]
    similar_groups = models.JSONField(_("类似群"), default=list)  # ["3202", ...]
    goods = models.TextField(_("商品或服务"), blank=True)
    owner = models.ForeignKey(
        "core.Organisation", verbose_name=_("注册人"), null=True, blank=True, on_delete=models.PROTECT
    )
    owner_name = models.CharField(_("注册人名称"), max_length=200, blank=True)
    filing_date = models.DateField(_("申请日"), null=True, blank=True)
    registration_date = models.DateField(_("注册日"), null=True, blank=True)
    expiry_date = models.DateField(_("专用权期限至"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=MarkStatus.choices, default=MarkStatus.REGISTERED)
    watch_state = models.CharField(
        _("监测"), max_length=16, choices=WatchState.choices, default=WatchState.WATCHED, db_index=True
    )
    watch_note = models.CharField(_("监测说明"), max_length=500, blank=True)
    requested_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["registration_number"]

    def __str__(self) -> str:
        return f"{self.mark}（{self.registration_number}）"

    @property
    def honour_kinds(self) -> set[str]:
        return {honour.kind for honour in self.honours.all()}


class Honour(models.Model):
    """A title the mark holds: which list (batch and year), recognised when and by whom."""

    mark = models.ForeignKey(ProtectedMark, on_delete=models.CASCADE, related_name="honours")
    kind = models.CharField(_("类别"), max_length=24, choices=HonourKind.choices)
    batch = models.CharField(_("批次"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    recognised_on = models.DateField(_("认定日期"), null=True, blank=True)
    authority = models.CharField(_("认定机关或法院"), max_length=200, blank=True)
    document = models.CharField(_("文号或案号"), max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mark", "kind"], name="watch_honour_once_per_kind")]
        ordering = ["kind"]


class Publication(models.Model):
    """One issue of the 商标初步审定公告."""

    issue = models.CharField(_("期号"), max_length=32, unique=True)
    published_on = models.DateField(_("公告日期"))
    screened_at = models.DateTimeField(_("筛查时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-issue"]

    def __str__(self) -> str:
        return f"第{self.issue}期（{self.published_on:%Y-%m-%d}）"


class Filing(models.Model):
    filing_number = models.CharField(_("申请号"), max_length=32, unique=True)
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="filings")
    mark = models.CharField(_("商标"), max_length=200)
    classes = models.JSONField(_("尼斯分类"), default=list)
    similar_groups = models.JSONField(_("类似群"), default=list)  # ["3202", ...] when the publication gives them
    goods = models.TextField(_("商品或服务"), blank=True)
    applicant = models.CharField(_("申请人"), max_length=200)
    applicant_address = models.CharField(_("申请人地址"), max_length=300, blank=True)
    agency = models.CharField(_("代理机构"), max_length=200, blank=True)
    screened = models.BooleanField(default=False, db_index=True)

    class Meta:
        ordering = ["filing_number"]

    def __str__(self) -> str:
        return f"{self.mark}（{self.filing_number}）"


class AlertStatus(models.TextChoices):
    NEW = "new", _("待审查")
    DISMISSED = "dismissed", _("已排除")
    CONFIRMED = "confirmed", _("已确认")
    OWNER_NOTIFIED = "owner_notified", _("已通知权利人")
    ACTION_PREPARED = "action_prepared", _("已准备异议或无效宣告")
    CLOSED = "closed", _("已记录结果")


class ActionKind(models.TextChoices):
    OPPOSITION = "opposition", _("异议")
    INVALIDATION = "invalidation", _("无效宣告")


class Outcome(models.TextChoices):
    FILED = "filed", _("已提出，结果待定")
    SUCCEEDED = "succeeded", _("异议成立或宣告无效")
    FAILED = "failed", _("未获支持")
    WITHDRAWN = "withdrawn", _("撤回或未提出")


class Ground(models.TextChoices):
    """Why a pair is alerted, each the legal-rules key it rests on."""

    PRIOR_SIMILAR = "trademark.prior_similar_mark", _("同一种或类似商品上的相同或近似商标")
    WELL_KNOWN = "trademark.wellknown_cross_class", _("复制、摹仿驰名商标（跨类保护）")
    CONTAINS_NAME = "containment", _("完整包含老字号或地理标志名称")


class Alert(models.Model):
    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="alerts")
    mark = models.ForeignKey(ProtectedMark, on_delete=models.CASCADE, related_name="alerts")
    score = models.FloatField(_("近似度"))
    risk = models.FloatField(_("风险"), db_index=True)
    verdict = models.CharField(_("判断"), max_length=16)
    reasons = models.TextField(_("理由"))
    ground = models.CharField(_("依据"), max_length=40, choices=Ground.choices)
    goods = models.CharField(_("商品关系"), max_length=300, blank=True)
    opposition_due = models.DateField(_("异议期限"), db_index=True)
    status = models.CharField(_("状态"), max_length=16, choices=AlertStatus.choices, default=AlertStatus.NEW)
    review_note = models.CharField(_("审查意见"), max_length=500, blank=True)
    action_kind = models.CharField(_("行动"), max_length=16, choices=ActionKind.choices, blank=True)
    statement = models.ForeignKey(
        "core.EvidenceFile", verbose_name=_("理由书草稿"), null=True, blank=True, on_delete=models.PROTECT
    )
    outcome = models.CharField(_("结果"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField(_("结果说明"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["filing", "mark"], name="watch_alert_once_per_pair")]
        ordering = ["-risk", "opposition_due", "pk"]


class ReminderKind(models.TextChoices):
    RENEWAL = "renewal", _("续展提醒")
    ALERT = "alert", _("监测预警")
    DIGEST = "digest", _("每周摘要")
    PATENT = "patent", _("专利监测")


class Reminder(models.Model):
    """What the platform tells a mark owner; made once per (kind, subject, day) by the periodic jobs."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类别"), max_length=16, choices=ReminderKind.choices)
    mark = models.ForeignKey(ProtectedMark, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    alert = models.ForeignKey(Alert, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    patent = models.ForeignKey(
        "WatchedPatent", null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    event_kind = models.CharField(_("法律状态事件"), max_length=16, blank=True)  # patent reminders
    urgent = models.BooleanField(_("紧急"), default=False)
    message = models.TextField(_("内容"))
    due_on = models.DateField(_("期限"), null=True, blank=True)
    key = models.CharField(max_length=100, unique=True)  # what makes it once: kind, subject and period
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class WatchedPatent(models.Model):
    """A high-value patent watched for its owner (its legal events told to the owner). The patent lives in
    the patents module, referred to by its id and number (modules hold no foreign keys to each other's
    models) and read through `patents.selectors`; `events_seen_to` is the cursor of the daily job."""

    patent_ref = models.UUIDField(_("专利"), db_index=True)
    number = models.CharField(_("专利号"), max_length=40)
    title = models.CharField(_("名称"), max_length=500, blank=True)
    owner = models.ForeignKey("core.Organisation", verbose_name=_("专利权人"), on_delete=models.PROTECT)
    watch_state = models.CharField(
        _("监测"), max_length=16, choices=WatchState.choices, default=WatchState.REQUESTED, db_index=True
    )
    watch_note = models.CharField(_("监测说明"), max_length=500, blank=True)
    requested_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    events_seen_to = models.DateTimeField(_("事件已读至"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number", "pk"]
        constraints = [models.UniqueConstraint(fields=["patent_ref", "owner"], name="watch_patent_once_per_owner")]
        verbose_name = _("监测专利")
        verbose_name_plural = _("监测专利")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


# --- bad-faith filing signals (辅助研判, never a verdict) ---


class AttentionLevel(models.TextChoices):
    HIGH = "high", _("高度关注")
    MEDIUM = "medium", _("一般关注")
    LOW = "low", _("留意")


class SignalRun(models.Model):
    """One assessment of the applicants of the stored filings of a period (job `watch.badfaith`)."""

    period_from = models.DateField(_("起始公告日期"))
    period_to = models.DateField(_("截止公告日期"))
    filings = models.PositiveIntegerField(_("申请件数"), default=0)
    applicants = models.PositiveIntegerField(_("申请人数"), default=0)
    flagged = models.PositiveIntegerField(_("提示关注的申请人组"), default=0)
    alerts_used = models.PositiveIntegerField(_("引用的预警"), default=0)
    organisations = models.PositiveIntegerField(_("组织名录条数"), default=0)
    findings_used = models.PositiveIntegerField(_("引用的认定记录"), default=0)
    settings = models.JSONField(_("阈值设置"), default=dict)
    lists = models.JSONField(_("名单版本"), default=dict)
    created_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class ApplicantSignal(models.Model):
    """An applicant with its related parties as one run assessed it: the flags with their evidence."""

    run = models.ForeignKey(SignalRun, on_delete=models.CASCADE, related_name="signals")
    key = models.CharField(_("申请人"), max_length=200)
    applicants = models.JSONField(_("申请人及关联人"), default=list)
    links = models.JSONField(_("关联依据"), default=list)  # [{a, b, kind, value}]
    filings = models.PositiveIntegerField(_("申请件数"))
    classes = models.PositiveSmallIntegerField(_("类别数"))
    score = models.FloatField(_("关注分值"), db_index=True)
    level = models.CharField(_("关注程度"), max_length=8, choices=AttentionLevel.choices, db_index=True)
    situations = models.CharField(_("情形"), max_length=100)  # "|6.1|6.4|": one code between bars each
    flags = models.JSONField(_("提示及证据"), default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "key"], name="watch_signal_once_per_run")]
        ordering = ["-score", "-filings", "key"]

    def __str__(self) -> str:
        return self.key


class BadFaithFinding(models.Model):
    """A confirmed finding of bad-faith filing by the competent authority (CNIPA, a market regulator, a
    court), recorded with its document: the Art. 8(3) factor of later assessments."""

    applicant = models.CharField(_("当事人（申请人）"), max_length=200)
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("名录中的组织"), null=True, blank=True, on_delete=models.PROTECT
    )
    agency = models.CharField(_("代理机构"), max_length=200, blank=True)
    authority = models.CharField(_("认定机关"), max_length=200)
    document_number = models.CharField(_("文书编号"), max_length=200)
    decided_on = models.DateField(_("认定日期"))
    document = models.ForeignKey("core.EvidenceFile", verbose_name=_("认定文书"), on_delete=models.PROTECT)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    recorded_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "document_number", "applicant"], name="watch_finding_once_per_document"
            )
        ]
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.applicant}（{self.document_number}）"


# --- names: trade names of the directory and shop names of the listings (issue 22) ---


class NameSource(models.TextChoices):
    ORGANISATION = "organisation", _("企业字号")
    SHOP = "shop", _("网店名称")


class NameAlertStatus(models.TextChoices):
    NEW = "new", _("待审查")
    DISMISSED = "dismissed", _("已排除")
    CONFIRMED = "confirmed", _("已确认")
    OWNER_NOTIFIED = "owner_notified", _("已通知权利人")
    CLOSED = "closed", _("已记录结果")


class NameOutcome(models.TextChoices):
    COMPLAINT = "complaint", _("已向市场监管部门投诉或举报")
    LAWSUIT = "lawsuit", _("已提起诉讼")
    CHANGED = "changed", _("名称已变更或停止使用")
    NO_ACTION = "no_action", _("未采取行动")


class NameAlert(models.Model):
    """A trade name of the directory or a shop name of a platform that contains or imitates a watched mark.

    One per (subject, mark): the subject is the organisation, or the platform and the shop name. A rescreen
    refreshes the row in place; a dismissed alert is raised again only when the organisation's name changed.
    No opposition applies: the remedy is a complaint to the market regulator or an action (商标法第五十八条,
    反不正当竞争法), worked through `workflows.NAME_ALERT`.
    """

    source = models.CharField(_("来源"), max_length=16, choices=NameSource.choices, db_index=True)
    subject = models.CharField(max_length=300, editable=False)  # "org:<uuid>" or "shop:<platform uuid>:<name>"
    name = models.CharField(_("名称"), max_length=200)
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("组织"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    platform = models.ForeignKey(
        "core.Organisation", verbose_name=_("平台"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    mark = models.ForeignKey(ProtectedMark, on_delete=models.CASCADE, related_name="name_alerts")
    trade_name = models.CharField(_("字号"), max_length=200, blank=True)
    score = models.FloatField(_("近似度"), db_index=True)
    verdict = models.CharField(_("判断"), max_length=16, db_index=True)
    reasons = models.JSONField(_("理由"), default=list)  # [{code, message, params}] from engines.names
    status = models.CharField(
        _("状态"), max_length=16, choices=NameAlertStatus.choices, default=NameAlertStatus.NEW, db_index=True
    )
    review_note = models.CharField(_("审查意见"), max_length=500, blank=True)
    outcome = models.CharField(_("结果"), max_length=16, choices=NameOutcome.choices, blank=True)
    outcome_note = models.CharField(_("结果说明"), max_length=500, blank=True)
    clue_ref = models.CharField(_("电商线索"), max_length=36, blank=True)  # ecommerce Clue id (a shop's alert)
    screened_at = models.DateTimeField(_("筛查时间"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subject", "mark"], name="watch_name_alert_once_per_pair")]
        ordering = ["-score", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ≈ {self.mark.mark}"

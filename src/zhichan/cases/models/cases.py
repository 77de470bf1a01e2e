"""A case: its intake, state, parties, timeline and clocks, the numbers it is given, and the choices
every procedure shares (channels, rights, states)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhichan.engines.triage import Channel as EngineChannel
from zhichan.engines.triage import RequestKind as EngineRequest
from zhichan.engines.triage import Right as EngineRight

USER = settings.AUTH_USER_MODEL

Channel = models.TextChoices("Channel", [(c.name, (c.value, c.zh)) for c in EngineChannel])
Right = models.TextChoices("Right", [(r.name, (r.value, r.zh)) for r in EngineRight])
RequestKind = models.TextChoices("RequestKind", [(k.name, (k.value, k.zh)) for k in EngineRequest])


class Status(models.TextChoices):
    RECEIVED = "received", _("已收到")
    TRIAGED = "triaged", _("已分流")
    # administrative ruling on patent infringement (Decree 81)
    RULING_REQUESTED = "ruling_requested", _("裁决请求待立案")
    DOCKETED = "docketed", _("已立案")
    SERVED = "served", _("已送达被请求人")
    DEFENCE_RECEIVED = "defence_received", _("已收到答辩")
    DEFENCE_FORWARDED = "defence_forwarded", _("已向请求人转送答辩书")
    DEFENCE_OVERDUE = "defence_overdue", _("答辩期满未答辩")
    HEARING = "hearing", _("审理中")
    SUSPENDED = "suspended", _("中止")
    RULED = "ruled", _("已裁决")
    MEDIATED = "mediated", _("调解结案")
    REFUSED = "refused", _("不予立案")
    # mediation and judicial confirmation
    MEDIATION_REQUESTED = "mediation_requested", _("调解申请待受理")
    MEDIATION_NOTIFIED = "mediation_notified", _("已征询被请求人意见")
    MEDIATION_CONSENTED = "mediation_consented", _("被请求人同意调解")
    MEDIATION_ACCEPTED = "mediation_accepted", _("已指派调解员")
    IN_SESSION = "in_session", _("调解中")
    AGREEMENT_SIGNED = "agreement_signed", _("已达成调解协议")
    CONFIRMATION_FILED = "confirmation_filed", _("已申请司法确认")
    CONFIRMED = "confirmed", _("司法确认有效")
    CONFIRMATION_DISMISSED = "confirmation_dismissed", _("司法确认申请被驳回")
    MEDIATION_FAILED = "mediation_failed", _("调解不成")
    # fair complaint
    FAIR_RECEIVED = "fair_received", _("投诉站已受理")
    FAIR_TRANSFERRED = "fair_transferred", _("已移交管理部门")
    RESPONDENT_NOTIFIED = "respondent_notified", _("已通知被投诉方")
    ANSWERED = "answered", _("被投诉方已答辩")
    MEASURES_TAKEN = "measures_taken", _("已采取处置措施")
    # any channel
    WITHDRAWN = "withdrawn", _("已撤回")
    REFERRED = "referred", _("已转办")
    CLOSED = "closed", _("已办结")


CLOSED_STATUSES = frozenset(
    {
        Status.RULED,
        Status.MEDIATED,
        Status.REFUSED,
        Status.CONFIRMED,
        Status.WITHDRAWN,
        Status.REFERRED,
        Status.CLOSED,
    }
)


class IntakeVia(models.TextChoices):
    WEB = "web", _("网上申请")
    API = "api", _("合作机构接口")
    OFFICIAL = "official", _("窗口或电话登记")


ACCEPTANCE_REGISTER = ""  # the counter's `channel` for acceptance numbers, which run across channels


class CaseNumberCounter(models.Model):
    """The last sequence number used per (office, channel, year); locked while a number is taken.

    The row with an empty channel (`ACCEPTANCE_REGISTER`) numbers the acceptance of every request
    (受理编号), whatever channel it goes to later.
    """

    office = models.CharField(max_length=16)
    channel = models.CharField(max_length=32, choices=Channel.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "channel", "year"], name="cases_counter_unique")]


class Case(models.Model):
    """One dispute brought by a requester, from intake to its outcome."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.CharField(_("案号"), max_length=40, null=True, blank=True, unique=True)
    # given at intake, per office and year of receipt, whatever the channel: the requester's reference
    acceptance_number = models.CharField(_("受理编号"), max_length=40, null=True, blank=True, unique=True)
    office = models.CharField(_("办理机关"), max_length=16, blank=True)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True)
    number_seq = models.PositiveIntegerField(null=True, blank=True)
    channel = models.CharField(_("处理途径"), max_length=32, choices=Channel.choices, blank=True)
    status = models.CharField(_("状态"), max_length=32, choices=Status.choices, default=Status.RECEIVED)
    status_before = models.CharField(max_length=32, choices=Status.choices, blank=True)  # to resume or reopen
    right = models.CharField(_("权利类型"), max_length=32, choices=Right.choices)
    request_kind = models.CharField(_("请求类型"), max_length=32, choices=RequestKind.choices)
    facts = models.TextField(_("事实与理由"))
    remedy = models.TextField(_("请求事项"), blank=True)
    requester_org = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("请求人单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requester_person = models.ForeignKey(
        USER, verbose_name=_("请求人（个人）"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requester_name = models.CharField(_("请求人"), max_length=200)
    respondent_name = models.CharField(_("被请求人"), max_length=200, blank=True)
    respondent_credit_code = models.CharField(_("被请求人统一社会信用代码"), max_length=18, blank=True)
    respondent_abroad = models.BooleanField(_("被请求人在境外"), null=True)
    respondent_domicile_in_china = models.BooleanField(_("被请求人在中国境内有住所"), default=True)
    arbitration_agreement = models.BooleanField(_("有仲裁协议"), null=True)
    lawsuit_pending = models.BooleanField(_("已向法院起诉"), null=True)
    fair_in_progress = models.BooleanField(_("展会正在举办"), null=True)
    both_willing_to_mediate = models.BooleanField(_("双方愿意调解"), null=True)
    counterfeiting = models.BooleanField(_("假冒注册商标"), null=True)
    infringement_known_on = models.DateField(_("知道侵权行为及侵权人之日"), null=True, blank=True)
    infringement_continuing = models.BooleanField(_("侵权行为仍在继续"), null=True)
    triage = models.JSONField(_("分流建议"), default=dict, blank=True)
    triage_overridden = models.BooleanField(default=False)
    triage_reason = models.TextField(_("分流理由"), blank=True)
    assigned_official = models.ForeignKey(
        USER, verbose_name=_("承办人"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases_handled"
    )
    mediator = models.ForeignKey(
        USER, verbose_name=_("调解员"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases_mediated"
    )
    mediation_org = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("调解组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    fair = models.ForeignKey("Fair", verbose_name=_("展会"), null=True, blank=True, on_delete=models.PROTECT)
    evidence = models.ManyToManyField("core.EvidenceFile", verbose_name=_("证据"), blank=True, related_name="+")
    intake_via = models.CharField(_("来源"), max_length=16, choices=IntakeVia.choices)
    outcome = models.CharField(_("结果"), max_length=200, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(_("收到时间"))
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "channel", "number_year", "number_seq"],
                condition=models.Q(number_seq__isnull=False),
                name="cases_number_parts_unique",
            )
        ]

    def __str__(self) -> str:
        return self.number or f"{self.requester_name} / {self.respondent_name}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class PartyRole(models.TextChoices):
    REQUESTER = "requester", _("请求人")
    RESPONDENT = "respondent", _("被请求人")
    THIRD_PARTY = "third_party", _("第三人")
    AGENT = "agent", _("代理人")


class CaseParty(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("身份"), max_length=16, choices=PartyRole.choices)
    name = models.CharField(_("名称"), max_length=200)
    organisation = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.PROTECT)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    domicile = models.CharField(_("住所地"), max_length=300, blank=True)
    district_code = models.CharField(_("住所地行政区划代码"), max_length=6, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)

    class Meta:
        ordering = ["role", "pk"]
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")

    def __str__(self) -> str:
        return self.name


class CaseEvent(models.Model):
    """One step in the case's timeline: who moved it from which state to which, and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("操作"), max_length=48)
    from_status = models.CharField(max_length=32, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=32, choices=Status.choices)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("案件节点")
        verbose_name_plural = _("案件节点")


class ClockKind(models.TextChoices):
    DOCKETING = "docketing", _("立案审查")
    SERVICE = "service", _("送达请求书")
    DEFENCE = "defence", _("答辩期")
    DEFENCE_FORWARD = "defence_forward", _("转送答辩书")
    DECISION = "decision", _("结案期限")
    MEDIATION_NOTICE = "mediation_notice", _("征询被请求人调解意见")
    MEDIATION_REPLY = "mediation_reply", _("被请求人答复是否同意调解")
    MEDIATION_DOCKETING = "mediation_docketing", _("调解立案")
    CONFIRMATION = "confirmation", _("申请司法确认")
    COURT_REVIEW = "court_review", _("法院审查")
    FAIR_TRANSFER = "fair_transfer", _("投诉移交")
    FAIR_ANSWER = "fair_answer", _("被投诉方答辩")
    SUIT_WINDOW = "suit_window", _("当事人不服裁决的起诉期限")


# Clocks that run for the parties after the office has finished (it only watches them): they survive the
# case's closure, and a lapsed one is a fact (the ruling stands), not an overdue task.
PARTY_CLOCKS = frozenset({ClockKind.SUIT_WINDOW})


class CaseClock(models.Model):
    """A legal clock of a case; the engine's `Clock` is rebuilt from these fields, `due_*` is a cache."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clocks")
    kind = models.CharField(_("时限"), max_length=32, choices=ClockKind.choices)
    rule_key = models.CharField(max_length=64)
    amount = models.PositiveIntegerField()  # the base period (a fair may set its own answer hours)
    unit = models.CharField(max_length=16)
    start_on = models.DateField(null=True, blank=True)
    start_at = models.DateTimeField(null=True, blank=True)  # hour clocks
    pauses = models.JSONField(default=list, blank=True)
    extensions = models.JSONField(default=list, blank=True)
    stopped_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    paused = models.BooleanField(default=False)
    due_on = models.DateField(_("期限届满日"), null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    problem = models.CharField(max_length=300, blank=True)  # e.g. no holiday data for that year

    class Meta:
        ordering = ["expires_at"]
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="cases_clock_unique_kind")]
        verbose_name = _("法定时限")
        verbose_name_plural = _("法定时限")

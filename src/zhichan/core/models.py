"""The platform's shared records: districts, organisations, people, audit log, jobs, evidence files."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhichan.core.accounts import AccountManager, NormalisedUsername


class District(models.Model):
    """One of Guangzhou's 11 districts, keyed by its administrative division code."""

    code = models.CharField(_("行政区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=20, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区")
        verbose_name_plural = _("行政区")

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    UNIVERSITY = "university", _("高等院校")
    RESEARCH_INSTITUTE = "research_institute", _("科研院所")
    IP_SERVICE_AGENCY = "ip_service_agency", _("知识产权服务机构")
    GOVERNMENT_DEPARTMENT = "government_department", _("政府部门")
    MEDIATION_ORGANISATION = "mediation_organisation", _("调解组织")
    ARBITRATION_BODY = "arbitration_body", _("仲裁机构")
    COURT = "court", _("法院")
    ECOMMERCE_PLATFORM = "ecommerce_platform", _("电子商务平台")
    FAIR_ORGANISER = "fair_organiser", _("展会主办方")
    BANK = "bank", _("银行")
    INSURER = "insurer", _("保险机构")
    OTHER = "other", _("其他")


class Organisation(models.Model):
    """An enterprise, university, department ... as written, with a normalised shadow for matching."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("名称"), max_length=200)
    name_normalized = models.CharField(max_length=200, db_index=True, editable=False)
    name_pinyin = models.CharField(max_length=800, db_index=True, editable=False)
    name_initials = models.CharField(max_length=200, db_index=True, editable=False)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, null=True, blank=True, unique=True)
    kind = models.CharField(_("类型"), max_length=32, choices=OrganisationKind.choices)
    district = models.ForeignKey(District, verbose_name=_("所在区"), null=True, blank=True, on_delete=models.PROTECT)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=100, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_pinyin", "name"]
        verbose_name = _("组织机构")
        verbose_name_plural = _("组织机构")
        constraints = [
            models.UniqueConstraint(
                fields=["name_normalized", "kind"],
                condition=models.Q(credit_code__isnull=True),
                name="core_org_unique_name_without_code",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    OFFICIAL = "official", _("知识产权局工作人员")
    LIAISON = "liaison", _("部门联络员")
    RIGHTS_HOLDER = "rights_holder", _("权利人")
    MEDIATOR = "mediator", _("调解员")
    ARBITRATOR = "arbitrator", _("仲裁员")
    PLATFORM_CLIENT = "platform_client", _("平台接口用户")
    AGENCY_STAFF = "agency_staff", _("服务机构人员")
    BANK_STAFF = "bank_staff", _("银行人员")
    AUDITOR = "auditor", _("审计员")
    ADMINISTRATOR = "administrator", _("系统管理员")


ANONYMOUS_ROLE = "anonymous"


class PersonManager(AccountManager):
    """`create_user(..., role=..., organisation=...)` also grants the first membership (not in migrations)."""

    def _create_user(self, username: str, email: str | None, password: str | None, **extra: object) -> User:
        role = extra.pop("role", None)
        user = super()._create_user(username, email, password, **extra)
        if role is not None:
            Membership.objects.create(user=user, role=role, organisation=user.organisation)
        return user


class User(NormalisedUsername, AbstractUser):
    """A person: what they may do comes from their memberships (a role, usually in an organisation).

    `organisation` is their home, the one they act for by default (evidence they upload, complaints
    they file); each membership gives its role's rights within its own organisation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField(_("姓名"), max_length=100, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("所属组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )

    objects = PersonManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username


class Membership(models.Model):
    """One role a person holds, in an organisation (none for the office's staff, auditors, administrators).

    A person may hold several (a mediator who is also an arbitrator); the policy answers for any of
    them. Role codes are core's (`Role`) or a module's (its manifest's roles).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("用户"))
    role = models.CharField(_("角色"), max_length=32)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    granted_at = models.DateTimeField(_("授予时间"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]  # first granted first
        verbose_name = _("角色成员")
        verbose_name_plural = _("角色成员")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="membership_once_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "role"], condition=models.Q(organisation__isnull=True), name="membership_once_alone"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.role}" + (f" · {self.organisation}" if self.organisation_id else "")


class AuditResult(models.TextChoices):
    SUCCESS = "success", _("成功")
    DENIED = "denied", _("拒绝")
    FAILURE = "failure", _("失败")


class AuditEntry(models.Model):
    """One append-only, hash-chained record of who did what to which object, and with what result.

    The database refuses UPDATE and DELETE on this table (triggers, see migrations); `seq` has no gaps
    and `entry_hash` covers the previous entry's hash, so `zhichan audit verify` sees edits,
    deletions and reorderings.
    """

    seq = models.BigIntegerField(unique=True, editable=False)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(_("操作人"), max_length=150)
    actor_role = models.CharField(_("角色"), max_length=32)
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=64, db_index=True)
    object_id = models.CharField(_("对象标识"), max_length=64, blank=True, db_index=True)
    summary = models.JSONField(_("摘要"), default=dict)
    result = models.CharField(_("结果"), max_length=16, choices=AuditResult.choices)
    client_ip = models.GenericIPAddressField(_("客户端地址"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")


class AuditChainHead(models.Model):
    """The single row holding the last sequence number and hash; locked to append in order."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("运行中")
    SUCCEEDED = "succeeded", _("已完成")
    FAILED = "failed", _("失败")


class JobFailure(models.TextChoices):
    """Why a job failed, which decides what the reader is offered: a corrected input, or a re-run."""

    REFUSED = "refused", _("输入有误")  # the input cannot succeed (a file with errors): submit a corrected one
    ERROR = "error", _("执行出错")  # an unexpected error, logged on the server with its traceback
    LOST = "lost", _("任务进程丢失")  # the worker was killed or went silent


class Job(models.Model):
    """Long work run by `zhichan worker`, with progress the pages can poll.

    A failed job keeps a message safe to show (`error`, never a traceback: that goes to the server log)
    and, when the input was refused, the report of what is wrong in `result` (`{"errors": [{"row",
    "field", "message"}, ...]}`).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("任务类型"), max_length=64)
    params = models.JSONField(_("参数"), default=dict)
    status = models.CharField(_("状态"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    log = models.JSONField(default=list)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    failure = models.CharField(_("失败原因"), max_length=16, choices=JobFailure.choices, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="jobs")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT)
    rerun_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="reruns")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")

    @property
    def can_run_again(self) -> bool:
        """A failed job may be re-run unless its input was refused: the same input would fail again."""
        return self.status == JobStatus.FAILED and self.failure != JobFailure.REFUSED

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 100 if self.status == JobStatus.SUCCEEDED else 0
        return min(100, round(100 * self.progress_done / self.progress_total))


class PeriodicEvery(models.TextChoices):
    HOURLY = "hourly", _("每小时")
    DAILY = "daily", _("每天")
    WEEKLY = "weekly", _("每周")


class PeriodicSchedule(models.Model):
    """When a periodic job kind (a module's manifest, `periodic=`) runs next; the worker claims each run once."""

    kind = models.CharField(_("任务类型"), max_length=64, unique=True)
    every = models.CharField(_("频率"), max_length=16, choices=PeriodicEvery.choices)
    next_run_at = models.DateTimeField(_("下次运行"))
    last_run_at = models.DateTimeField(_("上次运行"), null=True, blank=True)
    last_job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["kind"]
        verbose_name = _("定期任务")
        verbose_name_plural = _("定期任务")


class AuditPurgeStatus(models.TextChoices):
    REQUESTED = "requested", _("待审批")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("已驳回")
    DONE = "done", _("已清理")
    FAILED = "failed", _("未执行")


class AuditPurge(models.Model):
    """A dual-controlled deletion of audit entries older than the retention period.

    An administrator requests it, a different person with the auditor role approves it, a job runs it.
    After it ran, `last_seq` and `last_hash` (the last deleted entry) are the anchor from which
    `verify_chain` walks the remaining chain; the chain's own `audit_purge.run` entry repeats them.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(
        _("状态"), max_length=16, choices=AuditPurgeStatus.choices, default=AuditPurgeStatus.REQUESTED
    )
    older_than_days = models.PositiveIntegerField(_("保留天数"))
    cutoff = models.DateTimeField(_("截止时间"), help_text=_("删除时间早于此刻的审计记录"))
    requested_by = models.ForeignKey(User, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User, verbose_name=_("审批人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    reason = models.CharField(_("说明"), max_length=500, blank=True)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    purged_at = models.DateTimeField(_("清理时间"), null=True, blank=True)
    deleted_count = models.PositiveIntegerField(_("删除条数"), default=0)
    first_seq = models.BigIntegerField(_("首条序号"), null=True, blank=True)
    last_seq = models.BigIntegerField(_("末条序号"), null=True, blank=True)
    last_hash = models.CharField(_("末条哈希"), max_length=64, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("审计日志清理")
        verbose_name_plural = _("审计日志清理")


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    WORKDAY = "workday", _("调休上班")


class WorkCalendarDay(models.Model):
    """A day set by a State Council holiday notice, imported for a year the installed data lacks.

    Legal clocks count working days by these rows on top of the `chinese-calendar` package; a year is
    imported whole (its rows replace that year's earlier import), see `zhichan.core.calendar`.
    """

    day = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=8, choices=CalendarDayKind.choices)
    name = models.CharField(_("节日"), max_length=40)
    source = models.CharField(_("依据"), max_length=200)
    imported_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")


class EvidenceFile(models.Model):
    """An uploaded file kept unchanged under its SHA-256; every read is logged in the audit chain."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sha256 = models.CharField(max_length=64, db_index=True, editable=False)
    size = models.PositiveBigIntegerField(editable=False)
    media_type = models.CharField(_("文件类型"), max_length=100, editable=False)
    original_name = models.CharField(_("文件名"), max_length=255)
    description = models.CharField(_("说明"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT)
    shared_with = models.ManyToManyField(User, blank=True, related_name="shared_evidence")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("证据文件")
        verbose_name_plural = _("证据文件")


# the log-in gate's models, kept apart (this file's size), registered with core by this import
from zhichan.core.models_login import LoginAttempt, MfaDevice  # noqa: E402, F401

"""Mediation: the mediators and their declared conflicts, sessions and their statements, the agreement and
its judicial confirmation."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhichan.cases.models.cases import USER, Case


class Mediator(models.Model):
    """A mediator of the directory, member of a mediation organisation (a core Organisation)."""

    user = models.OneToOneField(USER, on_delete=models.PROTECT, related_name="mediator_profile")
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("调解组织"), on_delete=models.PROTECT)
    specialties = models.CharField(_("擅长领域"), max_length=200, blank=True)
    active = models.BooleanField(_("在册"), default=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员")

    def __str__(self) -> str:
        return str(self.user)


class ConflictDeclaration(models.Model):
    """A party with which the mediator declares a conflict of interest (by name or credit code)."""

    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="conflicts")
    party_name = models.CharField(_("关联方名称"), max_length=200, blank=True)
    party_credit_code = models.CharField(_("关联方统一社会信用代码"), max_length=18, blank=True)
    relation = models.CharField(_("关系"), max_length=200)
    declared_at = models.DateTimeField(auto_now_add=True)


class SessionMode(models.TextChoices):
    ONLINE = "online", _("线上")
    IN_PERSON = "in_person", _("线下")


class SessionState(models.TextChoices):
    LIVE = "live", _("进行中")
    ENDED = "ended", _("已结束")


class MediationSession(models.Model):
    """A mediation session: recorded afterwards, or held live online in the platform's session room.

    A live session admits the mediator and the people the mediator invited; its messages are the
    transcript, and ending it writes the transcript into the minutes.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sessions")
    mediator = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField(_("调解时间"))
    mode = models.CharField(_("方式"), max_length=16, choices=SessionMode.choices)
    place = models.CharField(_("地点或会议链接"), max_length=300, blank=True)
    minutes = models.TextField(_("调解笔录"), blank=True)
    state = models.CharField(_("状态"), max_length=8, choices=SessionState.choices, default=SessionState.ENDED)
    participants = models.ManyToManyField(USER, verbose_name=_("参加人"), blank=True, related_name="+")
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["held_at"]
        verbose_name = _("调解会议")
        verbose_name_plural = _("调解会议")


class SessionMessage(models.Model):
    """One statement in a live session, numbered in order; never edited (the transcript is evidence)."""

    session = models.ForeignKey(MediationSession, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveIntegerField()
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    text = models.TextField()

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["session", "seq"], name="cases_message_seq_unique")]


class AgreementForm(models.TextChoices):
    WRITTEN = "written", _("书面")
    ORAL = "oral", _("口头")


class MediationAgreement(models.Model):
    """调解协议: effective when all parties and the mediator have signed and the seal is affixed (written)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="agreement")
    form = models.CharField(_("形式"), max_length=16, choices=AgreementForm.choices, default=AgreementForm.WRITTEN)
    terms = models.TextField(_("协议内容"))
    requester_signed_on = models.DateField(_("请求人签字日"), null=True, blank=True)
    respondent_signed_on = models.DateField(_("被请求人签字日"), null=True, blank=True)
    mediator_signed_on = models.DateField(_("调解员签字日"), null=True, blank=True)
    sealed_on = models.DateField(_("调解组织盖章日"), null=True, blank=True)
    effective_on = models.DateField(_("生效日"))
    invited_by_court = models.CharField(_("委派调解的法院"), max_length=100, blank=True)
    subject_district_code = models.CharField(_("标的物所在地"), max_length=6, blank=True)
    intermediate_jurisdiction = models.BooleanField(_("属中级人民法院管辖"), default=False)


class ConfirmationOutcome(models.TextChoices):
    PENDING = "pending", _("审查中")
    VALID = "valid", _("确认有效")
    DISMISSED = "dismissed", _("驳回申请")


class JudicialConfirmation(models.Model):
    """The joint application for judicial confirmation of a mediation agreement, and its outcome."""

    agreement = models.OneToOneField(MediationAgreement, on_delete=models.CASCADE, related_name="confirmation")
    court = models.CharField(_("受理法院"), max_length=100)
    requester_applies = models.BooleanField(_("请求人申请"))
    respondent_applies = models.BooleanField(_("被请求人申请"))
    other_consents = models.BooleanField(_("另一方同意"), default=False)  # one applies, the other consents
    filed_on = models.DateField(_("申请日"))
    outcome = models.CharField(
        _("结果"), max_length=16, choices=ConfirmationOutcome.choices, default=ConfirmationOutcome.PENDING
    )
    decided_on = models.DateField(_("裁定日"), null=True, blank=True)

"""Fairs: the fairs, their complaints and the bans of exhibitors found infringing at consecutive editions."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhichan.cases.models.cases import Case
from zhichan.engines.text import normalize


class Fair(models.Model):
    """One edition of a fair with its complaint station; editions of the same series share `series`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("展会名称"), max_length=200)
    series = models.CharField(_("展会系列"), max_length=200)
    edition = models.PositiveIntegerField(_("届次"))
    organiser = models.ForeignKey("core.Organisation", verbose_name=_("主办方"), null=True, on_delete=models.PROTECT)
    venue = models.CharField(_("地点"), max_length=200, blank=True)
    starts_on = models.DateField(_("开幕日"))
    ends_on = models.DateField(_("闭幕日"))
    answer_hours = models.PositiveIntegerField(_("答辩时限（小时）"), null=True, blank=True)  # None: the rule's 24h

    class Meta:
        ordering = ["-starts_on"]
        constraints = [models.UniqueConstraint(fields=["series", "edition"], name="cases_fair_edition_unique")]
        verbose_name = _("展会")
        verbose_name_plural = _("展会")

    def __str__(self) -> str:
        return self.name


class Measure(models.TextChoices):
    REMOVAL = "removal", _("撤展")
    COVERING = "covering", _("遮盖")
    LINK_REMOVAL = "link_removal", _("删除、屏蔽网络链接")


class FairOutcome(models.TextChoices):
    INFRINGING = "infringing", _("构成侵权")
    NO_INFRINGEMENT = "no_infringement", _("不构成侵权")
    WITHDRAWN = "withdrawn", _("撤回投诉")
    REFERRED = "referred", _("转有关部门处理")


class FairComplaint(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="fair_complaint")
    fair = models.ForeignKey(Fair, on_delete=models.PROTECT, related_name="complaints")
    exhibitor_name = models.CharField(_("被投诉参展商"), max_length=200)
    exhibitor_credit_code = models.CharField(_("参展商统一社会信用代码"), max_length=18, blank=True)
    booth = models.CharField(_("展位号"), max_length=40, blank=True)
    transferred_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    measure = models.CharField(_("处置措施"), max_length=16, choices=Measure.choices, blank=True)
    outcome = models.CharField(_("结果"), max_length=16, choices=FairOutcome.choices, blank=True)

    @property
    def exhibitor_key(self) -> str:
        """Who the exhibitor is across editions: its credit code, or else its normalised name."""
        return self.exhibitor_credit_code or normalize(self.exhibitor_name)


class FairBan(models.Model):
    """An exhibitor barred from the next edition after infringing at consecutive editions."""

    series = models.CharField(max_length=200)
    exhibitor_key = models.CharField(max_length=200)  # credit code, or the normalised name
    exhibitor_name = models.CharField(max_length=200)
    banned_edition = models.PositiveIntegerField()
    decided_by_case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "exhibitor_key", "banned_edition"], name="cases_ban_unique")
        ]

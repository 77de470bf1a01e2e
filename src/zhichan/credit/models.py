"""Credit supervision (M4): one credit file per organisation (by its unified social credit code) and
per natural person concerned, the credit events that modules' findings become, the measures catalogue,
the serious-dishonesty list with its due process, and credit repair.

A natural person's identity number is stored encrypted (`crypto`), with a blind index to find the
person again and a masked form for every page but the file itself.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhichan.credit.crypto import mask_name

USER = settings.AUTH_USER_MODEL


class FileKind(models.TextChoices):
    ORGANISATION = "organisation", _("单位")
    PERSON = "person", _("有关人员")


class PersonRole(models.TextChoices):
    NONE = "", _("无")
    LEGAL_REPRESENTATIVE = "legal_representative", _("法定代表人")
    RESPONSIBLE = "responsible", _("主要负责人")
    DIRECT = "direct", _("直接责任人员")


class CreditFile(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("主体类别"), max_length=16, choices=FileKind.choices)
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("名录中的组织"), null=True, blank=True, on_delete=models.PROTECT
    )
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    name = models.CharField(_("名称或姓名"), max_length=200)
    name_normalized = models.CharField(max_length=200, db_index=True, editable=False)
    name_pinyin = models.CharField(max_length=800, db_index=True, editable=False)
    name_initials = models.CharField(max_length=200, db_index=True, editable=False)
    # natural persons: the identity number encrypted, found again by its blind index, shown masked
    identity_cipher = models.TextField(blank=True, editable=False)
    identity_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    identity_masked = models.CharField(_("身份证件号码（遮蔽）"), max_length=32, blank=True)
    person_role = models.CharField(_("人员身份"), max_length=32, choices=PersonRole.choices, blank=True)
    concerns = models.ForeignKey(
        "self", verbose_name=_("所涉单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="persons"
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_pinyin", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~models.Q(credit_code=""), name="credit_file_one_per_code"
            ),
            models.UniqueConstraint(
                fields=["identity_index"], condition=~models.Q(identity_index=""), name="credit_file_one_per_person"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def public_name(self) -> str:
        return self.name if self.kind == FileKind.ORGANISATION else mask_name(self.name)


class Category(models.TextChoices):
    """The seven kinds of dishonest conduct of the CNIPA rules (国知发保字〔2022〕8号)."""

    ABNORMAL_PATENT = "abnormal_patent", _("不以保护创新为目的的非正常专利申请行为")
    BAD_FAITH_MARK = "bad_faith_mark", _("恶意商标注册申请行为")
    AGENCY_PENALTY = "agency_penalty", _("违法从事专利、商标代理并受到行政处罚的行为")
    FALSE_MATERIAL = "false_material", _("提交虚假材料或隐瞒重要事实申请行政确认的行为")
    FALSE_COMMITMENT = "false_commitment", _("信用承诺不实或未履行承诺的行为")
    REFUSE_EXECUTION = "refuse_execution", _("有履行能力但拒不履行、逃避执行行政处罚、行政裁决的行为")
    OTHER_CATALOGUE = "other_catalogue", _("其他被列入知识产权领域公共信用信息具体条目的失信行为")


class EventType(models.TextChoices):
    INFRINGEMENT_RULING = "infringement_ruling", _("侵权行政裁决或处理决定")
    REPEAT_INFRINGEMENT = "repeat_infringement", _("重复侵权")
    ABNORMAL_APPLICATION = "abnormal_application", _("非正常专利申请（已确认）")
    BAD_FAITH_FILING = "bad_faith_filing", _("恶意商标注册申请（已认定）")
    AGENCY_PENALTY = "agency_penalty", _("代理机构行政处罚")
    FAIR_BAN = "fair_ban", _("展会禁展")
    ECOMMERCE_REPEAT = "ecommerce_repeat", _("电商重复侵权（已确认）")
    FALSE_COMMITMENT = "false_commitment", _("虚假信用承诺")
    REFUSED_EXECUTION = "refused_execution", _("拒不履行处罚或裁决")
    AWARD = "award", _("获得奖励表彰")
    DEMONSTRATION = "demonstration", _("示范或优势企业")
    COMMITMENT_KEPT = "commitment_kept", _("信用承诺已履行")
    OTHER = "other", _("其他")


GOOD_TYPES = frozenset({EventType.AWARD, EventType.DEMONSTRATION, EventType.COMMITMENT_KEPT})


class CreditEvent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file = models.ForeignKey(CreditFile, on_delete=models.PROTECT, related_name="events")
    event_type = models.CharField(_("事项类型"), max_length=32, choices=EventType.choices)
    category = models.CharField(_("失信行为类别"), max_length=32, choices=Category.choices, blank=True)
    good = models.BooleanField(_("良好记录"), default=False)
    document_number = models.CharField(_("文书编号"), max_length=200)
    document_date = models.DateField(_("文书日期（认定日）"))
    authority = models.CharField(_("作出机关"), max_length=200)
    source = models.CharField(_("来源记录"), max_length=200, blank=True)  # "<app>.<Model>:<pk>"
    summary = models.CharField(_("摘要"), max_length=500, blank=True)
    public = models.BooleanField(_("公开"), default=False)
    repaired_on = models.DateField(_("信用修复日"), null=True, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-document_date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["file", "source"], condition=~models.Q(source=""), name="credit_event_once_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_event_type_display()}（{self.document_number}）"


class Applies(models.TextChoices):
    EVENT = "event", _("失信行为管理期内")
    LISTING = "listing", _("列入严重失信名单期间")
    BOTH = "both", _("两者")


class Purpose(models.TextChoices):
    SUBSIDY = "subsidy", _("财政性资金项目（资助、奖励）")
    FEE_REDUCTION = "fee_reduction", _("费用减缴、优先审查等优惠")
    AWARD = "award", _("评优评先")
    DEMONSTRATION = "demonstration", _("示范、优势企业申报")
    FINANCE = "finance", _("知识产权金融服务")
    FAIR = "fair", _("展会参展")
    COMMITMENT = "commitment", _("信用承诺制")
    INSPECTION = "inspection", _("检查频次")


class Measure(models.Model):
    """One entry of the measures catalogue (editable, each with its basis)."""

    code = models.SlugField(_("编码"), max_length=48, unique=True)
    name = models.CharField(_("措施"), max_length=300)
    purposes = models.JSONField(_("适用事项"), default=list)
    applies = models.CharField(_("适用情形"), max_length=16, choices=Applies.choices, default=Applies.BOTH)
    department = models.CharField(_("实施部门"), max_length=200, blank=True)
    basis = models.CharField(_("依据"), max_length=500)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ListingStatus(models.TextChoices):
    PROPOSED = "proposed", _("已提出列入建议")
    NOTIFIED = "notified", _("已告知当事人（陈述申辩期）")
    DECIDED = "decided", _("已决定列入")
    NOT_LISTED = "not_listed", _("决定不予列入")
    PUBLISHED = "published", _("已公示（管理期）")
    REMOVED = "removed", _("已移出")


class RemovalReason(models.TextChoices):
    EXPIRY = "expiry", _("管理期届满")
    EARLY = "early", _("提前移出")
    REPAIR = "repair", _("信用修复")


class Listing(models.Model):
    """A listing on the serious-dishonesty list: never automatic, always this due process."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file = models.ForeignKey(CreditFile, on_delete=models.PROTECT, related_name="listings")
    events = models.ManyToManyField(CreditEvent, related_name="listings", verbose_name=_("所依据的事项"))
    status = models.CharField(_("状态"), max_length=16, choices=ListingStatus.choices, default=ListingStatus.PROPOSED)
    grounds = models.TextField(_("列入理由"))
    proposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    proposed_on = models.DateField(_("提出日"))
    notice_on = models.DateField(_("告知日"), null=True, blank=True)
    defence_until = models.DateField(_("陈述申辩期限"), null=True, blank=True)
    notice_digest = models.CharField(_("告知书摘要（SHA-256）"), max_length=64, blank=True)
    defence = models.TextField(_("当事人陈述申辩"), blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("决定日"), null=True, blank=True)
    decision_number = models.CharField(_("决定书编号"), max_length=200, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    published_on = models.DateField(_("公示日"), null=True, blank=True)
    management_until = models.DateField(_("管理期至"), null=True, blank=True)
    removed_on = models.DateField(_("移出日"), null=True, blank=True)
    removal_reason = models.CharField(_("移出原因"), max_length=16, choices=RemovalReason.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-proposed_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.file.name}（{self.get_status_display()}）"


class RepairStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已申请")
    REVIEWED = "reviewed", _("已审查")
    GRANTED = "granted", _("准予修复")
    REFUSED = "refused", _("不予修复")


class RepairApplication(models.Model):
    """An application for credit repair of one event or of a listing (conditions, review, decision)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file = models.ForeignKey(CreditFile, on_delete=models.PROTECT, related_name="repairs")
    event = models.ForeignKey(CreditEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="repairs")
    listing = models.ForeignKey(Listing, null=True, blank=True, on_delete=models.PROTECT, related_name="repairs")
    status = models.CharField(_("状态"), max_length=16, choices=RepairStatus.choices, default=RepairStatus.SUBMITTED)
    applied_on = models.DateField(_("申请日"))
    grounds = models.TextField(_("申请理由及已履行义务、整改情况"))
    reviewed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    review_note = models.TextField(_("审查意见"), blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("决定日"), null=True, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    notified_departments = models.JSONField(_("已通知的部门"), default=list, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-applied_on", "-created_at"]

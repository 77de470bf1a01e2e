"""The credit module's words for its codes, registered with core.labels from the manifest."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from zhichan.core import labels


def register() -> None:
    labels.register(
        labels.OBJECT_TYPE,
        {
            "credit_file": gettext_lazy("信用档案"),
            "credit_event": gettext_lazy("信用事项"),
            "credit_listing": gettext_lazy("严重失信名单"),
            "credit_repair": gettext_lazy("信用修复"),
            "credit_measure": gettext_lazy("管理措施"),
            "credit_eligibility": gettext_lazy("信用核查"),
            "credit_public": gettext_lazy("信用查询"),
        },
    )
    labels.register(
        labels.AUDIT_ACTION,
        {
            "credit_file.create": gettext_lazy("建立信用档案"),
            "credit_event.create": gettext_lazy("记录信用事项"),
            "credit_event.import": gettext_lazy("导入候选信用事项"),
            "credit_listing.propose": gettext_lazy("提出列入严重失信名单建议"),
            "credit_listing.notify": gettext_lazy("告知当事人拟列入"),
            "credit_listing.defence": gettext_lazy("记录当事人陈述申辩"),
            "credit_listing.decide": gettext_lazy("决定列入严重失信名单"),
            "credit_listing.not_list": gettext_lazy("决定不予列入"),
            "credit_listing.publish": gettext_lazy("公示严重失信名单"),
            "credit_listing.expire": gettext_lazy("管理期届满移出"),
            "credit_listing.remove_early": gettext_lazy("提前移出严重失信名单"),
            "credit_listing.repair": gettext_lazy("信用修复移出"),
            "credit_repair.submit": gettext_lazy("申请信用修复"),
            "credit_repair.review": gettext_lazy("审查信用修复申请"),
            "credit_repair.grant": gettext_lazy("准予信用修复"),
            "credit_repair.refuse": gettext_lazy("不予信用修复"),
            "credit_measure.create": gettext_lazy("新增管理措施"),
            "credit_measure.change": gettext_lazy("修改管理措施"),
            "credit_eligibility.read": gettext_lazy("信用核查"),
        },
    )
    labels.register(labels.JOB_KIND, {"credit.expire": gettext_lazy("严重失信名单期满移出")})
    labels.register(
        labels.SUMMARY_KEY,
        {
            "source": gettext_lazy("来源记录"),
            "category": gettext_lazy("失信行为类别"),
            "document_number": gettext_lazy("文书编号"),
            "defence_until": gettext_lazy("陈述申辩期限"),
            "notice_digest": gettext_lazy("告知书摘要"),
            "decision_number": gettext_lazy("决定书编号"),
            "management_until": gettext_lazy("管理期至"),
            "good": gettext_lazy("守信记录"),
            "identity": gettext_lazy("身份证件号码（已遮盖）"),
            "purpose": gettext_lazy("核查事项"),
            "answer": gettext_lazy("核查结果"),
            "departments": gettext_lazy("已通知的部门"),
            "events": gettext_lazy("所依据的事项"),
        },
    )

"""The programmes module's words for its codes, registered with core.labels from the manifest."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from zhichan.core import labels


def register() -> None:
    labels.register(
        labels.OBJECT_TYPE,
        {
            "programme": gettext_lazy("资助项目"),
            "programme_application": gettext_lazy("资助申报"),
            "programme_submission": gettext_lazy("申报单位的申报步骤"),
            "programme_review": gettext_lazy("资助申报审查"),
            "programme_decision": gettext_lazy("资助决定"),
            "programme_payment": gettext_lazy("资助拨付"),
            "programme_finding": gettext_lazy("取消资助的认定"),
            "programme_clawback": gettext_lazy("资助追回"),
            "programme_publicity": gettext_lazy("资助公示"),
            "programme_budget": gettext_lazy("资助预算执行"),
            "programme_register": gettext_lazy("企业知识产权名录"),
            "programme_certification": gettext_lazy("贯标认证名录"),
            "programme_copyright": gettext_lazy("著作权登记"),
            "programme_title": gettext_lazy("示范优势企业名单"),
        },
    )
    labels.register(
        labels.AUDIT_ACTION,
        {
            "programme.create": gettext_lazy("新建资助项目"),
            "programme.version": gettext_lazy("发布资助项目年度版本"),
            "programme.call": gettext_lazy("发布申报通知"),
            "programme_application.create": gettext_lazy("新建资助申报"),
            "programme_application.submit": gettext_lazy("提交资助申报"),
            "programme_application.return": gettext_lazy("退回资助申报"),
            "programme_application.formal_pass": gettext_lazy("资助申报形式审查通过"),
            "programme_application.review_pass": gettext_lazy("资助申报评审通过"),
            "programme_application.publicise": gettext_lazy("公示资助申报"),
            "programme_application.reject": gettext_lazy("不予资助"),
            "programme_application.approve": gettext_lazy("批准资助"),
            "programme_application.pay": gettext_lazy("记录资助拨付"),
            "programme_application.export": gettext_lazy("导出资助申报"),
            "programme_application.document": gettext_lazy("添加申报材料"),
            "programme_application.objection": gettext_lazy("登记公示异议"),
            "programme_application.objection_resolved": gettext_lazy("处理公示异议"),
            "programme_publicity.export": gettext_lazy("导出资助公示名单"),
            "programme_finding.create": gettext_lazy("记录取消资助的认定"),
            "programme_clawback.create": gettext_lazy("发出资助追回通知"),
            "programme_clawback.repay": gettext_lazy("记录追回款退回"),
            "programme_register.import": gettext_lazy("导入企业知识产权名录"),
            "programme_certification.import": gettext_lazy("导入贯标认证名录"),
            "programme_copyright.import": gettext_lazy("导入著作权登记"),
            "programme_title.import": gettext_lazy("导入示范优势企业名单"),
        },
    )
    labels.register(labels.JOB_KIND, {"programmes.register_import": gettext_lazy("导入企业知识产权名录")})
    labels.register(
        labels.SUMMARY_KEY,
        {
            "items": gettext_lazy("资助对象数"),
            "items_refused": gettext_lazy("不符合条件的对象数"),
            "total": gettext_lazy("测算资助额"),
            "approved_total": gettext_lazy("批准资助额"),
            "publicity_until": gettext_lazy("公示截止"),
            "batch": gettext_lazy("拨付批次"),
            "voucher": gettext_lazy("凭证号"),
            "paid_on": gettext_lazy("拨付日期"),
            "amount_due": gettext_lazy("应退回金额"),
            "notice": gettext_lazy("通知书编号"),
            "outstanding": gettext_lazy("尚欠金额"),
            "voided": gettext_lazy("撤销资助的对象数"),
            "clawbacks": gettext_lazy("追回通知数"),
            "document_number": gettext_lazy("文号"),
            "call": gettext_lazy("申报通知"),
            "code": gettext_lazy("项目代码"),
            "requirement": gettext_lazy("材料名称"),
            "objector": gettext_lazy("异议人"),
            "received_on": gettext_lazy("收到日期"),
            "upheld": gettext_lazy("异议成立"),
            "item": gettext_lazy("资助对象"),
            "opens_on": gettext_lazy("申报开始"),
            "closes_on": gettext_lazy("申报截止"),
        },
    )

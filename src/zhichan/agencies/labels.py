"""The agencies module's words for its codes, registered with core.labels from the manifest."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from zhichan.core import labels


def register() -> None:
    labels.register(
        labels.OBJECT_TYPE,
        {
            "agency": gettext_lazy("知识产权服务机构"),
            "agency_inspection_plan": gettext_lazy("双随机抽查计划"),
            "agency_inspection_public": gettext_lazy("抽查结果公示"),
        },
    )
    labels.register(
        labels.AUDIT_ACTION,
        {
            "agency.import": gettext_lazy("导入服务机构名录"),
            "agency.export": gettext_lazy("导出服务机构名录"),
            "agency_inspection_plan.create": gettext_lazy("新建抽查计划"),
            "agency_inspection_plan.fix": gettext_lazy("固定抽查名单并承诺随机种子"),
            "agency_inspection_plan.conflict": gettext_lazy("申报检查人员回避"),
            "agency_inspection_plan.draw": gettext_lazy("随机抽取机构和检查人员"),
            "agency_inspection_plan.result": gettext_lazy("录入抽查结果"),
            "agency_inspection_plan.publish": gettext_lazy("公示抽查结果"),
            "agency_inspection_plan.export": gettext_lazy("导出抽查计划"),
        },
    )
    labels.register(labels.JOB_KIND, {"agencies.import": gettext_lazy("导入服务机构名录")})
    labels.register(
        labels.SUMMARY_KEY,
        {
            "seed_hash": gettext_lazy("种子哈希"),
            "candidates_digest": gettext_lazy("候选机构名单摘要"),
            "inspectors_digest": gettext_lazy("检查人员名单摘要"),
            "candidates": gettext_lazy("候选机构数"),
            "drawn": gettext_lazy("抽中机构数"),
            "outcome": gettext_lazy("检查结果"),
            "agency": gettext_lazy("机构"),
            "title": gettext_lazy("计划名称"),
            "inspector": gettext_lazy("检查人员"),
            "practitioners": gettext_lazy("专利代理师"),
        },
    )

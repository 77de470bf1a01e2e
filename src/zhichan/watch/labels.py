"""The watch module's words for its codes, registered with core.labels from the manifest."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from zhichan.core import labels

NAME_REASON = "watch.name_reason"  # the names engine's reason codes (engines/names/compare.py)
NAME_REASONS = {
    "identical": gettext_lazy("字号与商标相同"),
    "containment": gettext_lazy("字号完整包含商标"),
    "name_containment": gettext_lazy("名称完整包含商标"),
    "sound_containment": gettext_lazy("名称部分与商标读音相同或近似"),
    "pinyin": gettext_lazy("名称含商标的拼音"),
    "sound": gettext_lazy("音近"),
    "shape": gettext_lazy("形近"),
    "mark_rule": gettext_lazy("商标近似规则"),
    "traditional": gettext_lazy("繁体字或异体字"),
    "related": gettext_lazy("行业关联"),
    "weakly_related": gettext_lazy("行业弱关联"),
    "unrelated": gettext_lazy("行业不关联"),
    "basis": gettext_lazy("判定依据"),
}


def register() -> None:
    labels.register(NAME_REASON, NAME_REASONS)
    labels.register(
        labels.OBJECT_TYPE,
        {
            "watch_mark": gettext_lazy("保护商标"),
            "watch_publication": gettext_lazy("商标初步审定公告"),
            "watch_alert": gettext_lazy("商标预警"),
            "watch_reminder": gettext_lazy("商标提醒"),
            "watch_request_review": gettext_lazy("监测申请审核"),
            "watch_alert_review": gettext_lazy("商标预警审查"),
            "watch_applicant_signal": gettext_lazy("申请人异常申请提示"),
            "watch_badfaith_finding": gettext_lazy("恶意申请认定记录"),
            "watch_name_alert": gettext_lazy("名称预警"),
            "watch_patent": gettext_lazy("监测专利"),
        },
    )
    labels.register(
        labels.AUDIT_ACTION,
        {
            "watch_mark.import": gettext_lazy("导入保护商标"),
            "watch_mark.request": gettext_lazy("申请监测商标"),
            "watch_mark.accept": gettext_lazy("纳入监测"),
            "watch_mark.decline": gettext_lazy("不予监测"),
            "watch_mark.renewal_reminders": gettext_lazy("发送续展提醒"),
            "watch_publication.import": gettext_lazy("导入商标公告"),
            "watch_publication.screen": gettext_lazy("筛查商标公告"),
            "watch_alert.dismiss": gettext_lazy("排除商标预警"),
            "watch_alert.confirm": gettext_lazy("确认商标预警"),
            "watch_alert.reopen": gettext_lazy("重新审查商标预警"),
            "watch_alert.notify": gettext_lazy("通知权利人"),
            "watch_alert.prepare": gettext_lazy("生成理由书草稿"),
            "watch_alert.outcome": gettext_lazy("记录异议或无效结果"),
            "watch_alert.digest": gettext_lazy("发送每周预警摘要"),
            "watch_applicant_signal.assess": gettext_lazy("评估申请人异常申请提示"),
            "watch_badfaith_finding.record": gettext_lazy("记录恶意申请认定"),
            "watch_name_alert.screen": gettext_lazy("筛查企业字号和网店名称"),
            "watch_name_alert.raise_again": gettext_lazy("名称变更后重新预警"),
            "watch_name_alert.dismiss": gettext_lazy("排除名称预警"),
            "watch_name_alert.confirm": gettext_lazy("确认名称预警"),
            "watch_name_alert.reopen": gettext_lazy("重新审查名称预警"),
            "watch_name_alert.notify": gettext_lazy("通知权利人（名称预警）"),
            "watch_name_alert.clue": gettext_lazy("由名称预警生成电商线索"),
            "watch_name_alert.outcome": gettext_lazy("记录名称预警结果"),
            "watch_patent.request": gettext_lazy("申请监测专利"),
            "watch_patent.add": gettext_lazy("添加监测专利"),
            "watch_patent.accept": gettext_lazy("纳入专利监测"),
            "watch_patent.decline": gettext_lazy("不予监测专利"),
            "watch_patent.events": gettext_lazy("读取监测专利的法律状态事件"),
        },
    )
    labels.register(
        labels.JOB_KIND,
        {
            "watch.marks_import": gettext_lazy("导入保护商标名录"),
            "watch.publication_import": gettext_lazy("导入并筛查商标公告"),
            "watch.screen": gettext_lazy("筛查商标公告"),
            "watch.renewals": gettext_lazy("商标续展提醒"),
            "watch.digest": gettext_lazy("每周商标预警摘要"),
            "watch.badfaith": gettext_lazy("评估申请人异常申请提示"),
            "watch.names_screen": gettext_lazy("筛查企业字号和网店名称"),
            "watch.patent_events": gettext_lazy("监测专利的法律状态事件"),
        },
    )
    labels.register(
        labels.SUMMARY_KEY,
        {
            "screened": gettext_lazy("已筛查"),
            "alerts": gettext_lazy("预警"),
            "reminders": gettext_lazy("提醒"),
            "digests": gettext_lazy("摘要"),
            "publications": gettext_lazy("公告期数"),
            "filings": gettext_lazy("申请件数"),
            "marks": gettext_lazy("保护商标数"),
            "mark": gettext_lazy("商标"),
            "registration_number": gettext_lazy("注册号"),
            "owners": gettext_lazy("权利人数"),
            "statement": gettext_lazy("理由书草稿"),
            "outcome": gettext_lazy("结果"),
            "flagged": gettext_lazy("提示关注的申请人组"),
            "high": gettext_lazy("高度关注"),
            "findings": gettext_lazy("认定记录"),
            "period": gettext_lazy("期间"),
            "run": gettext_lazy("评估批次"),
            "applicant": gettext_lazy("申请人"),
            "authority": gettext_lazy("认定机关"),
            "document_number": gettext_lazy("文书编号"),
            "decided_on": gettext_lazy("认定日期"),
            "agency": gettext_lazy("代理机构"),
            "document": gettext_lazy("认定文书"),
            "trade_names": gettext_lazy("企业字号数"),
            "shop_names": gettext_lazy("网店名称数"),
            "names": gettext_lazy("筛查名称数"),
            "name_alerts": gettext_lazy("新名称预警"),
            "name_alerts_refreshed": gettext_lazy("更新的名称预警"),
            "name_alerts_raised_again": gettext_lazy("名称变更后重新预警"),
            "clue_refused": gettext_lazy("未生成线索的原因"),
            "patents": gettext_lazy("监测专利数"),
            "urgent": gettext_lazy("紧急"),
            "patent": gettext_lazy("专利"),
            "state": gettext_lazy("状态"),
        },
    )

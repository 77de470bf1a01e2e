"""The cases module's words for its codes, registered with core.labels from the AppConfig."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from zhichan.core import labels


def register() -> None:
    from zhichan.cases.models import Channel, ClockKind, IntakeVia, Measure, SessionMode, Status
    from zhichan.cases.services import ACTION_LABELS

    labels.register_choices("cases.status", Status)
    labels.register_choices("cases.channel", Channel)
    labels.register_choices("cases.via", IntakeVia)
    labels.register_choices("cases.clock", ClockKind)
    labels.register_choices("cases.session_mode", SessionMode)
    labels.register_choices("cases.measure", Measure)
    labels.register(
        labels.OBJECT_TYPE,
        {
            "case": gettext_lazy("案件"),
            "case_reopen": gettext_lazy("重新办理案件"),
            "case_procedure": gettext_lazy("案件程序步骤"),
            "case_on_behalf": gettext_lazy("代为登记案件"),
            "case_in_person": gettext_lazy("本人提出请求"),
            "mediation_session": gettext_lazy("调解会议"),
            "mediator": gettext_lazy("调解员"),
            "mediator_roster": gettext_lazy("调解员名册"),
            "fair": gettext_lazy("展会"),
        },
    )
    labels.register(labels.AUDIT_ACTION, {f"case.{name}": label for name, label in ACTION_LABELS.items()})
    labels.register(
        labels.AUDIT_ACTION,
        {
            "case.create": gettext_lazy("登记案件"),
            "case.session_message": gettext_lazy("调解会议发言"),
            "mediator.conflict": gettext_lazy("申报利益冲突"),
        },
    )
    labels.register(
        labels.SUMMARY_KEY,
        {
            "number": gettext_lazy("编号"),
            "acceptance_number": gettext_lazy("受理编号"),
            "from": gettext_lazy("原状态"),
            "to": gettext_lazy("新状态"),
            "on": gettext_lazy("日期"),
            "via": gettext_lazy("受理途径"),
            "evidence": gettext_lazy("证据文件"),
            "proposed": gettext_lazy("建议途径"),
            "overridden": gettext_lazy("未采纳建议"),
            "previous_number": gettext_lazy("原编号"),
            "panel": gettext_lazy("合议组"),
            "pause": gettext_lazy("中止事由"),
            "clock": gettext_lazy("时限"),
            "amount": gettext_lazy("期间"),
            "unit": gettext_lazy("单位"),
            "rule_key": gettext_lazy("规则"),
            "served_on": gettext_lazy("送达日"),
            "mediator": gettext_lazy("调解员"),
            "session": gettext_lazy("调解会议"),
            "mode": gettext_lazy("方式"),
            "live": gettext_lazy("线上实时"),
            "participants": gettext_lazy("参加人"),
            "messages": gettext_lazy("发言条数"),
            "seq": gettext_lazy("序号"),
            "effective_on": gettext_lazy("生效日"),
            "court": gettext_lazy("法院"),
            "at": gettext_lazy("时间"),
            "late": gettext_lazy("逾期"),
            "measure": gettext_lazy("措施"),
            "stopped_clocks": gettext_lazy("停止的时限"),
            "restarted_clocks": gettext_lazy("重新计算的时限"),
            "request": gettext_lazy("请求"),
            "right": gettext_lazy("权利"),
            "party": gettext_lazy("当事人"),
            "relation": gettext_lazy("关系"),
            "period": gettext_lazy("期间"),
            "ban": gettext_lazy("禁展"),
            "edition": gettext_lazy("届次"),
            "consecutive": gettext_lazy("连续次数"),
            "filed_on": gettext_lazy("起诉日"),
            "in_time": gettext_lazy("在期限内"),
            "cases": gettext_lazy("案件期限"),  # core.calendar_recompute's count per app
        },
    )
    labels.value_kind(
        {
            "case.from": "cases.status",
            "case.to": "cases.status",
            "case.channel": "cases.channel",
            "case.proposed": "cases.channel",
            "case.via": "cases.via",
            "case.clock": "cases.clock",
            "case.stopped_clocks": "cases.clock",
            "case.restarted_clocks": "cases.clock",
            "case.mode": "cases.session_mode",
            "case.measure": "cases.measure",
        }
    )

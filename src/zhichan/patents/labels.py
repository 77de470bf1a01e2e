"""The patents module's words for its codes, registered with core.labels from the manifest."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from zhichan.core import labels


def register() -> None:
    from zhichan.patents.models import FeeReminderStage, LegalEventKind, LegalStatus, PatentKindChoice

    labels.register_choices("patents.kind", PatentKindChoice)
    labels.register_choices("patents.event_kind", LegalEventKind)
    labels.register_choices("patents.status", LegalStatus)
    labels.register_choices("patents.fee_stage", FeeReminderStage)
    labels.register(
        labels.OBJECT_TYPE,
        {
            "patent": gettext_lazy("专利"),
            "patent_event": gettext_lazy("专利法律状态"),
            "patent_fee": gettext_lazy("专利年费"),
            "patent_fee_reminder": gettext_lazy("年费提醒"),
        },
    )
    labels.register(
        labels.AUDIT_ACTION,
        {
            "patent.import": gettext_lazy("导入专利"),
            "patent.reindex": gettext_lazy("重建专利索引"),
            "patent_event.import": gettext_lazy("导入专利法律状态"),
            "patent.lapse_recorded": gettext_lazy("记录未缴年费终止"),
            "patent.fee_reminders": gettext_lazy("发送年费提醒"),
        },
    )
    labels.register(
        labels.SUMMARY_KEY,
        {
            "indexed": gettext_lazy("已索引"),
            "reminders": gettext_lazy("提醒"),
            "lapses": gettext_lazy("记录终止"),
            "patents": gettext_lazy("专利"),
            "fee_year": gettext_lazy("年度"),
            "due": gettext_lazy("缴费期限"),
            "grace_end": gettext_lazy("滞纳期至"),
            "number": gettext_lazy("编号"),
        },
    )
    labels.register(
        labels.JOB_KIND,
        {
            "patents.reindex": gettext_lazy("重建专利检索索引"),
            "patents.events_import": gettext_lazy("导入专利法律状态"),
            "patents.fee_reminders": gettext_lazy("专利年费提醒"),
        },
    )

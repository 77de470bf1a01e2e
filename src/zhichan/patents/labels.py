"""The patents module's words for its codes, registered with core.labels from the manifest."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from zhichan.core import labels


def register() -> None:
    from zhichan.patents.models import PatentKindChoice

    labels.register_choices("patents.kind", PatentKindChoice)
    labels.register(labels.OBJECT_TYPE, {"patent": gettext_lazy("专利")})
    labels.register(
        labels.AUDIT_ACTION,
        {
            "patent.import": gettext_lazy("导入专利"),
            "patent.reindex": gettext_lazy("重建专利索引"),
        },
    )
    labels.register(labels.SUMMARY_KEY, {"indexed": gettext_lazy("已索引")})
    labels.register(
        labels.JOB_KIND,
        {"patents.reindex": gettext_lazy("重建专利检索索引")},
    )

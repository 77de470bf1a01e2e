"""The watch module's procedures as data, run by the core workflow kernel.

An alert: the office reviews it (dismissed with a reason, or confirmed) and tells the owner; the office
or the owner prepares the opposition or invalidation (a draft statement of grounds) and records the
outcome. An owner's request to watch a mark is accepted or declined by the office.
"""

from django.utils.translation import gettext_lazy as _

from zhichan.core.workflow import Transition, Workflow
from zhichan.watch.models import Alert, AlertStatus, ProtectedMark, WatchState

S = AlertStatus

ALERT = Workflow(
    object_type="watch_alert",
    model=Alert,
    transitions=(
        Transition("dismiss", _("排除"), frozenset({S.NEW}), S.DISMISSED, "watch_alert_review"),
        Transition("confirm", _("确认"), frozenset({S.NEW}), S.CONFIRMED, "watch_alert_review"),
        Transition("reopen", _("重新审查"), frozenset({S.DISMISSED}), S.NEW, "watch_alert_review"),
        Transition("notify", _("通知权利人"), frozenset({S.CONFIRMED}), S.OWNER_NOTIFIED, "watch_alert_review"),
        Transition(
            "prepare",
            _("生成异议或无效宣告理由书草稿"),
            frozenset({S.CONFIRMED, S.OWNER_NOTIFIED, S.ACTION_PREPARED}),
            S.ACTION_PREPARED,
        ),
        Transition("outcome", _("记录结果"), frozenset({S.ACTION_PREPARED}), S.CLOSED),
    ),
)

WATCH_REQUEST = Workflow(
    object_type="watch_mark",
    model=ProtectedMark,
    state_field="watch_state",
    permission=("watch_request_review", "change"),
    transitions=(
        Transition("accept", _("纳入监测"), frozenset({WatchState.REQUESTED, WatchState.DECLINED}), WatchState.WATCHED),
        Transition(
            "decline", _("不予监测"), frozenset({WatchState.REQUESTED, WatchState.WATCHED}), WatchState.DECLINED
        ),
    ),
)

"""The watch module's procedures as data, run by the core workflow kernel.

An alert: the office reviews it (dismissed with a reason, or confirmed) and tells the owner; the office
or the owner prepares the opposition or invalidation (a draft statement of grounds) and records the
outcome. An owner's request to watch a mark is accepted or declined by the office.
"""

from django.utils.translation import gettext_lazy as _

from zhichan.core.workflow import Transition, Workflow
from zhichan.watch.models import (
    Alert,
    AlertStatus,
    NameAlert,
    NameAlertStatus,
    ProtectedMark,
    WatchedPatent,
    WatchState,
)


def _office_review(status: type[AlertStatus] | type[NameAlertStatus]) -> tuple[Transition, ...]:
    """The office's review, the same for an alert on a filing and on a name: dismissed (and reopened) or
    confirmed, then the owner told."""
    return (
        Transition("dismiss", _("排除"), frozenset({status.NEW}), status.DISMISSED, "watch_alert_review"),
        Transition("confirm", _("确认"), frozenset({status.NEW}), status.CONFIRMED, "watch_alert_review"),
        Transition("reopen", _("重新审查"), frozenset({status.DISMISSED}), status.NEW, "watch_alert_review"),
        Transition(
            "notify", _("通知权利人"), frozenset({status.CONFIRMED}), status.OWNER_NOTIFIED, "watch_alert_review"
        ),
    )


S = AlertStatus

ALERT = Workflow(
    object_type="watch_alert",
    model=Alert,
    transitions=(
        *_office_review(AlertStatus),
        Transition(
            "prepare",
            _("生成异议或无效宣告理由书草稿"),
            frozenset({S.CONFIRMED, S.OWNER_NOTIFIED, S.ACTION_PREPARED}),
            S.ACTION_PREPARED,
        ),
        Transition("outcome", _("记录结果"), frozenset({S.ACTION_PREPARED}), S.CLOSED),
    ),
)

N = NameAlertStatus

# A name alert: reviewed by the office, the owner told, the outcome recorded by either. No opposition
# applies to a name (it is not a filing): the remedy is a complaint to the market regulator or an action.
# `clue` makes the e-commerce clue of a confirmed shop-name alert when the confirmation could not.
NAME_ALERT = Workflow(
    object_type="watch_name_alert",
    model=NameAlert,
    transitions=(
        *_office_review(NameAlertStatus),
        Transition(
            "clue",
            _("生成电商线索"),
            frozenset({N.CONFIRMED, N.OWNER_NOTIFIED}),
            None,
            "watch_alert_review",
            applies=lambda alert: alert.source == "shop" and not alert.clue_ref,
        ),
        Transition("outcome", _("记录结果"), frozenset({N.CONFIRMED, N.OWNER_NOTIFIED}), N.CLOSED),
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

# An owner's request to watch one of its patents (its legal events), accepted or declined by the office.
PATENT_WATCH = Workflow(
    object_type="watch_patent",
    model=WatchedPatent,
    state_field="watch_state",
    permission=("watch_request_review", "change"),
    transitions=(
        Transition("accept", _("纳入监测"), frozenset({WatchState.REQUESTED, WatchState.DECLINED}), WatchState.WATCHED),
        Transition(
            "decline", _("不予监测"), frozenset({WatchState.REQUESTED, WatchState.WATCHED}), WatchState.DECLINED
        ),
    ),
)

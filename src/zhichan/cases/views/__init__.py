"""Pages of the cases app: a case and its actions, mediation and live sessions, fairs (`urls.py` names
each view from here)."""

from zhichan.cases.views.cases import act, detail, document, intake, queue, statistics
from zhichan.cases.views.fairs import fair_detail, fair_list
from zhichan.cases.views.sessions import mediation_room, session_end, session_post, session_room

__all__ = [
    "act",
    "detail",
    "document",
    "fair_detail",
    "fair_list",
    "intake",
    "mediation_room",
    "queue",
    "session_end",
    "session_post",
    "session_room",
    "statistics",
]

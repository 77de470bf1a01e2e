"""Every write of the cases app, by aggregate: the steps of the procedures (`workflows.py`) and the events
beside them. Importers name everything from here (`zhichan.cases.services`).

Each step is a service call that validates its input and hands its own fields to the core workflow
kernel, which refuses first (a denied audit row outside any transaction), then in one transaction locks
the case row, checks that the move is allowed from the current state (and channel), writes the fields,
the `CaseEvent`, the audit row and the clocks the step declares. An illegal move raises
`IllegalTransition` (a `ValidationError` with a Chinese message that says what the state allows).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from zhichan.cases.selectors import conflicts_for, consecutive_infringements, courts_for, session_candidates
from zhichan.cases.services.fairs import (
    fair_answer,
    fair_create,
    fair_decide,
    fair_measure,
    fair_notify,
    fair_transfer,
)
from zhichan.cases.services.intake import (
    FLAG_FIELDS,
    NUMBER_FIELDS,
    acceptance_number,
    case_intake,
    case_reroute,
    case_triage_decide,
    facts_of,
    preview_triage,
)
from zhichan.cases.services.lifecycle import case_close, case_refer, case_reopen, case_withdraw
from zhichan.cases.services.mediation import (
    agreement_sign,
    case_assign_mediator,
    case_mediation_fail,
    confirmation_apply,
    confirmation_decide,
    conflict_declare,
    mediation_consent,
    mediation_notify,
    mediator_register,
)
from zhichan.cases.services.ruling import (
    case_defence_overdue,
    case_docket,
    case_extend,
    case_forward_defence,
    case_hearing,
    case_receive_defence,
    case_refuse,
    case_resume,
    case_rule,
    case_serve,
    case_settle,
    case_suit_record,
    case_suspend,
)
from zhichan.cases.services.sessions import (
    MESSAGE_MAX_CHARS,
    may_end_session,
    session_end,
    session_open,
    session_post,
    session_record,
    transcript,
)
from zhichan.cases.services.steps import (
    ACTION_LABELS,
    CHANNEL_START,
    EXTENSION_RULES,
    TRANSITIONS,
    allowed_transitions,
    may_take_step,
    offered_transitions,
    recompute_all_clocks,
)
from zhichan.core.workflow import IllegalTransition, Transition

__all__ = [
    "ACTION_LABELS",
    "CHANNEL_START",
    "EXTENSION_RULES",
    "FLAG_FIELDS",
    "MESSAGE_MAX_CHARS",
    "NUMBER_FIELDS",
    "STEP_SERVICES",
    "TRANSITIONS",
    "IllegalTransition",
    "Transition",
    "acceptance_number",
    "agreement_sign",
    "allowed_transitions",
    "case_assign_mediator",
    "case_close",
    "case_defence_overdue",
    "case_docket",
    "case_extend",
    "case_forward_defence",
    "case_hearing",
    "case_intake",
    "case_mediation_fail",
    "case_receive_defence",
    "case_refer",
    "case_refuse",
    "case_reopen",
    "case_reroute",
    "case_resume",
    "case_rule",
    "case_serve",
    "case_settle",
    "case_suit_record",
    "case_suspend",
    "case_triage_decide",
    "case_withdraw",
    "confirmation_apply",
    "confirmation_decide",
    "conflict_declare",
    "conflicts_for",
    "consecutive_infringements",
    "courts_for",
    "facts_of",
    "fair_answer",
    "fair_create",
    "fair_decide",
    "fair_measure",
    "fair_notify",
    "fair_transfer",
    "may_end_session",
    "may_take_step",
    "mediation_consent",
    "mediation_notify",
    "mediator_register",
    "offered_transitions",
    "preview_triage",
    "recompute_all_clocks",
    "session_candidates",
    "session_end",
    "session_open",
    "session_post",
    "session_record",
    "transcript",
]


# The service that takes each action the case page posts: every step of the table (`workflows.py`), and
# the page's actions on a case that move no state (an extension, a party's suit, a live session).
STEP_SERVICES: dict[str, Callable[..., Any]] = {
    "triage": case_triage_decide,
    "docket": case_docket,
    "refuse": case_refuse,
    "serve": case_serve,
    "receive_defence": case_receive_defence,
    "defence_overdue": case_defence_overdue,
    "forward_defence": case_forward_defence,
    "hearing": case_hearing,
    "suspend": case_suspend,
    "resume": case_resume,
    "rule": case_rule,
    "settle": case_settle,
    "mediation_notify": mediation_notify,
    "mediation_consent": mediation_consent,
    "assign_mediator": case_assign_mediator,
    "session": session_record,
    "agreement": agreement_sign,
    "mediation_fail": case_mediation_fail,
    "apply_confirmation": confirmation_apply,
    "confirmation_valid": partial(confirmation_decide, valid=True),
    "confirmation_dismissed": partial(confirmation_decide, valid=False),
    "reroute": case_reroute,
    "fair_transfer": fair_transfer,
    "fair_notify": fair_notify,
    "fair_answer": fair_answer,
    "fair_measure": fair_measure,
    "fair_decide": fair_decide,
    "refer": case_refer,
    "close": case_close,
    "withdraw": case_withdraw,
    "reopen": case_reopen,
    "extend": case_extend,
    "suit_filed": case_suit_record,
    "open_session": session_open,
}

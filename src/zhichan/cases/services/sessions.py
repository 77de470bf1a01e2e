"""Mediation sessions: recorded ones, and live online ones with their numbered statements and minutes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.cases.models import (
    Case,
    MediationSession,
    SessionMessage,
    SessionMode,
    SessionState,
)
from zhichan.cases.selectors import session_candidates
from zhichan.cases.services.steps import (
    _date,
    _deny,
    _now,
    _take,
)
from zhichan.cases.timeline import event_record
from zhichan.core import audit
from zhichan.core.policy import Action, permits
from zhichan.core.services import deny
from zhichan.core.workflow import IllegalTransition


def session_record(
    *, actor: Any, case: Case, mode: str, held_at: datetime | None = None, place: str = "", minutes: str = ""
) -> MediationSession:
    """A mediation session held (online elsewhere, or in person), `held_at` now unless said."""
    if mode not in SessionMode.values:
        raise ValidationError({"mode": _("请选择调解方式")})
    held_at = held_at or _now()
    recorded: list[MediationSession] = []

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        session = MediationSession.objects.create(
            case=case, mediator=case.mediator or actor, held_at=held_at, mode=mode, place=place, minutes=minutes
        )
        recorded.append(session)
        return [], {"session": session.pk, "mode": mode}

    _take(actor, case, "session", on=timezone.localtime(held_at).date(), write=write)
    return recorded[0]


MESSAGE_MAX_CHARS = 2000


def session_open(*, actor: Any, case: Case, participants: Iterable[Any], place: str = "") -> MediationSession:
    """Open a live online session in the platform's room, with the invited parties' people."""
    invited = list({person.pk: person for person in participants}.values())
    if not invited:
        raise ValidationError({"participants": _("请至少邀请一名当事人参加")})
    allowed = set(session_candidates(case).values_list("pk", flat=True))
    strangers = [str(person) for person in invited if person.pk not in allowed]
    if strangers:
        raise ValidationError(
            {"participants": _("%(names)s 不是本案当事人或其工作人员，不能邀请") % {"names": "、".join(strangers)}}
        )
    opened: list[MediationSession] = []

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        if case.sessions.filter(state=SessionState.LIVE).exists():
            raise IllegalTransition(_("本案已有进行中的在线调解，请先结束"))
        mediator = case.mediator or actor
        session = MediationSession.objects.create(
            case=case,
            mediator=mediator,
            held_at=_now(),
            mode=SessionMode.ONLINE,
            place=place.strip()[:300] or str(_("平台在线调解室")),
            state=SessionState.LIVE,
        )
        session.participants.set([mediator, *invited])
        opened.append(session)
        return [], {
            "session": str(session.public_id),
            "mode": SessionMode.ONLINE,
            "live": True,
            "participants": sorted(str(person.public_id) for person in invited),
        }

    _take(actor, case, "session", on=_date(None), write=write)
    return opened[0]


def _session_locked(session: MediationSession) -> MediationSession:
    locked = MediationSession.objects.select_for_update().select_related("case").get(pk=session.pk)
    if locked.state != SessionState.LIVE:
        raise IllegalTransition(_("本次调解已结束"))
    return locked


def session_post(*, actor: Any, session: MediationSession, text: str) -> SessionMessage:
    """A participant's statement in a live session: numbered, kept as said, its digest in the audit chain."""
    if not permits(actor, "mediation_session", Action.CHANGE, session):
        deny(actor=actor, action="case.session_message", object_type="case", object_id=session.case_id)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("发言内容不能为空")})
    if len(text) > MESSAGE_MAX_CHARS:
        raise ValidationError(
            {"text": _("发言不能超过 %(n)s 字（现为 %(m)s 字）") % {"n": MESSAGE_MAX_CHARS, "m": len(text)}}
        )
    with transaction.atomic():
        session = _session_locked(session)
        if session.case.is_closed:
            raise IllegalTransition(_("案件已办结，不能继续发言"))
        last = session.messages.order_by("-seq").values_list("seq", flat=True).first() or 0
        message = SessionMessage.objects.create(session=session, seq=last + 1, author=actor, at=_now(), text=text)
        audit.record(
            actor=actor,
            action="case.session_message",
            object_type="case",
            object_id=session.case_id,
            summary={
                "session": str(session.public_id),
                "seq": message.seq,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
            },
        )
    return message


def transcript(statements: Iterable[SessionMessage]) -> str:
    """The statements in order, one line each, as the minutes record them."""
    return "\n".join(f"{timezone.localtime(m.at):%Y-%m-%d %H:%M:%S} {m.author}：{m.text}" for m in statements)


def session_end(*, actor: Any, session: MediationSession, summary: str = "") -> MediationSession:
    """The mediator (or an official) ends the session; the transcript and the summary become its minutes."""
    case = session.case
    if not may_end_session(actor, session):
        _deny(actor, "case.session_end", case)
    with transaction.atomic():
        session = _session_locked(session)
        statements = list(session.messages.select_related("author"))
        minutes = transcript(statements)
        if summary.strip():
            minutes = f"{minutes}\n\n{_('调解员小结')}：{summary.strip()}".strip()
        session.minutes = minutes
        session.state = SessionState.ENDED
        session.ended_at = _now()
        session.save(update_fields=["minutes", "state", "ended_at"])
        event_record(
            actor,
            session.case,
            "session_end",
            note=summary.strip(),
            data={"session": str(session.public_id), "messages": len(statements)},
            at=session.ended_at,
        )
        audit.record(
            actor=actor,
            action="case.session_end",
            object_type="case",
            object_id=session.case_id,
            summary={
                "session": str(session.public_id),
                "messages": len(statements),
                "minutes_sha256": hashlib.sha256(minutes.encode()).hexdigest(),
            },
        )
    return session


def may_end_session(actor: Any, session: MediationSession) -> bool:
    """The office may end any session of a case it may change; a mediator only the session they lead."""
    if not permits(actor, "case", Action.CHANGE, session.case):
        return False
    return permits(actor, "case_procedure", Action.CHANGE, session.case) or session.mediator_id == actor.pk

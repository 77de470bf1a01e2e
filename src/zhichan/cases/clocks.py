"""The bridge between a case's stored clocks and the pure calendar engine.

A `CaseClock` row keeps what the law needs (rule, start, pauses, approved extensions); the engine
rebuilds a `Clock` from it and computes the due date. The due date stored on the row is a cache for
sorting the queue; pages ask the engine again for today's state. `Start` and `Stop` are the clock
effects a step of the workflow declares (`workflows.py`); the kernel applies them in the step's
transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from django.utils import timezone

from zhichan.cases.conf import conf
from zhichan.cases.models import PARTY_CLOCKS, Case, CaseClock, ClockKind
from zhichan.core.calendar import platform_calendar
from zhichan.core.labels import missing_holidays
from zhichan.engines.calendar import (
    Clock,
    ClockError,
    ClockState,
    ClockStatus,
    PauseKind,
    Period,
    Unit,
    WorkCalendar,
    YearNotCovered,
)
from zhichan.engines.rules import rule


def _moment(value: str, hours: bool) -> date:
    return datetime.fromisoformat(value) if hours else date.fromisoformat(value)


def engine_clock(row: CaseClock) -> Clock:
    """The engine's clock for a stored row, with its pauses and extensions replayed in order."""
    hours = row.unit == Unit.HOURS
    start: date = row.start_at if hours else row.start_on  # type: ignore[assignment]
    clock = Clock(start=start, period=Period(row.amount, Unit(row.unit)), rule_key=row.rule_key)
    for pause in row.pauses:
        clock = clock.pause(PauseKind(pause["kind"]), _moment(pause["start"], hours), pause.get("reason", ""))
        if pause.get("end"):
            clock = clock.resume(_moment(pause["end"], hours))
    for ext in row.extensions:
        clock = clock.extend(
            Period(ext["amount"], Unit(ext["unit"])),
            approved_by=ext["approved_by"],
            approved_on=date.fromisoformat(ext["approved_on"]),
            rule_key=ext["rule_key"],
        )
    return clock


def today_for(row: CaseClock, on: date | datetime | None = None) -> date:
    """What the engine takes as "today": a Beijing date for day clocks, an aware instant for hours."""
    if row.unit == Unit.HOURS:
        if isinstance(on, datetime):
            return on
        return timezone.now()
    if isinstance(on, datetime):
        return timezone.localtime(on).date()
    return on or timezone.localdate()


# A clock's state is a pure function of the clock, the calendar and the day; the case list and the queue ask
# it for the same clocks on every request (issue 20, load). Kept per calendar object: a holiday import or
# the calendar's refresh brings a new object and so a new memo. Hour clocks ask at "now" and are not kept.
STATUS_MEMO_SIZE = 50_000
_status_memo: tuple[WorkCalendar | None, dict[tuple[Clock, date], ClockStatus]] = (None, {})


def clock_status(row: CaseClock, on: date | datetime | None = None) -> ClockStatus:
    """Today's state of a stored clock (raises the engine's `YearNotCovered` / `ClockError`)."""
    global _status_memo
    clock, calendar, today = engine_clock(row), platform_calendar(), today_for(row, on)
    if row.unit == Unit.HOURS:
        return clock.status(calendar, today)
    owner, memo = _status_memo
    if owner is not calendar or len(memo) >= STATUS_MEMO_SIZE:
        memo = {}
        _status_memo = (calendar, memo)
    found = memo.get((clock, today))
    if found is None:
        found = memo[(clock, today)] = clock.status(calendar, today)
    return found


def refresh(row: CaseClock, on: date | datetime | None = None) -> None:
    """Recompute the cached due date (not saved); a year beyond any holiday data is noted, not guessed."""
    row.paused = bool(row.pauses) and not row.pauses[-1].get("end")
    try:
        status = clock_status(row, on)
    except YearNotCovered as exc:
        row.due_on = row.expires_at = None
        row.problem = missing_holidays(exc)[:300]
        return
    row.due_on = status.due
    row.expires_at = status.deadline.expires_at
    row.problem = ""


# Model.get_FOO_display() rebuilds the choices mapping on every call: a measurable share of a case list.
_KIND_LABELS: dict[str, Any] = dict(ClockKind.choices)


@dataclass(frozen=True)
class ClockView:
    """A clock as shown on pages: its state today and its colour."""

    row: CaseClock
    status: ClockStatus | None
    colour: str  # green, amber, red, paused, done, lapsed (a party's window passed), unknown
    problem: str = ""

    @property
    def label(self) -> str:
        return _KIND_LABELS.get(self.row.kind, self.row.kind)

    @property
    def provisional(self) -> bool:
        """The due date counts a year whose holiday notice is not imported yet (it may still move)."""
        return self.status is not None and self.status.deadline.provisional

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.row.kind,
            "label": str(self.label),
            "rule_key": self.row.rule_key,
            "colour": self.colour,
            "due_on": self.row.due_on.isoformat() if self.row.due_on else None,
            "stopped_at": self.row.stopped_at.isoformat() if self.row.stopped_at else None,
            "status": self.status.as_dict() if self.status else None,
            "problem": self.problem,
            "provisional": self.provisional,
        }


def view(row: CaseClock, on: date | datetime | None = None) -> ClockView:
    if row.stopped_at is not None:
        return ClockView(row, None, "done")
    try:
        status = clock_status(row, on)
    except YearNotCovered as exc:
        return ClockView(row, None, "unknown", missing_holidays(exc))
    except ClockError as exc:
        return ClockView(row, None, "unknown", str(exc))
    if status.state is ClockState.PAUSED:
        return ClockView(row, status, "paused")
    if status.state is ClockState.EXPIRED:
        return ClockView(row, status, "lapsed" if row.kind in PARTY_CLOCKS else "red")
    if status.remaining_working_days is None:
        amber = status.remaining.total_seconds() <= conf("CASES_AMBER_HOURS") * 3600
    elif status.remaining_working_days == 0:
        return ClockView(row, status, "red")  # today is the last day
    else:
        amber = status.remaining_working_days <= conf("CASES_AMBER_WORKING_DAYS")
    return ClockView(row, status, "amber" if amber else "green")


def start(case: Case, kind: str, rule_key: str, since: date | datetime, *, amount: int | None = None) -> CaseClock:
    """Start (or start again) the case's clock of `kind` under its rule, counted from `since`."""
    found = rule(rule_key)
    hours = found.unit == Unit.HOURS
    row, _created = CaseClock.objects.update_or_create(
        case=case,
        kind=kind,
        defaults={
            "rule_key": rule_key,
            "amount": amount or found.as_int(),
            "unit": found.unit,
            "start_on": None if hours else since,
            "start_at": since if hours else None,
            "pauses": [],
            "extensions": [],
            "stopped_at": None,
        },
    )
    refresh(row, since)
    row.save()
    return row


def stop(case: Case, *kinds: str) -> None:
    """Stop the case's running clocks of `kinds` (every running clock when none is named)."""
    running = case.clocks.filter(stopped_at__isnull=True)
    (running.filter(kind__in=kinds) if kinds else running).update(stopped_at=timezone.now())


def recompute(case: Case, on: date | datetime | None = None) -> None:
    """Refresh the cached due dates of the case's running clocks (after every move)."""
    for row in case.clocks.filter(stopped_at__isnull=True):
        refresh(row, on)
        row.save(update_fields=["due_on", "expires_at", "problem", "paused"])


@dataclass(frozen=True)
class Start:
    """A step starts a clock of `kind` under `rule_key` (or the rule the case calls for), counted from
    the step's day (or from what `since` names: a key of the step's context or a function of the
    case), for the cases `when` accepts; `amount` overrides the rule's length (a fair's own period)."""

    before_move: ClassVar[bool] = False
    kind: str
    rule_key: str | Callable[[Case], str]
    since: str | Callable[[Case], date | datetime] = "on"
    when: Callable[[Case], bool] | None = None
    amount: Callable[[Case], int | None] | None = None

    def apply(self, obj: Case, step: Any) -> None:
        if self.when is not None and not self.when(obj):
            return
        key = self.rule_key if isinstance(self.rule_key, str) else self.rule_key(obj)
        since = step.context[self.since] if isinstance(self.since, str) else self.since(obj)
        start(obj, self.kind, key, since, amount=self.amount(obj) if self.amount else None)


@dataclass(frozen=True, init=False)
class Stop:
    """A step stops the case's running clocks of these kinds (every running clock when none is named)."""

    before_move: ClassVar[bool] = True
    kinds: tuple[str, ...]

    def __init__(self, *kinds: str) -> None:
        object.__setattr__(self, "kinds", kinds)

    def apply(self, obj: Case, step: Any) -> None:
        stop(obj, *self.kinds)

"""A legal clock: a period that pauses, resumes and is extended with approval, as a value.

Procedures such as the patent ruling of Decree 81 exclude some periods from their time limit
(suspension, public notice, inspection or appraisal ...) and allow approved extensions (Art. 37).
A `Clock` records these events; each change returns a new clock, so the case keeps its history and
the engine stays pure. `Clock.status(calendar, today)` computes the due date, the state and the time
left, with the steps that explain them; "today" is always given by the caller.

A pause that begins on day D stops the clock from D on: D is not counted. A resumption on day R
starts counting again from R. A pause still open on `today` is treated as lasting through today.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from zhichan.engines.calendar.periods import (
    BEIJING,
    Deadline,
    Period,
    Span,
    Step,
    Unit,
    compute_deadline,
    end_of_day,
)
from zhichan.engines.calendar.workdays import WorkCalendar
from zhichan.engines.rules import rule


class ClockError(ValueError):
    """An event that the clock cannot take (resume while running, pause before the start ...)."""


class PauseKind(StrEnum):
    SUSPENSION = "suspension"
    PUBLIC_NOTICE = "public_notice"
    APPRAISAL = "appraisal"
    JURISDICTION_OBJECTION = "jurisdiction_objection"
    EVIDENCE_EXTENSION = "evidence_extension"
    SETTLEMENT = "settlement"
    NOTARISATION = "notarisation"

    @property
    def zh(self) -> str:
        return _PAUSE_ZH[self]


_PAUSE_ZH = {
    PauseKind.SUSPENSION: "中止",
    PauseKind.PUBLIC_NOTICE: "公告",
    PauseKind.APPRAISAL: "检验、鉴定",
    PauseKind.JURISDICTION_OBJECTION: "管辖权异议",
    PauseKind.EVIDENCE_EXTENSION: "当事人申请延期举证",
    PauseKind.SETTLEMENT: "和解",
    PauseKind.NOTARISATION: "公证、认证",
}


class ClockState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class Pause:
    """An excluded stretch: from `start` (not counted) until `end` (counted again); open if `end` is None."""

    kind: PauseKind
    start: date
    end: date | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Extension:
    """An approved lengthening of the period; `rule_key` names the rule that allows it and its maximum."""

    period: Period
    approved_by: str
    approved_on: date
    rule_key: str = ""


@dataclass(frozen=True, slots=True)
class ClockStatus:
    state: ClockState
    deadline: Deadline
    remaining: timedelta  # from the end of `today` (day clocks) or from `now` (hour clocks); < 0 overdue
    remaining_working_days: int | None  # working days after today up to the due date; None for hours

    @property
    def due(self) -> date:
        return self.deadline.due

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.deadline.steps

    def as_dict(self) -> dict[str, object]:
        return {
            "state": self.state.value,
            "remaining_seconds": int(self.remaining.total_seconds()),
            "remaining_days": self.remaining.days,
            "remaining_working_days": self.remaining_working_days,
            **self.deadline.as_dict(),
        }


def _as_of(today: date, hours: bool) -> date:
    """Day clocks take a date (a datetime is read in Beijing time); hour clocks need an aware datetime."""
    if hours:
        if not isinstance(today, datetime) or today.tzinfo is None:
            raise ClockError("按小时计算的时钟需要带时区的当前时间 / an hour clock needs an aware datetime")
        return today
    if isinstance(today, datetime):
        if today.tzinfo is None:
            raise ClockError("当前时间须带时区 / the current time must be timezone-aware")
        return today.astimezone(BEIJING).date()
    return today


@dataclass(frozen=True, slots=True)
class Clock:
    """A legal period from `start`, with its pauses and approved extensions.

    `start` is a date for day, working-day, month and year periods, and an aware datetime for hour
    periods (pause and resume moments then are datetimes too).
    """

    start: date
    period: Period
    rule_key: str = ""
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()

    def __post_init__(self) -> None:
        self._moment(self.start)

    @classmethod
    def for_rule(cls, key: str, start: date) -> Clock:
        """The clock of a legal rule, e.g. `Clock.for_rule("decree81.decision", docketed_on)`."""
        return cls(start=start, period=Period.of_rule(key), rule_key=key)

    @property
    def paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1].end is None

    def pause(self, kind: PauseKind, on: date, reason: str = "") -> Clock:
        on = self._moment(on)
        if self.paused:
            raise ClockError(f"时钟已于 {self.pauses[-1].start.isoformat()} 暂停，不能再次暂停 / already paused")
        if on < self.start:
            raise ClockError(f"暂停日 {on.isoformat()} 早于起算日 / a pause cannot precede the start")
        previous = self.pauses[-1].end if self.pauses else None
        if previous is not None and on < previous:
            raise ClockError(f"暂停日 {on.isoformat()} 早于上次恢复日 / pauses cannot overlap")
        return replace(self, pauses=(*self.pauses, Pause(PauseKind(kind), on, None, reason)))

    def resume(self, on: date) -> Clock:
        on = self._moment(on)
        if not self.paused:
            raise ClockError("时钟未暂停，不能恢复 / the clock is not paused")
        last = self.pauses[-1]
        if on < last.start:
            raise ClockError(f"恢复日 {on.isoformat()} 早于暂停日 / cannot resume before the pause")
        return replace(self, pauses=(*self.pauses[:-1], replace(last, end=on)))

    def extend(self, period: Period, *, approved_by: str, approved_on: date, rule_key: str = "") -> Clock:
        """Lengthen the period with an approval; with `rule_key`, the rule's value caps the extension."""
        if not approved_by.strip():
            raise ClockError("延长期限须有批准人 / an extension needs an approver")
        if period.unit != self.period.unit:
            raise ClockError(f"延长的单位须与期间一致：{period.zh} / {self.period.zh}")
        if rule_key:
            cap = Period.of_rule(rule_key)
            used = sum(ext.period.amount for ext in self.extensions if ext.rule_key == rule_key)
            if cap.unit != period.unit or used + period.amount > cap.amount:
                raise ClockError(
                    f"依 {rule(rule_key).basis} 最多延长 {cap.zh}，已延长 {used}，"
                    f"不能再延长 {period.zh} / over the allowed extension"
                )
        return replace(self, extensions=(*self.extensions, Extension(period, approved_by, approved_on, rule_key)))

    def deadline(self, calendar: WorkCalendar, today: date) -> Deadline:
        """The due date with every pause and extension applied; an open pause runs through `today`."""
        hours = self.period.unit is Unit.HOURS
        now = _as_of(today, hours)
        total = self.period
        steps: list[Step] = []
        for ext in self.extensions:
            total = total + ext.period
            text_zh = f"经{ext.approved_by}于 {ext.approved_on.isoformat()} 批准延长{ext.period.zh}，期间共{total.zh}"
            text_en = f"Extended by {ext.period.en}, approved by {ext.approved_by} on {ext.approved_on.isoformat()}"
            steps.append(Step.citing(ext.rule_key, text_zh, text_en) if ext.rule_key else Step(text_zh, text_en))
        spans = []
        for pause in self.pauses:
            end = pause.end
            if end is None:
                end = now if hours else now + timedelta(days=1)
                label = "尚未恢复，按暂停至今计算" if hours else "尚未恢复，按暂停至今日计算"
                steps.append(
                    Step(
                        zh=f"自 {pause.start.isoformat()} 起因{pause.kind.zh}暂停，{label}；恢复后期限继续顺延",
                        en=f"Paused for {pause.kind.value} since {pause.start.isoformat()}, not yet resumed; "
                        "counted as paused up to now, the deadline moves on until it resumes.",
                    )
                )
            if end > pause.start:
                spans.append(Span(pause.start, end, f"因{pause.kind.zh}暂停", f"the {pause.kind.value} pause"))
        found = compute_deadline(self.start, total, calendar, excluded=tuple(spans))
        if self.rule_key:
            steps.insert(0, Step.citing(self.rule_key, f"法定期间 {self.period.zh}", f"Legal period: {self.period.en}"))
        return replace(found, period=self.period, steps=(*steps, *found.steps))

    def status(self, calendar: WorkCalendar, today: date) -> ClockStatus:
        """State (running, paused, expired), due date and time left as of `today`."""
        now = _as_of(today, self.period.unit is Unit.HOURS)
        found = self.deadline(calendar, today)
        working: int | None = None
        if isinstance(now, datetime):  # an hour clock: time left from this instant
            remaining = found.expires_at - now
            expired = remaining <= timedelta(0)
        else:
            remaining = found.expires_at - end_of_day(now)
            working = calendar.working_days_between(now, found.due) if found.due > now else 0
            expired = remaining < timedelta(0)
        if self.paused:
            state = ClockState.PAUSED
        elif expired:
            state = ClockState.EXPIRED
        else:
            state = ClockState.RUNNING
        return ClockStatus(state, found, remaining, working)

    def _moment(self, on: date) -> date:
        if self.period.unit is Unit.HOURS:
            return _as_of(on, hours=True)
        if isinstance(on, datetime):
            raise ClockError("按日计算的时钟以日期起算、暂停和恢复 / a day clock uses dates")
        return on

"""Random sequences of case moves by random people on random days (hypothesis state machine).

Invariants: a closed case moves only by an authorised reopen; a refused move changes nothing; every
move is one CaseEvent and one audit row; while a case is suspended its decision clock is paused and
its due date keeps moving out (a paused clock does not run).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from zhichan.cases import clocks
from zhichan.cases import services as s
from zhichan.cases.models import CLOSED_STATUSES, CaseEvent, ClockKind, Status
from zhichan.core.models import AuditEntry
from zhichan.engines.calendar import ClockState, YearNotCovered, default_calendar

ACTORS = ["official", "mediator", "rights_holder", "administrator"]
SEEN: Counter[str] = Counter()  # which moves succeeded or were refused: the test checks both happened


def _moves(machine):
    """name -> function(actor, case, today) calling the service for that move."""
    m = machine
    return {
        "docket": lambda a, c, d: s.case_docket(actor=a, case=c, panel=["甲", "乙", "丙"], on=d),
        "refuse": lambda a, c, d: s.case_refuse(actor=a, case=c, reason="不符合受理条件", on=d),
        "serve": lambda a, c, d: s.case_serve(actor=a, case=c, on=d),
        "receive_defence": lambda a, c, d: s.case_receive_defence(actor=a, case=c, on=d),
        "defence_overdue": lambda a, c, d: s.case_defence_overdue(actor=a, case=c, on=d),
        "forward_defence": lambda a, c, d: s.case_forward_defence(actor=a, case=c, on=d),
        "hearing": lambda a, c, d: s.case_hearing(actor=a, case=c, on=d),
        "suspend": lambda a, c, d: s.case_suspend(actor=a, case=c, kind="appraisal", reason="鉴定", on=d),
        "resume": lambda a, c, d: s.case_resume(actor=a, case=c, on=d),
        "extend": lambda a, c, d: s.case_extend(actor=a, case=c, kind=ClockKind.DECISION, approved_by="局长", on=d),
        "rule": lambda a, c, d: s.case_rule(actor=a, case=c, outcome="侵权成立", on=d),
        "settle": lambda a, c, d: s.case_settle(actor=a, case=c, on=d),
        "mediation_notify": lambda a, c, d: s.mediation_notify(actor=a, case=c, on=d),
        "mediation_consent": lambda a, c, d: s.mediation_consent(actor=a, case=c, on=d),
        "assign_mediator": lambda a, c, d: s.case_assign_mediator(actor=a, case=c, mediator=m.mediator, on=d),
        "mediation_fail": lambda a, c, d: s.case_mediation_fail(actor=a, case=c, reason="不成", on=d),
        "reroute": lambda a, c, d: s.case_reroute(
            actor=a, case=c, channel="administrative_ruling", reason="转裁决", on=d
        ),
        "withdraw": lambda a, c, d: s.case_withdraw(actor=a, case=c, reason="撤回", on=d),
        "close": lambda a, c, d: s.case_close(actor=a, case=c, outcome="办结", on=d),
        "reopen": lambda a, c, d: s.case_reopen(actor=a, case=c, reason="复查", on=d),
    }


class CaseMachine(RuleBasedStateMachine):
    users: dict
    complaint: object
    mediator: object

    @initialize(channel=st.sampled_from(["administrative_ruling", "mediation"]))
    def start(self, channel):
        self.today = date(2025, 3, 3)
        self.case = self.complaint()
        self.case = s.case_triage_decide(actor=self.users["official"], case=self.case, channel=channel, reason="测试")
        self.moves = _moves(self)

    @rule(name=st.sampled_from(sorted(_moves(None))), who=st.sampled_from(ACTORS), days=st.integers(0, 20))
    def any_move(self, name, who, days):
        self.move(name, who, days)

    @rule(pick=st.integers(0, 100), days=st.integers(0, 20))
    def allowed_move(self, pick, days):
        """A move the state machine allows now, by an official (so that runs go deep, not only refused)."""
        names = [t.name for t in s.allowed_transitions(self.case) if t.name in self.moves]
        if names:
            self.move(names[pick % len(names)], "official", days)

    def move(self, name, who, days):
        self.today += timedelta(days=days)
        before = self.case.status
        events = CaseEvent.objects.filter(case=self.case).count()
        try:
            self.case = self.moves[name](self.users[who], self.case, self.today)
        except (ValidationError, PermissionDenied):
            SEEN[f"refused {name}"] += 1
            self.case.refresh_from_db()
            assert self.case.status == before
            assert CaseEvent.objects.filter(case=self.case).count() == events
            return
        SEEN[f"moved {name}"] += 1
        assert CaseEvent.objects.filter(case=self.case).count() == events + 1
        if before in CLOSED_STATUSES:
            assert name == "reopen" and who == "official"
        if name == "reopen":
            assert before in CLOSED_STATUSES and self.case.status not in CLOSED_STATUSES

    @invariant()
    def every_move_is_audited(self):
        if not hasattr(self, "case"):
            return
        moves = Counter(CaseEvent.objects.filter(case=self.case).values_list("action", flat=True))
        audited = Counter(
            AuditEntry.objects.filter(object_type="case", object_id=str(self.case.pk), result="success").values_list(
                "action", flat=True
            )
        )
        assert {f"case.{k}": v for k, v in moves.items()} == audited

    @invariant()
    def a_paused_clock_does_not_run(self):
        if not hasattr(self, "case") or self.case.status != Status.SUSPENDED:
            return
        row = self.case.clocks.get(kind=ClockKind.DECISION)
        clock = clocks.engine_clock(row)
        try:
            now = clock.status(default_calendar(), self.today)
            later = clock.status(default_calendar(), self.today + timedelta(days=30))
        except YearNotCovered:
            return  # beyond the holiday data: the engine refuses to guess, nothing to compare
        assert now.state is ClockState.PAUSED and later.state is ClockState.PAUSED
        assert later.due >= now.due  # never sooner while paused
        # A pause inside the counted days moves the due date out day for day (give or take a holiday
        # at the end, at most 9 days). A pause that began after the last counted day (e.g. during the
        # rest days the deadline was moved over) changes nothing: the period had run out.
        paused_on = date.fromisoformat(row.pauses[-1]["start"])
        unpaused = replace(clock, pauses=clock.pauses[:-1]).deadline(default_calendar(), self.today).due
        if paused_on <= unpaused - timedelta(days=10):
            assert later.due >= now.due + timedelta(days=30) - timedelta(days=9)
        elif paused_on > unpaused:
            assert later.due == now.due


@pytest.mark.django_db
@pytest.mark.slow
def test_case_state_machine(users, complaint, mediator):
    CaseMachine.users = users
    CaseMachine.complaint = staticmethod(complaint)
    CaseMachine.mediator = mediator
    run_state_machine_as_test(
        CaseMachine,
        settings=settings(
            max_examples=30, stateful_step_count=20, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
    moved = {key.split()[1] for key in SEEN if key.startswith("moved")}
    assert {"docket", "suspend", "resume", "reopen", "assign_mediator"} <= moved, SEEN

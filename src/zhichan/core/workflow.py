"""One workflow kernel: a module's state machines are data (`workflows.py`), run by `transition_run`.

A transition names the states it leaves from, the state it reaches and the policy object whose CHANGE
right it needs (a step of one party: the platform takes measures, the rights holder reports its
complaint). `transition_run` does what every move needs, in the order decision 0600 fixed for cases:
refuse first, with a durable denied audit row outside any transaction (a refusal is never rolled back
with the refused write); then, in one transaction, lock the row, check the state it is in, let the
service write its named fields, set the new state, save only those fields and record the audit row.
Workflow tests are generated from the same tables (`tests/kit.workflow_cells`).

A module whose moves do more declares it on the table rather than in each service: `effects` on a
transition (cases start and stop their legal clocks), a workflow's `record` (the module's own record of
the move, such as a case's timeline row) and `after` (work after every move, such as refreshing cached
due dates), all inside the step's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from zhichan.core import audit
from zhichan.core.policy import Action, permits
from zhichan.core.services import deny, require


class IllegalTransition(ValidationError):
    """A move the workflow does not allow from the object's current state."""


@dataclass(frozen=True)
class Step:
    """The move being made, as a transition's effects and its workflow's hooks see it."""

    actor: Any
    transition: Transition
    source: str
    target: str
    context: Mapping[str, Any]  # what the service passed for them (the day the step was taken, ...)


class Effect(Protocol):
    """Work a transition declares beside the service's write, done in the step's transaction.

    Effects with `before_move` run before the new state is recorded (a clock the step stops is not one
    the move into a closed state stops), the others after the audit row (a clock the step starts runs
    in the new state).
    """

    before_move: bool

    def apply(self, obj: Any, step: Step) -> None: ...


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any  # lazily translated: what the step is called on pages and in the timeline
    sources: frozenset[str]
    target: str | None  # None: the service's write sets the state (one of several, such as a resumed one)
    permission: str = ""  # a policy object type whose CHANGE right the step needs, beyond the object's own
    effects: tuple[Effect, ...] = ()
    # the objects the step applies to at all, beyond their state (a case's channel); None: every one
    applies: Callable[[Any], bool] | None = None

    def open_to(self, obj: Any, state: str) -> bool:
        """Whether the step may be taken from `state` on `obj` (who takes it is asked elsewhere)."""
        return state in self.sources and (self.applies is None or self.applies(obj))


@dataclass(frozen=True)
class Workflow:
    object_type: str  # the policy object type of the objects it moves (CHANGE is always needed)
    model: type[models.Model]
    transitions: tuple[Transition, ...]
    state_field: str = "status"
    # The right every step needs: CHANGE on the object unless another (object type, action) is named,
    # e.g. ("plan_review", "create") for the office's review of what departments submit.
    permission: tuple[str, str] | None = None
    # audit a refusal as the step (`case.docket`) whichever right was missing, instead of by that right
    refusal_as_step: bool = False
    # the module's own record of every move (a timeline row): returns the fields it set on the object
    # and what the audit row should add
    record: Callable[[Any, Step, dict[str, Any]], tuple[Iterable[str], dict[str, Any]]] | None = None
    after: Callable[[Any, Step], None] | None = None  # after every move and its effects
    by_name: dict[str, Transition] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {t.name: t for t in self.transitions})

    def transition(self, name: str) -> Transition:
        try:
            return self.by_name[name]
        except KeyError:
            raise ValidationError({"step": _("未知的步骤“%(s)s”") % {"s": name}}) from None

    def from_state(self, state: str) -> list[Transition]:
        """The moves the state machine allows from `state` (before asking who may make them)."""
        return [t for t in self.transitions if state in t.sources]

    def available(self, obj: models.Model) -> list[Transition]:
        """The moves open to `obj` in its current state (those of `from_state` that apply to it)."""
        state = getattr(obj, self.state_field)
        return [t for t in self.transitions if t.open_to(obj, state)]

    def base_permission(self, obj: models.Model) -> tuple[str, Action, models.Model | None]:
        """(object type, action, object) of the right every step needs; a right of another object type
        (a role's right such as reviewing) is asked without the object."""
        if self.permission is None:
            return self.object_type, Action.CHANGE, obj
        return self.permission[0], Action(self.permission[1]), None

    def states(self) -> list[str]:
        seen: list[str] = []
        for t in self.transitions:
            for state in (*sorted(t.sources), t.target):
                if state is not None and state not in seen:  # a target left to the service names no state
                    seen.append(state)
        return seen


def may_take(actor: Any, workflow: Workflow, name: str, obj: models.Model) -> bool:
    """Whether the policy lets `actor` take the step on `obj` (the state is not asked: see `from_state`)."""
    t = workflow.transition(name)
    return permits(actor, *workflow.base_permission(obj)) and (
        not t.permission or permits(actor, t.permission, Action.CHANGE, obj)
    )


def _state_label(obj: models.Model, state_field: str) -> str:
    display = getattr(obj, f"get_{state_field}_display", None)
    return str(display()) if display else str(getattr(obj, state_field))


def transition_run(
    *,
    actor: Any,
    obj: models.Model,
    workflow: Workflow,
    name: str,
    write: Callable[[Any], tuple[Iterable[str], dict[str, Any]]] | None = None,
    refused_state: Callable[[Any], str] | None = None,
    precheck: Callable[[], None] | None = None,
    context: Mapping[str, Any] | None = None,
) -> Any:
    """Take the step `name` on `obj`: refuse (durably) or lock, check, write, move and audit.

    `write(locked)` validates and sets the step's own fields on the locked row and returns the names of
    the fields it set and what the audit row should add; a ValidationError it raises writes nothing.
    `refused_state(locked)` words the refusal of a step from a state it does not leave from, where the
    procedure has something better to say than the list of allowed steps (who decided it already).
    `precheck()` makes the step's own refusals after the policy's, still before the transaction (each
    audited durably); `context` is handed to the transition's effects and the workflow's hooks.
    """
    t = workflow.transition(name)
    if workflow.refusal_as_step and not may_take(actor, workflow, name, obj):
        deny(actor=actor, action=f"{workflow.object_type}.{name}", object_type=workflow.object_type, object_id=obj.pk)
    base_type, base_action, base_obj = workflow.base_permission(obj)
    require(actor, base_type, base_action, base_obj)
    if t.permission and not permits(actor, t.permission, Action.CHANGE, obj):
        deny(
            actor=actor,
            action=f"{workflow.object_type}.{name}",
            object_type=workflow.object_type,
            object_id=obj.pk,
            reason="step belongs to another party",
            message=_("此步骤应由另一方办理"),
        )
    if precheck is not None:
        precheck()
    with transaction.atomic():
        # the caller's object is the one moved: locked and re-read as now stored, then written
        obj.refresh_from_db(from_queryset=workflow.model._default_manager.select_for_update())
        locked = obj
        before = getattr(locked, workflow.state_field)
        if not t.open_to(locked, before) and refused_state is not None:
            raise IllegalTransition(refused_state(locked))
        if not t.open_to(locked, before):
            allowed = "、".join(str(x.label) for x in workflow.available(locked)) or _("无")
            raise IllegalTransition(
                _("当前状态为“%(state)s”，不能“%(step)s”；当前可以：%(allowed)s")
                % {"state": _state_label(locked, workflow.state_field), "step": t.label, "allowed": allowed}
            )
        fields, summary = write(locked) if write else ((), {})
        fields = [*fields]
        target = t.target if t.target is not None else getattr(locked, workflow.state_field)
        step = Step(actor=actor, transition=t, source=before, target=target, context=context or {})
        for effect in t.effects:
            if effect.before_move:
                effect.apply(locked, step)
        if workflow.record is not None:
            recorded, added = workflow.record(locked, step, summary)
            fields, summary = [*fields, *recorded], {**summary, **added}
        setattr(locked, workflow.state_field, target)
        fields = [f for f in dict.fromkeys(fields) if f != workflow.state_field]
        locked.save(update_fields=[workflow.state_field, *fields])
        audit.record(
            actor=actor,
            action=f"{workflow.object_type}.{name}",
            object_type=workflow.object_type,
            object_id=locked.pk,
            summary={"from": before, "to": target, **summary},
        )
        for effect in t.effects:
            if not effect.before_move:
                effect.apply(locked, step)
        if workflow.after is not None:
            workflow.after(locked, step)
    return locked

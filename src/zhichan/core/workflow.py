"""One workflow kernel: a module's state machines are data (`workflows.py`), run by `transition_run`.

A transition names the states it leaves from, the state it reaches and the policy object whose CHANGE
right it needs (a step of one party: the platform takes measures, the rights holder reports its
complaint). `transition_run` does what every move needs, in the order decision 0600 fixed for cases:
refuse first, with a durable denied audit row outside any transaction (a refusal is never rolled back
with the refused write); then, in one transaction, lock the row, check the state it is in, let the
service write its named fields, set the new state, save only those fields and record the audit row.
Workflow tests are generated from the same tables (`tests/kit.workflow_cells`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from zhichan.core import audit
from zhichan.core.policy import Action, permits
from zhichan.core.services import deny, require


class IllegalTransition(ValidationError):
    """A move the workflow does not allow from the object's current state."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any  # lazily translated: what the step is called on pages and in the timeline
    sources: frozenset[str]
    target: str
    permission: str = ""  # a policy object type whose CHANGE right the step needs, beyond the object's own


@dataclass(frozen=True)
class Workflow:
    object_type: str  # the policy object type of the objects it moves (CHANGE is always needed)
    model: type[models.Model]
    transitions: tuple[Transition, ...]
    state_field: str = "status"
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

    def states(self) -> list[str]:
        seen: list[str] = []
        for t in self.transitions:
            for state in (*sorted(t.sources), t.target):
                if state not in seen:
                    seen.append(state)
        return seen


def may_take(actor: Any, workflow: Workflow, name: str, obj: models.Model) -> bool:
    """Whether the policy lets `actor` take the step on `obj` (the state is not asked: see `from_state`)."""
    t = workflow.transition(name)
    return permits(actor, workflow.object_type, Action.CHANGE, obj) and (
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
) -> Any:
    """Take the step `name` on `obj`: refuse (durably) or lock, check, write, move and audit.

    `write(locked)` validates and sets the step's own fields on the locked row and returns the names of
    the fields it set and what the audit row should add; a ValidationError it raises writes nothing.
    """
    t = workflow.transition(name)
    require(actor, workflow.object_type, Action.CHANGE, obj)
    if t.permission and not permits(actor, t.permission, Action.CHANGE, obj):
        deny(
            actor=actor,
            action=f"{workflow.object_type}.{name}",
            object_type=workflow.object_type,
            object_id=obj.pk,
            reason="step belongs to another party",
            message=_("此步骤应由另一方办理"),
        )
    with transaction.atomic():
        locked = workflow.model._default_manager.select_for_update().get(pk=obj.pk)
        before = getattr(locked, workflow.state_field)
        if before not in t.sources:
            allowed = "、".join(str(x.label) for x in workflow.from_state(before)) or _("无")
            raise IllegalTransition(
                _("当前状态为“%(state)s”，不能“%(step)s”；当前可以：%(allowed)s")
                % {"state": _state_label(locked, workflow.state_field), "step": t.label, "allowed": allowed}
            )
        fields, summary = write(locked) if write else ((), {})
        setattr(locked, workflow.state_field, t.target)
        locked.save(update_fields=[workflow.state_field, *fields])
        audit.record(
            actor=actor,
            action=f"{workflow.object_type}.{name}",
            object_type=workflow.object_type,
            object_id=locked.pk,
            summary={"from": before, "to": t.target, **summary},
        )
    return locked

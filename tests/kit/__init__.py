"""Test kit shared by the tests of every app.

`assert_denied_and_audited` is the one way to test a refusal: it checks the refusal itself (a service's
PermissionDenied, or a page's or the API's 403/404) and the denied audit row it must leave behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.db.models import Max

from zhichan.core.models import AuditEntry


def _committed(pk: Any) -> bool:
    """Whether another database connection (another thread's) sees the row: only committed rows are seen."""
    seen: list[bool] = []

    def look() -> None:
        try:
            seen.append(AuditEntry.objects.filter(pk=pk).exists())
        finally:
            connections.close_all()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join()
    return seen == [True]


def assert_denied_and_audited(
    call: Callable[[], Any],
    *,
    action: str,
    object_type: str,
    object_id: Any,
    reason: str | None = None,
    raises: type[BaseException] = PermissionDenied,
    status: int | Iterable[int] = (403, 404),
) -> AuditEntry:
    """Run `call` and check that it was refused and that exactly that refusal was audited, durably.

    `call` is a service call that must raise `raises` (PermissionDenied unless said otherwise), or a page
    or API request whose response must have `status` (403 or 404 unless said otherwise). Afterwards
    exactly one new audit entry with result "denied" exists, for `action` on `object_type` and
    `object_id` ("" for a refusal that names no object), with `reason` when one is given.

    Durability: the entry is looked for after the call has raised, that is after every transaction the
    refused code opened has been rolled back, so a denial recorded inside the refused write is found
    missing (and `denial_record`, being durable, fails such a call with RuntimeError before that). In a
    `transaction=True` test the entry must also be visible to another database connection, i.e. committed.

    Returns the entry, for further checks of its summary.
    """
    before = AuditEntry.objects.aggregate(last=Max("seq"))["last"] or 0
    try:
        response = call()
    except raises as exc:
        refusal: Any = exc
    else:
        code = getattr(response, "status_code", None)
        expected = {status} if isinstance(status, int) else set(status)
        if code is None:
            raise AssertionError(f"expected {raises.__name__}, but the call returned {response!r}")
        assert code in expected, f"expected a refusal ({sorted(expected)}), the response is {code}"
        refusal = response
    new = list(AuditEntry.objects.filter(result="denied", seq__gt=before).order_by("seq"))
    found = [(e.action, e.object_type, e.object_id, e.summary.get("reason")) for e in new]
    assert len(new) == 1, f"{refusal!r}: expected exactly one new denied audit entry, found {found}"
    entry = new[0]
    assert (entry.action, entry.object_type, entry.object_id) == (action, object_type, str(object_id or "")), (
        f"the denied audit entry is {found[0]}, expected {(action, object_type, str(object_id or ''))}"
    )
    if reason is not None:
        assert entry.summary.get("reason") == reason, f"denial reason {entry.summary.get('reason')!r} != {reason!r}"
    if not connection.in_atomic_block:
        assert _committed(entry.pk), "the denied audit entry is not committed (another connection cannot see it)"
    return entry


def workflow_cells(
    workflow: Any, actors: Iterable[str], states: Iterable[str] | None = None
) -> list[tuple[str, str, str]]:
    """Every (state, transition, actor) cell of a workflow table, to parametrize a test with; `states`
    narrows the states to one procedure's where a table serves several (cases: one per channel)."""
    return [
        (state, t.name, actor)
        for state in (workflow.states() if states is None else states)
        for t in workflow.transitions
        for actor in actors
    ]


def assert_workflow_cell(
    *, workflow: Any, obj: Any, state: str, name: str, actor: Any, take: Callable[[], Any]
) -> None:
    """Put `obj` in `state`, let `actor` take step `name` (`take()`), and check the answer the tables give.

    Refused by the policy (the object's CHANGE right, then the step's own permission): PermissionDenied
    with its durable denied audit row, nothing moved. Allowed by the policy but not from this state:
    IllegalTransition, nothing moved. Otherwise the object is in the step's target state, audited. A step
    that does not apply to the object (a case's channel) is refused as one not open from its state.
    """
    from zhichan.core.policy import Action, permits
    from zhichan.core.workflow import IllegalTransition, may_take

    workflow.model._default_manager.filter(pk=obj.pk).update(**{workflow.state_field: state})
    obj.refresh_from_db()
    transition = workflow.transition(name)
    base_type, base_action, base_obj = workflow.base_permission(obj)
    if workflow.refusal_as_step and not may_take(actor, workflow, name, obj):
        assert_denied_and_audited(
            take, action=f"{workflow.object_type}.{name}", object_type=workflow.object_type, object_id=obj.pk
        )
    elif not permits(actor, base_type, base_action, base_obj):
        assert_denied_and_audited(
            take, action=f"{base_type}.{base_action}", object_type=base_type, object_id=getattr(base_obj, "pk", "")
        )
    elif transition.permission and not permits(actor, transition.permission, Action.CHANGE, obj):
        assert_denied_and_audited(
            take, action=f"{workflow.object_type}.{name}", object_type=workflow.object_type, object_id=obj.pk
        )
    elif not transition.open_to(obj, state):
        try:
            take()
        except IllegalTransition:
            pass
        else:
            raise AssertionError(f"{name} from {state} was not refused")
    else:
        before = AuditEntry.objects.aggregate(last=Max("seq"))["last"] or 0
        take()
        obj.refresh_from_db()
        if transition.target is not None:  # else the step's write chose the state (tested with its service)
            assert getattr(obj, workflow.state_field) == transition.target
        assert AuditEntry.objects.filter(
            seq__gt=before, action=f"{workflow.object_type}.{name}", result="success", object_id=str(obj.pk)
        ).exists()
        return
    obj.refresh_from_db()
    assert getattr(obj, workflow.state_field) == state, f"{name} from {state} by a refused actor moved the object"

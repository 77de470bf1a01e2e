"""Two officials reviewing one submission at once: the row is locked and its status checked inside the
transaction, so exactly one decides and the other is told, in Chinese or English, that it is decided."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import translation

from zhichan.core.models import AuditEntry, User
from zhichan.planning import services
from zhichan.planning.models import AnnualPlan, DepartmentAlias, ReviewStatus
from zhichan.planning.services import annual_plan_save, submission_review


def _submitted(plan, actor):
    task = next(t for t in plan.tasks.order_by("number") if "市市场监管局" in t.lead_units)
    department = DepartmentAlias.objects.get(name="市市场监管局").organisation
    return annual_plan_save(
        actor=actor,
        task=task,
        year=2023,
        measures="制定年度工作方案",
        milestones=[],
        department=department,
        submit=True,
    )


def _second_official(users):
    return User.objects.create_user(
        username="t-official-2", password="x" * 12, role="official", display_name="第二审核人", organisation=None
    )


@pytest.mark.django_db
def test_a_decided_submission_is_not_reviewed_again_and_says_so_in_both_languages(plan, users):
    entry = _submitted(plan, users["official"])
    submission_review(actor=users["official"], entry=entry, approve=True)
    stale = AnnualPlan.objects.get(pk=entry.pk)
    stale.review_status = ReviewStatus.SUBMITTED  # what a page loaded before the decision still shows
    with pytest.raises(ValidationError) as chinese:
        submission_review(actor=_second_official(users), entry=stale, approve=False, comment="请补充")
    assert chinese.value.messages == ["该内容已由official审核（已通过），不能重复审核"]
    with translation.override("en"), pytest.raises(ValidationError) as english:
        submission_review(actor=users["official"], entry=stale, approve=True)
    assert english.value.messages == [
        "This has already been reviewed by official (Approved) and cannot be reviewed again"
    ]
    assert AnnualPlan.objects.get(pk=entry.pk).review_status == ReviewStatus.APPROVED
    assert AuditEntry.objects.filter(object_type="plan_annual_plan", action__endswith=".approve").count() == 1
    assert not AuditEntry.objects.filter(object_type="plan_annual_plan", action__endswith=".return").exists()


@pytest.mark.django_db(transaction=True)
def test_two_officials_approving_at_once_exactly_one_wins(plan, users, monkeypatch):
    entry = _submitted(plan, users["official"])
    officials = [users["official"], _second_official(users)]
    # Widen the window: whoever writes first holds its transaction open a moment before committing, so
    # the other one reaches the check while the first decision is not yet committed. Without the row
    # lock both would see "submitted" and both would approve.
    slow = services.audit_record

    def audit_record_slowly(**kwargs):
        time.sleep(0.3)
        return slow(**kwargs)

    monkeypatch.setattr(services, "audit_record", audit_record_slowly)
    start = threading.Barrier(len(officials))
    won: list[str] = []
    refused: list[list[str]] = []
    errors: list[BaseException] = []

    def approve(official: User) -> None:
        try:
            stale = AnnualPlan.objects.get(pk=entry.pk)  # both load the submission as "submitted"
            start.wait()
            submission_review(actor=official, entry=stale, approve=True)
            won.append(official.username)
        except ValidationError as exc:
            refused.append(exc.messages)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(official,)) for official in officials]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(won) == 1 and len(refused) == 1
    winner = next(o for o in officials if o.username == won[0])
    assert refused == [[f"该内容已由{winner}审核（已通过），不能重复审核"]]
    stored = AnnualPlan.objects.get(pk=entry.pk)
    assert stored.review_status == ReviewStatus.APPROVED and stored.reviewed_by == winner
    approvals = AuditEntry.objects.filter(action="plan_annual_plan.approve", object_id=str(entry.pk))
    assert list(approvals.values_list("actor_label", flat=True)) == [winner.username]

"""The listing's due process (notice, defence period, second official, publication, removal), credit
repair after the minimum period only, and the eligibility check over the management period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhichan.core.models import AuditEntry, Role, User
from zhichan.credit import services
from zhichan.credit.models import Listing, ListingStatus, Measure
from zhichan.credit.signals import credit_signals
from zhichan.programmes.extension import IneligibilityQuery

TODAY = date(2026, 11, 25)


@pytest.fixture
def world(users, orgs):
    official = users["official"]
    second = User.objects.create_user(
        username="t-official-2", password="x", role=Role.OFFICIAL, organisation=official.organisation
    )
    Measure.objects.create(
        code="subsidy_strict",
        name="财政性资金项目申请从严审批",
        purposes=["subsidy"],
        applies="both",
        department="广州市财政局",
        basis="《知识产权信用管理规定》第十三条（待核实）",
    )
    file = services.credit_file_for(actor=official, credit_code=orgs["other"].credit_code)
    return {"official": official, "second": second, "file": file}


def _event(world, months_ago: int, day: date = TODAY):
    from zhichan.engines.calendar import add_months

    return services.credit_event_record(
        actor=world["official"],
        file=world["file"],
        event_type="bad_faith_filing",
        category="bad_faith_mark",
        document_number=f"商标异字〔2025〕{months_ago}号",
        document_date=add_months(day, -months_ago),
        authority="国家知识产权局",
    )


def test_an_event_11_months_old_blocks_a_subsidy_and_at_13_months_it_does_not(world, orgs):
    code = orgs["other"].credit_code
    _event(world, 13)
    assert services.eligibility_check(actor=world["official"], credit_code=code, purpose="subsidy", on=TODAY).eligible
    _event(world, 11)
    answer = services.eligibility_check(actor=world["official"], credit_code=code, purpose="subsidy", on=TODAY)
    assert not answer.eligible and answer.measures[0]["code"] == "subsidy_strict"
    assert [g.code for g in answer.grounds] == ["credit_management"]
    assert services.eligibility_check(actor=world["official"], credit_code=code, purpose="fair", on=TODAY).eligible
    query = IneligibilityQuery(organisation_id=orgs["other"].pk, credit_code=code, items=(), on=TODAY)
    assert [s.code for s in credit_signals(query)] == ["credit_management"]


def test_a_repair_before_the_minimum_time_is_refused_with_the_reason(world):
    event = _event(world, 3)
    with pytest.raises(ValidationError) as refused:
        services.repair_submit(actor=world["official"], event=event, grounds="已整改", on=TODAY)
    assert "最短期限" in str(refused.value) and "起方可申请" in str(refused.value)
    old = _event(world, 7)
    application = services.repair_submit(actor=world["official"], event=old, grounds="已撤回申请并整改", on=TODAY)
    services.repair_review(actor=world["official"], application=application, note="材料齐全")
    services.repair_decide(actor=world["second"], application=application, grant=True, reason="符合修复条件", on=TODAY)
    old.refresh_from_db()
    assert old.repaired_on == TODAY


def _listed(world):
    event = _event(world, 1)
    listing = services.listing_propose(
        actor=world["official"], file=world["file"], events=[event], grounds="恶意注册情节严重", on=TODAY
    )
    services.listing_notify(actor=world["official"], listing=listing, on=TODAY)
    listing.refresh_from_db()
    return listing


def test_the_listing_runs_its_due_process_with_a_second_official(world, orgs):
    listing = _listed(world)
    assert listing.status == ListingStatus.NOTIFIED and listing.defence_until > TODAY and listing.notice_digest
    with pytest.raises(ValidationError):  # the defence period has not run
        services.listing_decide(
            actor=world["second"], listing=listing, decision_number="穗知信〔2026〕1号", reason="", on=TODAY
        )
    after = listing.defence_until + timedelta(days=1)
    with pytest.raises(PermissionDenied):  # the proposer may not decide
        services.listing_decide(
            actor=world["official"], listing=listing, decision_number="穗知信〔2026〕1号", reason="", on=after
        )
    services.listing_decide(
        actor=world["second"], listing=listing, decision_number="穗知信〔2026〕1号", reason="成立", on=after
    )
    services.listing_publish(actor=world["second"], listing=listing, on=after)
    listing.refresh_from_db()
    code = orgs["other"].credit_code
    answer = services.eligibility_check(actor=world["official"], credit_code=code, purpose="subsidy", on=after)
    assert "serious_dishonesty" in {g.code for g in answer.grounds}
    with pytest.raises(ValidationError):  # early removal before the minimum period
        services.listing_remove_early(actor=world["official"], listing=listing, grounds="已整改", on=after)
    services.listing_expire(actor=world["official"], listing=listing, on=listing.management_until + timedelta(days=1))
    listing.refresh_from_db()
    assert listing.status == ListingStatus.REMOVED
    later = listing.management_until + timedelta(days=40)
    assert services.eligibility_check(actor=world["official"], credit_code=code, purpose="subsidy", on=later).eligible
    steps = set(AuditEntry.objects.filter(object_id=str(listing.pk)).values_list("action", flat=True))
    assert {"credit_listing.propose", "credit_listing.notify", "credit_listing.decide"} <= steps
    assert {"credit_listing.publish", "credit_listing.expire"} <= steps


STEPS = st.lists(st.sampled_from(["decide_proposer", "decide_second", "publish", "wait", "notify"]), max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_no_listing_without_notice_defence_period_and_a_second_official(world, steps):
    listing = services.listing_propose(
        actor=world["official"], file=world["file"], events=[_event(world, 1)], grounds="理由", on=TODAY
    )
    day = TODAY
    for step in steps:
        try:
            if step == "wait":
                day += timedelta(days=5)
            elif step == "notify":
                services.listing_notify(actor=world["official"], listing=listing, on=day)
            elif step == "publish":
                services.listing_publish(actor=world["second"], listing=listing, on=day)
            else:
                who = world["official"] if step == "decide_proposer" else world["second"]
                services.listing_decide(actor=who, listing=listing, decision_number="决定1", reason="", on=day)
        except (ValidationError, PermissionDenied):
            pass
        listing = Listing.objects.get(pk=listing.pk)
        if listing.status in (ListingStatus.DECIDED, ListingStatus.PUBLISHED):
            assert listing.notice_on is not None and listing.decided_on > listing.defence_until
            assert listing.decided_by_id != listing.proposed_by_id
            assert AuditEntry.objects.filter(object_id=str(listing.pk), action="credit_listing.notify").exists()

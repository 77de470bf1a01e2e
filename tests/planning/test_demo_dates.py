"""The demo's plan content on another day than usual, and the plan import's title."""

from __future__ import annotations

from freezegun import freeze_time

from zhichan.planning.demo import PLAN_TITLE


def test_nothing_is_reported_for_a_period_not_yet_over(db):
    """Loaded in the middle of 2025, the demo has no report for the second quarter on (nor the year)."""
    from zhichan.core.districts import ensure_districts
    from zhichan.core.models import District, Role, User
    from zhichan.core.services import organisation_create
    from zhichan.planning.demo import load
    from zhichan.planning.models import Milestone, ProgressReport

    ensure_districts(District)
    official = User.objects.create_user(username="official", password="x-123456789", role=Role.OFFICIAL)
    commerce = organisation_create(actor=official, data={"name": "广州市商务局", "kind": "government_department"})
    User.objects.create_user(username="liaison", password="x-123456789", role=Role.LIAISON, organisation=commerce)
    with freeze_time("2025-05-10 02:00:00"):
        load(admin=None, organisations={})
    reports = ProgressReport.objects.filter(year=2025)
    assert reports.exists() and {r.quarter for r in reports} == {1}
    assert not Milestone.objects.filter(done_on__gte="2025-05-10").exists()
    assert ProgressReport.objects.filter(department=commerce).exists()


def test_a_second_import_of_the_same_text_with_a_title_only_retitles(users, plan_text):
    from zhichan.core.models import AuditEntry
    from zhichan.planning.services import plan_import

    first = plan_import(actor=users["official"], text=plan_text)
    assert first.plan.title == "知识产权规划（2021—2025年）"  # from the years: the text has no title line
    again = plan_import(actor=users["official"], text=plan_text, title=PLAN_TITLE)
    assert again.unchanged and again.retitled and again.plan.title == PLAN_TITLE
    assert PLAN_TITLE in again.summary()
    entry = AuditEntry.objects.filter(action="plan.import").order_by("-pk").first()
    assert entry.summary["title"] == ["知识产权规划（2021—2025年）", PLAN_TITLE]
    assert not plan_import(actor=users["official"], text=plan_text, title=PLAN_TITLE).retitled

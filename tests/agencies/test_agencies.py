"""The agencies module: the directory's import, 挂证, the indicator, the draw through the services,
results and their publication, pages per role and refusals audited."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.kit import assert_denied_and_audited
from zhichan.agencies import indicators, selectors, services
from zhichan.agencies.demo import code
from zhichan.agencies.models import Agency, Inspection, InspectionPlan, Practitioner
from zhichan.core import imports
from zhichan.core.models import AuditEntry, Membership, Role, User
from zhichan.engines.tabular import open_table

HEADER = "机构名称,统一社会信用代码,机构类型,执业许可证号,总机构信用代码,所在区,服务项目,品牌机构,专利代理师,资格证号\n"


def directory_csv(own_code: str) -> str:
    return HEADER + "".join(
        [
            f"广州甲专利代理事务所,{code(1)},专利代理机构,44001,,天河区,专利申请|无效宣告,品牌服务机构,张明,C001\n",
            f"广州甲专利代理事务所,{code(1)},专利代理机构,44001,,天河区,,,李华,C002\n",
            f"广州甲专利代理事务所番禺分所,{code(2)},专利代理机构,44001,{code(1)},番禺区,,,王芳,C003\n",
            f"广州乙知识产权代理有限公司,{code(3)},专利代理机构,44003,,越秀区,,,张明,C001\n",
            f"广州酒家集团股份有限公司,{own_code},知识产权咨询服务,,,天河区,,,,\n",
            f"广州丙商标代理有限公司,{code(4)},商标代理机构,,,越秀区,,,,\n",
        ]
    )


def _import(text: str, actor, encoding: str = "gbk"):
    stream = open_table(io.BytesIO(text.encode(encoding)), "agencies.csv")
    return imports.run(services.agencies_import_spec(), actor=actor, stream=stream)


@pytest.fixture
def directory(users, orgs):
    report = _import(directory_csv(orgs["own"].credit_code), users["official"])
    assert (report.created, report.rows_with_errors) == (5, 0), report.errors
    return report


def test_a_gbk_file_builds_the_directory_with_branches_practitioners_and_the_organisation(directory, orgs):
    head = Agency.objects.get(credit_code=code(1))
    assert head.services == ["专利申请", "无效宣告"] and head.brand_status == "brand"
    assert head.district == "440106" and head.licence_number == "44001"
    assert list(head.practitioners.values_list("certificate_number", flat=True).order_by("certificate_number")) == [
        "C001",
        "C002",
    ]
    branch = Agency.objects.get(credit_code=code(2))
    assert branch.parent == head and branch.district == "440113"
    assert Agency.objects.get(credit_code=orgs["own"].credit_code).organisation == orgs["own"]
    assert directory.extra["practitioners"] == 4


def test_importing_again_changes_nothing(directory, users, orgs):
    again = _import(directory_csv(orgs["own"].credit_code), users["official"])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert Practitioner.objects.count() == 4


def test_one_bad_row_writes_nothing_and_names_rows_and_fields(users):
    text = HEADER + (
        f"广州甲专利代理事务所,{code(1)},专利代理机构,44001,,天河区,,,,\n"
        "广州乙代理有限公司,91440101MA5000002X,专利代理机构,,,火星区,,,张三,\n"
        f"广州丁代理有限公司,{code(9)},律所,,,,,,,\n"
        f"广州戊分所,{code(8)},知识产权咨询服务,,{code(7)},,,,,\n"
    )
    report = _import(text, users["official"])
    found = {(e.row, e.field) for e in report.errors}
    assert {(3, "统一社会信用代码"), (3, "执业许可证号"), (3, "所在区"), (3, "资格证号"), (4, "机构类型")} <= found
    assert Agency.objects.count() == 0
    only_orphan = _import(HEADER + f"广州戊分所,{code(8)},知识产权咨询服务,,{code(7)},,,,,\n", users["official"])
    assert [(e.row, e.field) for e in only_orphan.errors] == [(2, "总机构信用代码")]
    assert Agency.objects.count() == 0


def test_a_certificate_in_two_patent_agencies_is_detected_but_not_one_in_a_branch(directory, users):
    found = selectors.dual_registrations(user=users["official"])
    assert [row["certificate_number"] for row in found] == ["C001"]
    assert {p.agency.credit_code for p in found[0]["practitioners"]} == {code(1), code(3)}
    head = Agency.objects.get(credit_code=code(1))
    Practitioner.objects.create(agency=head.branches.get(), name="李华", certificate_number="C002")
    assert [row["certificate_number"] for row in selectors.dual_registrations(user=users["official"])] == ["C001"]


def test_the_indicator_counts_agencies_in_business_by_district_and_kind(directory, users):
    official = users["official"]
    by = indicators.count_by(actor=official, year=2026)
    assert by == {
        ("440106", "patent_agency"): 1,
        ("440106", "consulting"): 1,
        ("440113", "patent_agency"): 1,
        ("440104", "patent_agency"): 1,
        ("440104", "trademark_agency"): 1,
    }
    assert indicators.service_agencies(actor=official, year=2026, quarter=None).value == Decimal(5)
    assert indicators.patent_agencies(actor=official, year=2026, quarter=None).value == Decimal(3)
    assert indicators.service_agencies(actor=official, year=2019, quarter=None).value == 0  # created later
    Agency.objects.filter(credit_code=code(4)).update(active=False)
    assert indicators.service_agencies(actor=official, year=2026, quarter=None).record_count == 4


def test_agency_staff_see_only_their_own_agency(directory, users, orgs):
    staff = users["agency_staff"]
    assert [a.credit_code for a in selectors.agency_list(user=staff)] == [orgs["own"].credit_code]


# --- the draw through the services ---

POOL = [("JF01", "刘一"), ("JF02", "陈二"), ("JF03", "张三"), ("JF04", "李四"), ("JF05", "王五")]


def _plan(official, **extra):
    data = {
        "title": "2026年专利代理机构抽查",
        "scope_kinds": ["patent_agency", "trademark_agency"],
        "share": Decimal("0.5"),
        "inspectors_per_agency": 2,
        "period_start": date(2026, 10, 1),
        "period_end": date(2026, 12, 31),
        **extra,
    }
    return services.plan_create(actor=official, data=data, inspectors=POOL)


def test_the_seed_hash_is_audited_before_the_draw_and_the_draw_verifies(directory, users):
    official = users["official"]
    plan = services.plan_fix(actor=official, plan=_plan(official))
    assert len(plan.candidates) == 4 and plan.seed_hash and plan.seed_public == ""
    plan = services.plan_draw(actor=official, plan=plan)
    fix = AuditEntry.objects.get(action="agency_inspection_plan.fix", object_id=str(plan.pk))
    drawn = AuditEntry.objects.get(action="agency_inspection_plan.draw", object_id=str(plan.pk))
    assert fix.seq < drawn.seq and fix.summary["seed_hash"] == plan.seed_hash
    assert plan.inspections.count() == 2  # ceil(0.5 × 4)
    assert services.plan_verify(plan) == []
    assert plan.seed_public == plan.seed
    out = io.StringIO()
    call_command("agencies", "verify-draw", str(plan.pk), stdout=out)
    assert "verified" in out.getvalue()


def test_a_changed_candidate_or_a_tampered_result_fails_verification(directory, users):
    official = users["official"]
    plan = services.plan_draw(actor=official, plan=services.plan_fix(actor=official, plan=_plan(official)))
    changed = InspectionPlan.objects.get(pk=plan.pk)
    changed.candidates = [[changed.candidates[0][0], "另一家机构"], *changed.candidates[1:]]
    # found by the digest published before the draw, whether or not the changed entry was drawn
    assert "the candidate list differs from the one published before the draw" in services.plan_verify(changed)
    first = plan.inspections.order_by("rank").first()
    Inspection.objects.filter(pk=first.pk).update(inspector_codes=list(reversed(first.inspector_codes)))
    assert services.plan_verify(InspectionPlan.objects.get(pk=plan.pk))
    with pytest.raises(CommandError):
        call_command("agencies", "verify-draw", str(plan.pk), stdout=io.StringIO(), stderr=io.StringIO())


def test_a_conflicted_inspector_is_never_assigned_to_that_agency(directory, users):
    official = users["official"]
    plan = _plan(official, share=Decimal("1"))
    inspectors = list(plan.inspectors.all())
    target = Agency.objects.get(credit_code=code(1))
    for inspector in inspectors[:3]:
        services.conflict_declare(actor=official, plan=plan, inspector=inspector, agency=target, reason="曾任职")
    plan = services.plan_draw(actor=official, plan=services.plan_fix(actor=official, plan=plan))
    assigned = plan.inspections.get(agency=target).inspector_codes
    assert sorted(assigned) == ["JF04", "JF05"]
    assert services.plan_verify(plan) == []


def test_results_are_published_within_the_rules_period_and_shown_to_the_public(directory, users, client):
    official = users["official"]
    plan = services.plan_draw(actor=official, plan=services.plan_fix(actor=official, plan=_plan(official)))
    first, second = plan.inspections.order_by("rank")
    with pytest.raises(Exception, match="证据"):
        services.inspection_result(
            actor=official, inspection=first, outcome="issues", findings="", result_on=date(2026, 11, 2)
        )
    done = services.inspection_result(
        actor=official, inspection=first, outcome="compliant", findings="", result_on=date(2026, 11, 2)
    )
    assert done.publish_due == date(2026, 11, 30)  # 20 working days after Monday 2 November 2026
    assert "尚无公示" in client.get("/agencies/public/").content.decode()
    assert services.plan_publish(actor=official, plan=plan) == 1
    page = client.get("/agencies/public/").content.decode()
    assert first.agency.credit_code in page and second.agency.credit_code not in page
    assert client.get("/agencies/public/export.xlsx").status_code == 200


def test_refusals_are_audited(directory, users, client):
    holder = users["rights_holder"]
    assert_denied_and_audited(
        lambda: _plan(holder),
        action="agency_inspection_plan.create",
        object_type="agency_inspection_plan",
        object_id="",
    )
    client.force_login(holder)
    assert_denied_and_audited(
        lambda: client.get("/agencies/inspections/"),
        action="agency_inspection_plan.list",
        object_type="agency_inspection_plan",
        object_id="",
    )
    auditor = users["auditor"]
    plan = _plan(users["official"])
    with pytest.raises(PermissionDenied):
        services.plan_fix(actor=auditor, plan=plan)


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.AUDITOR, Role.RIGHTS_HOLDER, Role.AGENCY_STAFF, "anonymous"])
def test_every_page_a_role_may_open_renders(client, directory, users, role):
    official = users["official"]
    plan = services.plan_draw(actor=official, plan=services.plan_fix(actor=official, plan=_plan(official)))
    agency = Agency.objects.get(credit_code=code(1))
    pages = ["/agencies/public/"]
    if role != "anonymous":
        client.force_login(User.objects.get(username=f"t-{role}"))
    if role in (Role.OFFICIAL, Role.AUDITOR):
        pages += [
            "/agencies/",
            "/agencies/statistics/",
            f"/agencies/{agency.pk}/",
            "/agencies/export.xlsx",
            "/agencies/inspections/",
            "/agencies/inspections/export.xlsx",
            f"/agencies/inspections/{plan.pk}/",
        ]
    if role == Role.OFFICIAL:
        pages += [
            "/agencies/import/",
            "/agencies/dual-registrations/",
            "/agencies/inspections/new/",
            f"/agencies/inspections/{plan.pk}/1/",
        ]
    if role == Role.AGENCY_STAFF:
        pages += ["/agencies/"]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, (role, page, response.status_code)
    if role in (Role.RIGHTS_HOLDER, "anonymous"):
        assert client.get("/agencies/").status_code in (302, 403)


def test_the_plan_page_fixes_and_draws(client, directory, users):
    official = users["official"]
    plan = _plan(official)
    client.force_login(official)
    assert client.post(f"/agencies/inspections/{plan.pk}/", {"step": "fix"}).status_code == 302
    assert client.post(f"/agencies/inspections/{plan.pk}/", {"step": "draw"}).status_code == 302
    page = client.get(f"/agencies/inspections/{plan.pk}/").content.decode()
    assert InspectionPlan.objects.get(pk=plan.pk).seed in page and "结果一致" in page


def test_the_demo_loads_twice(users, db):
    from zhichan.agencies import demo

    official = users["official"]
    official.username = "official"
    official.save()
    demo.load(admin=users["administrator"], organisations={})
    demo.load(admin=users["administrator"], organisations={})
    plan = InspectionPlan.objects.get(title=demo.PLAN_TITLE)
    assert services.plan_verify(plan) == []
    assert selectors.dual_registrations(user=official)
    assert Membership.objects.filter(user=official).exists()


def test_the_api_lists_the_directory_within_the_policy(api, directory, users, orgs, django_assert_max_num_queries):
    api.force_authenticate(users["official"])
    with django_assert_max_num_queries(12):
        response = api.get("/api/v1/agencies/")
    assert response.status_code == 200
    rows = response.json()["results"] if isinstance(response.json(), dict) else response.json()
    head = next(r for r in rows if r["credit_code"] == code(1))
    assert {p["certificate_number"] for p in head["practitioners"]} == {"C001", "C002"}
    assert next(r for r in rows if r["credit_code"] == code(2))["parent_credit_code"] == code(1)
    api.force_authenticate(users["agency_staff"])
    staff_rows = api.get("/api/v1/agencies/").json()
    staff_rows = staff_rows["results"] if isinstance(staff_rows, dict) else staff_rows
    assert [r["credit_code"] for r in staff_rows] == [orgs["own"].credit_code]
    api.force_authenticate(users["rights_holder"])
    assert api.get("/api/v1/agencies/").status_code == 403


def test_the_import_page_runs_a_job_that_refuses_a_bad_file_whole(client, users, orgs, evidence_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhichan.core import jobs
    from zhichan.core.models import Job, JobStatus

    client.force_login(users["official"])
    bad = directory_csv(orgs["own"].credit_code) + f"坏机构,{code(5)},专利代理机构,,,,,,,\n"
    upload = SimpleUploadedFile("agencies.csv", bad.encode("gbk"))
    assert client.post("/agencies/import/", {"file": upload}).status_code == 302
    job = Job.objects.get(kind="agencies.import")
    jobs.execute(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.failure == "refused"
    assert [(e["row"], e["field"]) for e in job.result["errors"]] == [(8, "执业许可证号")]
    assert Agency.objects.count() == 0
    good = SimpleUploadedFile("agencies.csv", directory_csv(orgs["own"].credit_code).encode("gbk"))
    client.post("/agencies/import/", {"file": good})
    second = Job.objects.filter(kind="agencies.import").exclude(pk=job.pk).get()
    jobs.execute(str(second.pk))
    second.refresh_from_db()
    assert second.status == JobStatus.SUCCEEDED and Agency.objects.count() == 5


def test_list_pages_take_a_fixed_number_of_queries(client, directory, users, django_assert_max_num_queries):
    client.force_login(users["official"])
    with django_assert_max_num_queries(15):
        assert client.get("/agencies/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/agencies/public/").status_code == 200


def test_conflicts_are_declared_before_fixing_and_only_for_the_plans_own_pool(directory, users):
    from django.core.exceptions import ValidationError

    official = users["official"]
    plan, other = _plan(official), _plan(official, title="另一计划")
    agency = Agency.objects.get(credit_code=code(1))
    with pytest.raises(ValidationError):
        services.conflict_declare(
            actor=official, plan=plan, inspector=other.inspectors.first(), agency=agency, reason="亲属"
        )
    plan = services.plan_fix(actor=official, plan=plan)
    with pytest.raises(ValidationError):
        services.conflict_declare(
            actor=official, plan=plan, inspector=plan.inspectors.first(), agency=agency, reason="亲属"
        )
    with pytest.raises(ValidationError):
        services.plan_fix(actor=official, plan=plan)  # the seed is committed once

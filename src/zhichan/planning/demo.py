"""Demo content of the plan module (idempotent): the plan text, a year of work on it, demo figures.

The plan text (`data/guangzhou-ip-plan-2021-2025.txt`) is the city's public document and the module's
subject, shipped with the platform; `ZHICHAN_PLAN_TEXT` names another text to import instead. The text
carries no title line, so the demo gives the title.

What an official's year looks like is added once, through the services (so that the audit log, the
review queue and the overdue list are what real use produces): annual plans and quarterly and yearly
progress reports of several lead departments, most approved, some returned with comments, some still
waiting for review, some missing (overdue); indicator values for the base year and 2021-2025, city-wide
and by district. Every value is a demo figure, marked 演示数据 in its source: none is an official
statistic. The values are chosen to be plausible against the plan's 2020 baselines and 2025 targets,
with a mix of on-track, at-risk and off-track indicators so that the reports have something to say.

A period that has not ended yet on the day the demo is loaded gets no report (nothing is reported from
the future); a second run adds nothing.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from zhichan.core import selectors as core_selectors
from zhichan.planning import selectors, services
from zhichan.planning.demo_figures import CITY_FIGURES, DISTRICT_SHARES, DISTRICT_YEARS, district_figures
from zhichan.planning.models import AnnualPlan, IndicatorObservation, Plan, Task, TaskProgress

PLAN_TEXT = Path(__file__).resolve().parent / "data" / "guangzhou-ip-plan-2021-2025.txt"
PLAN_TITLE = "广州市知识产权保护和运用“十四五”规划"
DEMO_SOURCE = "演示数据（非官方统计）"

# --- a year of work: annual plans and progress reports of several lead departments ---


@dataclass(frozen=True)
class Work:
    """One lead department's work on one task: what it plans each year and what it reports."""

    task: int
    department: str  # the name as the plan writes it (市版权局)
    by_liaison: bool  # entered by the department's own liaison account; else the office enters it
    measures: str
    milestones: tuple[tuple[str, int, int], ...]  # title, month, day
    quarters: tuple[str, str, str, str]  # what was done, quarter by quarter
    year_summary: str


WORKS = (
    Work(
        task=18,
        department="市商务局",
        by_liaison=True,
        measures="开展“广州老字号”品牌保护与推广；组织重点企业参加境内外品牌展会；引导跨境电商企业在主要出口市场注册商标。",
        milestones=(
            ("完成老字号企业商标注册和使用情况摸查", 3, 31),
            ("组织企业参加品牌推介和展会活动", 6, 30),
            ("形成年度自主品牌培育工作总结", 12, 15),
        ),
        quarters=(
            "完成老字号企业商标情况摸查，建立重点企业品牌培育名单。",
            "组织企业参加品牌推介活动，开展跨境电商海外商标注册培训。",
            "协助企业办理马德里商标国际注册，跟踪重点企业海外商标申请。",
            "汇总全年品牌培育成效，形成工作总结。",
        ),
        year_summary="全年开展品牌推介活动，支持企业办理海外商标注册，按计划完成各项节点。",
    ),
    Work(
        task=27,
        department="市版权局",
        by_liaison=False,
        measures="推动版权质押融资，联合合作银行开展版权价值评估试点，完善版权质押登记服务。",
        milestones=(
            ("确定版权质押融资合作银行和评估机构", 4, 30),
            ("开展版权价值评估试点", 9, 30),
        ),
        quarters=(
            "与合作银行召开版权质押融资对接会，梳理有融资需求的文化企业。",
            "确定评估机构，启动版权价值评估试点。",
            "完成首批版权质押融资项目登记。",
            "总结评估试点经验，研究扩大版权质押融资规模的措施。",
        ),
        year_summary="完成版权价值评估试点，版权质押融资登记项目数较上年增长。",
    ),
    Work(
        task=16,
        department="市科技局",
        by_liaison=False,
        measures="在市重点研发计划项目中实施知识产权全过程管理；推动高校院所建立专利转化专员制度。",
        milestones=(
            ("印发重点研发计划项目知识产权管理指引", 5, 31),
            ("高校院所专利转化专员制度试点", 11, 30),
        ),
        quarters=(
            "起草重点研发计划项目知识产权管理指引。",
            "印发管理指引，组织项目承担单位培训。",
            "在三所高校开展专利转化专员试点。",
            "评估试点情况，形成推广方案。",
        ),
        year_summary="重点研发计划项目知识产权管理指引已实施，专利转化专员试点推进中。",
    ),
    Work(
        task=28,
        department="市地方金融监管局",
        by_liaison=False,
        measures="支持发行知识产权证券化产品，完善政府、银行、担保机构风险分担机制。",
        milestones=(
            ("梳理知识产权证券化储备项目", 3, 31),
            ("推动发行知识产权证券化产品", 10, 31),
        ),
        quarters=(
            "梳理储备项目，召开证券化工作协调会。",
            "指导储备项目开展底层资产尽职调查。",
            "推动一单知识产权证券化产品申报发行。",
            "总结发行经验，研究风险分担机制。",
        ),
        year_summary="推动知识产权证券化产品发行，风险分担机制研究形成初稿。",
    ),
    Work(
        task=11,
        department="市市场监管局",
        by_liaison=False,
        measures="开展电商平台侵权线索监测；与重点电商平台建立知识产权保护合作机制；快速处理侵权投诉。",
        milestones=(
            ("与重点电商平台签订保护合作协议", 4, 30),
            ("开展电商领域知识产权专项整治", 8, 31),
            ("发布电商知识产权保护年度报告", 12, 20),
        ),
        quarters=(
            "上线电商侵权线索监测，与两家平台建立投诉快速处理通道。",
            "签订保护合作协议，开展专项整治前期排查。",
            "开展电商领域知识产权专项整治，移交侵权线索。",
            "汇总全年线索处理情况，编制年度报告。",
        ),
        year_summary="电商侵权线索监测和投诉快速处理机制运行，专项整治按期完成。",
    ),
)

# What is unusual in the demo: the rest of the periods are entered, submitted and approved.
# (task, year, quarter or None for the yearly report) -> (state, comment)
RETURNED = "returned"
SUBMITTED = "submitted"
MISSING = "missing"
BEHIND = "behind"
REPORT_EXCEPTIONS: dict[tuple[int, int, int | None], tuple[str, str]] = {
    (28, 2022, 3): (BEHIND, "储备项目底层资产尽职调查进度慢于预期，产品发行推迟至第四季度。"),
    (16, 2023, 2): (BEHIND, "管理指引征求意见时间延长，印发推迟一个月。"),
    (28, 2023, 3): (MISSING, ""),
    (18, 2025, 4): (RETURNED, "请补充全年支持企业办理海外商标注册的件数，并附活动佐证材料。"),
    (27, 2025, 4): (SUBMITTED, ""),
    (11, 2025, 4): (SUBMITTED, ""),
    (16, 2025, 4): (MISSING, ""),
    (16, 2025, None): (MISSING, ""),
    (28, 2025, None): (MISSING, ""),
    (27, 2025, None): (SUBMITTED, ""),
    (18, 2025, None): (MISSING, ""),
}
ANNUAL_PLAN_EXCEPTIONS: dict[tuple[int, int], tuple[str, str]] = {
    (28, 2025): (RETURNED, "工作措施过于笼统，请将证券化产品发行细化到季度节点，并明确风险分担机制的完成时限。"),
}
# milestones left undone (overdue), by (task, year, position)
MILESTONES_OPEN = {(16, 2023, 1), (16, 2025, 1), (28, 2024, 1)}
FIRST_YEAR = 2021


def load(*, admin: Any, organisations: dict[str, Any]) -> None:
    official = core_selectors.person_by_username(username="official")
    plan = _plan(official)
    if plan is None:
        return
    today = timezone.localdate()
    if not IndicatorObservation.objects.filter(indicator__plan=plan).exists():
        _figures(official, plan)
    if not AnnualPlan.objects.filter(task__plan=plan).exists():
        liaison = core_selectors.person_by_username(username="liaison")
        _work(official, liaison, plan, today)


def _plan(actor: Any) -> Plan | None:
    """Import the shipped plan text (or ZHICHAN_PLAN_TEXT) unless it is already stored with its title."""
    path = Path(os.environ.get("ZHICHAN_PLAN_TEXT") or PLAN_TEXT)
    if not path.is_file():
        sys.stderr.write(f"zhichan demo: plan text {path} not found; import it with `zhichan plan import PATH`\n")
        return None
    text = services.decode_plan_text(path.read_bytes())
    stored = Plan.objects.filter(source_sha256=services.text_sha256(text)).first()
    if stored is not None and (stored.title == PLAN_TITLE or path != PLAN_TEXT):
        return stored
    return services.plan_import(actor=actor, text=text, title=PLAN_TITLE if path == PLAN_TEXT else "").plan


def _figures(actor: Any, plan: Plan) -> None:
    indicators = {i.name: i for i in plan.indicators.select_related("plan")}
    for name, values in CITY_FIGURES.items():
        indicator = indicators.get(name)
        if indicator is None:  # another plan text (ZHICHAN_PLAN_TEXT) without this indicator
            continue
        for year, value in values.items():
            services.observation_record(
                actor=actor,
                indicator=indicator,
                year=year,
                value=value,
                source=DEMO_SOURCE,
                observed_on=date(year, 12, 31),
            )
        for year in DISTRICT_YEARS:
            if name in DISTRICT_SHARES:
                for code, value in district_figures(name, year).items():
                    services.observation_record(
                        actor=actor,
                        indicator=indicator,
                        year=year,
                        value=value,
                        source=DEMO_SOURCE,
                        observed_on=date(year, 12, 31),
                        district=code,
                    )


def _period_over(year: int, quarter: int | None, today: date) -> bool:
    """Whether the period has ended (its report may be written), as of today."""
    return selectors.period_last_day(year, quarter) < today


def _work(official: Any, liaison: Any, plan: Plan, today: date) -> None:
    last_year = min(plan.target_year, today.year)
    for work in WORKS:
        task = Task.objects.filter(plan=plan, number=work.task).first()
        department = selectors.department_lookup(work.department)
        if task is None or department is None:
            continue
        author = liaison if work.by_liaison and liaison.organisation_id == department.pk else official
        on_behalf = None if author is liaison else department
        for year in range(FIRST_YEAR, last_year + 1):
            _annual_plan(official, author, on_behalf, task, work, year, today)


def _annual_plan(official: Any, author: Any, department: Any, task: Task, work: Work, year: int, today: date) -> None:
    milestones = [
        {"title": title, "due_on": date(year, month, day).isoformat()} for title, month, day in work.milestones
    ]
    entry = services.annual_plan_save(
        actor=author,
        task=task,
        year=year,
        measures=f"{year}年：{work.measures}",
        milestones=milestones,
        department=department,
        submit=True,
    )
    state, comment = ANNUAL_PLAN_EXCEPTIONS.get((work.task, year), ("approved", ""))
    if state == RETURNED:
        services.submission_review(actor=official, entry=entry, approve=False, comment=comment)
        return  # the department revises it: no reports are owed on a plan not yet approved
    services.submission_review(actor=official, entry=entry, approve=True)
    for position, milestone in enumerate(entry.milestones.all()):
        if (work.task, year, position) in MILESTONES_OPEN or milestone.due_on >= today:
            continue
        late = 9 if position == len(work.milestones) - 1 and year % 2 == 0 else 0  # some done a little late
        services.milestone_complete(
            actor=author, milestone=milestone, done_on=min(milestone.due_on + timedelta(days=late), today)
        )
    for quarter in (1, 2, 3, 4, None):
        if _period_over(year, quarter, today):
            _report(official, author, department, task, work, year, quarter)


def _report(
    official: Any, author: Any, department: Any, task: Task, work: Work, year: int, quarter: int | None
) -> None:
    state, note = REPORT_EXCEPTIONS.get((work.task, year, quarter), ("approved", ""))
    if state == MISSING:
        return
    final = year == task.plan.target_year and quarter is None
    if state == BEHIND:
        progress = TaskProgress.BEHIND
    elif final:
        progress = TaskProgress.COMPLETED
    else:
        progress = TaskProgress.ON_SCHEDULE
    work_done = work.year_summary if quarter is None else work.quarters[quarter - 1]
    entry = services.progress_report_save(
        actor=author,
        task=task,
        year=year,
        quarter=quarter,
        progress=progress,
        work_done=f"{year}年{'全年' if quarter is None else f'第{quarter}季度'}：{work_done}",
        problems=note if state == BEHIND else "",
        department=department,
        submit=True,
    )
    if state == SUBMITTED:
        return  # waiting in the office's review queue
    if state == RETURNED:
        services.submission_review(actor=official, entry=entry, approve=False, comment=note)
        return
    services.submission_review(actor=official, entry=entry, approve=True)

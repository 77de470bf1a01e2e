"""The plan monitoring module's manifest (M1: the plan's tasks, indicators, reports and evaluation)."""

from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import Indicator, Module, Nav

MANIFEST = Module(
    codes=("M1",),
    label=_("规划监测评估"),
    nav=(Nav("planning:overview", _("规划监测"), "plan", order=200),),
    tiles=(
        "zhichan.planning.tiles:plan_in_force",
        "zhichan.planning.tiles:reviews_waiting",
        "zhichan.planning.tiles:overdue",
    ),
    policy="zhichan.planning.policy",
    labels="zhichan.planning.labels:register",
    jobs={
        "planning.indicators_compute": "zhichan.planning.services:indicators_compute_job",
        "planning.evaluation_report": "zhichan.planning.services:evaluation_report_job",
        "planning.reminders": "zhichan.planning.services:reminders_job",
    },
    periodic={"planning.reminders": "daily"},
    indicators={
        "core.ip_service_agencies": Indicator(
            "zhichan.planning.providers:ip_service_agencies", _("本平台登记的知识产权服务机构数（期末）")
        ),
    },
    demo="zhichan.planning.demo:load",
    rules=("planning.report_due",),
    demo_after=("core",),
    urls="zhichan.planning.urls",
    url_prefix="plan/",
    api_urls="zhichan.planning.api.urls",
    api_prefix="api/v1/plan/",
)

"""The agencies module's manifest (M16): the directory of IP service agencies, its statistics and the
indicator 知识产权服务机构, and the 双随机、一公开 inspections with a verifiable draw."""

from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import Indicator, JobKind, Module, Nav

MANIFEST = Module(
    codes=("M16",),
    label=_("知识产权服务机构"),
    nav=(
        Nav("agencies:directory", _("服务机构"), "agency", order=470),
        Nav("agencies:plans", _("双随机抽查"), "agency_inspection_plan", order=471),
    ),
    tiles=("zhichan.agencies.tiles:dual_registrations",),
    policy="zhichan.agencies.policy",
    labels="zhichan.agencies.labels:register",
    jobs={"agencies.import": JobKind("zhichan.agencies.services:agencies_import_job", resubmit="agencies:import")},
    indicators={
        "agencies.service_agencies": Indicator(
            "zhichan.agencies.indicators:service_agencies", _("服务机构名录中的知识产权服务机构数（期末）")
        ),
        "agencies.patent_agencies": Indicator(
            "zhichan.agencies.indicators:patent_agencies", _("服务机构名录中的专利代理机构数（期末）")
        ),
    },
    demo="zhichan.agencies.demo:load",
    demo_after=("core",),
    rules=("inspection.results_publication",),
    urls="zhichan.agencies.urls",
    url_prefix="agencies/",
    api_urls="zhichan.agencies.api.urls",
)

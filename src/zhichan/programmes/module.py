"""The programmes module's manifest (plan tasks 13-19): the IP special fund's programmes with their
yearly versions as data, applications checked by the funding engine, review, publicity, payment and
clawback; the registers of GB/T 29490 certifications, copyright registrations and demonstration and
advantage enterprises with their indicators."""

from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import Indicator, JobKind, Module, Nav
from zhichan.programmes.policy import FINANCE

MANIFEST = Module(
    codes=(),  # the plan's module list (M1-M17) has no module for the fund: none is marked live by it
    label=_("知识产权项目与资助"),
    nav=(
        Nav("programmes:programmes", _("资助项目"), "programme", order=480),
        Nav("programmes:applications", _("资助申报"), "programme_application", order=481),
        Nav("programmes:registers", _("企业知识产权名录"), "programme_register", order=482),
    ),
    tiles=("zhichan.programmes.tiles:waiting",),
    policy="zhichan.programmes.policy",
    roles={FINANCE: _("资助资金拨付人员")},
    second_factor={FINANCE: "records payments and repayments of public funds"},
    labels="zhichan.programmes.labels:register",
    contributes={"programmes.ineligibility": "zhichan.programmes.signals:own_signals"},
    jobs={
        "programmes.register_import": JobKind(
            "zhichan.programmes.services.registers:register_import_job", resubmit="programmes:register-import"
        ),
    },
    indicators={
        "programmes.copyright_registrations": Indicator(
            "zhichan.programmes.indicators:copyright_registrations", _("作品著作权登记数量（含计算机软件，年度）")
        ),
        "programmes.certified_units": Indicator(
            "zhichan.programmes.indicators:certified_units", _("知识产权管理体系贯标认证企事业单位数（期末有效）")
        ),
        "programmes.demonstration_enterprises": Indicator(
            "zhichan.programmes.indicators:demonstration_enterprises", _("国家和省级知识产权示范优势企业数（期末）")
        ),
    },
    demo="zhichan.programmes.demo:load",
    demo_after=("core",),
    rules=(
        "programmes.no_subsidy_abnormal_filing",
        "programmes.publicity_period",
        "programmes.no_application_stage_patent_funding",
    ),
    urls="zhichan.programmes.urls",
    url_prefix="programmes/",
)

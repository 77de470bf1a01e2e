"""The cases module's manifest (M2 one-stop protection, M3 mediation and judicial confirmation, M6 on site)."""

from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import Indicator, Module, Nav

MANIFEST = Module(
    codes=("M2", "M3", "M6"),
    label=_("案件办理"),
    nav=(
        Nav("cases:queue", _("案件"), "case", order=300),
        Nav("cases:mediation", _("调解室"), "mediation_session", order=310),
    ),
    tiles=("zhichan.cases.tiles:open_cases", "zhichan.cases.tiles:live_sessions"),
    policy="zhichan.cases.policy",
    labels="zhichan.cases.labels:register",
    indicators={
        "cases.assistance_and_mediation_per_year": Indicator(
            "zhichan.cases.indicators:assistance_and_mediation_per_year",
            _("知识产权维权援助和调解办案量（本平台受理）"),
        ),
        "cases.arbitration_per_year": Indicator(
            "zhichan.cases.indicators:arbitration_per_year", _("知识产权仲裁案件数（本平台转介）")
        ),
    },
    calendar_changed="zhichan.cases.services:recompute_all_clocks",
    demo="zhichan.cases.demo:load",
    demo_after=("core",),
    rules=(
        "decree81.docketing",
        "decree81.docketing_extension",
        "decree81.service",
        "decree81.defence",
        "decree81.defence_no_domicile",
        "decree81.defence_forward",
        "decree81.decision",
        "decree81.decision_extension_head",
        "decree81.decision_extension_superior",
        "decree81.mediation_notice",
        "decree81.mediation_reply",
        "decree81.mediation_docketing",
        "patent_law.suit_after_ruling",
        "mediation.judicial_confirmation",
        "mediation.court_review",
        "mediation.court_review_extension",
        "fair.complaint_transfer",
        "fair.respondent_answer",
        "fair.repeat_ban",
    ),
    contributes={"credit.events": "zhichan.cases.credit_events:candidates"},
    urls="zhichan.cases.urls",
    url_prefix="cases/",
    api_urls="zhichan.cases.api.urls",
)

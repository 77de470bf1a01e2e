"""The watch module's manifest (M5 early warning, M9 bad-faith marks): the city's protected marks, the
weekly trademark publications screened against them, and the alerts with the deadline to oppose; the
owners' watched patents, whose legal events (a lapse for unpaid fees) are told to the owner."""

from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import JobKind, Module, Nav

MANIFEST = Module(
    codes=("M5", "M9"),
    label=_("商标监测预警"),
    nav=(
        Nav("watch:alerts", _("商标预警"), "watch_alert", order=460),
        Nav("watch:signals", _("异常申请提示"), "watch_applicant_signal", order=461),
        Nav("watch:name-alerts", _("名称预警"), "watch_name_alert", order=462),
        Nav("watch:patents", _("专利监测"), "watch_patent", order=463),
    ),
    tiles=(
        "zhichan.watch.tiles:open_alerts",
        "zhichan.watch.tiles:reminders",
        "zhichan.watch.tiles:signals",
        "zhichan.watch.tiles:name_alerts",
        "zhichan.watch.tiles:patent_lapses",
    ),
    policy="zhichan.watch.policy",
    labels="zhichan.watch.labels:register",
    jobs={
        "watch.marks_import": JobKind("zhichan.watch.services:marks_import_job", resubmit="watch:marks-import"),
        "watch.publication_import": JobKind(
            "zhichan.watch.services:publication_import_job", resubmit="watch:publication-import"
        ),
        "watch.screen": "zhichan.watch.services:screen_job",
        "watch.renewals": "zhichan.watch.services:renewals_job",
        "watch.digest": "zhichan.watch.services:digest_job",
        "watch.badfaith": "zhichan.watch.services:badfaith_job",
        "watch.names_screen": "zhichan.watch.services:names_screen_job",
        "watch.patent_events": "zhichan.watch.services:patent_events_job",
    },
    periodic={
        "watch.renewals": "daily",
        "watch.digest": "weekly",
        "watch.names_screen": "weekly",
        "watch.patent_events": "daily",
    },
    demo="zhichan.watch.demo:load",
    demo_after=("core",),
    rules=(
        "trademark.opposition_period",
        "trademark.invalidation_relative_limit",
        "trademark.invalidation_wellknown_unlimited",
        "trademark.term",
        "trademark.renewal_window",
        "trademark.renewal_grace",
        "trademark.wellknown_cross_class",
        "trademark.prior_similar_mark",
        "trademark.pending_on_new_law",
        "badfaith.filing_volume",
        "badfaith.copy_known_marks",
        "badfaith.repeat_known_mark",
        "badfaith.business_signs",
        "badfaith.public_culture",
        "badfaith.place_names",
        "badfaith.generic_terms",
        "badfaith.scattered_assignments",
        "badfaith.factor_filing_volume",
        "badfaith.factor_prior_finding",
        "badfaith.factor_known_mark",
        "badfaith.factor_names_and_signs",
        "trade_name.same_or_similar_goods",
        "trade_name.unfair_competition",
        "trademark.administrative_enforcement",
        "unfair_competition.administrative_enforcement",
        "patent.restoration_period",
    ),
    contributes={
        "credit.events": "zhichan.watch.credit_events:candidates",
        "programmes.ineligibility": "zhichan.watch.programme_signals:finding_signals",
    },
    urls="zhichan.watch.urls",
    url_prefix="watch/",
)

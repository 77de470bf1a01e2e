"""The patents module's manifest (M10 high-value patents, M11 search): the city's patent register, its
legal-status history and the annual-fee monitor (年费监控)."""

from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import JobKind, Module, Nav

MANIFEST = Module(
    codes=("M11",),
    label=_("专利登记与检索"),
    nav=(
        Nav("patents:search", _("专利检索"), "patent", order=450),
        Nav("patents:fees", _("年费监控"), "patent_fee", order=451),
    ),
    tiles=("zhichan.patents.tiles:fees_due",),
    policy="zhichan.patents.policy",
    labels="zhichan.patents.labels:register",
    jobs={
        "patents.reindex": "zhichan.patents.services:reindex_job",
        "patents.events_import": JobKind("zhichan.patents.events:events_import_job", resubmit="patents:events-import"),
        "patents.fee_reminders": "zhichan.patents.fees:fee_reminders_job",
    },
    periodic={"patents.fee_reminders": "daily"},
    demo="zhichan.patents.demo:load",
    demo_after=("core",),
    rules=(
        "patent.term_invention",
        "patent.term_utility_model",
        "patent.term_design",
        "patent.fee_grace",
        "patent.fee_surcharge_per_month",
        "patent.time_limit_working_day",
        "patent.lapse_unpaid",
    ),
    urls="zhichan.patents.urls",
    url_prefix="patents/",
)

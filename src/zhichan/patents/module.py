"""The patents module's manifest (M10 high-value patents, M11 search): the city's patent register."""

from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import Module, Nav

MANIFEST = Module(
    codes=("M11",),
    label=_("专利登记与检索"),
    nav=(Nav("patents:search", _("专利检索"), "patent", order=450),),
    policy="zhichan.patents.policy",
    labels="zhichan.patents.labels:register",
    jobs={"patents.reindex": "zhichan.patents.services:reindex_job"},
    demo="zhichan.patents.demo:load",
    demo_after=("core",),
    urls="zhichan.patents.urls",
    url_prefix="patents/",
)

"""The e-commerce module's manifest (M7: infringement clues in listings, notices under 电子商务法 Art. 42-43)."""

from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import Module, Nav

MANIFEST = Module(
    codes=("M7",),
    label=_("电商侵权线索检测"),
    nav=(
        Nav("ecommerce:clue-queue", _("电商线索"), "clue", order=400),
        Nav("ecommerce:notice-list", _("侵权通知"), "notice", order=410),
    ),
    tiles=("zhichan.ecommerce.tiles:open_clues", "zhichan.ecommerce.tiles:notices_to_act_on"),
    policy="zhichan.ecommerce.policy",
    jobs={"ecommerce.listings_import": "zhichan.ecommerce.listing_files:listings_import_job"},
    calendar_changed="zhichan.ecommerce.services:declaration_waits_recompute",
    demo="zhichan.ecommerce.demo:load",
    demo_after=("core",),
    rules=("ecommerce.declaration_wait",),
    urls="zhichan.ecommerce.urls",
    url_prefix="ecommerce/",
    api_urls="zhichan.ecommerce.api.urls",
)

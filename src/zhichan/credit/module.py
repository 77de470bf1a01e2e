"""The credit module's manifest (M4): credit files fed by every module through `credit.events`, the
serious-dishonesty list with its due process, credit repair, the eligibility check and the public query."""

from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import Module

MANIFEST = Module(
    codes=(),  # M4 is marked live when its pages land (the officer's pages and the public query)
    label=_("知识产权信用监管"),
    policy="zhichan.credit.policy",
    labels="zhichan.credit.labels:register",
    jobs={"credit.expire": "zhichan.credit.services:listings_expire_job"},
    rules=(
        "credit.management_period",
        "credit.repair_min_elapsed",
        "credit.defence_period",
        "credit.exemption_corrected_promptly",
    ),
    api_urls="zhichan.credit.api.urls",
    contributes={"programmes.ineligibility": "zhichan.credit.signals:credit_signals"},
)

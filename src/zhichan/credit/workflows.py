"""The serious-dishonesty listing and the credit repair as data, run by the core workflow kernel.

Listing: proposed (an official, with the grounds and the events) -> notified (the prior notice, its
document's digest kept; the defence period runs, working days from the rules table) -> decided by a
second official, not the proposer, after the defence period (or not listed) -> published (the
management period runs from the rules table) -> removed at expiry, early on application after the
minimum period, or by a granted credit repair.

Repair: submitted (after the minimum period only) -> reviewed -> granted (the event no longer counts,
a listing is removed, the departments that received it are notified) or refused, with the reason.
"""

from django.utils.translation import gettext_lazy as _

from zhichan.core.workflow import Transition, Workflow
from zhichan.credit.models import Listing, ListingStatus, RepairApplication, RepairStatus

L = ListingStatus
LISTING = Workflow(
    object_type="credit_listing",
    model=Listing,
    transitions=(
        Transition("notify", _("告知当事人"), frozenset({L.PROPOSED}), L.NOTIFIED),
        Transition("defence", _("记录陈述申辩"), frozenset({L.NOTIFIED}), L.NOTIFIED),
        Transition("decide", _("决定列入"), frozenset({L.NOTIFIED}), L.DECIDED),
        Transition("not_list", _("决定不予列入"), frozenset({L.PROPOSED, L.NOTIFIED}), L.NOT_LISTED),
        Transition("publish", _("公示"), frozenset({L.DECIDED}), L.PUBLISHED),
        Transition("expire", _("期满移出"), frozenset({L.PUBLISHED}), L.REMOVED),
        Transition("remove_early", _("提前移出"), frozenset({L.PUBLISHED}), L.REMOVED),
        Transition("repair", _("信用修复移出"), frozenset({L.PUBLISHED}), L.REMOVED),
    ),
)

S = RepairStatus
REPAIR = Workflow(
    object_type="credit_repair",
    model=RepairApplication,
    transitions=(
        Transition("review", _("审查"), frozenset({S.SUBMITTED}), S.REVIEWED),
        Transition("grant", _("准予修复"), frozenset({S.REVIEWED}), S.GRANTED),
        Transition("refuse", _("不予修复"), frozenset({S.SUBMITTED, S.REVIEWED}), S.REFUSED),
    ),
)

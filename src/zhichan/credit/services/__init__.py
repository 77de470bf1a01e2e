"""Writes of the credit module: files and events, candidates imported from other modules, the listing's
due process, credit repair, and the eligibility check (audited reads)."""

from zhichan.credit.services.eligibility import Answer, eligibility_check
from zhichan.credit.services.files import (
    candidate_import,
    credit_event_record,
    credit_file_for,
    credit_person_add,
    identity_number,
)
from zhichan.credit.services.listings import (
    listing_decide,
    listing_defence,
    listing_expire,
    listing_not_list,
    listing_notify,
    listing_propose,
    listing_publish,
    listing_remove_early,
    listings_expire_job,
    notice_html,
)
from zhichan.credit.services.repairs import repair_decide, repair_review, repair_submit

__all__ = [
    "Answer",
    "candidate_import",
    "credit_event_record",
    "credit_file_for",
    "credit_person_add",
    "eligibility_check",
    "identity_number",
    "listing_decide",
    "listing_defence",
    "listing_expire",
    "listing_not_list",
    "listing_notify",
    "listing_propose",
    "listing_publish",
    "listing_remove_early",
    "listings_expire_job",
    "notice_html",
    "repair_decide",
    "repair_review",
    "repair_submit",
]

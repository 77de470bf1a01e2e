"""Writes of the credit module: credit files and events, candidates imported from other modules."""

from zhichan.credit.services.files import (
    candidate_import,
    credit_event_record,
    credit_file_for,
    credit_person_add,
    identity_number,
)

__all__ = ["candidate_import", "credit_event_record", "credit_file_for", "credit_person_add", "identity_number"]

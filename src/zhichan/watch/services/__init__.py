"""Writes of the watch module: the protected-marks register, publications and their screening, alerts.

Both imports are per row and idempotent (`core.imports`, PER_ROW): a protected mark is keyed by its
registration number, a filing by its filing number, so an interrupted import is resumed by importing
the file again and nothing is stored twice. Screening runs as a job after a publication is imported and
screens each filing once. Alerts move through `workflows.ALERT` on the kernel; every write is audited.
"""

from zhichan.watch.services.alerts import (
    alert_notify_owner,
    alert_outcome,
    alert_prepare,
    alert_reopen,
    alert_review,
    alert_windows,
    digest_job,
    digest_send,
    renewals_job,
    renewals_remind,
    statement_context,
)
from zhichan.watch.services.badfaith import (
    badfaith_assess,
    badfaith_job,
    badfaith_start,
    engine_settings,
    finding_record,
)
from zhichan.watch.services.names import (
    name_alert_clue,
    name_alert_notify_owner,
    name_alert_outcome,
    name_alert_reopen,
    name_alert_review,
    names_screen,
    names_screen_job,
    names_screen_start,
)
from zhichan.watch.services.patents import (
    patent_events_job,
    patent_events_read,
    patent_watch_add,
    patent_watch_decide,
    patent_watch_request,
)
from zhichan.watch.services.publications import (
    publication_import_job,
    publication_import_spec,
    publication_import_start,
    screen_job,
    screen_pending,
    screen_start,
)
from zhichan.watch.services.register import (
    mark_watch_decide,
    mark_watch_request,
    marks_import_job,
    marks_import_spec,
    marks_import_start,
)

__all__ = [
    "alert_notify_owner",
    "alert_outcome",
    "alert_prepare",
    "alert_reopen",
    "alert_review",
    "alert_windows",
    "badfaith_assess",
    "badfaith_job",
    "badfaith_start",
    "digest_job",
    "digest_send",
    "engine_settings",
    "finding_record",
    "mark_watch_decide",
    "mark_watch_request",
    "marks_import_job",
    "marks_import_spec",
    "marks_import_start",
    "name_alert_clue",
    "name_alert_notify_owner",
    "name_alert_outcome",
    "name_alert_reopen",
    "name_alert_review",
    "names_screen",
    "names_screen_job",
    "names_screen_start",
    "patent_events_job",
    "patent_events_read",
    "patent_watch_add",
    "patent_watch_decide",
    "patent_watch_request",
    "publication_import_job",
    "publication_import_spec",
    "publication_import_start",
    "renewals_job",
    "renewals_remind",
    "screen_job",
    "screen_pending",
    "screen_start",
    "statement_context",
]

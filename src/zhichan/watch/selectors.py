"""Reads of the watch module, each through the policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from zhichan.core.policy import Action, allowed_queryset, permits
from zhichan.engines.text import normalize
from zhichan.patents import selectors as patents
from zhichan.watch.models import (
    Alert,
    AlertStatus,
    ApplicantSignal,
    BadFaithFinding,
    Filing,
    NameAlert,
    NameAlertStatus,
    ProtectedMark,
    Publication,
    Reminder,
    ReminderKind,
    SignalRun,
    WatchedPatent,
)

OPEN = [AlertStatus.NEW, AlertStatus.CONFIRMED, AlertStatus.OWNER_NOTIFIED, AlertStatus.ACTION_PREPARED]


def mark_list(*, user: Any, query: str = "", honour: str = "", nice_class: int | None = None,
              watch_state: str = "", status: str = "") -> QuerySet[ProtectedMark]:  # fmt: skip
    qs = allowed_queryset(user, "watch_mark", Action.LIST, ProtectedMark.objects.select_related("owner"))
    if query.strip():
        q = query.strip()
        qs = qs.filter(Q(mark__icontains=q) | Q(registration_number=q) | Q(owner_name__icontains=q))
    if honour:
        qs = qs.filter(honours__kind=honour)
    if nice_class:
        if _json_contains():
            qs = qs.filter(classes__contains=nice_class)
        else:  # SQLite: the classes of the rows so far, read as values
            qs = qs.filter(pk__in=[pk for pk, classes in qs.values_list("pk", "classes") if nice_class in classes])
    if watch_state:
        qs = qs.filter(watch_state=watch_state)
    if status:
        qs = qs.filter(status=status)
    # a grouped query drops the model's default ordering, so the page order is said again
    counted = qs.prefetch_related("honours").annotate(open_alerts=Count("alerts", filter=Q(alerts__status__in=OPEN)))
    return counted.order_by(*ProtectedMark._meta.ordering)


def _json_contains() -> bool:
    """JSON containment is a database feature (PostgreSQL has it, SQLite does not)."""
    from django.db import connection

    return bool(connection.features.supports_json_field_contains)


def mark_get(*, user: Any, pk: Any) -> ProtectedMark:
    return allowed_queryset(user, "watch_mark", Action.READ, ProtectedMark.objects.all()).get(pk=pk)


def alert_list(*, user: Any, status: str = "", open_only: bool = False, mark: Any = None,
               query: str = "") -> QuerySet[Alert]:  # fmt: skip
    qs = allowed_queryset(
        user, "watch_alert", Action.LIST, Alert.objects.select_related("filing__publication", "mark", "mark__owner")
    )
    if status:
        qs = qs.filter(status=status)
    if open_only:
        qs = qs.filter(status__in=OPEN)
    if mark is not None:
        qs = qs.filter(mark=mark)
    if query.strip():
        q = query.strip()
        qs = qs.filter(Q(filing__mark__icontains=q) | Q(mark__mark__icontains=q) | Q(filing__applicant__icontains=q)
                       | Q(filing__filing_number=q))  # fmt: skip
    return qs


def alert_get(*, user: Any, pk: Any) -> Alert:
    return allowed_queryset(
        user, "watch_alert", Action.READ, Alert.objects.select_related("filing__publication", "mark", "statement")
    ).get(pk=pk)


def publication_list(*, user: Any) -> QuerySet[Publication]:
    return (
        allowed_queryset(user, "watch_publication", Action.LIST, Publication.objects.all())
        .annotate(filing_count=Count("filings", distinct=True), alert_count=Count("filings__alerts", distinct=True))
        .order_by(*Publication._meta.ordering)
    )


def filings_unscreened() -> int:
    return Filing.objects.filter(screened=False).count()


def reminder_list(*, user: Any) -> QuerySet[Reminder]:
    return allowed_queryset(user, "watch_reminder", Action.LIST, Reminder.objects.select_related("mark", "alert"))


# --- watched patents (their legal events read through the patents module's selectors) ---


def watched_patent_list(*, user: Any, watch_state: str = "") -> QuerySet[WatchedPatent]:
    qs = allowed_queryset(
        user, "watch_patent", Action.LIST, WatchedPatent.objects.select_related("owner", "requested_by")
    ).annotate(alerts=Count("reminders"), urgent_alerts=Count("reminders", filter=Q(reminders__urgent=True)))
    qs = qs.order_by(*WatchedPatent._meta.ordering)  # a grouped query drops the default ordering
    return qs.filter(watch_state=watch_state) if watch_state else qs


def watched_patent_get(*, user: Any, pk: Any) -> WatchedPatent:
    return allowed_queryset(user, "watch_patent", Action.READ, WatchedPatent.objects.select_related("owner")).get(pk=pk)


def watched_patent_events(*, user: Any, watched: WatchedPatent) -> list[Any]:
    """The legal-status history of a watched patent (public with the patent), oldest first."""
    patent = patents.patent_list(user=user).filter(pk=watched.patent_ref).first()
    return list(patents.event_list(patent=patent)) if patent is not None else []


def watched_patent_like(*, user: Any, watched: WatchedPatent, limit: int = 10) -> list[tuple[Any, float]]:
    """Patents close to a watched one by full text (title and abstract, BM25): a stand-in for the semantic
    search the issue asks for, which the patents module does not offer yet."""
    patent = patents.patent_list(user=user).filter(pk=watched.patent_ref).first()
    return patents.patents_like(user=user, patent=patent, limit=limit).patents if patent is not None else []


def patent_alert_list(*, user: Any, watched: WatchedPatent | None = None, urgent: bool = False) -> QuerySet[Reminder]:
    """The owners' patent alerts (reminders of kind `patent`), newest first."""
    qs = reminder_list(user=user).filter(kind=ReminderKind.PATENT).select_related("patent")
    if watched is not None:
        qs = qs.filter(patent=watched)
    return qs.filter(urgent=True) if urgent else qs


def patents_to_watch(*, user: Any, organisation: Any) -> list[tuple[str, str]]:
    """(id, label) of the patents an organisation holds that it does not watch or ask for yet."""
    taken = set(WatchedPatent.objects.filter(owner=organisation).values_list("patent_ref", flat=True))
    return [
        (str(p.pk), f"{p.number} {p.title}".strip())
        for p in patents.patents_held(user=user, organisation=organisation)
        if p.pk not in taken
    ]


def patent_find(*, user: Any, number: str) -> Any:
    """A patent of the register by its number, publication or application number (None: not found)."""
    number = number.strip()
    found = patents.patent_list(user=user)
    return (
        found.filter(number=number).first()
        or found.filter(publication_number=number).first()
        or found.filter(application_number=number).first()
    )


# --- bad-faith filing signals ---


def signal_run_latest(*, user: Any) -> SignalRun | None:
    if not permits(user, "watch_applicant_signal", Action.LIST):
        return None
    return SignalRun.objects.select_related("created_by").first()


def signal_list(*, user: Any, level: str = "", situation: str = "", query: str = "") -> QuerySet[ApplicantSignal]:
    """The applicant groups of the latest assessment, highest attention first."""
    qs = allowed_queryset(user, "watch_applicant_signal", Action.LIST, ApplicantSignal.objects.all())
    latest = SignalRun.objects.values_list("pk", flat=True).first()
    qs = qs.filter(run_id=latest)
    if level:
        qs = qs.filter(level=level)
    if situation:
        qs = qs.filter(situations__contains=f"|{situation}|")
    if query.strip():
        qs = qs.filter(key__icontains=normalize(query).replace(" ", ""))
    return qs.defer("flags", "links")


def signal_get(*, user: Any, pk: Any) -> ApplicantSignal:
    return allowed_queryset(
        user, "watch_applicant_signal", Action.READ, ApplicantSignal.objects.select_related("run")
    ).get(pk=pk)


def signal_alerts(*, user: Any, signal: ApplicantSignal) -> dict[tuple[str, str], int]:
    """The stored alerts behind a signal's evidence: (filing number, protected mark id) -> alert id."""
    numbers = {e["filing_id"] for flag in signal.flags for e in flag["evidence"] if e["filing_id"]}
    alerts = allowed_queryset(user, "watch_alert", Action.READ, Alert.objects.filter(filing__filing_number__in=numbers))
    return {
        (number, str(mark)): pk for pk, number, mark in alerts.values_list("pk", "filing__filing_number", "mark_id")
    }


def finding_list(*, user: Any, query: str = "") -> QuerySet[BadFaithFinding]:
    qs = allowed_queryset(
        user, "watch_badfaith_finding", Action.LIST, BadFaithFinding.objects.select_related("document", "recorded_by")
    )
    if query.strip():
        qs = qs.filter(Q(applicant__icontains=query.strip()) | Q(document_number__icontains=query.strip()))
    return qs


def findings_of(*, user: Any, applicants: list[str]) -> QuerySet[BadFaithFinding]:
    """The recorded findings against any of these applicants (by normalised name)."""
    keys = {normalize(a).replace(" ", "") for a in applicants}
    qs = finding_list(user=user)
    return qs.filter(
        pk__in=[pk for pk, name in qs.values_list("pk", "applicant") if normalize(name).replace(" ", "") in keys]
    )


# --- name alerts (trade names, shop names) ---

NAME_OPEN = [NameAlertStatus.NEW, NameAlertStatus.CONFIRMED, NameAlertStatus.OWNER_NOTIFIED]


def name_alert_list(*, user: Any, source: str = "", verdict: str = "", status: str = "", open_only: bool = False,
                    mark: Any = None, query: str = "") -> QuerySet[NameAlert]:  # fmt: skip
    qs = allowed_queryset(
        user, "watch_name_alert", Action.LIST, NameAlert.objects.select_related("mark", "organisation", "platform")
    )
    if source:
        qs = qs.filter(source=source)
    if verdict:
        qs = qs.filter(verdict=verdict)
    if status:
        qs = qs.filter(status=status)
    if open_only:
        qs = qs.filter(status__in=NAME_OPEN)
    if isinstance(mark, str):
        if mark.strip():
            qs = qs.filter(Q(mark__mark__icontains=mark.strip()) | Q(mark__registration_number=mark.strip()))
    elif mark is not None:
        qs = qs.filter(mark=mark)
    if query.strip():
        qs = qs.filter(name__icontains=query.strip())
    return qs


def name_alert_get(*, user: Any, pk: Any) -> NameAlert:
    return allowed_queryset(
        user, "watch_name_alert", Action.READ, NameAlert.objects.select_related("mark", "organisation", "platform")
    ).get(pk=pk)

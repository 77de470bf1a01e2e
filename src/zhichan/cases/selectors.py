"""Every read of the cases app, narrowed by the policy table."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear, TruncMonth

from zhichan.cases.courts import confirmation_courts
from zhichan.cases.models import (
    CLOSED_STATUSES,
    Case,
    CaseClock,
    CaseEvent,
    CaseParty,
    Channel,
    ConflictDeclaration,
    Fair,
    FairBan,
    FairComplaint,
    FairOutcome,
    MediationSession,
    Mediator,
    Right,
    SessionMessage,
    SessionState,
)
from zhichan.core import selectors as core_selectors
from zhichan.core.policy import Action, allowed_queryset
from zhichan.engines.text import normalize


def case_list(
    *, user: Any, status: str = "", channel: str = "", query: str = "", open_only: bool = False
) -> QuerySet[Case]:
    qs = allowed_queryset(user, "case", Action.LIST, Case.objects.select_related("requester_org"))
    if status:
        qs = qs.filter(status=status)
    if channel:
        qs = qs.filter(channel=channel)
    if open_only:
        qs = qs.exclude(status__in=CLOSED_STATUSES)
    if query.strip():
        q = query.strip()
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(acceptance_number__icontains=q)
            | Q(requester_name__icontains=q)
            | Q(respondent_name__icontains=q)
        )
    return qs


def case_read_lists(cases: list[Case]) -> list[Case]:
    """Each case with its parties and timeline as plain rows and its clocks, one query each for the whole
    list (`api_parties`, `api_events`, `api_clocks`, in the models' orders): the API answers a page of 50
    cases with their timelines, and building a model object per party and event cost more than the
    queries (issue 20, load)."""
    by_id = {case.pk: case for case in cases}
    for case in cases:
        case.api_parties, case.api_events, case.api_clocks = [], [], []  # type: ignore[attr-defined]
    parties = CaseParty.objects.filter(case_id__in=by_id).values_list("case_id", "role", "name", "credit_code")
    for case_id, role, name, credit_code in parties:
        by_id[case_id].api_parties.append({"role": role, "name": name, "credit_code": credit_code})  # type: ignore[attr-defined]
    events = CaseEvent.objects.filter(case_id__in=by_id).values_list(
        "case_id", "at", "action", "from_status", "to_status", "note"
    )
    for case_id, at, action, from_status, to_status, note in events:
        by_id[case_id].api_events.append(  # type: ignore[attr-defined]
            {"at": at, "action": action, "from_status": from_status, "to_status": to_status, "note": note}
        )
    for clock in CaseClock.objects.filter(case_id__in=by_id):
        by_id[clock.case_id].api_clocks.append(clock)  # type: ignore[attr-defined]
    return cases


def queue(*, user: Any, channel: str = "") -> QuerySet[Case]:
    """Open cases, the one whose running clock ends first on top; cases without a running clock last."""
    running = Q(clocks__stopped_at__isnull=True, clocks__paused=False)
    qs = case_list(user=user, channel=channel, open_only=True).annotate(
        next_due=Min("clocks__expires_at", filter=running)
    )
    return qs.order_by(F("next_due").asc(nulls_last=True), "received_at").prefetch_related(
        Prefetch("clocks", queryset=CaseClock.objects.filter(stopped_at__isnull=True))
    )


def case_get(*, user: Any, pk: Any, action: Action = Action.READ) -> Case:
    qs = allowed_queryset(
        user,
        "case",
        action,
        Case.objects.select_related(
            "requester_org", "assigned_official", "mediator", "mediation_org", "fair", "created_by"
        ).prefetch_related("parties", "clocks", "events__actor", "sessions", "evidence"),
    )
    return qs.get(pk=pk)


def sessions(*, user: Any, live_only: bool = False) -> QuerySet[MediationSession]:
    """Online and recorded sessions the user may see (participants see the ones they were invited to)."""
    qs = allowed_queryset(
        user, "mediation_session", Action.LIST, MediationSession.objects.select_related("case", "mediator")
    )
    return qs.filter(state=SessionState.LIVE) if live_only else qs.order_by("-held_at")


def session_get(*, user: Any, public_id: Any, action: Action = Action.READ) -> MediationSession:
    qs = allowed_queryset(
        user, "mediation_session", action, MediationSession.objects.select_related("case", "mediator")
    )
    return qs.prefetch_related("participants").get(public_id=public_id)


def session_messages(*, session: MediationSession, after: int = 0) -> QuerySet[SessionMessage]:
    """Statements after number `after`, for the room's polling (the caller already checked the session)."""
    return session.messages.filter(seq__gt=after).select_related("author")


def mediators(*, user: Any) -> QuerySet[Mediator]:
    return allowed_queryset(
        user, "mediator", Action.LIST, Mediator.objects.filter(active=True).select_related("user", "organisation")
    )


def fairs(*, user: Any) -> QuerySet[Fair]:
    return allowed_queryset(user, "fair", Action.LIST, Fair.objects.all())


def statistics(*, user: Any) -> dict[str, Any]:
    """Counts by channel and month, by right, by district, and the yearly counts for the plan indicators.

    知识产权维权援助和调解办案量 counts cases handled through rights assistance and mediation;
    知识产权仲裁案件数 counts cases referred to arbitration. Both by year of receipt.
    """
    qs = case_list(user=user).exclude(channel="")
    channel_labels = dict(Channel.choices)
    by_month: dict[str, dict[str, int]] = {}
    for row in qs.annotate(month=TruncMonth("received_at")).values("month", "channel").annotate(n=Count("pk")):
        by_month.setdefault(row["month"].strftime("%Y-%m"), {})[row["channel"]] = row["n"]
    months = sorted(by_month)
    channels = sorted({c for counts in by_month.values() for c in counts})
    right_labels = dict(Right.choices)
    by_right = [
        {"name": str(right_labels.get(row["right"], row["right"])), "value": row["n"]}
        for row in qs.values("right").annotate(n=Count("pk")).order_by("-n")
    ]
    by_district = [
        {"name": row["requester_org__district__name"] or "未知", "n": row["n"]}
        for row in qs.values("requester_org__district__name").annotate(n=Count("pk")).order_by("-n")
    ]
    yearly: dict[int, dict[str, int]] = {}
    for row in qs.annotate(year=ExtractYear("received_at")).values("year", "channel").annotate(n=Count("pk")):
        entry = yearly.setdefault(row["year"], {"assistance_and_mediation": 0, "arbitration": 0})
        if row["channel"] in (Channel.RIGHTS_ASSISTANCE, Channel.MEDIATION):
            entry["assistance_and_mediation"] += row["n"]
        if row["channel"] == Channel.ARBITRATION:
            entry["arbitration"] += row["n"]
    return {
        "months": months,
        "series": [
            {"name": str(channel_labels.get(c, c)), "data": [by_month[m].get(c, 0) for m in months]} for c in channels
        ],
        "by_right": by_right,
        "by_district": by_district,
        "yearly": [{"year": y, **counts} for y, counts in sorted(yearly.items())],
    }


def fair_get(*, user: Any, pk: Any) -> Fair:
    return fairs(user=user).get(pk=pk)


def fair_complaints(*, user: Any, fair: Fair) -> QuerySet[Case]:
    """The complaints at one fair that the user may see."""
    return case_list(user=user).filter(fair=fair).select_related("fair_complaint")


def exhibitor_records(*, user: Any, series: str) -> list[dict[str, Any]]:
    """Per exhibitor of a fair series: the editions at which it was found infringing, and its bans.

    An undecided complaint names an exhibitor only to those who may see that complaint (its parties and
    the office): to anyone else an exhibitor appears once a complaint about it is decided, or banned.
    """
    records: dict[str, dict[str, Any]] = {}
    visible = case_list(user=user).filter(fair__series=series).values("pk")
    complaints = (
        FairComplaint.objects.filter(fair__series=series)
        .filter(~Q(outcome="") | Q(case__in=visible))
        .select_related("fair")
        .order_by("fair__edition")
    )
    for complaint in complaints:
        key = complaint.exhibitor_key
        entry = records.setdefault(
            key, {"exhibitor": complaint.exhibitor_name, "complaints": 0, "infringing_editions": [], "bans": []}
        )
        entry["complaints"] += 1
        if complaint.outcome == FairOutcome.INFRINGING and complaint.fair.edition not in entry["infringing_editions"]:
            entry["infringing_editions"].append(complaint.fair.edition)
    for ban in FairBan.objects.filter(series=series):
        records.setdefault(
            ban.exhibitor_key,
            {"exhibitor": ban.exhibitor_name, "complaints": 0, "infringing_editions": [], "bans": []},
        )["bans"].append(ban.banned_edition)
    return sorted(records.values(), key=lambda r: (-len(r["infringing_editions"]), r["exhibitor"]))


def mediator_for(*, user: Any) -> Mediator | None:
    return Mediator.objects.filter(user=user).prefetch_related("conflicts").first()


def session_candidates(case: Case) -> Any:
    """Who may be invited to a live session: the requester and the people of the parties' organisations.

    Parties are known by the requester's organisation and by the credit codes on the case (so the
    respondent's staff can join once their organisation is in the directory).
    """
    codes = [party.credit_code for party in case.parties.all() if party.credit_code]
    return core_selectors.people_linked(
        user_ids=[case.requester_person_id] if case.requester_person_id else [],
        organisation_ids=[case.requester_org_id] if case.requester_org_id else [],
        credit_codes=codes,
    )


def conflicts_for(mediator: Mediator, case: Case) -> list[ConflictDeclaration]:
    """Declarations that match a party of the case by credit code or by normalised name."""
    names = {normalize(p.name) for p in case.parties.all()} | {
        normalize(case.requester_name),
        normalize(case.respondent_name),
    }
    codes = {p.credit_code for p in case.parties.all() if p.credit_code} | ({case.respondent_credit_code} - {""})
    found = []
    for declaration in mediator.conflicts.all():
        if (declaration.party_credit_code and declaration.party_credit_code in codes) or (
            declaration.party_name and normalize(declaration.party_name) in names
        ):
            found.append(declaration)
    return found


def courts_for(case: Case) -> list[str]:
    agreement = case.agreement
    org = case.mediation_org
    return confirmation_courts(
        invited_by_court=agreement.invited_by_court,
        party_district_codes=[p.district_code for p in case.parties.all() if p.district_code],
        subject_district_code=agreement.subject_district_code,
        mediation_org_district_code=org.district.code if org is not None and org.district_id else "",
        intermediate=agreement.intermediate_jurisdiction,
    )


def consecutive_infringements(series: str, key: str, edition: int) -> int:
    """Editions in a row, ending at `edition`, at which the exhibitor was found infringing."""
    found = {
        c.fair.edition
        for c in FairComplaint.objects.filter(fair__series=series, outcome=FairOutcome.INFRINGING).select_related(
            "fair"
        )
        if c.exhibitor_key == key
    }
    count = 0
    while edition - count in found:
        count += 1
    return count

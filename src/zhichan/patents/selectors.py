"""Reads of the patent register: search through the index, records from the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from zhichan.core.policy import Action, allowed_queryset
from zhichan.engines.patents.query import QueryError
from zhichan.engines.patents.search import SearchPage, free_text
from zhichan.patents.index import patent_index
from zhichan.patents.models import FeeReminder, LegalEvent, Patent, PatentHolder


@dataclass(frozen=True)
class Found:
    total: int
    patents: list[tuple[Patent, float]]  # in the order the engine ranked them, with its score


def patent_list(*, user: Any) -> QuerySet[Patent]:
    return allowed_queryset(user, "patent", Action.LIST, Patent.objects.all())


def patent_get(*, user: Any, pk: Any) -> Patent:
    return allowed_queryset(user, "patent", Action.READ, Patent.objects.prefetch_related("holders")).get(pk=pk)


def patents_held(*, user: Any, organisation: Any) -> QuerySet[Patent]:
    """The patents of the register an organisation holds (a holder linked to it), of those the user may list
    (for a watch of patents: an owner asks only for its own)."""
    held = PatentHolder.objects.filter(organisation=organisation).values("patent_id")
    return patent_list(user=user).filter(pk__in=held).order_by("number")


def patent_search(*, user: Any, query: str, limit: int = 20, offset: int = 0, newest_first: bool = False) -> Found:
    """Run a query of the search language (QueryError for a wrong one) and read the patents it found."""
    page: SearchPage = patent_index().search(query, limit=limit, offset=offset, newest_first=newest_first)
    by_number = {p.number: p for p in patent_list(user=user).filter(number__in=[h.id for h in page.hits])}
    return Found(page.total, [(by_number[h.id], h.score) for h in page.hits if h.id in by_number])


def patents_like(*, user: Any, patent: Patent, limit: int = 10) -> Found:
    """Patents whose full text shares the words of a patent's title and abstract, best first (a full-text
    "more like this", BM25 over the index; not a semantic search), the patent itself left out."""
    text = f"{patent.title} {patent.abstract}".strip()
    if not text:
        return Found(0, [])
    try:
        page = patent_index().search(free_text(text), limit=limit + 1)
    except QueryError:
        return Found(0, [])
    numbers = [h.id for h in page.hits if h.id != patent.number][:limit]
    by_number = {p.number: p for p in patent_list(user=user).filter(number__in=numbers)}
    scores = {h.id: h.score for h in page.hits}
    return Found(max(page.total - 1, 0), [(by_number[n], scores[n]) for n in numbers if n in by_number])


def event_list(*, patent: Patent) -> QuerySet[LegalEvent]:
    """A patent's legal-status history, oldest first (public with the patent)."""
    return patent.events.order_by("date", "pk")


def legal_events_since(*, user: Any, since: Any, kinds: tuple[str, ...] = ()) -> QuerySet[LegalEvent]:
    """Legal events recorded since a moment (for a watch of patents: a lapse for unpaid fees, an
    assignment), newest last; of the patents the user may list."""
    events = LegalEvent.objects.filter(created_at__gte=since, patent__in=patent_list(user=user))
    return (events.filter(kind__in=kinds) if kinds else events).select_related("patent").order_by("created_at", "pk")


def fee_patent_list(*, user: Any) -> QuerySet[Patent]:
    """The granted patents in force whose fees the user may follow (owners: those their organisation holds)."""
    from zhichan.patents.fees import monitored

    allowed = allowed_queryset(user, "patent_fee", Action.LIST, Patent.objects.all())
    return monitored(Patent.objects.filter(pk__in=allowed.values("pk"))).order_by("number")


def fee_patent_get(*, user: Any, pk: Any) -> Patent:
    allowed = allowed_queryset(user, "patent_fee", Action.READ, Patent.objects.all())
    return Patent.objects.prefetch_related("holders", "events").get(pk=pk, pk__in=allowed.values("pk"))


def fee_reminder_list(*, user: Any) -> QuerySet[FeeReminder]:
    return allowed_queryset(user, "patent_fee_reminder", Action.LIST, FeeReminder.objects.select_related("patent"))

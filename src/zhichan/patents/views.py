from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from zhichan.core.policy import Action
from zhichan.core.web import deny_unless
from zhichan.engines.patents import FIELDS, QueryError
from zhichan.engines.patents.search import plain_or_field_query
from zhichan.patents import selectors
from zhichan.patents.models import Patent

PAGE = 20


def search(request: HttpRequest) -> HttpResponse:
    """The search box in the field language, with its help beside it; results ranked or newest first."""
    deny_unless(request, "patent", Action.LIST)
    query = request.GET.get("q", "").strip()
    newest_first = request.GET.get("order") == "date"
    context: dict[str, Any] = {"q": query, "order": "date" if newest_first else "", "fields": FIELDS.items()}
    context["register_size"] = selectors.patent_list(user=request.user).count()
    if query:
        try:
            number = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            number = 1
        try:
            found = selectors.patent_search(
                user=request.user,
                query=plain_or_field_query(query),
                limit=PAGE,
                offset=(number - 1) * PAGE,
                newest_first=newest_first,
            )
        except QueryError as exc:
            context["error"] = _query_error(exc)
        else:
            context["found"] = found
            context["page"] = Paginator(range(found.total), PAGE).get_page(number) if found.total else None
            context["query_string"] = urlencode({"q": query, **({"order": "date"} if newest_first else {})})
    return render(request, "patents/search.html", context)


def _query_error(exc: QueryError) -> str:
    """The engine's message key in the reader's language."""
    return gettext(exc.message) % exc.params


def detail(request: HttpRequest, pk: Any) -> HttpResponse:
    deny_unless(request, "patent", Action.READ)
    try:
        patent = selectors.patent_get(user=request.user, pk=pk)
    except Patent.DoesNotExist:
        raise Http404 from None
    return render(request, "patents/detail.html", {"patent": patent, "events": selectors.event_list(patent=patent)})

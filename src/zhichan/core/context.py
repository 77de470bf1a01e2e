"""Who is acting and from where, for the current request or command.

Services take the acting user explicitly; the client address is ambient (set by the middleware for
web requests, empty for commands) so that every audit entry records it without threading it through
every call.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

_client_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("zhichan_client_ip", default=None)


def client_ip() -> str | None:
    return _client_ip.get()


@contextmanager
def acting_from(ip: str | None) -> Iterator[None]:
    token = _client_ip.set(ip)
    try:
        yield
    finally:
        _client_ip.reset(token)

"""Who is acting and from where, for the current request or command.

Services take the acting user explicitly; the client address is ambient (set by the middleware for
web requests, empty for commands) so that every audit entry records it without threading it through
every call.
"""

from __future__ import annotations

import contextvars
import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

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


def client_address(request: Any) -> str | None:
    """The address a request came from: REMOTE_ADDR, unless that peer is a trusted proxy
    (`ZHICHAN_TRUSTED_PROXIES`); then the rightmost address of `ZHICHAN_CLIENT_ADDRESS_HEADER` that is not
    a trusted proxy. Hops left of it are the client's own words and are never read."""
    meta = getattr(request, "META", {})
    peer = _address(meta.get("REMOTE_ADDR", ""))
    networks = [ipaddress.ip_network(item) for item in settings.TRUSTED_PROXIES]
    if peer is None or not _trusted(peer, networks):
        return str(peer) if peer is not None else None
    header = "HTTP_" + settings.CLIENT_ADDRESS_HEADER.upper().replace("-", "_")
    client = peer
    for hop in reversed(str(meta.get(header, "")).split(",")):
        address = _address(hop)
        if address is None:  # nothing (or garbage) where a trusted proxy should have written: stop there
            break
        client = address
        if not _trusted(address, networks):
            break
    return str(client)


def peer_is_trusted_proxy(request: Any) -> bool:
    """Whether the peer that sent this request (REMOTE_ADDR) is one of `ZHICHAN_TRUSTED_PROXIES`."""
    peer = _address(getattr(request, "META", {}).get("REMOTE_ADDR", ""))
    networks = [ipaddress.ip_network(item) for item in settings.TRUSTED_PROXIES]
    return peer is not None and _trusted(peer, networks)


def _trusted(address: IPAddress, networks: list[IPNetwork]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def _address(text: str) -> IPAddress | None:
    """An IP address as a proxy writes it (`203.0.113.5`, `203.0.113.5:4711`, `[2001:db8::1]:4711`)."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None

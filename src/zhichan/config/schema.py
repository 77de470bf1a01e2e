"""OpenAPI schema hooks."""

from __future__ import annotations

from typing import Any


def drop_slash_twins(endpoints: list[tuple[Any, ...]], **kwargs: Any) -> list[tuple[Any, ...]]:
    """Where a contract path without the trailing slash exists (e.g. `POST /api/v1/listings/batch`), the
    router's `.../batch/` twin serves the same operation: document the contract path only."""
    paths = {(path, method) for path, _regex, method, _view in endpoints}
    return [
        endpoint
        for endpoint in endpoints
        if not (endpoint[0].endswith("/") and (endpoint[0][:-1], endpoint[2]) in paths)
    ]

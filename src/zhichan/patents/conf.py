"""Settings of the patents module, each overridable in Django settings under the same name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # where the full-text index lives (rebuilt from the register by `zhichan patents reindex`)
    "PATENTS_INDEX_DIR": None,  # None: <data directory>/patents-index
    # rows written per transaction (and added to the index) while importing
    "PATENTS_IMPORT_BATCH": 500,
    # annual fees: remind the patentee this many days before a due date (platform policy, not law)
    "PATENTS_FEE_REMINDER_DAYS": 30,
}


def get(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])


def index_dir() -> Path:
    configured = get("PATENTS_INDEX_DIR")
    return Path(configured) if configured else Path(settings.DATA_DIR) / "patents-index"

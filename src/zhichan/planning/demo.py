"""Demo data of plan monitoring: the plan imported from its text when it is on this machine."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from zhichan.planning.services import plan_import


def load(*, admin: Any, organisations: dict[str, Any]) -> None:
    """Import the plan text when it is on this machine (ZHICHAN_PLAN_TEXT, or the shared folder
    beside the checkout); the text is the city's public document and is not shipped with the code."""
    candidates = [
        os.environ.get("ZHICHAN_PLAN_TEXT", ""),
        str(Path.cwd().parent / "shared" / "plan" / "guangzhou-ip-plan-2021-2025.txt"),
    ]
    path = next((Path(c) for c in candidates if c and Path(c).is_file()), None)
    if path is None:
        sys.stderr.write("zhichan demo: plan text not found; import it with `zhichan plan import PATH`\n")
        return
    plan_import(actor=admin, text=path.read_bytes().decode("utf-8"))

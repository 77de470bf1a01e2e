"""The `zhichan` command: Django's management commands plus the platform's own.

Engine commands (mark comparison, listing scans, deadlines) run without Django so that they start
fast and work without a database; everything else goes through Django's management machinery.
"""

from __future__ import annotations

import importlib
import os
import sys

# Sub-commands served by a pure engine's own `main(argv) -> int`.
ENGINE_COMMANDS = {
    "marks": "zhichan.engines.marks.cli",
    "listings": "zhichan.engines.listings.cli",
    "deadline": "zhichan.engines.calendar.cli",
    "badfaith": "zhichan.engines.badfaith.cli",
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ENGINE_COMMANDS:
        module = importlib.import_module(ENGINE_COMMANDS[args[0]])
        return int(module.main(args[1:]) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhichan.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zhichan", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())

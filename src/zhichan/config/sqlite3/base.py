"""Django's SQLite backend, except that the folder of the database file is created when it is first opened.

Importing the settings creates no folder (a data directory appearing wherever a command happens to be
imported was how an empty database once got committed); the folder of the embedded database appears
when something first connects to it: `zhichan migrate`, the test runner, `zhichan serve`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        name = str(conn_params["database"])
        if not self.creation.is_in_memory_db(name) and not name.startswith("file:"):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        return super().get_new_connection(conn_params)

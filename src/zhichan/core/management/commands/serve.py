"""`zhichan serve`: the platform on a production-grade WSGI server, with a job worker beside it."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.wsgi import get_wsgi_application
from waitress import serve

STAMP_NAME = ".zhichan-static-fingerprint"


def static_fingerprint() -> str:
    """What the static files are now: every source file's name, size and modification time."""
    from django.contrib.staticfiles.finders import get_finders

    entries = set()
    for finder in get_finders():
        for name, storage in finder.list([]):
            stat = Path(storage.path(name)).stat()
            entries.add(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(entries)).encode()).hexdigest()


def collect_static_if_changed() -> bool:
    """Run collectstatic (compression takes ~20 s) only when the sources changed since the last run."""
    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)  # settings create no folders; the first serve does
    stamp = root / STAMP_NAME
    current = static_fingerprint()
    if stamp.is_file() and stamp.read_text() == current:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(current)
    return True


def waitress_options(host: str, port: int, threads: int) -> dict[str, Any]:
    """waitress's settings for the platform (docs/decisions/0920-production-server.md).

    waitress removes every X-Forwarded-* header from a peer other than its one `trusted_proxy`, so
    behind a TLS-terminating proxy Django never saw X-Forwarded-Proto and redirected every request to
    https forever (issue 20 item 7). The headers are handed on instead, and the platform decides by
    `ZHICHAN_TRUSTED_PROXIES` (networks, which waitress cannot express): TrustedProxyMiddleware keeps the
    scheme only from a trusted proxy, `context.client_address` the client address.
    """
    return {
        "host": host,
        "port": port,
        "threads": threads,
        "connection_limit": settings.SERVE_CONNECTION_LIMIT,
        "clear_untrusted_proxy_headers": False,
        "ident": "zhichan",
    }


class Command(BaseCommand):
    help = "Serve the platform (waitress) and, unless --no-worker, run a job worker beside it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default=settings.SERVE_HOST)
        parser.add_argument("--port", type=int, default=settings.PORT)
        parser.add_argument("--threads", type=int, default=settings.SERVE_THREADS)
        parser.add_argument("--no-worker", action="store_true", help="do not start a job worker")

    def handle(self, *args: Any, **options: Any) -> None:
        application = get_wsgi_application()  # core does not import zhichan.config (the layer above it)
        collect_static_if_changed()
        call_command("createcachetable", verbosity=0)  # the shared cache's table, when ZHICHAN_CACHE=database
        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "zhichan.cli", "worker", "--no-reload"])
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(self.style.SUCCESS(f"知产平台已启动 / zhichan is serving at {url}"))
        try:
            serve(application, **waitress_options(options["host"], options["port"], options["threads"]))
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)

"""`zhichan serve`: the platform on a production-grade WSGI server, with a job worker beside it."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from waitress import serve


class Command(BaseCommand):
    help = "Serve the platform (waitress) and, unless --no-worker, run a job worker beside it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=settings.PORT)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="do not start a job worker")

    def handle(self, *args: Any, **options: Any) -> None:
        from zhichan.config.wsgi import application

        call_command("collectstatic", interactive=False, verbosity=0)
        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "zhichan.cli", "worker", "--no-reload"])
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(self.style.SUCCESS(f"知产平台已启动 / zhichan is serving at {url}"))
        try:
            serve(application, host=options["host"], port=options["port"], threads=options["threads"], ident="zhichan")
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)

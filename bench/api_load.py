"""Load on the platform's API as `zhichan serve` ships it, beside a minimal endpoint on the same server.

    PYTHONPATH=src python bench/api_load.py [--backends sqlite,postgres] [--clients 16,64] [--duration 60]

For each backend: a fresh database (SQLite in a temporary folder; PostgreSQL `zhichan_bench` at
ZHICHAN_BENCH_PG, default postgres://postgres@127.0.0.1:5432/), migrated, the demo data plus --cases
cases; then `zhichan serve --no-worker` with the bench's URLconf (bench/api_load_site: the platform's URLs
and two peers, a plain Django view and a token-authenticated DRF view, never shipped). A bounded load
client (threads with keep-alive connections on 127.0.0.1, each stops at the deadline) drives every
endpoint in turn with 16 and 64 clients and prints requests/s and p50/p95/p99 (ms):

- `GET /bench/minimal/`, `GET /bench/api-minimal/`: what the stack itself costs (the peers);
- `GET /api/v1/cases/` (50 a page) as the official (who sees every case);
- `POST /api/v1/listings/batch` with 100 new listings a request as the platform client.

The client runs on the same 2 cores as the server: the figures are lower bounds. --json FILE writes them.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATE = "1000000/minute"  # the API's throttles stay out of the way of the load


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(backend: str, folder: Path, threads: int) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "bench.api_load_site.settings",
        "ZHICHAN_DATA_DIR": str(folder),
        "ZHICHAN_LISTINGS_BATCH_RATE": RATE,
        "ZHICHAN_API_USER_RATE": RATE,
        "ZHICHAN_SERVE_THREADS": str(threads),
    }
    env.pop("DATABASE_URL", None)
    if backend == "postgres":
        base = os.environ.get("ZHICHAN_BENCH_PG", "postgres://postgres@127.0.0.1:5432/").rstrip("/")
        import psycopg

        with psycopg.connect(base + "/postgres", autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS zhichan_bench WITH (FORCE)")
            connection.execute("CREATE DATABASE zhichan_bench")
        env["DATABASE_URL"] = base + "/zhichan_bench"
    return env


SEED = r"""
import json, sys
from datetime import timedelta
import django
django.setup()
from django.utils import timezone
from rest_framework.authtoken.models import Token
from zhichan.cases import services
from zhichan.cases.demo import COMPLAINT
from zhichan.core import selectors
n = int(sys.argv[1])
holder, official = (selectors.person_by_username(username=u) for u in ("holder", "official"))
today = timezone.localdate()
for i in range(n):
    data = {**COMPLAINT, "respondent_name": f"广州某贸易有限公司{i}", "facts": f"第{i}号投诉：销售侵权商品。",
            "infringement_known_on": (today - timedelta(days=30 + i % 200)).isoformat()}
    case = services.case_intake(actor=holder, data=data)
    if i % 3:
        services.case_triage_decide(actor=official, case=case, on=today - timedelta(days=i % 20))
tokens = {u: Token.objects.get_or_create(user=selectors.person_by_username(username=u))[0].key
          for u in ("official", "platform")}
print(json.dumps(tokens))
"""


def _prepare(env: dict[str, str], cases: int) -> dict[str, str]:
    cli = [sys.executable, "-m", "zhichan.cli"]
    subprocess.run([*cli, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    subprocess.run([*cli, "demo"], env=env, check=True, capture_output=True)
    seeded = subprocess.run([sys.executable, "-c", SEED, str(cases)], env=env, check=True, capture_output=True)
    return json.loads(seeded.stdout.decode().strip().splitlines()[-1])


class Server:
    def __init__(self, env: dict[str, str], port: int) -> None:
        self.port = port
        cli = [sys.executable, "-m", "zhichan.cli", "serve", "--no-worker", "--port", str(port)]
        self.log = Path(env["ZHICHAN_DATA_DIR"]) / "serve.log"  # a file: a full pipe would stall the server
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(cli, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 240  # the first serve collects and compresses the static files
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.5)
        raise SystemExit("zhichan serve did not start: " + self.log.read_text(errors="replace")[-2000:])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        warnings = [line for line in self.log.read_text(errors="replace").splitlines() if line.strip()]
        if warnings:
            print(f"  server log: {len(warnings)} lines, last: {warnings[-1][:200]}")


def _batch_body(client: int, sequence: int, size: int) -> bytes:
    titles = ["王老吉凉茶310ml*24罐 整箱", "高仿 王老吉凉茶 24罐 工厂直销", "广州酒家 流心奶黄月饼 高仿",
              "家用收纳盒 大号", "廣州酒家 双黄白莲蓉月饼礼盒 原单 尾货", "无线蓝牙耳机 降噪"]  # fmt: skip
    items = [
        {
            "listing_id": f"bench-{client}-{sequence}-{i}",
            "title": titles[i % len(titles)] + f" {sequence}",
            "price": str(10 + i % 90),
            "seller_id": f"seller-{i % 37}",
            "seller_name": f"卖家{i % 37}",
            "category": "饮料" if i % 2 else "月饼",
            "seller_address": "广州市白云区石井街",
        }
        for i in range(size)
    ]
    return json.dumps({"items": items}).encode()


def _load(port: int, method: str, path: str, token: str | None, clients: int, seconds: float, batch: int) -> dict:
    """`clients` threads, each one keep-alive connection, requests back to back until the deadline."""
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    start_at = time.monotonic() + 0.5
    deadline = start_at + seconds

    def run(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        headers = {"Content-Type": "application/json", "Host": "127.0.0.1"}
        if token:
            headers["Authorization"] = f"Token {token}"
        mine: list[float] = []
        bad: list[int] = []
        sequence = 0
        while time.monotonic() < start_at:
            time.sleep(0.01)
        while time.monotonic() < deadline:
            sequence += 1
            body = _batch_body(number, sequence, batch) if method == "POST" else None
            began = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                answer = connection.getresponse()
                answer.read()
                status = answer.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                status = 0
            mine.append(time.perf_counter() - began)
            if status != 200:
                bad.append(status)
        connection.close()
        with lock:
            latencies.extend(mine)
            failures.extend(bad)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start_at
    latencies.sort()

    def pct(p: float) -> float:
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) if latencies else 0.0

    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": round(1000 * latencies[-1], 1) if latencies else 0.0,
        "failed": len(failures),
        "statuses": sorted(set(failures)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--clients", default="16,64")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("ZHICHAN_SERVE_THREADS", "8")))
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--endpoints", default="minimal,api-minimal,cases,batch")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    endpoints = {
        "minimal": ("GET", "/bench/minimal/", None),
        "api-minimal": ("GET", "/bench/api-minimal/", "official"),
        "cases": ("GET", "/api/v1/cases/", "official"),
        "batch": ("POST", "/api/v1/listings/batch", "platform"),
    }
    results = []
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory(prefix="zhichan-bench-") as folder:
            env = _environment(backend, Path(folder), args.threads)
            tokens = _prepare(env, args.cases)
            server = Server(env, _free_port())
            try:
                for clients in (int(c) for c in args.clients.split(",")):
                    for name in args.endpoints.split(","):
                        method, path, user = endpoints[name]
                        token = tokens.get(user or "")
                        row = _load(server.port, method, path, token, clients, args.duration, args.batch)
                        row.update(backend=backend, endpoint=name, clients=clients, threads=args.threads)
                        if name == "batch":
                            row["listings_per_s"] = round(row["rps"] * args.batch, 1)
                        results.append(row)
                        print(
                            f"{backend:8} {name:12} {clients:3} clients  {row['rps']:8.1f} req/s  "
                            f"p50 {row['p50_ms']:7.1f}  p95 {row['p95_ms']:7.1f}  p99 {row['p99_ms']:7.1f}  "
                            f"max {row['max_ms']:7.1f} ms  failed {row['failed']} {row['statuses'] or ''}"
                            + (f"  {row['listings_per_s']:.0f} listings/s" if name == "batch" else ""),
                            flush=True,
                        )
            finally:
                server.stop()
    for backend in {r["backend"] for r in results}:
        for clients in {r["clients"] for r in results}:
            rows = {r["endpoint"]: r for r in results if r["backend"] == backend and r["clients"] == clients}
            if "cases" in rows and "api-minimal" in rows and rows["cases"]["rps"]:
                ratio = rows["api-minimal"]["rps"] / rows["cases"]["rps"]
                print(f"{backend} {clients} clients: case list at 1/{ratio:.1f} of the minimal API endpoint's rate")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

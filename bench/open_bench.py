"""How long opening a referral takes, next to the health endpoint, in one run.

Starts ``eteinen serve --no-scheduler`` (gunicorn) on a free port over a fresh SQLite
database in a temporary instance folder, loads the demo network (``eteinen demo``) and an
API token for one of its front-desk people, then times
``POST /api/v1/referrals`` and ``GET /api/v1/health`` and prints a table::

    .venv/bin/python bench/open_bench.py [--requests 500] [--workers 2] [--concurrency 1]

Only standard library and the project's own dependencies (httpx) are used.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

QUESTIONS = [
    "Tarvitsen apua työnhakuun ja CV:n tekoon",
    "Haluaisin hakea opiskelemaan mutta en tiedä mihin",
    "Minulla on velkaa ja vuokra on myöhässä",
    "Jag behöver hjälp att hitta en studieplats",
    "I need help finding a job in Kerava",
    "Asunto lähtee alta, mistä apua?",
]
MUNICIPALITIES = ["245", "186", "106", "858", "543", "444", "710", "927"]  # the demo regions


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load_network(instance: Path, database_url: str) -> str:
    """The demo network (``eteinen demo``) in the bench database; returns a front-desk user's API token."""
    from sqlmodel import select

    from routing import create_app
    from routing.accounts.auth import create_token
    from routing.accounts.models import User
    from routing.core import db
    from routing.core.migrate import upgrade
    from routing.demo.load import load_demo

    app = create_app({"ETEINEN_INSTANCE": str(instance), "DATABASE_URL": database_url})
    with app.app_context():
        upgrade(db.engine())
        with db.transaction() as s:
            load_demo(s)
            desk = s.exec(select(User).where(User.role == "front-desk").order_by(User.id)).first()
            assert desk is not None, "the demo network has no front-desk account"
            token = create_token(s, desk, "bench")
    app.extensions["eteinen.engine"].dispose()
    return token


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode} before answering")
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer within a minute")


def measure(call: Callable[[httpx.Client], int], n: int, concurrency: int, url: str) -> dict[str, float]:
    """Times of ``n`` calls (each must answer its expected status), spread over ``concurrency`` threads."""
    times: list[float] = []
    lock = threading.Lock()
    per_thread = [n // concurrency + (1 if i < n % concurrency else 0) for i in range(concurrency)]

    def run(count: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as http:
            for _ in range(5):  # warm up the connection and the worker
                call(http)
            mine = []
            for _ in range(count):
                start = time.perf_counter()
                call(http)
                mine.append(time.perf_counter() - start)
            with lock:
                times.extend(mine)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(run, per_thread))
    wall = time.perf_counter() - started
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {
        "n": len(times),
        "p50": statistics.median(times) * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "mean": statistics.fmean(times) * 1000,
        "rps": len(times) / wall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=500, help="timed requests per endpoint")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--concurrency", type=int, default=1, help="client threads")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="eteinen-bench-") as tmp:
        instance = Path(tmp) / "instance"
        instance.mkdir()
        database_url = f"sqlite:///{instance / 'eteinen.db'}"
        token = load_network(instance, database_url)
        port = free_port()
        env = {**os.environ, "ETEINEN_INSTANCE": str(instance), "DATABASE_URL": database_url}
        log = (Path(tmp) / "server.log").open("wb")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "routing",
                "serve",
                "--no-scheduler",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, server)
            headers = {"Authorization": f"Bearer {token}"}
            rng = random.Random(11)

            def open_referral(http: httpx.Client) -> int:
                body = {
                    "question": rng.choice(QUESTIONS),
                    "municipality": rng.choice(MUNICIPALITIES),
                    "age": rng.randint(15, 64),
                    "language": "fi",
                    "consent": True,
                }
                response = http.post("/api/v1/referrals", json=body, headers=headers)
                if response.status_code != 201:
                    raise SystemExit(f"POST /api/v1/referrals answered {response.status_code}: {response.text}")
                return response.status_code

            def health(http: httpx.Client) -> int:
                response = http.get("/api/v1/health")
                if response.status_code != 200:
                    raise SystemExit(f"GET /api/v1/health answered {response.status_code}")
                return response.status_code

            rows = [
                ("GET /api/v1/health", measure(health, args.requests, args.concurrency, url)),
                ("POST /api/v1/referrals", measure(open_referral, args.requests, args.concurrency, url)),
            ]
        finally:
            server.send_signal(signal.SIGTERM)  # gunicorn's master stops its workers
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()

    print(
        f"eteinen open bench: SQLite, gunicorn {args.workers} worker(s) × 1 thread (serve's default), "
        f"{args.concurrency} client thread(s), {args.requests} requests each"
    )
    print(f"{'endpoint':<26} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'req/s':>8}")
    for name, r in rows:
        figures = " ".join(f"{r[key]:>8.2f}" for key in ("p50", "p95", "p99", "mean"))
        print(f"{name:<26} {r['n']:>5.0f} {figures} {r['rps']:>8.1f}")


if __name__ == "__main__":
    main()

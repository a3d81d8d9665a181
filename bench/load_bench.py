"""A mixed load against ``eteinen serve``, beside a bare Flask endpoint served with the same settings.

    .venv/bin/python bench/load_bench.py [--database sqlite|postgresql] [--workers 2] [--threads 1]
                                         [--clients 8] [--seconds 5] [--postgresql URL]

The demo network in a fresh instance (SQLite in /tmp, or a schema of its own on ``--postgresql``,
default TEST_DATABASE_URL). ``--clients`` threads on keep-alive connections send requests for
``--seconds`` in each phase: the bare endpoint (bench/bare_server.py: gunicorn with serve's
settings: workers, threads, its access log too), routes alone, openings alone, a mix (80 %
routes, 17 % openings, 3 % accepts of offers made beforehand), then the bare endpoint again: the
ratios are to the faster bare phase. Throughput and p50/p99 latency per phase and kind.
Targets (issue 19): routes ≥ 0.4× the bare endpoint's throughput, openings ≥ 0.25×. The load
generator runs on the same machine as the servers: on a small or shared machine it takes its share.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import ROOT, Server, demo_instance, eteinen, free_port, request

QUESTIONS = [
    "Tarvitsen apua velkojen kanssa",
    "Nuori etsii opiskelupaikkaa, keskeytti lukion",
    "Asunto puuttuu ja tarvitsen tukea",
    "Jag behöver hjälp med att hitta jobb",
    "I need help with my debts and rent",
    "Työtön 45-vuotias haluaa kouluttautua uudelleen",
]
COUNSELLOR = "ohjaus@keuda.example.fi"


class Client:
    """One keep-alive connection; ``call`` returns (status, seconds)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, path: str, body: Any, token: str | None) -> tuple[int, float]:
        data = json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        t0 = time.perf_counter()
        try:
            self.conn.request("POST", path, body=data, headers=headers)
            response = self.conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            status = 0
        return status, time.perf_counter() - t0


def run_phase(port: int, clients: int, seconds: float, pick: Any) -> dict[str, list[tuple[int, float]]]:
    """``clients`` threads for ``seconds``; ``pick(rng)`` gives (kind, path, body, token) or None."""
    results: dict[str, list[tuple[int, float]]] = defaultdict(list)
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def loop(n: int) -> None:
        rng = random.Random(n)
        client = Client(port)
        mine: dict[str, list[tuple[int, float]]] = defaultdict(list)
        while time.perf_counter() < deadline:
            job = pick(rng)
            if job is None:
                continue
            kind, path, body, token = job
            mine[kind].append(client.call(path, body, token))
        with lock:
            for kind, rows in mine.items():
                results[kind] += rows

    threads = [threading.Thread(target=loop, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def line(label: str, rows: list[tuple[int, float]], seconds: float, good: set[int]) -> tuple[str, float]:
    ok = [t for status, t in rows if status in good]
    bad = len(rows) - len(ok)
    rate = len(ok) / seconds
    if not ok:
        return f"{label:<28} no answers ({bad} failed)", 0.0
    cuts = statistics.quantiles(ok, n=100) if len(ok) > 1 else [ok[0]] * 99
    text = (
        f"{label:<28} {rate:8.1f} req/s   p50 {statistics.median(ok) * 1000:7.1f} ms"
        f"   p99 {cuts[98] * 1000:7.1f} ms   ({len(ok)} ok, {bad} failed)"
    )
    return text, rate


def make_offers(base: str, instance: Path, env: dict[str, str], desk: str, n: int) -> tuple[list[str], str]:
    """``n`` referrals offered to the Keuda counsellor's organisation; returns offer ids and their token."""
    counsellor = eteinen(instance, "token", "create", "--user", COUNSELLOR, env=env).strip()
    service = None
    for question in [*QUESTIONS, "Opiskelupaikka ammattikoulussa Keravalla", "Ammatillinen koulutus nuorelle"]:
        _, answer = request(f"{base}/api/v1/route", {"question": question, "municipality": "245"}, desk)
        for candidate in answer["candidates"]:
            if "Keuda" in candidate["organization_name"]:
                service = candidate["service_id"]
                break
        if service:
            break
    if service is None:
        raise SystemExit("no Keuda service among the demo's routes: cannot make offers to accept")
    offers = []
    for _ in range(n):
        _, referral = request(
            f"{base}/api/v1/referrals", {"question": QUESTIONS[0], "consent": True, "municipality": "245"}, desk
        )
        status, offer = request(f"{base}/api/v1/referrals/{referral['id']}/offers", {"service_id": service}, desk)
        if status != 201:
            raise SystemExit(f"offering failed: {status} {offer}")
        offers.append(offer["id"])
    return offers, counsellor


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--postgresql", default=os.environ.get("TEST_DATABASE_URL", ""))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1, help="threads per worker (serve's --threads)")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=5.0)
    args = ap.parse_args()
    env: dict[str, str] = {}
    schema = None
    if args.database == "postgresql":
        if not args.postgresql:
            raise SystemExit("--postgresql URL (or TEST_DATABASE_URL) is needed for --database postgresql")
        from sqlalchemy import text

        from routing.core import db

        schema = f"load_{uuid.uuid4().hex[:8]}"
        admin = db.make_engine(args.postgresql)
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        sep = "&" if "?" in args.postgresql else "?"
        env["DATABASE_URL"] = f"{args.postgresql}{sep}options=-csearch_path%3D{schema}"
    load = os.getloadavg()[0]
    try:
        with tempfile.TemporaryDirectory(prefix="eteinen-load-") as tmp:
            instance = Path(tmp) / "instance"
            desk = demo_instance(instance, env=env)
            # the yardstick: a bare endpoint, same gunicorn settings, same machine, same run; measured
            # before and after Eteinen's phases (a shared machine drifts), the faster of the two counts
            bare_port = free_port()
            bare = subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "bench" / "bare_server.py"),
                    str(bare_port),
                    str(args.workers),
                    str(args.threads),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )

            def bare_phase() -> list[tuple[int, float]]:
                return run_phase(
                    bare_port, args.clients, args.seconds, lambda rng: ("bare", "/bare", {"question": "x"}, None)
                )["bare"]

            try:
                for _ in range(200):
                    if request(f"http://127.0.0.1:{bare_port}/api/v1/health", timeout=1)[0] == 200:
                        break
                    time.sleep(0.05)
                bare_rows = [bare_phase()]
                with Server(
                    instance, workers=args.workers, threads=args.threads, env=env, log=Path(tmp) / "serve.log"
                ) as server:
                    server.wait_healthy()
                    port = server.port
                    offers, counsellor = make_offers(server.base, instance, env, desk, 60)

                    def route(rng: random.Random) -> tuple[str, str, Any, str]:
                        body = {"question": rng.choice(QUESTIONS), "municipality": "245"}
                        return "route", "/api/v1/route", body, desk

                    def opening(rng: random.Random) -> tuple[str, str, Any, str]:
                        body = {"question": rng.choice(QUESTIONS), "consent": True, "municipality": "245"}
                        return "open", "/api/v1/referrals", body, desk

                    def mixed(rng: random.Random) -> tuple[str, str, Any, str] | None:
                        roll = rng.random()
                        if roll < 0.03:
                            try:
                                offer = offers.pop()
                            except IndexError:
                                return route(rng)
                            return "accept", f"/api/v1/offers/{offer}/accept", {}, counsellor
                        return opening(rng) if roll < 0.20 else route(rng)

                    route_rows = run_phase(port, args.clients, args.seconds, route)
                    open_rows = run_phase(port, args.clients, args.seconds, opening)
                    mixed_rows = run_phase(port, args.clients, args.seconds, mixed)
                bare_rows.append(bare_phase())
            finally:
                bare.terminate()
                bare.wait(timeout=20)
    finally:
        if schema:
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    print(
        f"{args.database}, {args.workers} worker(s) × {args.threads} thread(s), {args.clients} clients,"
        f" {args.seconds:g} s a phase;"
        f" load average {load:.1f} → {os.getloadavg()[0]:.1f} (the machine is shared: figures are relative)"
    )
    bare_rate = 0.0
    for when, rows in zip(("before", "after"), bare_rows, strict=True):
        bare_text, rate = line(f"bare Flask endpoint, {when}", rows, args.seconds, {200})
        bare_rate = max(bare_rate, rate)
        print(bare_text)
    route_text, route_rate = line("route alone", route_rows["route"], args.seconds, {200})
    open_text, open_rate = line("open a referral alone", open_rows["open"], args.seconds, {201})
    print(f"{route_text}   {route_rate / bare_rate:.2f}× bare (target ≥ 0.40)")
    print(f"{open_text}   {open_rate / bare_rate:.2f}× bare (target ≥ 0.25)")
    for kind, good in (("route", {200}), ("open", {201}), ("accept", {200})):
        print(line(f"mixed: {kind}", mixed_rows[kind], args.seconds, good)[0])
    met = route_rate >= 0.4 * bare_rate and open_rate >= 0.25 * bare_rate
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

"""Time ``eteinen import-ptv`` at national size (30,000 services) through a local server paging like PTV.

    .venv/bin/python bench/ptv_import_bench.py [--services 30000] [--organizations 100] [--page-size 100]

Generates PTV open API (v11) answers in PTV's shape (tests/ptv/recorded.py) for
the organisations, serves them from 127.0.0.1 as PTV pages them, and runs the
real command (a subprocess) on SQLite and, when 127.0.0.1:5432 answers, on
PostgreSQL: a first import into an empty database, the same import again
(nothing changes), and one with 1 % of the services gone and 1 % renamed.
Prints wall time, requests and the command's peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.ptv.recorded import (
    NAMES,
    TYPES,
    PtvServer,
    location_channel,
    phone_channel,
    service,
    serving,
    web_channel,
)

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-q", "-c"]
CLASSES = ("P10.1", "P10.2", "P10.7", "P6.4", "P15.1", "P4.13", "P5.7", "P1", "P28.5", "P22.2", "P2.3", "P11.1")
GROUPS = ("KR1", "KR1.3", "KR1.2", "KR2", "KR1.4")
MUNICIPALITIES = ("091", "049", "092", "106", "186", "245", "505", "543", "611", "753", "858", "179", "992", "182")
REGIONS = ("01", "13", "02", "06")


def generate(services: int, organizations: int, seed: int) -> tuple[dict, list[str]]:
    rng = random.Random(seed)
    data: dict = {}
    orgs = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(organizations)]
    per_org = services // organizations
    n_service = n_channel = 0
    for org in orgs:
        NAMES[org] = f"Organisaatio {org[:8]}"
        TYPES[org] = rng.choice(("Municipality", "Region", "Organization"))
        channels = []
        for k in range(max(3, per_org // 3)):
            n_channel += 1
            kind = k % 10
            if kind < 7:
                channels.append(location_channel(n_channel, org, f"Toimipiste {n_channel}", f"Katu{n_channel}", str(k)))
            elif kind < 9:
                channels.append(phone_channel(n_channel, org, f"Puhelin {n_channel}"))
            else:
                channels.append(web_channel(n_channel, org, f"Asiointi {n_channel}"))
        first_channel = n_channel - len(channels) + 1
        items = []
        for _ in range(per_org):
            n_service += 1
            where = rng.random()
            if where < 0.6:
                areas = [{"type": "Municipality", "code": rng.choice(MUNICIPALITIES), "name": []}]
                area_type = "LimitedType"
            elif where < 0.9:
                areas = [{"type": "Region", "code": rng.choice(REGIONS), "name": []}]
                area_type = "LimitedType"
            else:
                areas, area_type = [], "Nationwide"
            items.append(
                service(
                    n_service,
                    org,
                    f"Palvelu {n_service}: {rng.choice(('ohjaus', 'neuvonta', 'tuki', 'valmennus'))}",
                    classes=tuple(rng.sample(CLASSES, rng.randint(1, 3))),
                    groups=tuple(rng.sample(GROUPS, rng.randint(1, 2))),
                    area_type=area_type,
                    areas=areas,
                    channels=tuple(rng.sample(range(first_channel, n_channel + 1), 2)),
                    sv=f"Tjänst {n_service}" if rng.random() < 0.3 else None,
                    languages=("fi", "sv") if rng.random() < 0.3 else ("fi",),
                )
            )
        data[org] = {"services": items, "channels": channels}
    return data, orgs


def pg_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def run(env: dict[str, str], args: list[str]) -> tuple[float, int, str]:
    """Seconds, peak RSS in MB of the command, its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "routing", *args], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"eteinen {' '.join(args[:3])} … failed ({done.returncode}):\n{done.stderr[-3000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) // 1024, done.stdout


def bench(label: str, env: dict[str, str], data: dict, orgs: list[str], page_size: int) -> None:
    state = PtvServer(data, size=page_size)
    args = ["import-ptv", *[a for org in orgs for a in ("--organization", org)]]
    with serving(state) as base:
        for step in ("first import", "same again", "1 % gone, 1 % renamed"):
            if step.startswith("1 %"):
                rng = random.Random(1)
                for parts in data.values():
                    items = parts["services"]
                    for s in rng.sample(items, max(1, len(items) // 100)):
                        s["serviceNames"][0]["value"] += " (uusi nimi)"
                    for s in rng.sample(items, max(1, len(items) // 100)):
                        items.remove(s)
                state.encoded.clear()
            state.requests.clear()
            seconds, peak, out = run(env, [*args, "--url", base])
            last = out.strip().splitlines()[-1]
            changes = sum(1 for line in out.splitlines() if line.startswith(("  renamed", "  gone", "  new")))
            print(
                f"{label:10} {step:24} {seconds:7.1f} s  peak {peak:5d} MB  {len(state.requests):5d} requests"
                f"  {changes:6d} service lines  | {last[:110]}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=30_000)
    parser.add_argument("--organizations", type=int, default=100)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    started = time.perf_counter()
    data, orgs = generate(options.services, options.organizations, options.seed)
    services = sum(len(p["services"]) for p in data.values())
    channels = sum(len(p["channels"]) for p in data.values())
    print(
        f"generated {services} services, {channels} channels of {len(orgs)} organisations"
        f" in {time.perf_counter() - started:.1f} s; pages of {options.page_size}"
    )
    with tempfile.TemporaryDirectory(prefix="eteinen-ptv-bench-") as tmp:
        env = {**os.environ, "ETEINEN_INSTANCE": tmp, "DATABASE_URL": f"sqlite:///{tmp}/eteinen.db"}
        subprocess.run([sys.executable, "-m", "routing", "init"], env=env, check=True, capture_output=True)
        bench(
            "sqlite", env, generate(options.services, options.organizations, options.seed)[0], orgs, options.page_size
        )
        if pg_up():
            schema = f"ptv_bench_{uuid.uuid4().hex[:8]}"
            subprocess.run(
                [*PSQL, f"CREATE SCHEMA {schema}"],
                check=True,
            )
            try:
                url = f"{PG_URL}?options=-csearch_path%3D{schema}"
                env_pg = {**env, "DATABASE_URL": url}
                subprocess.run([sys.executable, "-m", "routing", "init"], env=env_pg, check=True, capture_output=True)
                bench("postgresql", env_pg, data, orgs, options.page_size)
            finally:
                subprocess.run(
                    [*PSQL, f"DROP SCHEMA {schema} CASCADE"],
                    check=True,
                )


if __name__ == "__main__":
    main()

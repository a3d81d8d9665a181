"""Time ``eteinen directory overlaps`` on a generated national-size directory (30,000 services).

    .venv/bin/python bench/overlaps_bench.py [--services 30000] [--repeat 3] [--postgresql URL]

The directory is bench/import_bench.py's (deterministic: organisations, services
with 1–2 needs, municipality, region or whole-country areas, ages and languages),
imported with the real importer into SQLite in /tmp and, with ``--postgresql``
(default: TEST_DATABASE_URL), a schema of its own there; a built database of the
same size is reused with ``--reuse``. Then ``find_overlaps`` runs for the
network's regions and for one region, ``--repeat`` times each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_bench import generate

from routing.core import db
from routing.core.migrate import upgrade
from routing.directory.hsds import import_path
from routing.figures.compute import make_scope
from routing.figures.overlaps import find_overlaps


def services_in(engine: Engine) -> int:
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT COUNT(*) FROM service")).scalar_one())
    except Exception:
        return -1


def build(engine: Engine, services: int, seed: int) -> None:
    upgrade(engine)
    with tempfile.TemporaryDirectory(prefix="eteinen-overlaps-") as tmp:
        generate(Path(tmp), services, seed)
        t0 = time.perf_counter()
        with db.transaction(bind=engine) as s:
            import_path(s, tmp)
        print(f"  imported {services} services in {time.perf_counter() - t0:.0f} s")


def time_overlaps(label: str, engine: Engine, repeat: int) -> list[str]:
    now = datetime.now(UTC)
    rows = []
    for scope_label, scope, need, page in (
        ("network's regions", make_scope(now=now), None, None),
        ("region 01", make_scope(region="01", now=now), None, None),
        # what the overlaps page asks: one page of 20 groups, the directory read once per version
        ("network's regions, page 1 of 20 groups", make_scope(now=now), None, 1),
        ("region 01, debt, page 1", make_scope(region="01", now=now), "debt", 1),
    ):
        walls = []
        for _ in range(repeat):
            with db.new_session(read_only=True, bind=engine) as s:
                t0 = time.perf_counter()
                result = find_overlaps(s, scope, need, page, 20 if page else None)
                walls.append(time.perf_counter() - t0)
        found = f"{len(result['overlaps'])} of {result['paging']['total_items']} groups, {len(result['gaps'])} gaps"
        cell = f"{statistics.median(walls):.2f} (max {max(walls):.2f})"
        print(f"  {label}, {scope_label}: {cell}; {found}", file=sys.stderr)
        rows.append(f"| {label} | {scope_label} | {cell} | {found} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sqlite", default="/tmp/eteinen-overlaps-bench.db", help="SQLite file ('' to skip)")
    parser.add_argument("--postgresql", default=os.environ.get("TEST_DATABASE_URL", ""), help="URL ('' to skip)")
    parser.add_argument("--reuse", action="store_true", help="keep an already built database of the same size")
    args = parser.parse_args()

    targets: list[tuple[str, Engine]] = []
    if args.sqlite:
        path = Path(args.sqlite)
        engine = db.make_engine(f"sqlite:///{path}")
        if not (args.reuse and services_in(engine) == args.services):
            engine.dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            engine = db.make_engine(f"sqlite:///{path}")
            print("SQLite:")
            build(engine, args.services, args.seed)
        targets.append(("SQLite", engine))
    if args.postgresql:
        schema = "overlaps_bench"
        admin = db.make_engine(args.postgresql)
        url = f"{args.postgresql}{'&' if '?' in args.postgresql else '?'}options=-csearch_path%3D{schema}"
        engine = db.make_engine(url)
        if not (args.reuse and services_in(engine) == args.services):
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
                conn.execute(text(f"CREATE SCHEMA {schema}"))
            print("PostgreSQL:")
            build(engine, args.services, args.seed)
        targets.append(("PostgreSQL", engine))

    loads = [os.getloadavg()[0]]
    rows = []
    for label, engine in targets:
        rows += time_overlaps(label, engine, args.repeat)
        loads.append(os.getloadavg()[0])
    load = " → ".join(f"{x:.1f}" for x in loads)
    print(f"\n{args.services:,} services; median (and slowest) of {args.repeat} runs, seconds; load average {load}")
    print("| database | overlaps for | seconds | found |")
    print("|---|---|---:|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()

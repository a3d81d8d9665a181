"""Time each network figure at 1,000,000 referrals (two years of history) on SQLite and PostgreSQL.

    python bench/figures_bench.py                     # SQLite in /tmp, PostgreSQL if TEST_DATABASE_URL is set
    python bench/figures_bench.py --referrals 200000 --postgresql postgresql+psycopg://postgres@127.0.0.1/test

The data is bulk-loaded (executemany on SQLite, COPY on PostgreSQL) into a
freshly migrated database: organisations, staff, referrals with their needs,
offers (some declined and re-offered) and events, spread over the two years
before now. A rebuilt SQLite file is reused with ``--reuse``. Each figure's
query runs ``--repeat`` times; the table shows the slowest run (the first is
usually the coldest) and the result of ``compute_figures`` as a whole.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlmodel import SQLModel

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from routing.core import db
from routing.core.clock import local_seconds, week_number
from routing.core.migrate import upgrade
from routing.figures.compute import FIGURE_QUERIES, Figures, compute_figures, make_scope
from routing.matcher.gazetteer import gazetteer
from routing.referrals.models import CHANNELS, DECLINE_REASONS, OUTCOMES, first_owner_columns

NEEDS = (
    "education",
    "study-guidance",
    "employment",
    "livelihood",
    "debt",
    "housing",
    "rehabilitation",
    "mental-health",
    "substance-use",
    "integration",
    "youth-work",
    "health",
    "entrepreneurship",
)
N_ORGS = 200
N_FRONT_DOORS = 30
USERS_PER_ORG = 3
BATCH = 50_000


@dataclass
class Rows:
    referrals: list[tuple[Any, ...]]
    needs: list[tuple[Any, ...]]
    offers: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]


REFERRAL_COLS = (
    "id", "state", "holder_id", "owner_id", "contact_user_id", "front_door_id", "channel", "question",
    "client_contact", "municipality", "age", "language", "consent", "needs_rerouting", "outcome",
    "created_at", "updated_at", "owned_at", "closed_at",
    "opened_local", "opened_week", "owned_local", "seconds_to_owner", "first_owner_org_id",
)  # fmt: skip
NEED_COLS = ("referral_id", "need", "unmet", "municipality", "opened_local")
OFFER_COLS = (
    "id", "referral_id", "kind", "service_id", "organization_id", "ring_id", "state", "reason",
    "created_at", "decided_by_id", "decided_at",
)  # fmt: skip
EVENT_COLS = (
    "referral_id", "at", "actor_id", "kind", "from_state", "to_state", "reason", "offer_id", "organization_id",
)  # fmt: skip


def generate(n: int, now: datetime, seed: int = 7) -> Iterator[Rows]:
    """Referrals in batches, each with its needs, offers and events in the order they happened."""
    rnd = random.Random(seed)
    orgs = [f"org-{i:03d}" for i in range(N_ORGS)]
    doors = orgs[:N_FRONT_DOORS]
    receivers = orgs[N_FRONT_DOORS:]
    municipalities = [m.code for m in gazetteer().municipalities]
    span = timedelta(days=730).total_seconds()
    # naive UTC from here on: formatting aware datetimes row by row is the slowest part of a load
    now = now.astimezone(UTC).replace(tzinfo=None)
    start = now - timedelta(days=730)
    h = timedelta(hours=1)

    def user_of(org: str) -> int:
        return int(org[4:]) * USERS_PER_ORG + 1 + rnd.randrange(USERS_PER_ORG)

    batch = Rows([], [], [], [])
    for i in range(n):
        rid = f"r{i:08d}"
        opened = start + timedelta(seconds=rnd.random() * span)
        # what the column defaults write for an insert through SQLAlchemy
        local = local_seconds(opened)
        opening = {"created_at": opened, "opened_local": local, "opened_week": week_number(local)}
        door = rnd.choice(doors)
        muni = rnd.choice(municipalities)
        age_days = (now - opened).days
        needs = rnd.sample(NEEDS, 1 if rnd.random() < 0.6 else 2)
        unmet = rnd.random() < 0.05
        batch.needs.extend((rid, need, unmet and k == 0, muni, opening["opened_local"]) for k, need in enumerate(needs))
        ev = batch.events
        ev.append((rid, opened, None, "opened", None, "open", None, None, door))
        state, owner, owned, outcome, holder = "open", None, None, None, door
        first_owner: dict[str, Any] = {}  # owned_at and the figures' copies, once accepted
        mine: list[list[Any]] = []
        t = opened
        path = rnd.random()
        never_offered = unmet or path < 0.04
        if not never_offered:
            declines = 1 if path < 0.2 else (2 if path < 0.23 else 0)
            all_declined = 0.2 <= path < 0.23
            for k in range(declines + (0 if all_declined else 1)):
                to = rnd.choice(receivers)
                oid = f"o{i:08d}{k}"
                t = t + rnd.random() * 2 * h
                if t >= now:
                    break
                offer = [oid, rid, "referral", None, to, None, "pending", None, t, None, None]
                mine.append(offer)
                ev.append((rid, t, None, "offered", state, "offered", None, oid, to))
                state = "offered"
                t = t + rnd.expovariate(1 / 20) * h
                if t >= now:
                    break
                if k < declines:
                    reason = rnd.choice(DECLINE_REASONS)
                    offer[6], offer[7], offer[9], offer[10] = "declined", reason, user_of(to), t
                    ev.append((rid, t, user_of(to), "declined", "offered", "open", reason, oid, to))
                    state = "open"
                    t += rnd.expovariate(1 / 12) * h  # waiting in open before the next offer
                else:
                    owner = user_of(to)
                    offer[6], offer[9], offer[10] = "accepted", owner, t
                    ev.append((rid, t, owner, "accepted", "offered", "accepted", None, oid, to))
                    state, owned, holder = "accepted", t, to  # accepting makes the accepter's org the holder
                    first_owner = first_owner_columns(opened, t, to)
                    if rnd.random() < 0.03:  # handed on to another organisation, which accepts
                        onward = rnd.choice(receivers)
                        hid = f"h{i:08d}"
                        t_handoff = t + rnd.random() * 48 * h
                        t_taken = t_handoff + rnd.random() * 24 * h
                        if t_taken < now:
                            new_owner = user_of(onward)
                            handoff = [hid, rid, "handoff", None, onward, None, "accepted", None, t_handoff]
                            mine.append([*handoff, new_owner, t_taken])
                            ev.append((rid, t_handoff, owner, "handoff", "accepted", "accepted", None, hid, onward))
                            ev.append((rid, t_taken, new_owner, "accepted", "accepted", "accepted", None, hid, onward))
                            owner, holder, t = new_owner, onward, t_taken
        closed: datetime | None = None
        if never_offered:
            if age_days > 20 or rnd.random() < 0.5:
                closed, outcome = t + rnd.random() * 48 * h, "outside-network"
        elif state != "open" and age_days > 10 and rnd.random() < 0.97:
            closed = t + rnd.expovariate(1 / 10) * 24 * h
            outcome = rnd.choices(OUTCOMES, weights=(80, 6, 7, 4, 3))[0]
        elif state == "open" and age_days > 30:
            closed, outcome = t + 24 * h, "client-withdrew"
        if closed is not None and closed < now:
            for offer in mine:
                if offer[6] == "pending":
                    offer[6] = "withdrawn"
            ev.append((rid, closed, owner, "closed", state, "closed", outcome, None, None))
            state = "closed"
        else:
            closed = outcome = None
        batch.offers.extend(mine)
        row = {
            "id": rid, "state": state, "holder_id": holder, "owner_id": owner, "contact_user_id": None,
            "front_door_id": door, "channel": rnd.choices(CHANNELS, weights=(60, 25, 15))[0],
            "question": "Tarvitsen apua – kysymys " + uuid.UUID(int=rnd.getrandbits(128)).hex,
            "client_contact": None, "municipality": muni, "age": rnd.randint(15, 70), "language": "fi",
            "consent": True, "needs_rerouting": False, "outcome": outcome,
            "updated_at": closed or owned or opened, "closed_at": closed, **opening, **first_owner,
        }  # fmt: skip
        batch.referrals.append(tuple(row.get(c) for c in REFERRAL_COLS))
        if len(batch.referrals) >= BATCH:
            yield batch
            batch = Rows([], [], [], [])
    if batch.referrals:
        yield batch


BIG_TABLES = ("referral", "referral_need", "offer", "event")


@contextmanager
def indexes_after(engine: Engine) -> Iterator[None]:
    """Drop the big tables' secondary indexes for the load and build them once afterwards (faster)."""
    indexes = [idx for name in BIG_TABLES for idx in SQLModel.metadata.tables[name].indexes]
    with engine.begin() as conn:
        for idx in indexes:
            idx.drop(conn)
    yield
    t0 = time.perf_counter()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET maintenance_work_mem = '512MB'")
        for idx in indexes:
            idx.create(conn)
    print(f"indexes built in {time.perf_counter() - t0:.0f} s")


def load_sqlite(engine: Engine, n: int, now: datetime) -> None:
    def ph(k: int) -> str:
        return ", ".join("?" * k)

    with indexes_after(engine):
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA foreign_keys=OFF")
            cur.execute("PRAGMA cache_size=-500000")
            cur.execute("BEGIN")
            cur.executemany(
                "INSERT INTO organization (id, name) VALUES (?, ?)",
                [(f"org-{i:03d}", f"Organisaatio {i:03d}") for i in range(N_ORGS)],
            )
            cur.executemany(
                "INSERT INTO staff_user (id, email, organization_id, role, active, session_version, created_at)"
                " VALUES (?, ?, ?, 'counsellor', 1, 0, ?)",
                [(uid, f"u{uid}@example.fi", org, _ts(now)) for uid, org in _users()],
            )
            for batch in generate(n, now):
                for table, cols, rows in (
                    ("referral", REFERRAL_COLS, batch.referrals),
                    ("referral_need", NEED_COLS, batch.needs),
                    ("offer", OFFER_COLS, batch.offers),
                    ("event", EVENT_COLS, batch.events),
                ):
                    cur.executemany(
                        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({ph(len(cols))})",
                        [_sqlite_row(r) for r in rows],
                    )
                print(".", end="", flush=True)
            cur.execute("COMMIT")
            print()
        finally:
            raw.close()
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")


def _users() -> list[tuple[int, str]]:
    return [(i * USERS_PER_ORG + k + 1, f"org-{i:03d}") for i in range(N_ORGS) for k in range(USERS_PER_ORG)]


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_row(row: Any) -> tuple[Any, ...]:
    # the generator's datetimes are naive UTC: SQLite stores them as this text
    return tuple(v.isoformat(" ", "microseconds") if isinstance(v, datetime) else v for v in row)


def load_postgresql(engine: Engine, n: int, now: datetime) -> None:
    with indexes_after(engine):
        raw = engine.raw_connection()
        try:
            conn: Any = raw.driver_connection
            with conn.cursor() as cur:
                cur.execute("SET synchronous_commit = off")
                cur.execute("SET TIME ZONE 'UTC'")  # the generator's naive datetimes are UTC
                # no per-row foreign-key triggers during the load (the generator keeps the references right)
                cur.execute("SET session_replication_role = replica")
                with cur.copy("COPY organization (id, name) FROM STDIN") as copy:
                    for i in range(N_ORGS):
                        copy.write_row((f"org-{i:03d}", f"Organisaatio {i:03d}"))
                with cur.copy(
                    "COPY staff_user (id, email, organization_id, role, active, session_version, created_at) FROM STDIN"
                ) as copy:
                    for uid, org in _users():
                        copy.write_row((uid, f"u{uid}@example.fi", org, "counsellor", True, 0, now))
                for batch in generate(n, now):
                    for table, cols, rows in (
                        ("referral", REFERRAL_COLS, batch.referrals),
                        ("referral_need", NEED_COLS, batch.needs),
                        ("offer", OFFER_COLS, batch.offers),
                        ("event", EVENT_COLS, batch.events),
                    ):
                        with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                            for row in rows:
                                copy.write_row(row)
                    print(".", end="", flush=True)
                print()
            conn.commit()
        finally:
            raw.close()
    vacuum_analyze(engine)


def vacuum_analyze(engine: Engine) -> None:
    """What autovacuum does soon after a load or a migration: statistics, and the visibility map
    that lets the figures' index-only scans skip the table."""
    raw = engine.raw_connection()
    try:
        conn: Any = raw.driver_connection
        conn.autocommit = True
        with conn.cursor() as cur:
            t0 = time.perf_counter()
            cur.execute("VACUUM ANALYZE")
            print(f"vacuum analyze in {time.perf_counter() - t0:.0f} s")
    finally:
        raw.close()


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()
            for t in ("referral", "referral_need", "offer", "event")
        }


@dataclass
class Timing:
    period: str
    figure: str
    wall: list[float]
    cpu: list[float]  # this process's CPU: all of SQLite's work, none of PostgreSQL's

    def cell(self, with_cpu: bool) -> str:
        text = f"{statistics.median(self.wall):.2f} (max {max(self.wall):.2f})"
        return f"{text}, cpu {statistics.median(self.cpu):.2f}" if with_cpu else text


def time_figures(engine: Engine, now: datetime, repeat: int) -> list[Timing]:
    """Each figure's query, ``repeat`` times, for the default period, two years and one region."""
    periods = {
        "this year": make_scope(now=now),
        "two years": make_scope((now - timedelta(days=730)).date().isoformat(), now=now),
        "region 01, this year": make_scope(region="01", now=now),
    }
    results = []
    for label, scope in periods.items():
        with db.new_session(read_only=True, bind=engine) as s:
            for name in (*FIGURE_QUERIES, "all (compute_figures)"):
                timing = Timing(label, name, [], [])
                for _ in range(repeat):
                    t0, c0 = time.perf_counter(), time.process_time()
                    if name.startswith("all"):
                        compute_figures(s, scope, now)
                    else:
                        getattr(Figures(s, scope, now), name)()
                    timing.wall.append(time.perf_counter() - t0)
                    timing.cpu.append(time.process_time() - c0)
                results.append(timing)
                print(f"  {label}: {name} {timing.cell(True)}", file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--referrals", type=int, default=1_000_000)
    parser.add_argument("--sqlite", default="/tmp/eteinen-figures-bench.db", help="SQLite file ('' to skip)")
    parser.add_argument("--postgresql", default=os.environ.get("TEST_DATABASE_URL", ""), help="URL ('' to skip)")
    parser.add_argument("--reuse", action="store_true", help="keep an already built database of the same size")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    now = datetime.now(UTC)

    targets: list[tuple[str, Engine]] = []
    if args.sqlite:
        path = Path(args.sqlite)
        engine = db.make_engine(f"sqlite:///{path}")
        if not (args.reuse and path.exists() and counts(engine)["referral"] == args.referrals):
            engine.dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            engine = db.make_engine(f"sqlite:///{path}")
            upgrade(engine)
            t0 = time.perf_counter()
            load_sqlite(engine, args.referrals, now)
            print(f"sqlite: loaded in {time.perf_counter() - t0:.0f} s: {counts(engine)}")
        else:
            upgrade(engine)  # indexes added since the file was built
            with engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
        targets.append(("SQLite", engine))
    if args.postgresql:
        schema = "figures_bench"
        admin = db.make_engine(args.postgresql)
        url = f"{args.postgresql}{'&' if '?' in args.postgresql else '?'}options=-csearch_path%3D{schema}"
        engine = db.make_engine(url)
        with admin.begin() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = :s"), {"s": schema}).first()
        if not (args.reuse and exists and counts(engine)["referral"] == args.referrals):
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
                conn.execute(text(f"CREATE SCHEMA {schema}"))
            upgrade(engine)
            t0 = time.perf_counter()
            load_postgresql(engine, args.referrals, now)
            print(f"postgresql: loaded in {time.perf_counter() - t0:.0f} s: {counts(engine)}")
        else:
            upgrade(engine)  # a migration since the build may have rewritten rows
            vacuum_analyze(engine)
        targets.append(("PostgreSQL", engine))

    loads = [os.getloadavg()[0]]
    results = {}
    for name, engine in targets:
        results[name] = time_figures(engine, now, args.repeat)
        loads.append(os.getloadavg()[0])
    names = [name for name, _ in targets]
    load = " → ".join(f"{x:.1f}" for x in loads)
    print(
        f"\n{args.referrals:,} referrals; median (and slowest) of {args.repeat} runs, seconds;"
        f" load average before and after each database: {load}"
    )
    print(f"| period | figure | {' | '.join(names)} |")
    print(f"|---|---|{'---:|' * len(names)}")
    for i, first in enumerate(results[names[0]]):
        cells = " | ".join(results[n][i].cell(n == "SQLite") for n in names)
        print(f"| {first.period} | {first.figure} | {cells} |")


if __name__ == "__main__":
    main()

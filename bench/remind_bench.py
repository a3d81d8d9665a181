"""Time one weekly reminder pass over 100k and 1M open or owned referrals.

    python bench/remind_bench.py                      # 100k and 1M on SQLite (+ PostgreSQL if it answers)
    python bench/remind_bench.py --sizes 100000 --no-postgresql
    python bench/remind_bench.py --sizes 1000000 --no-sqlite

The network: 1,000 organisations, each with a front-desk person (the
contact of the referrals it opens), an admin and a counsellor. Half the
referrals are open (reminded at once), a tenth are offered with an offer
pending for 5 days, the rest accepted 10 days ago with nothing recorded
since. Rows go in by executemany (SQLite) or COPY (PostgreSQL); only the
pass is timed: reminder rows, events, one mail per person into a folder,
bookkeeping. PostgreSQL: TEST_DATABASE_URL, else 127.0.0.1:5432/test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from routing.core.db import make_engine
from routing.core.migrate import upgrade
from routing.followup.reminders import ReminderSettings, Schedule, run_pass

ORGS = 1000
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def rows(n: int, now: datetime) -> dict[str, Iterator[tuple[Any, ...]]]:
    """The tables' rows, generated lazily (a million referrals never sit in a list)."""
    opened = now - timedelta(days=12)
    offered = now - timedelta(days=5)
    owned = now - timedelta(days=10)

    def orgs() -> Iterator[tuple[Any, ...]]:
        for i in range(ORGS):
            yield (f"o{i}", f"Organisaatio {i}")

    def users() -> Iterator[tuple[Any, ...]]:
        for i in range(ORGS):
            for j, role in enumerate(("front-desk", "org-admin", "counsellor")):
                uid = i * 3 + j + 1
                yield (uid, f"u{uid}@example.fi", f"o{i}", role, ("fi", "sv", "en")[uid % 3], True, 0, now)

    def state(k: int) -> str:
        # by thousands, so every organisation has referrals in every state
        band = k // ORGS % 10
        return "open" if band < 5 else "offered" if band == 5 else "accepted"

    def referrals() -> Iterator[tuple[Any, ...]]:
        for k in range(n):
            org = k % ORGS
            st = state(k)
            to = (org + 1) % ORGS
            holder = f"o{to}" if st == "accepted" else f"o{org}"
            owner = to * 3 + 3 if st == "accepted" else None
            yield (
                f"r{k:07d}", st, holder, owner, org * 3 + 1, f"o{org}", "desk", "245", 24, "fi", True, False,
                opened, opened, owned if owner else None,
            )  # fmt: skip

    def offers() -> Iterator[tuple[Any, ...]]:
        for k in range(n):
            st = state(k)
            if st == "open":
                continue
            to = (k % ORGS + 1) % ORGS
            yield (
                f"f{k:07d}", f"r{k:07d}", "referral", f"o{to}", "pending" if st == "offered" else "accepted",
                k % ORGS * 3 + 1, offered if st == "offered" else owned - timedelta(days=1),
            )  # fmt: skip

    def events() -> Iterator[tuple[Any, ...]]:
        for k in range(n):
            st = state(k)
            yield (f"r{k:07d}", opened, k % ORGS * 3 + 1, "opened", None, "open")
            if st == "accepted":
                yield (f"r{k:07d}", owned, (k % ORGS + 1) % ORGS * 3 + 3, "accepted", "offered", "accepted")

    return {
        "organization (id, name)": orgs(),
        "staff_user (id, email, organization_id, role, language, active, session_version, created_at)": users(),
        "referral (id, state, holder_id, owner_id, contact_user_id, front_door_id, channel, municipality, age,"
        " language, consent, needs_rerouting, created_at, updated_at, owned_at)": referrals(),
        "offer (id, referral_id, kind, organization_id, state, created_by_id, created_at)": offers(),
        "event (referral_id, at, actor_id, kind, from_state, to_state)": events(),
    }


def _batches(it: Iterator[tuple[Any, ...]], size: int = 50_000) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in it:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def load_sqlite(engine: Engine, n: int, now: datetime) -> None:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA foreign_keys=OFF")  # generated consistent; checking a million FKs is not the point
        cur.execute("BEGIN")
        for table, it in rows(n, now).items():
            width = table.count(",") + 1
            sql = f"INSERT INTO {table} VALUES ({', '.join('?' * width)})"
            for batch in _batches(_sqlite_values(it)):
                cur.executemany(sql, batch)
        cur.execute("COMMIT")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("ANALYZE")
    finally:
        raw.close()


def _sqlite_values(it: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    # the format SQLAlchemy's DateTime uses on SQLite (naive UTC)
    for row in it:
        yield tuple(v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(v, datetime) else v for v in row)


def load_postgresql(engine: Engine, n: int, now: datetime) -> None:
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert conn is not None
        with conn.cursor() as cur:
            for table, it in rows(n, now).items():
                with cur.copy(f"COPY {table} FROM STDIN") as copy:
                    for row in it:
                        copy.write_row(row)
            cur.execute("SELECT setval('staff_user_id_seq', (SELECT max(id) FROM staff_user))")
        conn.commit()
        with conn.cursor() as cur:
            conn.autocommit = True
            cur.execute("VACUUM ANALYZE")
    finally:
        raw.close()


def settings(folder: Path) -> ReminderSettings:
    return ReminderSettings(
        schedule=Schedule.parse("mon 08:00 Europe/Helsinki"),
        offer_remind_days=3,
        base_url="http://127.0.0.1:5000",
        smtp_url=None,
        mail_folder=folder,
        offer_expiry_days=14,
    )


def measure(engine: Engine, label: str, n: int, load: Any, work: Path) -> dict[str, Any]:
    now = datetime.now(UTC)
    upgrade(engine)
    started = time.perf_counter()
    load(engine, n, now)
    loaded = time.perf_counter() - started
    folder = work / f"mail-{label}-{n}"
    started = time.perf_counter()
    report = run_pass(engine, settings(folder), now=now)
    took = time.perf_counter() - started
    # and once more the same week: finds nothing to send
    started = time.perf_counter()
    again = run_pass(engine, settings(folder), now=now)
    rerun = time.perf_counter() - started
    assert sum(again.created.values()) == 0 and again.mails_sent == 0
    mails = len(list(folder.glob("*.eml")))
    assert mails == report.mails_sent
    return {
        "database": label,
        "referrals": n,
        "reminders": sum(report.created.values()),
        "mails": mails,
        "load_s": loaded,
        "pass_s": took,
        "rows_s": report.seconds["rows"],
        "people_s": report.seconds["recipients"],
        "mail_s": report.seconds["mail"],
        "rerun_s": rerun,
    }


def pg_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL") or PG_DEFAULT
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        if "TEST_DATABASE_URL" not in os.environ:
            return None
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-postgresql", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    work = Path(tempfile.mkdtemp(prefix="remind-bench-"))
    try:
        for n in [] if args.no_sqlite else sizes:
            engine = make_engine(f"sqlite:///{work / f'bench-{n}.db'}")
            results.append(measure(engine, "sqlite", n, load_sqlite, work))
            engine.dispose()
            (work / f"bench-{n}.db").unlink()
            print(_row(results[-1]), flush=True)
        url = None if args.no_postgresql else pg_url()
        for n in sizes if url else []:
            assert url is not None
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            admin = make_engine(url)
            with admin.begin() as conn:
                conn.execute(text(f"CREATE SCHEMA {schema}"))
            engine = make_engine(f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}")
            try:
                results.append(measure(engine, "postgresql", n, load_postgresql, work))
                print(_row(results[-1]), flush=True)
            finally:
                engine.dispose()
                with admin.begin() as conn:
                    conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
                admin.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(f"{'database':<11} {'referrals':>10} {'reminders':>10} {'mails':>6} {'load s':>7} {'pass s':>7} "
          f"{'rows s':>7} {'people s':>8} {'mail s':>7} {'µs/referral':>11} {'rerun s':>8}")  # fmt: skip
    for r in results:
        print(_row(r))
    print(f"(load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    for label in ("sqlite", "postgresql"):
        mine = {r["referrals"]: r for r in results if r["database"] == label}
        if len(mine) >= 2:
            small, big = mine[min(mine)], mine[max(mine)]
            # the rows and people phases grow with the referrals; mail grows with the people mailed
            grow = (big["rows_s"] + big["people_s"]) / (small["rows_s"] + small["people_s"])
            whole = big["pass_s"] / small["pass_s"]
            print(
                f"{label}: {max(mine) // min(mine)}x the referrals: the pass took {whole:.1f}x the time,"
                f" its per-referral part (rows + people) {grow:.1f}x"
            )


def _row(r: dict[str, Any]) -> str:
    per = r["pass_s"] / r["referrals"] * 1e6
    return (
        f"{r['database']:<11} {r['referrals']:>10,} {r['reminders']:>10,} {r['mails']:>6} {r['load_s']:>7.1f} "
        f"{r['pass_s']:>7.2f} {r['rows_s']:>7.2f} {r['people_s']:>8.2f} {r['mail_s']:>7.2f} {per:>11.1f} "
        f"{r['rerun_s']:>8.2f}"
    )


if __name__ == "__main__":
    main()

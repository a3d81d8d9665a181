"""Migration 0006 fills in the figures' numbers of existing referrals as the referral operations write them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from routing.core import db
from routing.core.clock import local_seconds, utc_seconds, week_number
from routing.core.migrate import upgrade

from ..conftest import DATABASES, PG_URL
from ..histories import hki

BEFORE = "0005_reminders"


@pytest.fixture(params=DATABASES)
def old_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database migrated up to the revision before the figures' numbers."""
    if request.param == "sqlite":
        engine = db.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
        upgrade(engine, BEFORE)
        yield engine
        engine.dispose()
        return
    assert PG_URL
    schema = f"m_{uuid.uuid4().hex[:12]}"
    admin = db.make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine = db.make_engine(f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}")
    upgrade(engine, BEFORE)
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def utc(year: int, month: int, day: int, hour: int, minute: int = 0, second: int = 0, micro: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


# (id, opened, first owner's time or None, holder, handed on later)
REFERRALS = [
    # the last instant of winter time (clocks go forward at 01:00 UTC), owned an hour later in summer time
    ("r-spring", utc(2026, 3, 29, 0, 59, 59, 999_999), utc(2026, 3, 29, 1, 59, 59), "org-b", False),
    # opened in summer time, owned in the hour that repeats when the clocks go back (01:00 UTC)
    ("r-autumn", utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30, 0, 500_000), "org-b", False),
    # New Year in Helsinki (still the old year in UTC), owned by the ring member who accepted, then handed on
    ("r-ring", hki(2026, 1, 1, 0, 30), hki(2026, 1, 2, 9), "org-d", True),
    ("r-never", hki(2025, 7, 1, 12), None, "org-a", False),
]


def _fill(engine: Engine) -> None:
    stamp = utc(2026, 1, 1, 0)
    with engine.begin() as conn:
        for org in ("org-a", "org-b", "org-c", "org-d"):
            conn.execute(text("INSERT INTO organization (id, name) VALUES (:id, :name)"), {"id": org, "name": org})
        for uid, org in ((1, "org-b"), (2, "org-c"), (3, "org-d")):
            conn.execute(
                text(
                    "INSERT INTO staff_user (id, email, organization_id, role, active, session_version, created_at)"
                    " VALUES (:id, :email, :org, 'counsellor', :t, 0, :at)"
                ),
                {"id": uid, "email": f"u{uid}@example.fi", "org": org, "t": True, "at": stamp},
            )
        conn.execute(text("INSERT INTO ring (id, name, created_at) VALUES ('ring-1', 'Rengas', :at)"), {"at": stamp})
        for rid, opened, owned, holder, handed_on in REFERRALS:
            conn.execute(
                text(
                    "INSERT INTO referral (id, state, holder_id, owner_id, front_door_id, channel, municipality,"
                    " consent, needs_rerouting, created_at, updated_at, owned_at)"
                    " VALUES (:id, :state, :holder, :owner, 'org-a', 'desk', '245', :f, :f, :opened, :opened, :owned)"
                ),
                {
                    "id": rid,
                    "state": "accepted" if owned else "open",
                    "holder": holder,
                    "owner": {"org-b": 1, "org-d": 3}.get(holder) if owned else None,
                    "f": False,
                    "opened": opened,
                    "owned": owned,
                },
            )
            conn.execute(
                text("INSERT INTO referral_need (referral_id, need, unmet) VALUES (:id, 'employment', :f)"),
                {"id": rid, "f": False},
            )
            if owned is None:
                continue
            ring = rid == "r-ring"  # offered to the ring: the offer names no organisation, its accepter does
            conn.execute(
                text(
                    "INSERT INTO offer (id, referral_id, kind, organization_id, ring_id, state, created_at,"
                    " decided_by_id, decided_at) VALUES (:id, :rid, 'referral', :org, :ring, 'accepted', :opened,"
                    " :by, :owned)"
                ),
                {
                    "id": f"o-{rid}",
                    "rid": rid,
                    "org": None if ring else holder,
                    "ring": "ring-1" if ring else None,
                    "by": 2 if ring else 1,
                    "opened": opened,
                    "owned": owned,
                },
            )
            if handed_on:
                conn.execute(
                    text(
                        "INSERT INTO offer (id, referral_id, kind, organization_id, state, created_at, decided_by_id,"
                        " decided_at) VALUES (:id, :rid, 'handoff', 'org-d', 'accepted', :owned, 3, :owned)"
                    ),
                    {"id": f"h-{rid}", "rid": rid, "owned": owned},
                )


def _stored(engine: Engine) -> dict[str, tuple[object, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT r.id, r.opened_local, r.opened_week, r.owned_local, r.seconds_to_owner, r.first_owner_org_id,"
                " rn.municipality, rn.opened_local AS need_opened FROM referral r"
                " JOIN referral_need rn ON rn.referral_id = r.id"
            )
        )
        return {r.id: tuple(r)[1:] for r in rows}


def test_the_migration_fills_in_what_the_operations_would_have_written(old_engine: Engine) -> None:
    _fill(old_engine)
    upgrade(old_engine)
    expected = {}
    for rid, opened, owned, _holder, _handed_on in REFERRALS:
        local = local_seconds(opened)
        first_owner = (
            (local_seconds(owned), utc_seconds(owned) - utc_seconds(opened), "org-c" if rid == "r-ring" else "org-b")
            if owned
            else (None, None, None)
        )
        expected[rid] = (local, week_number(local), *first_owner, "245", local)
    assert _stored(old_engine) == expected
    # the edges, by hand: 02:59:59 EET; 04:59:59 EEST, one hour of real time later
    spring = expected["r-spring"]
    assert spring[0] == (datetime(2026, 3, 29, 2, 59, 59) - datetime(1970, 1, 1)).total_seconds()
    assert (spring[2] - spring[0], spring[3]) == (7200, 3600)  # type: ignore[operator]
    assert expected["r-ring"][1] == week_number(local_seconds(hki(2025, 12, 29)))  # 1 Jan 2026 was a Thursday

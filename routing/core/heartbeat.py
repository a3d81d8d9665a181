"""The scheduler's heartbeat: a row the active scheduler rewrites every minute, read by readiness."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, select, update

from routing.core import db
from routing.core.clock import utcnow
from routing.core.models import SchedulerHeartbeat

BEAT_EVERY = timedelta(minutes=1)
STALE_AFTER = timedelta(minutes=3)
NAME = "scheduler"

_table = SchedulerHeartbeat.__table__  # type: ignore[attr-defined]


def beat(engine: Engine, holder: str, *, now: datetime | None = None) -> None:
    """Say the scheduler is alive: one row, updated in place (inserted the first time)."""
    moment = now or utcnow()
    with engine.begin() as conn:
        changed = conn.execute(update(_table).where(_table.c.name == NAME).values(holder=holder, beat_at=moment))
        if not changed.rowcount:
            conn.execute(_table.insert().values(name=NAME, holder=holder, beat_at=moment))


def last_beat(engine: Engine) -> datetime | None:
    with db.read_engine(engine).connect() as conn:
        return conn.execute(select(_table.c.beat_at).where(_table.c.name == NAME)).scalar_one_or_none()


def heartbeat_problem(engine: Engine, *, now: datetime | None = None) -> str | None:
    """Why the scheduler does not look alive (never beat, or its beat is older than three minutes), or None."""
    last = last_beat(engine)
    if last is None:
        return "no scheduler has run: start `eteinen scheduler` (or `eteinen serve` without --no-scheduler)"
    age = (now or utcnow()) - last
    if age > STALE_AFTER:
        return f"the scheduler's last heartbeat is {int(age.total_seconds())} s old (more than 180 s)"
    return None

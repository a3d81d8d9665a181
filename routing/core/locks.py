"""Database locks that make one process the only one doing something (scheduler, reminder pass).

On PostgreSQL a session-level advisory lock held on a connection of its
own: it goes away with the connection, so a crashed holder frees it at
once. On SQLite a lease row (``scheduler_lease``) with an expiry that the
holder renews; a crashed holder's lease runs out after ``ttl``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import time
import uuid
from datetime import datetime, timedelta
from types import TracebackType

from sqlalchemy import Connection, Engine, delete, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError

from routing.core.clock import utcnow
from routing.core.models import SchedulerLease

_lease = SchedulerLease.__table__  # type: ignore[attr-defined]


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for ``pg_advisory_lock`` from a lock name."""
    return int.from_bytes(hashlib.sha256(f"eteinen:{name}".encode()).digest()[:8], "big", signed=True)


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class DatabaseLock:
    """``try_acquire`` / ``renew`` / ``release`` of one named lock; also a context manager
    that waits up to ``wait`` seconds (raises :class:`LockBusy` when it could not)."""

    def __init__(self, engine: Engine, name: str, *, ttl: timedelta = timedelta(seconds=60), wait: float = 0) -> None:
        self.engine = engine
        self.name = name
        self.ttl = ttl
        self.wait = wait
        self.holder = holder_name()
        self.held = False
        self._conn: Connection | None = None
        self._pg = engine.dialect.name == "postgresql"

    def try_acquire(self, *, now: datetime | None = None) -> bool:
        """Take the lock if it is free; ``now`` is the lease's clock on SQLite (an advisory lock has none)."""
        if self.held:
            return self.renew(now=now)
        self.held = self._acquire_pg() if self._pg else self._acquire_lease(now)
        return self.held

    def _acquire_pg(self) -> bool:
        conn = self.engine.connect()
        try:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": advisory_key(self.name)}).scalar()
            conn.commit()  # end the implicit transaction; the session lock stays
        except Exception:
            conn.close()
            raise
        if got:
            self._conn = conn
            return True
        conn.close()
        return False

    def _acquire_lease(self, now: datetime | None) -> bool:
        now = now or utcnow()
        stmt = sqlite_insert(_lease).values(name=self.name, holder=self.holder, expires_at=now + self.ttl)
        stmt = stmt.on_conflict_do_update(
            index_elements=[_lease.c.name],
            set_={"holder": stmt.excluded.holder, "expires_at": stmt.excluded.expires_at},
            # take it over only when it ran out (or is already ours)
            where=(_lease.c.expires_at < now) | (_lease.c.holder == self.holder),
        )
        with self.engine.begin() as conn:
            conn.execute(stmt)
            owner = conn.execute(select(_lease.c.holder).where(_lease.c.name == self.name)).scalar()
        return owner == self.holder

    def renew(self, *, now: datetime | None = None) -> bool:
        """Keep the lock; False when it was lost (connection dropped, lease taken over)."""
        if not self.held:
            return False
        if self._pg:
            assert self._conn is not None
            try:
                self._conn.execute(text("SELECT 1"))
                self._conn.commit()
            except DBAPIError:
                self._drop_connection()
                self.held = False
        else:
            with self.engine.begin() as conn:
                result = conn.execute(
                    update(_lease)
                    .where(_lease.c.name == self.name, _lease.c.holder == self.holder)
                    .values(expires_at=(now or utcnow()) + self.ttl)
                )
            self.held = result.rowcount == 1
        return self.held

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        if self._pg:
            assert self._conn is not None
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": advisory_key(self.name)})
                self._conn.commit()
            except DBAPIError:
                pass  # the connection is gone, and the lock with it
            self._drop_connection()
        else:
            with self.engine.begin() as conn:
                conn.execute(delete(_lease).where(_lease.c.name == self.name, _lease.c.holder == self.holder))

    def _drop_connection(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(DBAPIError):
                self._conn.close()
            self._conn = None

    def acquire(self, wait: float | None = None, poll: float = 0.5) -> bool:
        deadline = time.monotonic() + (self.wait if wait is None else wait)
        while True:
            if self.try_acquire():
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(poll)

    def __enter__(self) -> DatabaseLock:
        if not self.acquire():
            raise LockBusy(self.name)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


class LockBusy(RuntimeError):
    def __init__(self, name: str) -> None:
        super().__init__(f"another process holds the lock {name!r}")
        self.name = name

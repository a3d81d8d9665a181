"""The database: one engine per application, sessions per request or command.

SQLite is set up for a small office server: WAL so readers never wait,
foreign keys on, a busy timeout, and write transactions that take the
write lock at BEGIN (``BEGIN IMMEDIATE``) so concurrent writers queue
instead of failing halfway with "database is locked". PostgreSQL needs
none of that. The SQLite file is created for its owner only (0600), and
``secure_delete`` overwrites what is deleted, so an erased question is
not left in a free page (``scrub`` empties the WAL of its old copies).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Column, Engine, Text, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlmodel import Field, Session

BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str, **kwargs: Any) -> Engine:
    # an error's text names the statement, never its values: a failed INSERT must not log a client's question
    kwargs.setdefault("hide_parameters", True)
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url, **kwargs)
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _sqlite_engine(url: str, **kwargs: Any) -> Engine:
    path = make_url(url).database
    if path and path != ":memory:" and not path.startswith("file:") and not os.path.exists(path):
        # SQLite would create it with the umask's rights (often world-readable); its -wal and -shm copy these
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("timeout", BUSY_TIMEOUT_MS / 1000)
    connect_args.setdefault("check_same_thread", False)
    engine = create_engine(url, connect_args=connect_args, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted content is overwritten, not left in free pages
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # read-only sessions run each statement on its own (like PostgreSQL's READ COMMITTED)
        # and so never hold a snapshot or a lock; every other transaction takes the write lock first
        if not conn.get_execution_options().get("read_only"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def init_app(app: Flask) -> None:
    bind = make_engine(app.config["DATABASE_URL"])
    app.extensions["eteinen.engine"] = bind
    # made once: making one costs as much as the small query an API request reads its token with
    app.extensions["eteinen.read_engine"] = bind.execution_options(read_only=True)
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    return current_app.extensions["eteinen.engine"]


def read_engine(bind: Engine | None = None) -> Engine:
    """``bind`` (the app's engine) for reads: on SQLite they take no write lock and see each committed
    change at once."""
    if bind is None:
        return current_app.extensions["eteinen.read_engine"]
    return bind.execution_options(read_only=True)


def new_session(*, read_only: bool = False, bind: Engine | None = None) -> Session:
    """A session; ``read_only`` ones skip SQLite's write lock and see each committed change at once."""
    target = read_engine(bind) if read_only else bind or engine()
    return Session(target, expire_on_commit=False)


def session() -> Session:
    """The request's (or command's) session, made on first use and closed at teardown."""
    if "db_session" not in g:
        g.db_session = new_session()
    return g.db_session


def read_session() -> Session:
    """A read-only session for the request: no write lock on SQLite."""
    if "db_read_session" not in g:
        g.db_read_session = new_session(read_only=True)
    return g.db_read_session


def _close_session(_exc: BaseException | None) -> None:
    for name in ("db_session", "db_read_session"):
        s = g.pop(name, None)
        if s is not None:
            s.close()  # rolls back anything not committed: never half-written


@contextmanager
def transaction(bind: Engine | None = None) -> Iterator[Session]:
    """A unit of work outside a request: commit at the end, roll back on any error."""
    with new_session(bind=bind) as s:
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise


def scrub(bind: Engine | None = None) -> None:
    """After an erasure: on SQLite, copy the WAL into the database and truncate it, so no old copy of an
    erased page stays in the ``-wal`` file (PostgreSQL's files are the server's to manage)."""
    target = bind or engine()
    if target.dialect.name != "sqlite":
        return
    with read_engine(target).connect() as conn:  # no BEGIN: a checkpoint runs outside one
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def ping(bind: Engine | None = None) -> bool:
    try:
        # read-only: a health check must not queue for SQLite's write lock behind the writers
        with read_engine(bind).connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


def new_id() -> str:
    return str(uuid.uuid4())


def text_column(**kw: Any) -> Any:
    return Field(default=None, sa_column=Column(Text, **kw))

"""Shared fixtures: every database test runs on SQLite and, when TEST_DATABASE_URL is set, PostgreSQL.

Each test gets a clean database: a fresh copy of a migrated SQLite file, or
a PostgreSQL schema of its own (migrated once per test process, emptied
before each test).
"""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import Engine, text
from sqlmodel import Session
from werkzeug.serving import BaseWSGIServer, make_server

from routing import create_app
from routing.core import db
from routing.core.migrate import upgrade
from tests.dovecot import dovecot  # noqa: F401 (the IMAP server fixture, for any test that asks)

PG_URL = os.environ.get("TEST_DATABASE_URL")
DATABASES = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "eteinen.db"
    engine = db.make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@contextmanager
def pg_schema() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL schema of its own on TEST_DATABASE_URL, dropped afterwards."""
    assert PG_URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = db.make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(scope="session")
def _pg_schema() -> Iterator[str]:
    with pg_schema() as url:
        engine = db.make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


@pytest.fixture(params=DATABASES)
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes new, empty (never migrated) databases: SQLite files, or PostgreSQL schemas; parametrised over both."""
    with ExitStack() as stack:
        made: list[str] = []

        def new() -> str:
            if request.param == "sqlite":
                url = f"sqlite:///{tmp_path / f'empty{len(made)}.db'}"
            else:
                url = stack.enter_context(pg_schema())
            made.append(url)
            return url

        yield new


def _empty_pg(url: str) -> None:
    engine = db.make_engine(url)
    with engine.begin() as conn:
        # a connection some earlier test left in a transaction fails this test with a lock timeout, not a hang
        conn.execute(text("SET LOCAL lock_timeout = '60s'"))
        tables = [
            row[0]
            for row in conn.execute(
                text(
                    "SELECT tablename FROM pg_tables"
                    " WHERE schemaname = current_schema() AND tablename <> 'alembic_version'"
                )
            )
        ]
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A clean, migrated database for this test; parametrised over SQLite and PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "eteinen.db"
        shutil.copy(request.getfixturevalue("_sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("_pg_schema")
    _empty_pg(url)
    return url


@pytest.fixture
def instance_dir(tmp_path: Path) -> Path:
    path = tmp_path / "instance"
    path.mkdir()
    return path


@pytest.fixture
def app_config(database_url: str, instance_dir: Path) -> dict[str, Any]:
    """Settings for the test app; a test may change them before asking for ``app``."""
    return {
        "TESTING": True,
        "ETEINEN_INSTANCE": str(instance_dir),
        "DATABASE_URL": database_url,
        "WEBHOOK_ALLOW_PRIVATE": True,
    }


@pytest.fixture
def app(app_config: dict[str, Any]) -> Iterator[Flask]:
    app = create_app(app_config)
    yield app
    app.extensions["eteinen.engine"].dispose()


@pytest.fixture
def engine(app: Flask) -> Engine:
    return app.extensions["eteinen.engine"]  # type: ignore[no-any-return]


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the test database.

    It sees what the app commits at once (no long-lived snapshot, no lock held on
    SQLite); commit what you add before the app should see it. It deliberately
    pushes no app context: one left open would make every test-client request
    share one ``g`` (one database session, one CSRF token). Use
    ``with app.app_context():`` around calls that need one.
    """
    with db.new_session(read_only=True, bind=engine) as s:
        yield s


@pytest.fixture
def cli_env(app_config: dict[str, Any]) -> dict[str, str]:
    """Environment for running ``eteinen`` as a real subprocess against the test database."""
    env = dict(os.environ)
    env["ETEINEN_INSTANCE"] = app_config["ETEINEN_INSTANCE"]
    env["DATABASE_URL"] = app_config["DATABASE_URL"]
    return env


class LiveServer:
    def __init__(self, server: BaseWSGIServer) -> None:
        self.server = server
        self.url = f"http://127.0.0.1:{server.server_port}"


@pytest.fixture
def live_server(app: Flask) -> Iterator[LiveServer]:
    """The test app served over real HTTP on a free loopback port, many requests at once."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(server)
    server.shutdown()
    thread.join(timeout=5)

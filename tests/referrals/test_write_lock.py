"""SQLite has one write lock: a change holds it for the change only, and a health check never waits for it."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import select

from routing.privacy.models import AccessLog

from .conftest import OPEN, open_one

# what the answer reads (``queries.case_file``): the history, notes, needs and names
ANSWER_TABLES = ("event", "note", "referral_need", "organization", "staff_user", "ring", "service")


def _statements_in_write_transactions(engine) -> list[str]:
    """Every statement run while a write transaction is open, as it runs."""
    seen: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _record(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if conn.in_transaction() and not conn.get_execution_options().get("read_only"):
            seen.append(" ".join(statement.split()))

    return seen


@pytest.mark.parametrize("path", ["open", "accept"])
def test_the_answer_is_read_after_the_change_is_committed(as_, world, engine, session, path) -> None:
    rid = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json
    seen = _statements_in_write_transactions(engine)
    if path == "open":
        response = as_("desk").post("/referrals", OPEN)
        assert response.status_code == 201
        assert response.json["question"] == OPEN["question"] and response.json["events"][0]["kind"] == "opened"
    else:
        response = as_("b1").post(f"/offers/{offer['id']}/accept")
        assert response.status_code == 200
        assert response.json["state"] == "accepted" and response.json["owner"]["id"] == world.users["b1"]
    # the change and the log of the read are written under the lock; the case file is read outside it
    writes = [s for s in seen if not s.startswith("SELECT")]
    assert writes[-1].startswith("INSERT INTO access_log"), writes
    reads = [s.split(" FROM ")[1].split()[0] for s in seen if s.startswith("SELECT")]
    assert not set(reads) & set(ANSWER_TABLES), reads
    # ... and the read of the client's words is logged all the same, once
    reader = world.users["desk" if path == "open" else "b1"]
    logged = select(AccessLog).where(AccessLog.referral_id == response.json["id"], AccessLog.user_id == reader)
    assert len(session.exec(logged).all()) == 1


def test_health_answers_while_another_writer_holds_the_lock(app, client, database_url) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's write lock: PostgreSQL has none to wait for")
    path = database_url.removeprefix("sqlite:///")
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        response = client.get("/api/v1/health")
        assert response.status_code == 200 and response.json["database"] == "ok"
    finally:
        writer.execute("ROLLBACK")
        writer.close()

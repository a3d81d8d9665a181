"""Finding 2: a database error logs no bound parameter, so no question or contact reaches the log."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from tests.security.conftest import OPEN

MARKER_Q = "MARKER-QUESTION-7f3a kysymys"
MARKER_C = "MARKER-CONTACT-7f3a 040 1234567"


@pytest.fixture
def app_config(app_config):
    # a real server logs an unhandled error and answers 500; the test client would raise it instead
    return {**app_config, "PROPAGATE_EXCEPTIONS": False}


def _break_inserts(engine) -> None:
    """Every INSERT of a referral fails inside the database, as a terminated backend would fail it."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("CREATE TRIGGER broken BEFORE INSERT ON referral BEGIN SELECT RAISE(ABORT, 'gone'); END"))
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION broken() RETURNS trigger"
                    " AS $$ BEGIN RAISE EXCEPTION 'gone'; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(text("CREATE TRIGGER broken BEFORE INSERT ON referral FOR EACH ROW EXECUTE FUNCTION broken()"))


@pytest.fixture
def broken_inserts(engine):
    _break_inserts(engine)
    yield
    # the PostgreSQL schema is kept for the next tests of this process (emptied, not dropped)
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER broken"))
        else:
            conn.execute(text("DROP TRIGGER broken ON referral"))
            conn.execute(text("DROP FUNCTION broken()"))


def test_a_failed_insert_logs_no_question_or_contact(client, as_, broken_inserts, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    response = as_("desk").post("/referrals", {**OPEN, "question": MARKER_Q, "client_contact": MARKER_C})
    assert response.status_code == 500
    assert "MARKER" not in response.text
    logged = caplog.text + "\n".join(
        f"{r.getMessage()} {r.exc_text or ''} {r.exc_info[1] if r.exc_info else ''}" for r in caplog.records
    )
    assert "gone" in logged  # the error itself was logged...
    assert "MARKER" not in logged  # ...without what the client told

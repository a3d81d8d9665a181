"""Finding 4: after an erasure (or retention) the client's words are in no byte of the SQLite files,
and the files are the owner's alone."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from routing import create_app
from routing.core.clock import utcnow
from routing.core.migrate import upgrade
from routing.privacy.operations import run_retention
from tests.security.conftest import OPEN

QUESTION = "ERASEMARK-Q velat ja vuokra"
CONTACT = "ERASEMARK-C 040 999 0000"
NOTE = "ERASEMARK-N soitin asiakkaalle"


def _files(url: str) -> list[Path]:
    main = Path(url.removeprefix("sqlite:///"))
    return [p for p in (main, Path(f"{main}-wal"), Path(f"{main}-shm"), Path(f"{main}-journal")) if p.exists()]


def _leftovers(url: str) -> list[str]:
    return [p.name for p in _files(url) if b"ERASEMARK" in p.read_bytes()]


def _case(as_, world) -> str:
    rid = as_("desk").post("/referrals", {**OPEN, "question": QUESTION, "client_contact": CONTACT}).json["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json
    assert as_("b1").post(f"/offers/{offer['id']}/accept").status_code == 200
    assert as_("b1").post(f"/referrals/{rid}/notes", {"text": NOTE}).status_code == 200
    return rid


@pytest.fixture
def sqlite_only(database_url: str) -> str:
    if not database_url.startswith("sqlite"):
        pytest.skip("about SQLite's files (PostgreSQL's are the server's)")
    return database_url


def test_erase_leaves_no_byte_of_the_client_in_the_files(sqlite_only, as_, world) -> None:
    rid = _case(as_, world)
    assert _leftovers(sqlite_only), "the test must see the words before the erasure"
    assert as_("b1").post(f"/referrals/{rid}/close", {"outcome": "served"}).status_code == 200
    erased = as_("coordinator").post(f"/referrals/{rid}/erase")
    assert erased.status_code == 200, erased.text
    assert _leftovers(sqlite_only) == []


def test_retention_leaves_no_byte_of_the_client_in_the_files(sqlite_only, app, engine, as_, world) -> None:
    rid = _case(as_, world)
    assert as_("b1").post(f"/referrals/{rid}/close", {"outcome": "served"}).status_code == 200
    report = run_retention(30, now=utcnow() + timedelta(days=31), bind=engine)
    assert report.anonymised == 1
    assert _leftovers(sqlite_only) == []


def test_database_and_instance_are_the_owners_alone(tmp_path) -> None:
    instance = tmp_path / "fresh-instance"
    app = create_app({"TESTING": True, "ETEINEN_INSTANCE": str(instance)})
    try:
        upgrade(app.extensions["eteinen.engine"])
        with app.app_context():
            app.test_client().get("/api/v1/health")
        assert stat.S_IMODE(os.stat(instance).st_mode) == 0o700
        for path in _files(app.config["DATABASE_URL"]):
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
        assert stat.S_IMODE(os.stat(instance / "secret_key").st_mode) == 0o600
    finally:
        app.extensions["eteinen.engine"].dispose()


def test_mail_files_are_the_owners_alone(tmp_path) -> None:
    from email.message import EmailMessage

    from routing.core.mail import open_mailer

    folder = tmp_path / "outbox-mail"
    message = EmailMessage()
    message["To"], message["Subject"], message["Message-ID"] = "a@example.fi", "Muistutus", "<m1@eteinen.test>"
    message.set_content("hei")
    with open_mailer(None, folder) as mailer:
        mailer.send(message)
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    [written] = folder.iterdir()
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o600

"""A ring with its shared box on the test Dovecot, a real SMTP receiver for what Eteinen sends, and a
``round`` that reads the box once as the scheduler would."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine

from routing.core import db
from routing.mailbox.boxes import connect
from routing.mailbox.reader import Checkpoint, MailSettings, RingRound, poll_once
from routing.matcher.loading import route_now
from tests.dovecot import Dovecot
from tests.referrals.conftest import World, build_world
from tests.smtp_sink import SmtpSink
from tests.smtp_sink import smtp_server as smtp_server  # the fixture

RING_ADDRESS = "ohjausrengas@rengas.example.fi"
NOW = datetime(2026, 12, 7, 10, 15, tzinfo=UTC)  # a Monday


@pytest.fixture
def app_config(app_config: dict[str, Any], smtp_server: tuple[str, SmtpSink]) -> dict[str, Any]:
    return {**app_config, "SMTP_URL": smtp_server[0]}


@pytest.fixture
def sink(smtp_server: tuple[str, SmtpSink]) -> SmtpSink:
    return smtp_server[1]


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


@dataclass
class Box:
    user: str
    password: str
    dovecot: Dovecot

    def deliver(self, raw: bytes, folder: str = "INBOX") -> None:
        self.dovecot.deliver(self.user, raw, folder)

    def folder(self, name: str) -> list[tuple[bytes, bytes]]:
        """(flags, raw) of each mail in a folder."""
        imap = self.dovecot.connect(self.user)
        try:
            status, _ = imap.select(f'"{name}"')
            if status != "OK":
                return []
            _, data = imap.uid("SEARCH", "ALL")
            found = []
            for uid in data[0].split():
                _, parts = imap.uid("FETCH", uid, "(FLAGS BODY.PEEK[])")
                found.append((parts[0][0], parts[0][1]))  # type: ignore[index]
            return found
        finally:
            imap.logout()


def new_box(dovecot: Dovecot) -> Box:
    user = f"ring-{uuid.uuid4().hex[:10]}"
    password = f"pw-{uuid.uuid4().hex}"
    dovecot.add_user(user, password)
    return Box(user, password, dovecot)


def connect_box(app: Flask, ring_id: str, box: Box, *, password: str | None = None, **kw: Any) -> None:
    with app.app_context(), db.transaction() as s:
        connect(
            s,
            ring_id,
            imap=f"imap://{box.user}@{box.dovecot.host}:{box.dovecot.port}/INBOX",
            address=kw.pop("address", RING_ADDRESS),
            password=password or box.password,
            secret=app.config["SECRET_KEY"],
            insecure=True,
            **kw,
        )


@pytest.fixture
def box(app: Flask, world: World, dovecot: Dovecot) -> Box:
    made = new_box(dovecot)
    connect_box(app, world.ring, made)
    return made


Round = Callable[..., list[RingRound]]


@pytest.fixture
def read_round(app: Flask, engine: Engine) -> Round:
    """One round over every connected box at ``now`` (default NOW), with an optional checkpoint."""

    def run(now: datetime = NOW, checkpoint: Checkpoint | None = None) -> list[RingRound]:
        settings = MailSettings.from_config(app.config, app.instance_path)
        with app.app_context():
            if checkpoint is None:
                return poll_once(engine, settings, route=route_now, now=now)
            return poll_once(engine, settings, route=route_now, now=now, checkpoint=checkpoint)

    return run

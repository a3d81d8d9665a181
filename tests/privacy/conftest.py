"""A small network with referrals in every state, for the client's data rights."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from flask import Flask

from routing.accounts.models import User
from routing.core import db
from routing.directory.models import Organization
from routing.privacy.access import log_access
from routing.referrals.models import Referral

from ..histories import History, hki

QUESTION = "Tarvitsen apua työnhakuun, olen Matti 040 123 4567"
CONTACT = "matti@example.fi"


@dataclass
class Clients:
    holder: Organization  # the front door, then the holder of ``open_one``
    receiver: Organization
    other: Organization
    counsellor: User
    refs: dict[str, Referral] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)


def build_clients(h: History) -> Clients:
    holder, receiver, other = h.org("Ohjaamo Kerava"), h.org("TE-palvelut"), h.org("Kirjasto Vantaa")
    counsellor = h.user(receiver, "counsellor", "anna@te.example.fi")
    c = Clients(holder, receiver, other, counsellor)
    for key, org, role in (
        ("holder-admin", holder, "org-admin"),
        ("receiver-admin", receiver, "org-admin"),
        ("other-admin", other, "org-admin"),
        ("coordinator", other, "coordinator"),
        ("admin", other, "admin"),
        ("front-desk", holder, "front-desk"),
        ("counsellor", receiver, "counsellor"),
    ):
        c.users[key] = h.user(org, role, f"{key}@example.fi")
        c.tokens[key] = h.token(c.users[key])

    # closed: declined once (with a note), then accepted by the receiver, a note, closed
    closed = h.referral(hki(2025, 3, 3, 9), holder, question=QUESTION, contact=CONTACT)
    h.decline(h.offer(closed, hki(2025, 3, 3, 9, 5), other), hki(2025, 3, 3, 10), "no-capacity", note="Matti soitti")
    h.accept(h.offer(closed, hki(2025, 3, 3, 11), receiver), hki(2025, 3, 3, 12), counsellor)
    h.note(closed, hki(2025, 3, 4, 9), counsellor, "Matti tuli käymään, CV tehty")
    h.close(closed, hki(2025, 3, 20, 9), "served", counsellor)
    log_access(h.s, closed.id, counsellor.id, "page", "referral")
    c.refs["closed"] = closed
    # still open at its front door; offered elsewhere
    c.refs["open"] = h.referral(hki(2025, 4, 1, 9), holder)
    offered = h.referral(hki(2025, 4, 2, 9), holder)
    h.offer(offered, hki(2025, 4, 2, 9, 5), receiver)
    c.refs["offered"] = offered
    # accepted: the holder is now the receiver (accepting makes it so)
    accepted = h.referral(hki(2025, 4, 3, 9), holder)
    h.accept(h.offer(accepted, hki(2025, 4, 3, 9, 5), receiver), hki(2025, 4, 3, 10), counsellor)
    c.refs["accepted"] = accepted
    h.s.flush()
    return c


@pytest.fixture
def clients(app: Flask) -> Iterator[Clients]:
    with app.app_context(), db.transaction() as s:
        built = build_clients(History(s))
    yield built  # no app context kept pushed: the test client's requests get their own

"""Finding 3: after a handoff or a decline an organisation keeps the history, not the client's words.

One case goes through its life; at each stage every person of every organisation reads it through
the API and the staff page, and what they see is checked against one table: relation × field.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from routing.core import db
from routing.privacy.models import AccessLog
from routing.referrals.models import Referral
from routing.referrals.permissions import may_read_content, viewer
from tests.security.conftest import OPEN, log_in

QUESTION = "QMARK kysymys työstä"
CONTACT = "CMARK 040 7654321"
OFFER_NOTE = "ONOTE tarjouksen viesti"
DECLINE_NOTE = "DNOTE ei meille"
B_NOTE = "BNOTE seurantamuistio"
HANDOFF_NOTE = "HNOTE siirron viesti"
C_NOTE = "CNOTE uuden omistajan muistio"
MARKERS = ("QMARK", "CMARK", "ONOTE", "DNOTE", "BNOTE", "HNOTE", "CNOTE")

# people by organisation (tests/referrals/conftest.py PEOPLE), every role of each
FRONT = ("desk", "front_counsellor", "front_admin")
B = ("b1", "b2", "b_admin", "b_desk")
C = ("c1",)
X = ("x1", "x_admin", "coordinator")

# stage → relation of each organisation: "content" (everything), "history" (no client words), "none" (404)
TABLE = {
    # b holds it, b1 owns it; c declined the first offer
    "accepted": {
        "front door": (FRONT, "content"),
        "holder": (B, "content"),
        "declined": (C, "history"),
        "unrelated": (X, "none"),
    },
    # b1 proposed a handoff to c: c is the current offer's target again
    "handoff proposed": {
        "front door": (FRONT, "content"),
        "holder": (B, "content"),
        "offer target": (C, "content"),
        "unrelated": (X, "none"),
    },
    # c accepted: b handed it on
    "handed on": {
        "front door": (FRONT, "content"),
        "holder": (C, "content"),
        "handed on": (B, "history"),
        "unrelated": (X, "none"),
    },
}


def _api_read(as_, key: str, rid: str):
    response = as_(key).get(f"/referrals/{rid}")
    if response.status_code == 404:
        return "none", response.text
    assert response.status_code == 200, (key, response.text)
    body = response.json
    assert body["events"], "the history is always there"
    return (
        "content" if body["question"] == QUESTION and body["client_contact"] == CONTACT else "history"
    ), response.text


def _check_stage(stage: str, as_, app, world, rid: str) -> None:
    for relation, (people, expected) in TABLE[stage].items():
        for key in people:
            seen, text = _api_read(as_, key, rid)
            assert seen == expected, (stage, relation, key)
            if expected != "content":
                leaked = [m for m in MARKERS if m in text]
                assert not leaked, (stage, relation, key, leaked)
            with app.app_context():
                s = db.session()
                from routing.accounts.models import User

                v = viewer(s, s.get(User, world.users[key]))
                assert may_read_content(s, v, s.get(Referral, rid)) == (expected == "content"), (stage, key)


def _page_check(app, world, rid: str, stage: str) -> None:
    """The staff page shows the same: one person of each relation, by real login."""
    for relation, (people, expected) in TABLE[stage].items():
        client = app.test_client()
        assert log_in(client, f"{people[0]}@example.fi").status_code == 302
        page = client.get(f"/referrals/{rid}")
        if expected == "none":
            assert page.status_code == 404, (stage, relation)
            continue
        assert page.status_code == 200, (stage, relation)
        shown = [m for m in MARKERS if m in page.text]
        if expected == "content":
            assert "QMARK" in page.text and "CMARK" in page.text, (stage, relation)
        else:
            assert not shown, (stage, relation, shown)


def test_who_reads_what_through_a_case_life(app, client, world, as_) -> None:
    opened = as_("desk").post("/referrals", {**OPEN, "question": QUESTION, "client_contact": CONTACT})
    assert opened.status_code == 201, opened.text
    rid = opened.json["id"]
    to_c = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["c"], "note": OFFER_NOTE})
    assert to_c.status_code == 201, to_c.text
    assert (
        as_("c1")
        .post(f"/offers/{to_c.json['id']}/decline", {"reason": "no-capacity", "note": DECLINE_NOTE})
        .status_code
        == 200
    )
    to_b = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"], "note": OFFER_NOTE})
    assert as_("b1").post(f"/offers/{to_b.json['id']}/accept").status_code == 200
    assert as_("b1").post(f"/referrals/{rid}/notes", {"text": B_NOTE}).status_code == 200
    _check_stage("accepted", as_, app, world, rid)
    _page_check(app, world, rid, "accepted")

    handoff = as_("b1").post(f"/referrals/{rid}/handoff", {"service_id": world.services["c"], "note": HANDOFF_NOTE})
    assert handoff.status_code == 200, handoff.text
    _check_stage("handoff proposed", as_, app, world, rid)

    [pending] = [o for o in handoff.json["offers"] if o["state"] == "pending"]
    assert as_("c1").post(f"/offers/{pending['id']}/accept").status_code == 200
    assert as_("c1").post(f"/referrals/{rid}/notes", {"text": C_NOTE}).status_code == 200
    _check_stage("handed on", as_, app, world, rid)
    _page_check(app, world, rid, "handed on")


@pytest.mark.parametrize("key", ["b1", "c1"])
def test_history_only_reads_are_not_logged_as_reads_of_client_data(app, world, as_, session, key) -> None:
    """A read without the client's words is not a read of them: the access log stays about real reads."""
    opened = as_("desk").post("/referrals", {**OPEN, "question": QUESTION})
    rid = opened.json["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services[key[0]]}).json
    assert as_(key).post(f"/offers/{offer['id']}/decline", {"reason": "no-capacity"}).status_code == 200
    before = len(session.exec(select(AccessLog).where(AccessLog.user_id == world.users[key])).all())
    assert as_(key).get(f"/referrals/{rid}").status_code == 200
    client = app.test_client()
    assert log_in(client, f"{key}@example.fi").status_code == 302
    assert client.get(f"/referrals/{rid}").status_code == 200
    reads = session.exec(select(AccessLog).where(AccessLog.user_id == world.users[key])).all()
    assert len(reads) == before

"""Bad input gets the contract's error codes with a message: never a 500, never a half-done change."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import func, select

from routing.privacy.models import AccessLog
from routing.referrals.models import Event, Note, Offer, Referral, ReferralNeed

from .conftest import OPEN, open_one

TABLES = (Referral, Offer, Event, Note, ReferralNeed, AccessLog)


def _counts(session) -> tuple[int, ...]:
    return tuple(session.exec(select(func.count()).select_from(t)).one() for t in TABLES)


def _state(session) -> list[tuple[str, str, str | None, int | None]]:
    session.expire_all()  # read what is stored now, not what this session saw before
    rows = session.exec(select(Referral).order_by(Referral.id)).all()
    return [(r.id, r.state, r.holder_id, r.owner_id) for r in rows]


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({k: v for k, v in OPEN.items() if k != "consent"}, 400, "consent"),
        ({**OPEN, "consent": None}, 400, "consent"),
        ({**OPEN, "consent": "yes"}, 400, "consent"),
        ({**OPEN, "consent": 1}, 400, "consent"),
        ({**OPEN, "question": ""}, 400, "question"),
        ({**OPEN, "question": "   "}, 400, "question"),
        ({**OPEN, "question": 5}, 400, "question"),
        ({**OPEN, "question": "x" * 4001}, 400, "too long"),
        ({k: v for k, v in OPEN.items() if k != "question"}, 400, "question"),
        ({**OPEN, "age": "24"}, 400, "age"),
        ({**OPEN, "age": True}, 400, "age"),
        ({**OPEN, "age": -1}, 400, "age"),
        ({**OPEN, "age": 24.5}, 400, "age"),
        ({**OPEN, "language": "de"}, 400, "language"),
        ({**OPEN, "municipality": 245}, 400, "municipality"),
        ({**OPEN, "municipality": "Atlantis"}, 400, "municipality"),
        ({**OPEN, "client_contact": ["040"]}, 400, "client_contact"),
        ({**OPEN, "concent": True}, 400, "concent"),
        ([OPEN], 400, "JSON object"),
        ("just text", 400, "JSON object"),
    ],
)
def test_opening_with_bad_input(as_, session, body: Any, status: int, words: str) -> None:
    before = _counts(session)
    response = as_("desk").post("/referrals", body)
    assert response.status_code == status, response.json
    assert words in response.json["error"]["message"]
    assert response.json["error"]["code"] == "bad-request"
    assert _counts(session) == before


@pytest.mark.parametrize(
    ("data", "content_type"),
    [("{", "application/json"), ("{'question': 1}", "application/json"), ("question=x", "text/plain"), ("", None)],
)
def test_malformed_bodies_are_400(as_, session, data: str, content_type: str | None) -> None:
    before = _counts(session)
    kw: dict[str, Any] = {"data": data}
    if content_type:
        kw["content_type"] = content_type
    response = as_("desk").post("/referrals", **kw)
    assert response.status_code == 400
    assert response.json["error"]["message"]
    assert _counts(session) == before


def test_bad_input_on_an_existing_referral_changes_nothing(as_, world, session) -> None:
    rid = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json["id"]
    before = (_counts(session), _state(session))
    cases: list[tuple[str, str, Any, int, str]] = [
        ("desk", f"/referrals/{rid}/offers", {"service_id": world.services["c_old"]}, 400, "not active"),
        ("desk", f"/referrals/{rid}/offers", {"service_id": "no-such"}, 400, "no service"),
        ("desk", f"/referrals/{rid}/offers", {"ring_id": "no-such"}, 400, "no ring"),
        ("desk", f"/referrals/{rid}/offers", {"service_id": world.services["c"], "ring_id": world.ring}, 400, "one"),
        ("desk", f"/referrals/{rid}/offers", {}, 400, "one"),
        ("desk", f"/referrals/{rid}/offers", {"service_id": 7}, 400, "service_id"),
        ("desk", f"/referrals/{rid}/offers", {"service": world.services["c"]}, 400, "unknown field"),
        ("desk", "/referrals/no-such/offers", {"service_id": world.services["c"]}, 404, "no referral"),
        ("b1", f"/offers/{offer}/decline", {}, 400, "reason"),
        ("b1", f"/offers/{offer}/decline", {"reason": "busy"}, 400, "reason"),
        ("b1", f"/offers/{offer}/decline", {"reason": None}, 400, "reason"),
        ("b1", f"/offers/{offer}/decline", None, 400, "JSON"),
        ("b1", f"/offers/{offer}/decline", {"reason": "other", "note": 3}, 400, "note"),
        ("b1", "/offers/no-such/accept", None, 404, "no offer"),
        ("b1", "/offers/no-such/decline", {"reason": "other"}, 404, "no offer"),
        ("desk", f"/referrals/{rid}/close", {"outcome": "happy"}, 400, "outcome"),
        ("desk", f"/referrals/{rid}/close", {}, 400, "outcome"),
        ("desk", f"/referrals/{rid}/notes", {"text": "x"}, 422, "allowed now"),
        ("desk", f"/referrals/{rid}/handoff", {"user_id": world.users["c1"]}, 422, "allowed now"),
    ]
    for who, path, body, status, words in cases:
        response = as_(who).post(path, body)
        assert response.status_code == status, (path, body, response.json)
        assert words in response.json["error"]["message"], (path, response.json)
        assert _counts(session) == before[0] and _state(session) == before[1], path


def test_bad_handoff_targets(as_, world, session) -> None:
    rid = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json["id"]
    as_("b1").post(f"/offers/{offer}/accept")
    before = (_counts(session), _state(session))
    for body, words in [
        ({"user_id": "b2"}, "whole number"),
        ({"user_id": True}, "whole number"),
        ({"user_id": 999999}, "no active user"),
        ({"user_id": world.users["b1"]}, "already own"),
        ({"service_id": world.services["c_old"]}, "not active"),
        ({"service_id": world.services["c"], "user_id": world.users["c1"]}, "exactly one"),
        ({"text": "x"}, "unknown field"),
    ]:
        response = as_("b1").post(f"/referrals/{rid}/handoff", body)
        assert response.status_code == 400, (body, response.json)
        assert words in response.json["error"]["message"]
    assert (_counts(session), _state(session)) == before


def test_unknown_api_paths_and_methods_are_json(as_) -> None:
    missing = as_("desk").get("/no-such-thing")
    assert missing.status_code == 404 and missing.json["error"]["code"] == "not-found"
    wrong = as_("desk").client.delete("/api/v1/referrals", headers=as_("desk").headers)
    assert wrong.status_code == 405 and "error" in wrong.json


def test_values_no_database_can_keep_are_refused_not_crashed_on(as_, world, session) -> None:
    """NUL characters, lone surrogates, huge numbers and overlong ids: 400 or 404 on both databases."""
    rid = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json["id"]
    as_("b1").post(f"/offers/{offer}/accept")
    before = (_counts(session), _state(session))
    posts = [
        ("desk", "/referrals", {"question": "apua\u0000", "consent": True}, 400),
        ("desk", "/referrals", {"question": "\ud800", "consent": True}, 400),
        ("desk", "/referrals", {"question": "apua", "consent": True, "client_contact": "\udfff"}, 400),
        ("desk", "/referrals", {"question": "apua", "consent": True, "age": 10**30}, 400),
        ("b1", f"/referrals/{rid}/handoff", {"user_id": 10**30}, 400),
        ("b1", f"/referrals/{rid}/handoff", {"service_id": "svc\u0000"}, 400),
        ("b1", f"/referrals/{rid}/notes", {"text": "soitin\u0000"}, 400),
        ("b1", "/referrals/a%00b/close", {"outcome": "served"}, 404),
        ("b1", "/offers/a%00b/accept", None, 404),
        ("b1", "/referrals/" + "x" * 300 + "/notes", {"text": "x"}, 404),
    ]
    for who, path, body, status in posts:
        response = as_(who).post(path, body)
        assert response.status_code == status, (path, response.json)
    for path, status in [
        ("/referrals?page=100000000000000000000", 400),
        ("/inbox?page=100000000000000000000", 400),
        ("/referrals/a%00b", 404),
        ("/referrals/%ED%A0%80", 404),
        ("/rings/a%00/queue", 404),
        ("/referrals?holder=a%00", 400),
    ]:
        assert as_("b1").get(path).status_code == status, path
    assert (_counts(session), _state(session)) == before

"""The referral lifecycle through the API: open, offer, accept, decline, hand off, note, close."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from openapi_schema_validator import OAS31Validator
from sqlmodel import select

from routing.api.openapi import document
from routing.core import db
from routing.core.clock import utcnow
from routing.privacy.models import AccessLog
from routing.referrals.models import Offer, Referral
from routing.referrals.operations import expire_offers

from .conftest import event_kinds, open_one


def conforms(body: Any, schema: str) -> None:
    """The answer matches the OpenAPI document's schema (so the document stays true)."""
    spec = document()
    OAS31Validator({"$ref": f"#/components/schemas/{schema}", "components": spec["components"]}).validate(body)


def test_open_answers_201_with_the_referral(as_, world, session) -> None:
    body = open_one(as_("desk"), client_contact="040 123 4567")
    conforms(body, "Referral")
    assert body["state"] == "open"
    assert body["holder"] == {"id": world.orgs["front"], "name": "Kirjasto Kerava"}
    assert body["front_door"]["id"] == world.orgs["front"]
    assert body["owner"] is None
    assert body["contact_user_id"] == world.users["desk"]
    assert body["channel"] == "api"
    assert (body["question"], body["municipality"], body["age"], body["language"]) == (
        "Tarvitsen apua työnhakuun",
        "245",
        24,
        "fi",
    )
    assert body["client_contact"] == "040 123 4567"
    assert [e["kind"] for e in body["events"]] == ["opened"]
    assert body["events"][0]["to_state"] == "open" and body["events"][0]["actor_id"] == world.users["desk"]
    assert session.get(Referral, body["id"]).holder_id == world.orgs["front"]


def test_the_story_of_the_issue(as_, world, session) -> None:
    """Desk opens, offers to the ring; a ring counsellor accepts; a second gets 409; an outsider 404."""
    referral = open_one(as_("desk"))
    offer = as_("desk").post(f"/referrals/{referral['id']}/offers", {"ring_id": world.ring})
    assert offer.status_code == 201, offer.json
    conforms(offer.json, "Offer")
    assert offer.json["state"] == "pending" and offer.json["ring_id"] == world.ring

    accepted = as_("c1").post(f"/offers/{offer.json['id']}/accept")
    assert accepted.status_code == 200, accepted.json
    conforms(accepted.json, "Referral")
    assert accepted.json["state"] == "accepted"
    assert accepted.json["owner"] == {"id": world.users["c1"], "email": "c1@example.fi", "name": "c1"}
    assert accepted.json["holder"]["id"] == world.orgs["c"]

    second = as_("b1").post(f"/offers/{offer.json['id']}/accept")
    assert second.status_code == 409
    assert second.json["error"]["code"] == "conflict"

    assert as_("x1").get(f"/referrals/{referral['id']}").status_code == 404
    assert event_kinds(session, referral["id"]) == ["opened", "offered", "accepted"]
    # the losing ring member no longer sees the case, the front door still does
    assert as_("b1").get(f"/referrals/{referral['id']}").status_code == 404
    assert as_("desk").get(f"/referrals/{referral['id']}").json["owner"]["id"] == world.users["c1"]


def test_accept_withdraws_the_other_offers(as_, world, session) -> None:
    rid = open_one(as_("desk"))["id"]
    to_b = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json
    to_c = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["c"]}).json
    to_ring = as_("desk").post(f"/referrals/{rid}/offers", {"ring_id": world.ring}).json
    assert as_("c1").post(f"/offers/{to_c['id']}/accept").status_code == 200
    states = {o.id: (o.state, o.reason) for o in session.exec(select(Offer).where(Offer.referral_id == rid))}
    assert states == {
        to_b["id"]: ("withdrawn", "accepted-elsewhere"),
        to_c["id"]: ("accepted", None),
        to_ring["id"]: ("withdrawn", "accepted-elsewhere"),
    }
    # the other accepts lost the race: 409, checked before the 422 of a withdrawn offer
    assert as_("b1").post(f"/offers/{to_b['id']}/accept").status_code == 409
    assert as_("b1").post(f"/offers/{to_ring['id']}/accept").status_code == 409
    assert as_("b1").post(f"/offers/{to_b['id']}/decline", {"reason": "no-capacity"}).status_code == 409


def test_offering_again_to_the_same_target_is_a_conflict(as_, world) -> None:
    rid = open_one(as_("desk"))["id"]
    assert as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).status_code == 201
    again = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]})
    assert again.status_code == 409


def test_last_decline_returns_the_referral_to_open_with_its_holder(as_, world, session) -> None:
    rid = open_one(as_("desk"))["id"]
    to_b = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json
    to_ring = as_("desk").post(f"/referrals/{rid}/offers", {"ring_id": world.ring}).json

    first = as_("b1").post(f"/offers/{to_b['id']}/decline", {"reason": "no-capacity", "note": "jono täynnä"})
    assert first.status_code == 200, first.json
    assert first.json["state"] == "offered" and first.json["needs_rerouting"] is False
    declined = next(o for o in first.json["offers"] if o["id"] == to_b["id"])
    assert (declined["state"], declined["reason"]) == ("declined", "no-capacity")

    last = as_("c1").post(f"/offers/{to_ring['id']}/decline", {"reason": "not-eligible"})
    assert last.status_code == 200
    assert last.json["state"] == "open"
    assert last.json["holder"]["id"] == world.orgs["front"]
    assert last.json["owner"] is None
    assert last.json["needs_rerouting"] is True
    assert [(e["kind"], e["from_state"], e["to_state"], e["reason"]) for e in last.json["events"][-2:]] == [
        ("declined", "offered", "offered", "no-capacity"),
        ("declined", "offered", "open", "not-eligible"),
    ]
    # a decider keeps sight of what they decided; a declined offer cannot be accepted
    assert as_("b1").get(f"/referrals/{rid}").status_code == 200
    late = as_("b1").post(f"/offers/{to_b['id']}/accept")
    assert late.status_code == 422 and "offer" in late.json["error"]["allowed"]
    # offering again clears the re-routing flag
    again = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["c"]})
    assert again.status_code == 201
    assert session.get(Referral, rid).needs_rerouting is False


def test_handoff_keeps_the_owner_until_accepted(as_, world, session) -> None:
    rid = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json
    as_("b1").post(f"/offers/{offer['id']}/accept")

    assert as_("b2").post(f"/referrals/{rid}/handoff", {"service_id": world.services["c"]}).status_code == 403
    proposed = as_("b1").post(f"/referrals/{rid}/handoff", {"service_id": world.services["c"], "note": "Keuda"})
    assert proposed.status_code == 200, proposed.json
    assert proposed.json["state"] == "accepted"
    assert proposed.json["owner"]["id"] == world.users["b1"] and proposed.json["holder"]["id"] == world.orgs["b"]
    handoff = next(o for o in proposed.json["offers"] if o["kind"] == "handoff")
    assert handoff["state"] == "pending" and handoff["organization_id"] == world.orgs["c"]

    taken = as_("c1").post(f"/offers/{handoff['id']}/accept")
    assert taken.status_code == 200, taken.json
    assert taken.json["owner"]["id"] == world.users["c1"] and taken.json["holder"]["id"] == world.orgs["c"]
    assert event_kinds(session, rid) == ["opened", "offered", "accepted", "handoff", "accepted"]
    # the old owner's organisation handed it on and sees it no more
    assert as_("b1").get(f"/referrals/{rid}").status_code == 200  # it decided the first offer
    assert as_("b_desk").get(f"/referrals/{rid}").status_code == 200


def test_handoff_to_a_person_only_they_can_accept_and_a_decline_leaves_the_owner(as_, world, session) -> None:
    rid = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"ring_id": world.ring}).json
    as_("b1").post(f"/offers/{offer['id']}/accept")
    proposed = as_("b1").post(f"/referrals/{rid}/handoff", {"user_id": world.users["b2"]}).json
    handoff = next(o for o in proposed["offers"] if o["kind"] == "handoff")
    assert handoff["to_user_id"] == world.users["b2"]
    assert as_("b_admin").post(f"/offers/{handoff['id']}/accept").status_code == 403
    assert as_("b1").post(f"/offers/{handoff['id']}/accept").status_code in (403, 409)
    declined = as_("b2").post(f"/offers/{handoff['id']}/decline", {"reason": "no-capacity"})
    assert declined.status_code == 200
    assert declined.json["state"] == "accepted" and declined.json["owner"]["id"] == world.users["b1"]
    assert declined.json["needs_rerouting"] is False
    # a person who cannot own referrals cannot be handed one
    bad = as_("b1").post(f"/referrals/{rid}/handoff", {"user_id": world.users["b_desk"]})
    assert bad.status_code == 400


def test_handoff_before_acceptance_is_an_invalid_transition(as_, world) -> None:
    rid = open_one(as_("desk"))["id"]
    response = as_("desk").post(f"/referrals/{rid}/handoff", {"service_id": world.services["b"]})
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid-transition"
    assert response.json["error"]["allowed"] == ["offer", "close"]


def test_notes_only_by_the_owner(as_, world) -> None:
    rid = open_one(as_("desk"))["id"]
    assert as_("desk").post(f"/referrals/{rid}/notes", {"text": "soitin"}).status_code == 422
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json
    as_("b1").post(f"/offers/{offer['id']}/accept")
    assert as_("b2").post(f"/referrals/{rid}/notes", {"text": "soitin"}).status_code == 403
    assert as_("desk").post(f"/referrals/{rid}/notes", {"text": "soitin"}).status_code == 403
    noted = as_("b1").post(f"/referrals/{rid}/notes", {"text": "Soitin asiakkaalle, aika sovittu."})
    assert noted.status_code == 200
    assert [n["text"] for n in noted.json["notes"]] == ["Soitin asiakkaalle, aika sovittu."]
    assert noted.json["events"][-1]["kind"] == "note"


def test_close_from_any_state_but_closed(as_, world, session) -> None:
    opened = open_one(as_("desk"))["id"]
    closed = as_("desk").post(f"/referrals/{opened}/close", {"outcome": "duplicate"})
    assert closed.status_code == 200 and closed.json["state"] == "closed" and closed.json["outcome"] == "duplicate"

    offered = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{offered}/offers", {"ring_id": world.ring}).json
    assert as_("b1").post(f"/referrals/{offered}/close", {"outcome": "served"}).status_code == 403  # not the holder
    closed = as_("desk").post(f"/referrals/{offered}/close", {"outcome": "client-withdrew"})
    assert closed.status_code == 200
    assert session.get(Offer, offer["id"]).state == "withdrawn"
    assert as_("b1").post(f"/offers/{offer['id']}/accept").status_code == 422

    owned = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{owned}/offers", {"service_id": world.services["b"]}).json
    as_("b1").post(f"/offers/{offer['id']}/accept")
    assert as_("b2").post(f"/referrals/{owned}/close", {"outcome": "served"}).status_code == 403
    assert as_("b_admin").post(f"/referrals/{owned}/close", {"outcome": "served"}).status_code == 200

    for rid in (opened, offered, owned):
        again = as_("desk" if rid != owned else "b1").post(f"/referrals/{rid}/close", {"outcome": "served"})
        assert again.status_code == 422 and again.json["error"]["allowed"] == []
    assert as_("b1").post(f"/referrals/{owned}/notes", {"text": "x"}).status_code == 422
    assert as_("desk").post(f"/referrals/{opened}/offers", {"ring_id": world.ring}).status_code == 422
    assert event_kinds(session, owned) == ["opened", "offered", "accepted", "closed"]


def test_only_counsellors_and_org_admins_accept(as_, world) -> None:
    rid = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json
    response = as_("b_desk").post(f"/offers/{offer['id']}/accept")
    assert response.status_code == 403
    # the holder's own people see the offer but it is not theirs to decide
    assert as_("front_counsellor").post(f"/offers/{offer['id']}/accept").status_code == 403


def test_reading_personal_data_is_logged_lists_are_not(as_, world, session) -> None:
    rid = open_one(as_("desk"))["id"]
    before = len(session.exec(select(AccessLog).where(AccessLog.referral_id == rid)).all())
    listed = as_("desk").get("/referrals")
    assert listed.status_code == 200
    conforms(listed.json["contents"][0], "ReferralSummary")
    assert "question" not in listed.json["contents"][0]
    assert len(session.exec(select(AccessLog).where(AccessLog.referral_id == rid)).all()) == before
    assert as_("front_counsellor").get(f"/referrals/{rid}").status_code == 200
    rows = session.exec(select(AccessLog).where(AccessLog.referral_id == rid).order_by(AccessLog.id)).all()
    assert len(rows) == before + 1
    assert (rows[-1].user_id, rows[-1].how) == (world.users["front_counsellor"], "api")


def test_lists_are_scoped_and_filtered(as_, world) -> None:
    a = open_one(as_("desk"))["id"]
    b = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{b}/offers", {"service_id": world.services["b"]}).json
    as_("b1").post(f"/offers/{offer['id']}/accept")
    ids = lambda r: [item["id"] for item in r.json["contents"]]  # noqa: E731
    assert sorted(ids(as_("desk").get("/referrals"))) == sorted([a, b])
    assert ids(as_("desk").get("/referrals?state=open")) == [a]
    assert ids(as_("desk").get(f"/referrals?holder={world.orgs['b']}")) == [b]
    assert ids(as_("b2").get("/referrals")) == [b]
    assert ids(as_("x1").get("/referrals")) == []
    page = as_("desk").get("/referrals?per_page=1&page=2").json
    assert (page["total_items"], page["size"], page["last_page"]) == (2, 1, True)
    assert as_("desk").get("/referrals?state=lost").status_code == 400
    assert as_("desk").get("/referrals?page=0").status_code == 400


def test_inbox_and_ring_queue_oldest_first(as_, world) -> None:
    first = open_one(as_("desk"))["id"]
    second = open_one(as_("desk"))["id"]
    ring_second = as_("desk").post(f"/referrals/{second}/offers", {"ring_id": world.ring}).json
    ring_first = as_("desk").post(f"/referrals/{first}/offers", {"ring_id": world.ring}).json
    direct = as_("desk").post(f"/referrals/{first}/offers", {"service_id": world.services["c"]}).json

    queue = as_("b1").get(f"/rings/{world.ring}/queue")
    assert queue.status_code == 200
    assert [o["id"] for o in queue.json["contents"]] == [ring_second["id"], ring_first["id"]]
    assert queue.json["contents"][0]["referral"]["id"] == second
    assert "question" not in queue.json["contents"][0]["referral"]
    assert as_("x1").get(f"/rings/{world.ring}/queue").status_code == 404
    assert as_("desk").get(f"/rings/{world.ring}/queue").status_code == 404  # not a member

    inbox_c = as_("c1").get("/inbox").json
    assert [o["id"] for o in inbox_c["offers"]["contents"]] == [ring_second["id"], ring_first["id"], direct["id"]]
    inbox_b = as_("b1").get("/inbox").json
    assert [o["id"] for o in inbox_b["offers"]["contents"]] == [ring_second["id"], ring_first["id"]]
    assert as_("x1").get("/inbox").json["offers"]["contents"] == []

    as_("b1").post(f"/offers/{ring_first['id']}/accept")
    mine = as_("b1").get("/inbox").json
    assert [r["id"] for r in mine["my_cases"]["contents"]] == [first]
    assert [o["id"] for o in mine["offers"]["contents"]] == [ring_second["id"]]
    rings = as_("desk").get("/rings").json
    assert [(r["id"], r["member"], len(r["organizations"])) for r in rings] == [(world.ring, False, 2)]


def test_inbox_pages_my_cases_apart_from_the_offers(as_, world) -> None:
    owned = []
    for _ in range(3):
        referral = open_one(as_("desk"))["id"]
        offer = as_("desk").post(f"/referrals/{referral}/offers", {"service_id": world.services["b"]}).json
        assert as_("b1").post(f"/offers/{offer['id']}/accept").status_code == 200
        owned.append(referral)
    waiting = open_one(as_("desk"))["id"]
    as_("desk").post(f"/referrals/{waiting}/offers", {"service_id": world.services["b"]})

    first = as_("b1").get("/inbox?my_cases_per_page=2").json
    assert [r["id"] for r in first["my_cases"]["contents"]] == owned[:2]
    assert (first["my_cases"]["total_items"], first["my_cases"]["total_pages"], first["my_cases"]["last_page"]) == (
        3,
        2,
        False,
    )
    assert first["offers"]["total_items"] == 1
    second = as_("b1").get("/inbox?my_cases_per_page=2&my_cases_page=2&per_page=1").json
    assert [r["id"] for r in second["my_cases"]["contents"]] == owned[2:]
    assert second["my_cases"]["last_page"] and second["offers"]["page_number"] == 1
    assert as_("b2").get("/inbox").json["my_cases"]["contents"] == []  # a colleague's cases are not mine
    for bad in ("my_cases_page=0", "my_cases_page=x", "my_cases_per_page=501"):
        response = as_("b1").get(f"/inbox?{bad}")
        assert response.status_code == 400 and "my_cases_" in response.json["error"]["message"], bad


def test_offers_pending_too_long_expire(app, as_, world, session) -> None:
    rid = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"ring_id": world.ring}).json
    owned = open_one(as_("desk"))["id"]
    first = as_("desk").post(f"/referrals/{owned}/offers", {"service_id": world.services["b"]}).json
    as_("b1").post(f"/offers/{first['id']}/accept")
    handoff = next(
        o
        for o in as_("b1").post(f"/referrals/{owned}/handoff", {"service_id": world.services["c"]}).json["offers"]
        if o["kind"] == "handoff"
    )
    with app.app_context(), db.transaction() as s:
        assert expire_offers(s, days=14) == []  # nothing is old enough yet
    with app.app_context(), db.transaction() as s:
        expired = expire_offers(s, days=14, now=utcnow() + timedelta(days=15))
    assert {o.id for o in expired} == {offer["id"], handoff["id"]}
    back = as_("desk").get(f"/referrals/{rid}").json
    assert (back["state"], back["needs_rerouting"], back["holder"]["id"]) == ("open", True, world.orgs["front"])
    assert back["events"][-1]["kind"] == "expired" and back["events"][-1]["to_state"] == "open"
    kept = as_("b1").get(f"/referrals/{owned}").json
    assert (kept["state"], kept["owner"]["id"]) == ("accepted", world.users["b1"])
    assert as_("c1").post(f"/offers/{handoff['id']}/accept").status_code == 422
    assert session.get(Offer, offer["id"]).state == "expired"

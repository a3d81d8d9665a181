"""Deny by default: what another organisation's people get for a referral is a 404, never data."""

from __future__ import annotations

import pytest
from sqlmodel import select

from routing.referrals.models import Event, Offer, Referral

from .conftest import open_one


def _owned_with_pending(as_, world) -> tuple[str, str, str]:
    """A referral owned by b1 with a pending handoff; returns (referral, accepted offer, pending handoff)."""
    rid = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json
    as_("b1").post(f"/offers/{offer['id']}/accept")
    body = as_("b1").post(f"/referrals/{rid}/handoff", {"service_id": world.services["b"]}).json
    handoff = next(o["id"] for o in body["offers"] if o["kind"] == "handoff")
    return rid, offer["id"], handoff


@pytest.mark.parametrize("who", ["x1", "x_admin", "coordinator"])
def test_an_unrelated_organisation_gets_404_on_every_endpoint(as_, world, session, who) -> None:
    rid, accepted, pending = _owned_with_pending(as_, world)
    open_rid = open_one(as_("desk"))["id"]
    ring_offer = as_("desk").post(f"/referrals/{open_rid}/offers", {"service_id": world.services["c"]}).json["id"]
    events_before = session.exec(select(Event)).all()
    outsider = as_(who)
    calls = [
        outsider.get(f"/referrals/{rid}"),
        outsider.post(f"/referrals/{rid}/offers", {"service_id": world.services["c"]}),
        outsider.post(f"/referrals/{rid}/handoff", {"service_id": world.services["c"]}),
        outsider.post(f"/referrals/{rid}/notes", {"text": "x"}),
        outsider.post(f"/referrals/{rid}/close", {"outcome": "served"}),
        outsider.post(f"/offers/{accepted}/accept"),
        outsider.post(f"/offers/{pending}/accept"),
        outsider.post(f"/offers/{pending}/decline", {"reason": "other"}),
        outsider.post(f"/offers/{ring_offer}/accept"),
        outsider.post(f"/offers/{ring_offer}/decline", {"reason": "other"}),
        outsider.get(f"/referrals/{open_rid}"),
        outsider.post(f"/referrals/{open_rid}/close", {"outcome": "served"}),
    ]
    for response in calls:
        assert response.status_code == 404, (response.request.path, response.json)
        assert response.json["error"]["code"] == "not-found"
        assert "Tarvitsen" not in response.get_data(as_text=True)
    # the same answer as for an id that does not exist
    assert outsider.get("/referrals/no-such-id").json["error"]["message"] == "no referral no-such-id"
    assert outsider.get("/referrals").json["contents"] == []
    assert outsider.get("/inbox").json["offers"]["contents"] == []
    assert session.exec(select(Event)).all() == events_before


def test_a_ring_member_sees_a_ring_offer_while_it_is_pending(as_, world) -> None:
    rid = open_one(as_("desk"))["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"ring_id": world.ring}).json
    for member in ("b1", "b_desk", "c1"):
        assert as_(member).get(f"/referrals/{rid}").status_code == 200
    assert as_("c1").post(f"/offers/{offer['id']}/accept").status_code == 200
    assert as_("b_desk").get(f"/referrals/{rid}").status_code == 404
    assert as_("b1").post(f"/offers/{offer['id']}/accept").status_code == 409  # it sees its old offer: 409, not 404


def test_a_direct_offer_is_seen_only_by_its_organisation(as_, world) -> None:
    rid = open_one(as_("desk"))["id"]
    as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["c"]})
    assert as_("c1").get(f"/referrals/{rid}").status_code == 200
    assert as_("b1").get(f"/referrals/{rid}").status_code == 404


def test_the_token_of_a_disabled_user_stops_working(app, as_, world, session) -> None:
    from routing.accounts.models import User
    from routing.core import db

    with app.app_context(), db.transaction() as s:
        s.get(User, world.users["desk"]).active = False
    response = as_("desk").get("/referrals")
    assert response.status_code == 401


def test_a_revoked_token_stops_working_and_the_others_go_on(app, as_, world) -> None:
    from routing.accounts.models import ApiToken, User
    from routing.core import db
    from routing.core.clock import utcnow

    assert as_("desk").get("/referrals").status_code == 200
    with app.app_context(), db.transaction() as s:
        for token in s.exec(select(ApiToken).where(ApiToken.user_id == world.users["desk"])):
            token.revoked_at = utcnow()
        assert s.get(User, world.users["desk"]).active  # the person stays; only the token is gone
    assert as_("desk").get("/referrals").status_code == 401
    assert as_("b1").get("/referrals").status_code == 200


def test_no_token_is_401(client) -> None:
    assert client.get("/api/v1/referrals").status_code == 401
    assert client.post("/api/v1/referrals", json={"question": "x", "consent": True}).status_code == 401
    assert client.get("/api/v1/referrals", headers={"Authorization": "Bearer ete_nope"}).status_code == 401


def test_other_organisations_ids_in_a_body_change_nothing(as_, world, session) -> None:
    """Offering another organisation's referral through one's own id-guessing is a 404 and writes nothing."""
    theirs = open_one(as_("x1"))["id"]
    before = (len(session.exec(select(Offer)).all()), session.get(Referral, theirs).state)
    assert as_("desk").post(f"/referrals/{theirs}/offers", {"ring_id": world.ring}).status_code == 404
    assert (len(session.exec(select(Offer)).all()), session.get(Referral, theirs).state) == before


def test_who_may_manage_a_clients_data(app, world, session) -> None:
    from routing.referrals.permissions import may_manage_client_data

    referral = Referral(id="r", holder_id=world.orgs["b"], front_door_id=world.orgs["front"])
    from routing.accounts.models import User as Person

    def person(key: str) -> Person:
        return session.get(Person, world.users[key])

    assert may_manage_client_data(person("b_admin"), referral)
    assert may_manage_client_data(person("coordinator"), referral)
    assert not may_manage_client_data(person("front_admin"), referral)  # not the holder
    assert not may_manage_client_data(person("b1"), referral)

"""Accept is atomic: 50 simultaneous accepts against a real threaded server give one owner and 49 × 409."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlmodel import select

from routing.referrals.models import Event, Offer, Referral

from .conftest import OPEN, build_world

N = 50


def _race(url: str, tokens: list[str], offer_ids: list[str]) -> list[tuple[int, int, str]]:
    """Every token accepts its offer at the same moment; returns (index, status, body) per accept."""
    barrier = threading.Barrier(len(tokens))

    def accept(i: int) -> tuple[int, int, str]:
        with httpx.Client(base_url=url, timeout=120) as http:
            barrier.wait()
            response = http.post(
                f"/api/v1/offers/{offer_ids[i]}/accept", headers={"Authorization": f"Bearer {tokens[i]}"}
            )
            return i, response.status_code, response.text

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        return list(pool.map(accept, range(len(tokens))))


def _setup(app, live_server):
    people = [("desk", "front", "front-desk")] + [(f"k{i}", "bc"[i % 2], "counsellor") for i in range(N)]
    world = build_world(app, people=people)
    desk = httpx.Client(base_url=live_server.url, headers={"Authorization": f"Bearer {world.tokens['desk']}"})
    referral = desk.post("/api/v1/referrals", json=OPEN).json()
    return world, desk, referral["id"]


def _check_one_owner(session, world, rid: str, results) -> None:
    statuses = Counter(status for _, status, _ in results)
    assert statuses == {200: 1, 409: N - 1}, [r for r in results if r[1] not in (200, 409)][:3]
    (winner,) = [i for i, status, _ in results if status == 200]
    session.expire_all()
    referral = session.get(Referral, rid)
    assert referral.state == "accepted"
    assert referral.owner_id == world.users[f"k{winner}"]
    assert referral.holder_id == world.orgs["bc"[winner % 2]]
    events = session.exec(select(Event).where(Event.referral_id == rid, Event.kind == "accepted")).all()
    assert len(events) == 1 and events[0].actor_id == referral.owner_id
    accepted = session.exec(select(Offer).where(Offer.referral_id == rid, Offer.state == "accepted")).all()
    assert len(accepted) == 1 and accepted[0].decided_by_id == referral.owner_id
    pending = session.exec(select(Offer).where(Offer.referral_id == rid, Offer.state == "pending")).all()
    assert pending == []
    for _, status, body in results:
        if status == 409:
            assert '"code":"conflict"' in body.replace(" ", "")


def test_fifty_simultaneous_accepts_of_one_ring_offer(app, live_server, session) -> None:
    world, desk, rid = _setup(app, live_server)
    offer = desk.post(f"/api/v1/referrals/{rid}/offers", json={"ring_id": world.ring}).json()
    results = _race(live_server.url, [world.tokens[f"k{i}"] for i in range(N)], [offer["id"]] * N)
    _check_one_owner(session, world, rid, results)


def test_fifty_simultaneous_accepts_spread_over_three_offers(app, live_server, session) -> None:
    world, desk, rid = _setup(app, live_server)
    ring = desk.post(f"/api/v1/referrals/{rid}/offers", json={"ring_id": world.ring}).json()["id"]
    to_b = desk.post(f"/api/v1/referrals/{rid}/offers", json={"service_id": world.services["b"]}).json()["id"]
    to_c = desk.post(f"/api/v1/referrals/{rid}/offers", json={"service_id": world.services["c"]}).json()["id"]
    # even accepters are of b, odd of c: each takes the ring offer or its own organisation's
    offers = [ring if i % 4 < 2 else (to_c if i % 2 else to_b) for i in range(N)]
    results = _race(live_server.url, [world.tokens[f"k{i}"] for i in range(N)], offers)
    _check_one_owner(session, world, rid, results)

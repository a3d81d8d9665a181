"""Through the referral API as staff use it: the figures count what happened, consent and erasure hold."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import select

from routing.core import db
from routing.core.clock import helsinki_day, utcnow
from routing.figures.compute import Figures, compute_figures, make_scope
from routing.outbox.models import OutboxMessage

from ..referrals.conftest import Api, build_world, open_one


def test_a_referral_lifecycle_is_counted_and_survives_erasure(app, client) -> None:
    world = build_world(app)

    def as_(key: str) -> Api:
        return Api(client, world.tokens[key])

    # declined by b, back to open, re-offered to the ring, accepted by c1, closed
    first = open_one(as_("desk"))
    offer = as_("desk").post(f"/referrals/{first['id']}/offers", {"service_id": world.services["b"]}).json
    assert as_("b1").post(f"/offers/{offer['id']}/decline", {"reason": "no-capacity"}).status_code == 200
    again = as_("desk").post(f"/referrals/{first['id']}/offers", {"ring_id": world.ring}).json
    assert as_("c1").post(f"/offers/{again['id']}/accept").status_code == 200
    assert as_("c1").post(f"/referrals/{first['id']}/notes", {"text": "Soitin asiakkaalle"}).status_code == 200
    assert as_("c1").post(f"/referrals/{first['id']}/close", {"outcome": "served"}).status_code == 200
    # opened without consent: nothing of the question or contact is kept
    second = open_one(as_("desk"), consent=False, client_contact="040 765 4321", question="Velkaa on, Liisa 040 765")
    assert second["question"] is None

    def counted() -> tuple[object, ...]:
        with app.app_context(), db.new_session(read_only=True) as s:
            today = helsinki_day().isoformat()
            f = Figures(s, make_scope(today, today), now=utcnow() + timedelta(minutes=1))
            return (
                sum(r.n for r in f.opened()),
                f.time_to_owner()[0],
                {(r.org, r.reason): r.n for r in f.declines()},
                f.returned_to_open()[:2],
                {r.outcome: r.n for r in f.outcomes()},
                f.time_to_owner_by_organisation().keys(),
            )

    before = counted()
    # the ring's accept counts for the organisation of the person who accepted
    assert before == (2, 1, {(world.orgs["b"], "no-capacity"): 1}, (1, 1), {"served": 1}, {world.orgs["c"]})

    # the front door's webhook endpoint follows the erasure
    hook = as_("front_admin").post("/webhooks", {"url": "http://127.0.0.1:9/hook", "events": ["referral.erased"]})
    assert hook.status_code == 201, hook.json

    coordinator = as_("coordinator")
    export = coordinator.get(f"/referrals/{second['id']}/export").json
    assert export["referral"]["question"] is None and export["referral"]["client_contact"] is None
    assert "Liisa" not in str(export) and "040 765" not in str(export)

    erased = coordinator.post(f"/referrals/{first['id']}/erase")
    assert erased.status_code == 200
    assert erased.json["question"] is None and erased.json["erased_at"]
    assert [n["text"] for n in erased.json["notes"]] == [None]
    assert [e["kind"] for e in erased.json["events"]][-1] == "erased"
    assert counted() == before
    with app.app_context(), db.new_session(read_only=True) as s:
        messages = s.exec(select(OutboxMessage).where(OutboxMessage.event_type == "referral.erased")).all()
    assert [m.payload["data"]["referral_id"] for m in messages] == [first["id"]]
    assert "Tarvitsen" not in json.dumps(messages[0].payload)  # never the client's words

    figures = coordinator.get("/figures").json
    assert figures["opened_total"] == "<5" and figures["by_channel"]["api"] == "<5"
    with app.app_context(), db.new_session(read_only=True) as s:
        assert compute_figures(s, make_scope())["opened_total"] == "<5"
    # still refused while open: the consent-less one is open
    assert coordinator.post(f"/referrals/{second['id']}/erase").status_code == 409

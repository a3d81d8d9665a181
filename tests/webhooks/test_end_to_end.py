"""Through the real API and referral operations: register a receiver, open, offer, accept, miss one, catch up."""

from __future__ import annotations

from datetime import timedelta

import standardwebhooks
from sqlmodel import select

from routing.cli import cli
from routing.core.clock import utcnow
from routing.followup.models import Reminder
from routing.followup.reminders import ReminderSettings, run_pass
from routing.outbox.relay import relay_once
from routing.referrals.models import Referral
from tests.referrals.conftest import OPEN, Api, build_world, open_one


def test_the_issue_walk_through(app, client, runner, engine, receiver):
    world = build_world(app)

    def as_(key: str) -> Api:
        return Api(client, world.tokens[key])

    front = as_("front_admin").post(
        "/webhooks", {"url": receiver.url + "/front", "events": ["referral.opened", "referral.accepted"]}
    )
    b = as_("b_admin").post(
        "/webhooks", {"url": receiver.url + "/b", "events": ["referral.offered", "referral.accepted"]}
    )
    assert front.status_code == 201 and b.status_code == 201
    hooks = {
        "/hook/front": standardwebhooks.Webhook(front.json["secret"]),
        "/hook/b": standardwebhooks.Webhook(b.json["secret"]),
    }

    def accepted_one() -> str:
        rid = open_one(as_("desk"))["id"]
        offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json
        assert as_("b1").post(f"/offers/{offer['id']}/accept").status_code == 200
        return str(rid)

    first = accepted_one()
    assert "delivered 4" in runner.invoke(cli, ["webhooks", "relay", "--once"]).output
    got = sorted((req.path, hooks[req.path].verify(req.body, req.headers)["type"]) for req in receiver.requests)
    assert got == [
        ("/hook/b", "referral.accepted"),
        ("/hook/b", "referral.offered"),
        ("/hook/front", "referral.accepted"),
        ("/hook/front", "referral.opened"),
    ]
    assert all(OPEN["question"] not in req.body.decode() for req in receiver.requests)
    assert {req.json()["data"]["referral_id"] for req in receiver.requests} == {first}

    receiver.stop()
    second = accepted_one()
    assert "to retry" in runner.invoke(cli, ["webhooks", "relay", "--once"]).output
    receiver.start()
    # the next try, 5 seconds after the failed one
    assert relay_once(engine, allow_private=True, now=utcnow() + timedelta(seconds=5)).delivered == 4
    runner.invoke(cli, ["webhooks", "relay", "--once"])
    late = list(receiver.requests[4:])
    assert sorted((req.path, req.json()["type"]) for req in late) == [
        ("/hook/b", "referral.accepted"),
        ("/hook/b", "referral.offered"),
        ("/hook/front", "referral.accepted"),
        ("/hook/front", "referral.opened"),
    ]
    assert {req.json()["data"]["referral_id"] for req in late} == {second}
    assert len({req.headers["webhook-id"] for req in receiver.requests}) == 8  # each once


def test_the_pass_expires_old_offers_first_and_reminds_of_the_open_referral(app, client, engine, session):
    world = build_world(app)
    desk = Api(client, world.tokens["desk"])
    rid = open_one(desk)["id"]
    assert desk.post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).status_code == 201
    # the pass of 15 days later: the offer ran out after 14
    report = run_pass(
        engine, ReminderSettings.from_config(app.config, app.instance_path), now=utcnow() + timedelta(days=15)
    )
    assert report.expired == 1
    session.expire_all()
    assert session.get(Referral, rid).state == "open"
    assert [r.kind for r in session.exec(select(Reminder).where(Reminder.referral_id == rid))] == ["open"]

"""The issue's walk-through: register a webhook, open and accept, miss one while the receiver is down."""

from __future__ import annotations

from datetime import timedelta

import standardwebhooks

from routing.cli import cli
from routing.core.clock import utcnow
from routing.outbox.relay import relay_once
from tests.histories import build_network


def test_register_receive_verify_then_catch_up_a_missed_event(app, client, runner, engine, receiver):
    net = build_network(app)
    headers = {"Authorization": f"Bearer {net.token(net.ohjaamo_admin)}"}
    created = client.post(
        "/api/v1/webhooks",
        json={"url": receiver.url, "events": ["referral.offered", "referral.accepted"]},
        headers=headers,
    ).get_json()
    hook = standardwebhooks.Webhook(created["secret"])

    first = net.open()
    net.accept(net.offer(first, net.ohjaamo_service), net.ohjaamo_counsellor)
    assert "delivered 2" in runner.invoke(cli, ["webhooks", "relay", "--once"]).output
    verified = [hook.verify(req.body, req.headers) for req in receiver.requests]
    assert [p["type"] for p in verified] == ["referral.offered", "referral.accepted"]

    receiver.stop()
    second = net.open()
    o = net.offer(second, net.ohjaamo_service)
    now = utcnow()
    failed = relay_once(engine, allow_private=True, now=now)
    assert "to retry 1" in str(failed)

    receiver.start()
    # the missed event waits for its retry time (5 s after the first attempt), and the next one behind it
    net.accept(o, net.ohjaamo_counsellor, at=now + timedelta(seconds=1))
    assert relay_once(engine, allow_private=True, now=now + timedelta(seconds=4)).attempts == 0
    assert "delivered 2" in str(relay_once(engine, allow_private=True, now=now + timedelta(seconds=5)))
    assert "delivered 0" in runner.invoke(cli, ["webhooks", "relay", "--once"]).output
    late = [hook.verify(req.body, req.headers) for req in receiver.requests[2:]]
    assert [(p["type"], p["data"]["referral_id"]) for p in late] == [
        ("referral.offered", second.id),
        ("referral.accepted", second.id),
    ]

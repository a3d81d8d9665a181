"""The issue's walk-through: register a webhook, open and accept, miss one while the receiver is down."""

from __future__ import annotations

import time

import standardwebhooks

from routing.cli import cli
from tests.histories import build_network


def test_register_receive_verify_then_catch_up_a_missed_event(app, client, runner, receiver):
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
    failed = runner.invoke(cli, ["webhooks", "relay", "--once"]).output
    assert "to retry 1" in failed

    receiver.start()
    # the missed event waits for its retry time (5 s after the first attempt)
    net.accept(o, net.ohjaamo_counsellor)
    time.sleep(5.2)
    assert "delivered 2" in runner.invoke(cli, ["webhooks", "relay", "--once"]).output
    runner.invoke(cli, ["webhooks", "relay", "--once"])
    late = [hook.verify(req.body, req.headers) for req in receiver.requests[2:]]
    assert [(p["type"], p["data"]["referral_id"]) for p in late] == [
        ("referral.offered", second.id),
        ("referral.accepted", second.id),
    ]

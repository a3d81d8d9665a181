"""The issue's walk-through: register a webhook, open and accept, miss one while the receiver is down."""

from __future__ import annotations

import time

import standardwebhooks

from routing.cli import cli
from tests.followup_network import accept, build_network, offer, open_referral, token_for


def test_register_receive_verify_then_catch_up_a_missed_event(client, runner, session, receiver):
    net = build_network(session)
    headers = {"Authorization": f"Bearer {token_for(session, net.ohjaamo_admin)}"}
    created = client.post(
        "/api/v1/webhooks",
        json={"url": receiver.url, "events": ["referral.offered", "referral.accepted"]},
        headers=headers,
    ).get_json()
    hook = standardwebhooks.Webhook(created["secret"])

    first = open_referral(session, net)
    accept(session, first, offer(session, net, first, to=net.ohjaamo), net.ohjaamo_counsellor)
    assert "delivered 2" in runner.invoke(cli, ["webhooks", "relay", "--once"]).output
    verified = [hook.verify(req.body, req.headers) for req in receiver.requests]
    assert [p["type"] for p in verified] == ["referral.offered", "referral.accepted"]

    receiver.stop()
    second = open_referral(session, net)
    o = offer(session, net, second, to=net.ohjaamo)
    failed = runner.invoke(cli, ["webhooks", "relay", "--once"]).output
    assert "to retry 1" in failed

    receiver.start()
    # the missed event waits for its retry time (5 s after the first attempt)
    accept(session, second, o, net.ohjaamo_counsellor)
    time.sleep(5.2)
    assert "delivered 2" in runner.invoke(cli, ["webhooks", "relay", "--once"]).output
    runner.invoke(cli, ["webhooks", "relay", "--once"])
    late = [hook.verify(req.body, req.headers) for req in receiver.requests[2:]]
    assert [(p["type"], p["data"]["referral_id"]) for p in late] == [
        ("referral.offered", second.id),
        ("referral.accepted", second.id),
    ]

"""The outbox relay against a real local HTTP receiver: signatures, audience, retries, 410, dead letters."""

from __future__ import annotations

import threading
from datetime import timedelta
from email.utils import format_datetime

import httpx
import pytest
import standardwebhooks
from sqlmodel import select

import routing.privacy.operations as privacy
import webhooks
from routing.core import db
from routing.core.clock import utcnow
from routing.followup.reminders import ReminderSettings, run_pass
from routing.outbox.endpoints import create_endpoint
from routing.outbox.messages import EVENT_TYPES
from routing.outbox.models import DeliveryAttempt, OutboxMessage, WebhookEndpoint
from routing.outbox.relay import prune, relay_once
from tests.histories import CONTACT, QUESTION, build_network
from tests.http_receiver import Reply

ALL = list(EVENT_TYPES)


@pytest.fixture
def net(app):
    return build_network(app)


def endpoint(session, org, url, events=ALL) -> WebhookEndpoint:
    ep = create_endpoint(session, org.id, url, list(events), created_by_id=None, allow_private=True)
    session.commit()
    return ep


def relay(engine, **kw):
    return relay_once(engine, allow_private=True, **kw)


def messages(session) -> list[OutboxMessage]:
    session.expire_all()
    return list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_followers_get_signed_events_verifiable_by_the_reference_library(engine, session, net, receiver):
    lib = endpoint(session, net.front_door, receiver.url + "/lib", ["referral.opened", "referral.accepted"])
    ohj = endpoint(session, net.ohjaamo, receiver.url + "/ohj")
    endpoint(session, net.elsewhere, receiver.url + "/far")
    r = net.open()
    net.accept(net.offer(r, net.ohjaamo_service), net.ohjaamo_counsellor)

    report = relay(engine)
    assert report.delivered == 4 and report.retrying == 0
    got = [(req.path, req.json()["type"]) for req in receiver.requests]
    assert sorted(got) == [
        ("/hook/lib", "referral.accepted"),
        ("/hook/lib", "referral.opened"),
        ("/hook/ohj", "referral.accepted"),
        ("/hook/ohj", "referral.offered"),
    ]
    secrets = {"/hook/lib": lib.secret, "/hook/ohj": ohj.secret}
    for req in receiver.requests:
        payload = standardwebhooks.Webhook(secrets[req.path]).verify(req.body, req.headers)
        webhooks.verify(secrets[req.path], req.headers, req.body)
        assert req.headers["content-type"] == "application/json"
        assert payload["data"]["referral_id"] == r.id
        text = req.body.decode()
        for private in (QUESTION, CONTACT, "Meikäläinen", "040 123"):
            assert private not in text
    accepted = next(
        req.json() for req in receiver.requests if req.path == "/hook/ohj" and "accepted" in req.json()["type"]
    )
    assert accepted["data"]["state"] == "accepted" and accepted["data"]["to_state"] == "accepted"
    assert accepted["data"]["holder"] == {"id": net.ohjaamo.id, "name": "Ohjaamo Kerava"}
    assert accepted["data"]["front_door"] == {"id": net.front_door.id, "name": "Keravan kirjasto"}
    assert accepted["data"]["offer"]["organization"]["name"] == "Ohjaamo Kerava"
    assert {m.state for m in messages(session)} == {"delivered"}


def test_a_ring_offer_counts_for_each_member(engine, session, net, receiver):
    endpoint(session, net.school, receiver.url + "/keuda", ["referral.offered"])
    net.offer(net.open(), net.ring)
    relay(engine)
    assert [req.json()["type"] for req in receiver.requests] == ["referral.offered"]
    assert receiver.requests[0].json()["data"]["offer"]["ring"] == {"id": net.ring.id, "name": "Puhelinrengas"}


def test_an_organisation_that_held_or_was_offered_keeps_hearing(engine, session, net, receiver):
    endpoint(session, net.school, receiver.url + "/keuda", ["referral.closed"])
    r = net.open()
    net.decline(net.offer(r, net.school_service), net.school_counsellor, "no-capacity")
    net.accept(net.offer(r, net.ohjaamo_service), net.ohjaamo_counsellor)
    net.close(r, net.ohjaamo_counsellor, "served")
    relay(engine)
    [closed] = receiver.bodies()
    assert closed["type"] == "referral.closed" and closed["data"]["reason"] == "served"


def test_free_text_reasons_stay_out_of_payloads(app, engine, session, net, receiver):
    endpoint(session, net.front_door, receiver.url, ["referral.erased"])
    r = net.open()
    with app.app_context(), db.transaction() as s:
        privacy.erase(s, privacy.referral_for(s, r.id, None, lock=True), None, force=True, reason="asiakas Matti pyysi")
    relay(engine)
    [erased] = receiver.bodies()
    assert erased["data"]["reason"] is None and "Matti" not in receiver.requests[0].body.decode()


def test_failure_schedules_the_next_attempt_and_retry_after_is_honoured(engine, session, net, receiver):
    endpoint(session, net.front_door, receiver.url)
    net.open()
    receiver.reply(Reply(500), Reply(503, {"Retry-After": "3600"}))

    now = utcnow()
    assert relay(engine, now=now).retrying == 1
    [m] = messages(session)
    assert m.state == "pending" and m.attempts == 1
    assert m.next_attempt_at == now + timedelta(seconds=5)
    assert relay(engine, now=now + timedelta(seconds=4)).attempts == 0  # not due yet

    now += timedelta(seconds=5)
    relay(engine, now=now)
    [m] = messages(session)
    # the schedule says 5 minutes here; the receiver asked for an hour
    assert m.attempts == 2 and m.next_attempt_at == now + timedelta(hours=1)
    assert relay(engine, now=now + timedelta(minutes=59)).attempts == 0

    assert relay(engine, now=now + timedelta(hours=1)).delivered == 1
    ids = {req.headers["webhook-id"] for req in receiver.requests}
    assert len(receiver.requests) == 3 and ids == {m.msg_id}  # stable across retries
    attempts = session.exec(select(DeliveryAttempt).order_by(DeliveryAttempt.id)).all()
    assert [(a.status_code, a.ok) for a in attempts] == [(500, False), (503, False), (204, True)]
    assert all(a.duration_ms is not None and a.duration_ms >= 0 for a in attempts)
    assert attempts[0].error == "HTTP 500 Internal Server Error"


def test_retry_after_as_an_http_date(engine, session, net, receiver):
    endpoint(session, net.front_door, receiver.url)
    net.open()
    now = utcnow()
    when = now.replace(microsecond=0) + timedelta(hours=2)  # an HTTP date is in whole seconds
    receiver.reply(Reply(429, {"Retry-After": format_datetime(when, usegmt=True)}))
    relay(engine, now=now)
    [m] = messages(session)
    assert m.next_attempt_at == when


def test_410_disables_the_endpoint_and_cancels_its_queue(engine, session, net, receiver):
    ep = endpoint(session, net.front_door, receiver.url)
    net.open()
    net.open()
    receiver.reply(Reply(410))
    report = relay(engine, workers=1)
    assert report.disabled == [ep.id]
    assert len(receiver.requests) == 1
    session.expire_all()
    stored = session.get(WebhookEndpoint, ep.id)
    assert not stored.active and "410" in stored.disabled_reason
    assert sorted(m.state for m in messages(session)) == ["cancelled", "failed"]
    # a disabled endpoint gets no new messages
    net.open()
    assert len(messages(session)) == 2
    relay(engine)
    assert len(receiver.requests) == 1


def test_dead_letter_after_the_last_attempt_then_replay(engine, session, net, receiver, client):
    ep = endpoint(session, net.ohjaamo, receiver.url)
    net.offer(net.open(), net.ohjaamo_service)
    receiver.default = Reply(500)
    start = now = utcnow()
    for n in range(1, webhooks.MAX_ATTEMPTS + 1):
        relay(engine, now=now)
        assert len(receiver.requests) == n
        [m] = messages(session)
        now = m.next_attempt_at  # each retry when the schedule says
    assert m.state == "failed" and m.attempts == 10 and m.next_attempt_at is None
    assert relay(engine, now=start + timedelta(days=30)).attempts == 0  # a dead letter stays put
    # about three days from the first attempt to the last
    attempts = session.exec(select(DeliveryAttempt).order_by(DeliveryAttempt.id)).all()
    assert attempts[-1].at - attempts[0].at == sum(webhooks.RETRY_SCHEDULE, timedelta())

    headers = {"Authorization": f"Bearer {net.token(net.ohjaamo_admin)}"}
    listed = client.get(f"/api/v1/webhooks/{ep.id}/deliveries", headers=headers).get_json()
    [delivery] = listed["deliveries"]
    assert delivery["state"] == "failed" and len(delivery["attempts"]) == 10
    assert {a["status_code"] for a in delivery["attempts"]} == {500}

    receiver.default = Reply(200)
    replayed = client.post(f"/api/v1/webhooks/{ep.id}/deliveries/{m.id}/retry", headers=headers)
    assert replayed.status_code == 202 and replayed.get_json()["state"] == "pending"
    assert relay(engine).delivered == 1
    assert len(receiver.requests) == 11
    assert {req.headers["webhook-id"] for req in receiver.requests} == {m.msg_id}
    standardwebhooks.Webhook(ep.secret).verify(receiver.requests[-1].body, receiver.requests[-1].headers)


def test_delivery_is_in_order_per_referral(engine, session, net, receiver):
    endpoint(session, net.ohjaamo, receiver.url)
    first = net.open()
    o1 = net.offer(first, net.ohjaamo_service)
    second = net.open()
    net.accept(net.offer(second, net.ohjaamo_service), net.ohjaamo_counsellor)
    net.accept(o1, net.ohjaamo_counsellor)
    receiver.reply(Reply(500))  # the first message (first referral's offer) fails once

    now = utcnow()
    relay(engine, workers=1, now=now)
    sent = [(req.json()["data"]["referral_id"], req.json()["type"]) for req in receiver.requests]
    # the failed one holds back the rest of its referral, not the other referral
    assert sent == [(first.id, "referral.offered"), (second.id, "referral.offered"), (second.id, "referral.accepted")]

    relay(engine, now=now + timedelta(seconds=5))  # its retry
    sent = [(req.json()["data"]["referral_id"], req.json()["type"]) for req in receiver.requests[3:]]
    assert sent == [(first.id, "referral.offered"), (first.id, "referral.accepted")]


def test_parallel_relays_never_send_a_message_twice(engine, session, net, receiver):
    endpoint(session, net.ohjaamo, receiver.url)
    for _ in range(12):
        net.accept(net.offer(net.open(), net.ohjaamo_service), net.ohjaamo_counsellor)
    receiver.default = Reply(204, delay=0.01)
    total = len(messages(session))
    assert total == 24

    threads = [threading.Thread(target=relay, args=(engine,), kwargs={"workers": 3}) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    ids = [req.headers["webhook-id"] for req in receiver.requests]
    assert len(ids) == total and len(set(ids)) == total
    order: dict[str, list[str]] = {}
    for req in receiver.requests:
        body = req.json()
        order.setdefault(body["data"]["referral_id"], []).append(body["type"])
    assert all(types == ["referral.offered", "referral.accepted"] for types in order.values())
    assert {m.state for m in messages(session)} == {"delivered"}


def test_receiver_down_then_back_gets_the_missed_event_once(engine, session, net, receiver):
    endpoint(session, net.front_door, receiver.url)
    receiver.stop()
    net.open()
    now = utcnow()
    assert relay(engine, now=now).retrying == 1
    attempt = session.exec(select(DeliveryAttempt)).one()
    assert attempt.status_code is None and "ConnectError" in attempt.error
    receiver.start()
    assert relay(engine, now=now + timedelta(seconds=5)).delivered == 1
    assert relay(engine, now=now + timedelta(days=3)).attempts == 0
    assert len(receiver.requests) == 1


def test_a_slow_receiver_times_out(engine, session, net, receiver):
    endpoint(session, net.front_door, receiver.url)
    net.open()
    receiver.reply(Reply(204, delay=1.0))
    with httpx.Client(timeout=0.2) as client:
        assert relay(engine, client=client).retrying == 1
    assert "Timeout" in session.exec(select(DeliveryAttempt)).one().error


def test_private_receiver_refused_at_send_time_when_not_allowed(engine, session, net, receiver):
    endpoint(session, net.front_door, receiver.url)
    net.open()
    report = relay_once(engine, allow_private=False)
    assert report.retrying == 1 and receiver.requests == []
    assert "loopback" in session.exec(select(DeliveryAttempt)).one().error


def test_reminders_are_announced_to_followers(app, engine, session, net, receiver):
    endpoint(session, net.front_door, receiver.url + "/lib", ["referral.reminder"])
    endpoint(session, net.elsewhere, receiver.url + "/far", ["referral.reminder"])
    r = net.open()
    net.open()  # a second one, also followed
    settings = ReminderSettings.from_config(app.config, app.instance_path)
    report = run_pass(engine, settings)
    assert report.webhooks == 2
    relay(engine)
    bodies = [req.json() for req in receiver.requests]
    assert {req.path for req in receiver.requests} == {"/hook/lib"}
    assert {b["type"] for b in bodies} == {"referral.reminder"}
    assert {b["data"]["reason"] for b in bodies} == {"open"} and r.id in {b["data"]["referral_id"] for b in bodies}
    assert {b["data"]["reminder"]["kind"] for b in bodies} == {"open"}
    run_pass(engine, settings)  # the same week: no second announcement
    relay(engine)
    assert len(receiver.requests) == 2


def messages_endpoints(session) -> set[str]:
    return {m.endpoint_id for m in messages(session)}


def test_relay_command(runner, engine, session, net, receiver):
    from routing.cli import cli

    endpoint(session, net.front_door, receiver.url)
    net.open()
    result = runner.invoke(cli, ["webhooks", "relay", "--once"])
    assert result.exit_code == 0, result.output
    assert "delivered 1" in result.output
    assert len(receiver.requests) == 1

    # a refused attempt says why, per endpoint
    endpoints = {endpoint(session, net.front_door, receiver.url + "/second").id, *messages_endpoints(session)}
    receiver.reply(Reply(503))
    net.open()
    result = runner.invoke(cli, ["webhooks", "relay", "--once"])
    assert "to retry 1" in result.output
    [why] = result.output.splitlines()[1:]
    assert why.split(":")[0].removeprefix("  endpoint ") in endpoints and why.endswith("HTTP 503 Service Unavailable")


def test_delivered_messages_are_forgotten_after_the_keep_days_but_failed_ones_stay(engine, session, net, receiver):
    endpoint(session, net.front_door, receiver.url)
    now = utcnow()
    # 90 days ago: never delivered (a dead letter after its last retry)
    net.open(at=now - timedelta(days=90))
    receiver.default = Reply(500)
    at = now - timedelta(days=90)
    while at is not None:
        relay(engine, now=at)
        at = messages(session)[0].next_attempt_at
    receiver.default = Reply(204)
    # delivered 31 days ago, and yesterday
    net.open(at=now - timedelta(days=31))
    relay(engine, now=now - timedelta(days=31))
    net.open(at=now - timedelta(days=1))
    relay(engine, now=now - timedelta(days=1))
    assert [m.state for m in messages(session)] == ["failed", "delivered", "delivered"]
    failed, old, recent = (m.id for m in messages(session))

    assert prune(engine, 30, now=now) == 1
    assert [m.id for m in messages(session)] == [failed, recent]
    assert session.exec(select(DeliveryAttempt).where(DeliveryAttempt.message_id == old)).all() == []
    assert len(session.exec(select(DeliveryAttempt)).all()) == webhooks.MAX_ATTEMPTS + 1
    assert prune(engine, 30, now=now) == 0
    # a day later the one of yesterday is still kept; thirty days later it goes too, the failed one stays
    assert prune(engine, 30, now=now + timedelta(days=1)) == 0
    assert prune(engine, 30, now=now + timedelta(days=30)) == 1
    assert [m.id for m in messages(session)] == [failed]


def test_the_relay_connects_to_the_address_it_checked(engine, session, net, receiver, monkeypatch):
    """The name is resolved once, by the check; the client never resolves it again.

    ``hooks.invalid`` resolves nowhere but here (and the check is told to take the
    test receiver's loopback address as public): the message still arrives, at that
    address, with the name in its Host header.
    """
    import routing.outbox.endpoints as endpoints

    port = httpx.URL(receiver.url).port
    monkeypatch.setattr(endpoints, "resolve", lambda host, port: ["127.0.0.1"] if host == "hooks.invalid" else [])
    monkeypatch.setattr(endpoints, "_address_refusal", lambda address: None)
    endpoint(session, net.front_door, f"http://hooks.invalid:{port}/in")
    net.open()
    report = relay_once(engine, allow_private=False)
    assert report.delivered == 1
    [request] = receiver.requests
    assert request.headers["host"] == f"hooks.invalid:{port}" and request.path == "/in"


def test_https_keeps_the_name_for_the_certificate_when_pinned():
    from routing.outbox.relay import _pinned

    url, headers, extensions = _pinned("https://hooks.example.fi:8443/in?x=1", "2001:db8::1")
    assert url == "https://[2001:db8::1]:8443/in?x=1"
    assert headers == {"host": "hooks.example.fi:8443", "connection": "close"}
    assert extensions == {"sni_hostname": "hooks.example.fi"}

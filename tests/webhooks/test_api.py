"""The webhook endpoints API: org-admin only, URL checks, secret shown once, deliveries and replay."""

from __future__ import annotations

import pytest
from sqlmodel import select

from routing.outbox.models import OutboxMessage, WebhookEndpoint
from tests.histories import build_network


@pytest.fixture
def net(app):
    return build_network(app)


@pytest.fixture
def admin(net):
    return {"Authorization": f"Bearer {net.token(net.ohjaamo_admin)}"}


def _create(client, headers, url="http://127.0.0.1:9/hook", events=("referral.accepted",)):
    return client.post("/api/v1/webhooks", json={"url": url, "events": list(events)}, headers=headers)


def test_create_shows_the_secret_once_and_lists_without_it(client, admin, session, net):
    created = _create(client, admin)
    assert created.status_code == 201
    body = created.get_json()
    assert body["secret"].startswith("whsec_") and body["url"] == "http://127.0.0.1:9/hook"
    assert body["events"] == ["referral.accepted"] and body["active"] is True
    stored = session.get(WebhookEndpoint, body["id"])
    assert stored.organization_id == net.ohjaamo.id and stored.secret == body["secret"]

    listed = client.get("/api/v1/webhooks", headers=admin).get_json()["webhooks"]
    assert [e["id"] for e in listed] == [body["id"]]
    assert "secret" not in listed[0]
    assert body["secret"] not in client.get("/api/v1/webhooks", headers=admin).get_data(as_text=True)


def test_only_org_admins(client, session, net):
    counsellor = {"Authorization": f"Bearer {net.token(net.ohjaamo_counsellor)}"}
    assert _create(client, counsellor).status_code == 403
    assert client.get("/api/v1/webhooks", headers=counsellor).status_code == 403
    assert client.get("/api/v1/webhooks").status_code == 401
    assert client.get("/api/v1/webhooks", headers={"Authorization": "Bearer nope"}).status_code == 401


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"url": "ftp://example.fi/x", "events": ["referral.opened"]}, "http:// or https://"),
        ({"url": "javascript:alert(1)", "events": ["referral.opened"]}, "http:// or https://"),
        ({"url": "http://user:pw@example.fi/", "events": ["referral.opened"]}, "no user or password"),
        ({"url": "http://:80/", "events": ["referral.opened"]}, "no host"),
        ({"url": "http://example.fi:99999/", "events": ["referral.opened"]}, "port"),
        ({"url": 5, "events": ["referral.opened"]}, "as a string"),
        ({"events": ["referral.opened"]}, "url"),
        ({"url": "http://127.0.0.1/", "events": []}, "non-empty list"),
        ({"url": "http://127.0.0.1/", "events": "referral.opened"}, "non-empty list"),
        ({"url": "http://127.0.0.1/", "events": ["referral.openned"]}, "unknown type(s) referral.openned"),
    ],
)
def test_bad_input_is_400_with_what_is_wrong(client, admin, session, body, message):
    answer = client.post("/api/v1/webhooks", json=body, headers=admin)
    assert answer.status_code == 400
    assert message in answer.get_json()["error"]["message"]
    assert session.exec(select(WebhookEndpoint)).all() == []


def test_not_json_is_400(client, admin):
    answer = client.post("/api/v1/webhooks", data="url=x", headers=admin)
    assert answer.status_code == 400 and answer.get_json()["error"]["code"] == "bad-request"


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("http://127.0.0.1:8080/hook", "loopback"),
        ("http://localhost/hook", "loopback"),
        ("http://[::1]/hook", "loopback"),
        ("https://10.1.2.3/hook", "private"),
        ("https://192.168.0.10/hook", "private"),
        ("http://172.16.5.4/", "private"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://0.0.0.0/", "reserved"),
        ("http://100.64.0.1/", "reserved"),
    ],
)
def test_private_and_loopback_refused_unless_allowed(app, client, admin, url, what):
    app.config["WEBHOOK_ALLOW_PRIVATE"] = False
    answer = _create(client, admin, url=url)
    assert answer.status_code == 400
    message = answer.get_json()["error"]["message"]
    assert what in message and "WEBHOOK_ALLOW_PRIVATE" in message


def test_public_address_accepted_without_allowance(app, client, admin):
    app.config["WEBHOOK_ALLOW_PRIVATE"] = False
    assert _create(client, admin, url="https://93.184.215.14/hook").status_code == 201


def test_other_organisations_endpoints_are_invisible(client, admin, session, net):
    endpoint_id = _create(client, admin).get_json()["id"]
    other = {"Authorization": f"Bearer {net.token(net.elsewhere_admin)}"}
    assert client.get("/api/v1/webhooks", headers=other).get_json()["webhooks"] == []
    for method, path in [
        ("post", f"/api/v1/webhooks/{endpoint_id}/disable"),
        ("delete", f"/api/v1/webhooks/{endpoint_id}"),
        ("get", f"/api/v1/webhooks/{endpoint_id}/deliveries"),
        ("post", f"/api/v1/webhooks/{endpoint_id}/deliveries/1/retry"),
    ]:
        answer = getattr(client, method)(path, headers=other)
        assert answer.status_code == 404, path
        assert answer.get_json()["error"]["code"] == "not-found"
    assert session.get(WebhookEndpoint, endpoint_id).active


def test_disable_and_delete(client, admin, session):
    endpoint_id = _create(client, admin).get_json()["id"]
    disabled = client.post(f"/api/v1/webhooks/{endpoint_id}/disable", headers=admin)
    assert disabled.status_code == 200
    assert (
        disabled.get_json()["active"] is False and "admin@ohjaamo.example.fi" in disabled.get_json()["disabled_reason"]
    )
    assert client.delete(f"/api/v1/webhooks/{endpoint_id}", headers=admin).status_code == 204
    assert client.get("/api/v1/webhooks", headers=admin).get_json()["webhooks"] == []
    assert client.delete(f"/api/v1/webhooks/{endpoint_id}", headers=admin).status_code == 404


def test_retry_of_unknown_or_queued_delivery(client, admin, session):
    endpoint_id = _create(client, admin).get_json()["id"]
    # (written before the next request: the test's app context keeps the request session open)
    session.add(OutboxMessage(msg_id="msg_q", endpoint_id=endpoint_id, event_type="referral.accepted", payload={}))
    session.commit()
    queued = session.exec(select(OutboxMessage)).one()
    assert client.post(f"/api/v1/webhooks/{endpoint_id}/deliveries/999/retry", headers=admin).status_code == 404
    answer = client.post(f"/api/v1/webhooks/{endpoint_id}/deliveries/{queued.id}/retry", headers=admin)
    assert answer.status_code == 409 and "already queued" in answer.get_json()["error"]["message"]

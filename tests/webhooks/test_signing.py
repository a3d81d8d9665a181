"""Signing and verification, checked against the standardwebhooks reference library both ways."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
import standardwebhooks
from hypothesis import given
from hypothesis import strategies as st
from standardwebhooks.webhooks import WebhookVerificationError as ReferenceError_

import webhooks
from webhooks import WebhookVerificationError

BODY = json.dumps(
    {
        "type": "referral.accepted",
        "timestamp": "2026-03-02T08:00:00Z",
        "data": {"referral_id": "r1", "state": "accepted", "holder": {"name": "Ohjaamo Kerava"}},
    },
    ensure_ascii=False,
).encode()


@pytest.fixture
def secret() -> str:
    return webhooks.new_secret()


def test_new_secret_shape():
    s = webhooks.new_secret()
    assert s.startswith("whsec_")
    assert len(base64.b64decode(s.removeprefix("whsec_"))) == 32
    assert webhooks.new_secret() != s


def test_reference_signer_our_verifier(secret):
    ref = standardwebhooks.Webhook(secret)
    now = datetime.now(UTC)
    msg_id = webhooks.new_message_id()
    signature = ref.sign(msg_id, now, BODY.decode())
    headers = {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    webhooks.verify(secret, headers, BODY)  # no exception
    webhooks.verify(secret, headers, BODY.decode())  # str body too


def test_our_signer_reference_verifier(secret):
    headers = webhooks.headers_for(secret, "msg_1", BODY)
    payload = standardwebhooks.Webhook(secret).verify(BODY, headers)
    assert payload["data"]["referral_id"] == "r1"


def test_same_signature_as_reference(secret):
    when = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    ours = webhooks.sign(secret, "msg_x", when, BODY)
    theirs = standardwebhooks.Webhook(secret).sign("msg_x", when, BODY.decode())
    assert ours == theirs
    assert webhooks.sign(secret, "msg_x", int(when.timestamp()), BODY) == theirs


def test_spec_example_vector():
    # The worked example of the Standard Webhooks specification.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = '{"test": 2432232314}'
    sig = webhooks.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
    assert sig == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


@given(body=st.binary(max_size=300), msg_id=st.text(min_size=1, max_size=30).filter(lambda s: s.isprintable()))
def test_roundtrip_any_body(body, msg_id):
    secret = "whsec_" + base64.b64encode(b"k" * 32).decode()
    now = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    headers = webhooks.headers_for(secret, msg_id.strip() or "m", body, timestamp=now)
    webhooks.verify(secret, headers, body, now=now)


@pytest.mark.parametrize("tamper", ["body", "id", "timestamp", "secret"])
def test_tampering_is_refused_by_both(secret, tamper):
    now = datetime.now(UTC)
    headers = webhooks.headers_for(secret, "msg_1", BODY, timestamp=now)
    body = BODY
    key = secret
    if tamper == "body":
        body = BODY.replace(b"accepted", b"closed__")
    elif tamper == "id":
        headers["webhook-id"] = "msg_2"
    elif tamper == "timestamp":
        headers["webhook-timestamp"] = str(int(now.timestamp()) + 1)
    else:
        key = webhooks.new_secret()
    with pytest.raises(WebhookVerificationError, match="no matching signature"):
        webhooks.verify(key, headers, body)
    with pytest.raises(ReferenceError_):
        standardwebhooks.Webhook(key).verify(body, headers)


@pytest.mark.parametrize(("offset", "message"), [(-301, "too old"), (301, "too new")])
def test_stale_and_future_timestamps(secret, offset, message):
    now = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    headers = webhooks.headers_for(secret, "msg_1", BODY, timestamp=now + timedelta(seconds=offset))
    with pytest.raises(WebhookVerificationError, match=message):
        webhooks.verify(secret, headers, BODY, now=now)


@pytest.mark.parametrize("offset", [-300, -1, 0, 1, 299, 300])
def test_within_tolerance(secret, offset):
    now = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    headers = webhooks.headers_for(secret, "msg_1", BODY, timestamp=now + timedelta(seconds=offset))
    webhooks.verify(secret, headers, BODY, now=now)


def test_tolerance_is_adjustable(secret):
    now = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    headers = webhooks.headers_for(secret, "msg_1", BODY, timestamp=now - timedelta(minutes=30))
    webhooks.verify(secret, headers, BODY, now=now, tolerance=timedelta(hours=1))


def test_stale_reference_message_refused(secret):
    old = datetime.now(UTC) - timedelta(minutes=10)
    ref = standardwebhooks.Webhook(secret)
    headers = {
        "webhook-id": "m",
        "webhook-timestamp": str(int(old.timestamp())),
        "webhook-signature": ref.sign("m", old, BODY.decode()),
    }
    with pytest.raises(WebhookVerificationError, match="too old"):
        webhooks.verify(secret, headers, BODY)


def test_several_signatures_any_one_matches(secret):
    now = datetime.now(UTC)
    good = webhooks.sign(secret, "msg_1", now, BODY)
    other = webhooks.sign(webhooks.new_secret(), "msg_1", now, BODY)
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": f"v1a,c29tZXRoaW5nZWxzZQ== {other} garbage v1,!!notbase64 {good}",
    }
    webhooks.verify(secret, headers, BODY)
    standardwebhooks.Webhook(secret).verify(BODY, {**headers, "webhook-signature": f"{other} {good}"})


def test_key_rotation_signs_with_each_secret(secret):
    old_secret = webhooks.new_secret()
    headers = webhooks.headers_for([old_secret, secret], "msg_1", BODY)
    assert len(headers["webhook-signature"].split()) == 2
    for key in (old_secret, secret):
        webhooks.verify(key, headers, BODY)
        standardwebhooks.Webhook(key).verify(BODY, headers)


def test_only_other_versions_do_not_match(secret):
    now = datetime.now(UTC)
    good = webhooks.sign(secret, "msg_1", now, BODY).replace("v1,", "v2,")
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": good,
    }
    with pytest.raises(WebhookVerificationError, match="no matching signature"):
        webhooks.verify(secret, headers, BODY)


def test_headers_case_insensitive(secret):
    headers = webhooks.headers_for(secret, "msg_1", BODY)
    webhooks.verify(secret, {k.upper(): v for k, v in headers.items()}, BODY)


@pytest.mark.parametrize("drop", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_missing_header_named(secret, drop):
    headers = webhooks.headers_for(secret, "msg_1", BODY)
    del headers[drop]
    with pytest.raises(WebhookVerificationError, match=f"missing header.*{drop}"):
        webhooks.verify(secret, headers, BODY)


@pytest.mark.parametrize("stamp", ["abc", "1.5e9", "-5", "１２３"])
def test_malformed_timestamp(secret, stamp):
    headers = webhooks.headers_for(secret, "msg_1", BODY)
    headers["webhook-timestamp"] = stamp
    with pytest.raises(WebhookVerificationError, match="not a Unix time"):
        webhooks.verify(secret, headers, BODY)


def test_bad_secret_is_a_value_error():
    with pytest.raises(ValueError, match="base64"):
        webhooks.sign("whsec_not*base64", "m", 0, b"")
    with pytest.raises(ValueError, match="empty"):
        webhooks.sign("whsec_", "m", 0, b"")


def test_unpadded_secret_accepted_like_reference():
    raw = base64.b64encode(b"0123456789abcdefghijklmnopqrstuv!").decode().rstrip("=")
    secret = "whsec_" + raw
    headers = webhooks.headers_for(secret, "m", BODY)
    standardwebhooks.Webhook(secret).verify(BODY, headers)
    webhooks.verify(secret, headers, BODY)

"""Standard Webhooks signatures: ``v1,`` + base64 HMAC-SHA256 of ``id.timestamp.body``.

The secret is ``whsec_`` + base64 of random bytes; the HMAC key is the
decoded bytes. See https://www.standardwebhooks.com/ (the reference
library ``standardwebhooks`` is what the tests check against).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta

SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"
DEFAULT_TOLERANCE = timedelta(minutes=5)

HEADER_ID = "webhook-id"
HEADER_TIMESTAMP = "webhook-timestamp"
HEADER_SIGNATURE = "webhook-signature"


class WebhookVerificationError(Exception):
    """The message cannot be trusted: a header is missing or malformed, the
    timestamp is outside the tolerance, or no signature matches."""


def new_secret(nbytes: int = 32) -> str:
    """A fresh signing secret, ``whsec_`` + base64 of ``nbytes`` random bytes."""
    if not 24 <= nbytes <= 64:
        raise ValueError("a webhook secret should be 24 to 64 bytes")
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(nbytes)).decode("ascii")


def new_message_id() -> str:
    """A message id, stable across the retries of one message."""
    return "msg_" + uuid.uuid4().hex


def secret_key(secret: str | bytes) -> bytes:
    """The HMAC key of a secret: the raw bytes, or the base64 after ``whsec_``."""
    if isinstance(secret, bytes):
        key = secret
    else:
        text = secret.removeprefix(SECRET_PREFIX)
        try:
            # Unpadded base64 is common in the wild; pad before decoding.
            key = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("webhook secret is not whsec_ + base64") from exc
    if not key:
        raise ValueError("webhook secret is empty")
    return key


def _timestamp_seconds(timestamp: int | datetime) -> int:
    if isinstance(timestamp, datetime):
        if timestamp.tzinfo is None:  # naive means UTC, as in the reference library
            timestamp = timestamp.replace(tzinfo=UTC)
        return int(timestamp.timestamp())
    return int(timestamp)


def _as_bytes(body: bytes | str) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def _digest(key: bytes, msg_id: str, seconds: int, body: bytes) -> bytes:
    signed = f"{msg_id}.{seconds}.".encode() + body
    return hmac.new(key, signed, hashlib.sha256).digest()


def sign(secret: str | bytes, msg_id: str, timestamp: int | datetime, body: bytes | str) -> str:
    """The signature of one message: ``v1,<base64>``."""
    digest = _digest(secret_key(secret), msg_id, _timestamp_seconds(timestamp), _as_bytes(body))
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode('ascii')}"


def headers_for(
    secret: str | bytes | Iterable[str | bytes],
    msg_id: str,
    body: bytes | str,
    *,
    timestamp: int | datetime | None = None,
) -> dict[str, str]:
    """The three Standard Webhooks headers for sending ``body``.

    Several secrets (during a key rotation) give several signatures,
    space-separated; a receiver accepts the message if any one matches.
    """
    seconds = _timestamp_seconds(timestamp if timestamp is not None else datetime.now(UTC))
    keys = [secret] if isinstance(secret, str | bytes) else list(secret)
    if not keys:
        raise ValueError("no webhook secret to sign with")
    return {
        HEADER_ID: msg_id,
        HEADER_TIMESTAMP: str(seconds),
        HEADER_SIGNATURE: " ".join(sign(key, msg_id, seconds, body) for key in keys),
    }


def verify(
    secret: str | bytes,
    headers: Mapping[str, str],
    body: bytes | str,
    *,
    tolerance: timedelta = DEFAULT_TOLERANCE,
    now: datetime | None = None,
) -> None:
    """Check a received message; return quietly if it is genuine.

    ``headers`` may be any mapping (a dict, Flask's ``request.headers``,
    httpx headers); names are matched without regard to case. ``body`` must
    be the raw bytes as received, before any JSON parsing. Raises
    :class:`WebhookVerificationError` saying what is wrong.
    """
    key = secret_key(secret)
    lowered = {name.lower(): value for name, value in headers.items()}
    missing = [h for h in (HEADER_ID, HEADER_TIMESTAMP, HEADER_SIGNATURE) if not lowered.get(h)]
    if missing:
        raise WebhookVerificationError(f"missing header(s): {', '.join(missing)}")
    msg_id = lowered[HEADER_ID]
    stamp = lowered[HEADER_TIMESTAMP].strip()
    if not stamp.isascii() or not stamp.isdigit():
        raise WebhookVerificationError(f"{HEADER_TIMESTAMP} is not a Unix time in seconds: {stamp[:40]!r}")
    seconds = int(stamp)

    current = now if now is not None else datetime.now(UTC)
    if current.tzinfo is None:
        current = current.replace(tzinfo=UTC)
    skew = seconds - current.timestamp()
    if skew < -tolerance.total_seconds():
        raise WebhookVerificationError(f"message timestamp too old ({int(-skew)} s ago)")
    if skew > tolerance.total_seconds():
        raise WebhookVerificationError(f"message timestamp too new ({int(skew)} s ahead)")

    expected = _digest(key, msg_id, seconds, _as_bytes(body))
    matched = False
    for entry in lowered[HEADER_SIGNATURE].split():
        version, _, encoded = entry.partition(",")
        if version != SIGNATURE_VERSION or not encoded:
            continue  # other schemes (v1a, ...) or garbage: not ours to judge
        try:
            candidate = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            continue
        # compare every entry, so the time taken does not tell which one matched
        matched |= hmac.compare_digest(expected, candidate)
    if not matched:
        raise WebhookVerificationError("no matching signature")

"""The outbox relay: deliver webhook messages, retry on the schedule, keep every attempt.

A pass claims due messages in a short transaction (``FOR UPDATE SKIP
LOCKED`` on PostgreSQL; SQLite serialises writers anyway) by moving their
``next_attempt_at`` a little into the future, sends them with no
transaction open, then records the attempt. A relay that dies mid-send
leaves the claim to run out, and the message is sent again (receivers
dedupe on the stable ``webhook-id``). Only the oldest pending message of a
referral for an endpoint is ever claimed, so delivery is in order per
referral; parallel relays never hold the same message at once.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import Engine, delete, exists, func, select, true, update
from sqlmodel import col

from routing.core.clock import utcnow
from routing.core.db import transaction
from routing.outbox.endpoints import EndpointError, disable_endpoint, pinned_address
from routing.outbox.models import DeliveryAttempt, OutboxMessage, WebhookEndpoint
from webhooks import headers_for, next_attempt_at, parse_retry_after

log = logging.getLogger(__name__)

BATCH = 50
# longer than a whole attempt can take (connect + read timeouts), so a live claim never runs out
CLAIM_FOR = timedelta(minutes=2)
TIMEOUT = httpx.Timeout(15.0, connect=5.0)
USER_AGENT = "Eteinen-Webhooks/1.0"
MAX_ERROR_LENGTH = 500

_msg = OutboxMessage.__table__  # type: ignore[attr-defined]
_ep = WebhookEndpoint.__table__  # type: ignore[attr-defined]
_attempt = DeliveryAttempt.__table__  # type: ignore[attr-defined]


@dataclass
class Claimed:
    id: int
    msg_id: str
    endpoint_id: str
    url: str
    secret: str
    payload: dict[str, Any]
    attempts: int
    claimed_until: datetime


@dataclass
class Outcome:
    at: datetime
    status_code: int | None = None
    error: str | None = None
    duration_ms: float | None = None
    retry_after: timedelta | None = None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass
class RelayReport:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0  # dead letters: the schedule ran out
    disabled: list[str] = field(default_factory=list)  # endpoints disabled by a 410
    # why attempts failed, once per endpoint and reason (addresses and HTTP statuses, no client data)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def attempts(self) -> int:
        return self.delivered + self.retrying + self.failed + len(self.disabled)

    def __str__(self) -> str:
        text = (
            f"delivered {self.delivered}, to retry {self.retrying}, failed {self.failed}, "
            f"endpoints disabled {len(self.disabled)}"
        )
        return "\n".join([text, *(f"  endpoint {ep}: {error}" for ep, error in sorted(self.errors.items()))])


def claim(engine: Engine, *, limit: int = BATCH, now: datetime | None = None) -> list[Claimed]:
    """Take up to ``limit`` due messages, each the oldest pending one of its referral and endpoint."""
    now = now or utcnow()
    earlier = _msg.alias("earlier")
    query = (
        select(_msg.c.id)
        .join(_ep, _ep.c.id == _msg.c.endpoint_id)
        .where(
            _msg.c.state == "pending",
            _msg.c.next_attempt_at <= now,
            _ep.c.active == true(),
            ~exists().where(
                earlier.c.endpoint_id == _msg.c.endpoint_id,
                earlier.c.referral_id == _msg.c.referral_id,
                earlier.c.state == "pending",
                earlier.c.id < _msg.c.id,
            ),
        )
        .order_by(_msg.c.id)
        .limit(limit)
    )
    if engine.dialect.name == "postgresql":
        query = query.with_for_update(of=_msg, skip_locked=True)
    until = now + CLAIM_FOR
    with engine.begin() as conn:
        ids = list(conn.execute(query).scalars())
        if not ids:
            return []
        conn.execute(update(_msg).where(_msg.c.id.in_(ids)).values(next_attempt_at=until))
        rows = conn.execute(
            select(
                _msg.c.id, _msg.c.msg_id, _msg.c.endpoint_id, _ep.c.url, _ep.c.secret, _msg.c.payload, _msg.c.attempts
            )
            .join(_ep, _ep.c.id == _msg.c.endpoint_id)
            .where(_msg.c.id.in_(ids))
            .order_by(_msg.c.id)
        ).all()
    return [Claimed(*row, claimed_until=until) for row in rows]


def body_of(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def send(client: httpx.Client, message: Claimed, *, allow_private: bool, now: datetime | None = None) -> Outcome:
    """One attempt: sign, POST, and say what happened (never raises for the receiver's faults)."""
    outcome = Outcome(at=now or utcnow())
    body = body_of(message.payload)
    headers = headers_for(message.secret, message.msg_id, body)
    headers.update({"content-type": "application/json", "user-agent": USER_AGENT})
    url, extensions = message.url, dict[str, Any]()
    if not allow_private:
        try:
            address = pinned_address(message.url)  # again: the host's addresses may have changed
        except EndpointError as exc:
            outcome.error = str(exc)[:MAX_ERROR_LENGTH]
            return outcome
        url, extra_headers, extensions = _pinned(message.url, address)
        headers.update(extra_headers)
    started = time.perf_counter()
    try:
        response = client.post(url, content=body, headers=headers, extensions=extensions)
    except httpx.HTTPError as exc:
        outcome.error = f"{type(exc).__name__}: {exc}"[:MAX_ERROR_LENGTH]
    else:
        outcome.status_code = response.status_code
        if not outcome.ok:
            outcome.retry_after = parse_retry_after(response.headers.get("retry-after"), now)
            outcome.error = f"HTTP {response.status_code} {response.reason_phrase}"[:MAX_ERROR_LENGTH]
    outcome.duration_ms = round((time.perf_counter() - started) * 1000, 1)
    return outcome


def _pinned(url: str, address: str) -> tuple[str, dict[str, str], dict[str, Any]]:
    """``url`` sent to the checked ``address``: the name stays in the Host header and, for
    https, in the TLS server name, so the certificate is still checked against the name."""
    request_url = httpx.URL(url)
    headers = {"host": request_url.netloc.decode("ascii")}
    extensions: dict[str, Any] = {}
    if request_url.scheme == "https":
        extensions["sni_hostname"] = request_url.host
        # connections are pooled by address: one made for another name must not be reused
        headers["connection"] = "close"
    return str(request_url.copy_with(host=address)), headers, extensions


def record(
    engine: Engine, message: Claimed, outcome: Outcome, report: RelayReport, *, now: datetime | None = None
) -> None:
    """Keep the attempt and move the message on: delivered, again later, or failed (the retry counted from ``now``)."""
    now = now or utcnow()
    with transaction(engine) as s:
        s.add(
            DeliveryAttempt(
                message_id=message.id,
                at=outcome.at,
                status_code=outcome.status_code,
                error=outcome.error,
                duration_ms=outcome.duration_ms,
                ok=outcome.ok,
            )
        )
        attempts = message.attempts + 1
        values: dict[str, Any] = {"attempts": attempts}
        if outcome.error:
            report.errors[message.endpoint_id] = outcome.error
        if outcome.ok:
            values.update(state="delivered", delivered_at=now, next_attempt_at=None)
            report.delivered += 1
        elif outcome.status_code == 410:
            values.update(state="failed", next_attempt_at=None)
        else:
            retry_at = next_attempt_at(attempts, now, outcome.retry_after)
            if retry_at is None:
                values.update(state="failed", next_attempt_at=None)
                report.failed += 1
            else:
                values.update(next_attempt_at=retry_at)
                report.retrying += 1
        # only while our claim stands: a relay that took over after it ran out decides instead
        s.execute(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.id) == message.id,
                col(OutboxMessage.state) == "pending",
                col(OutboxMessage.next_attempt_at) == message.claimed_until,
            )
            .values(**values)
        )
        if outcome.status_code == 410:
            endpoint = s.get(WebhookEndpoint, message.endpoint_id)
            if endpoint is not None and endpoint.active:
                disable_endpoint(s, endpoint, f"the receiver answered 410 Gone at {outcome.at:%Y-%m-%d %H:%M} UTC")
                report.disabled.append(endpoint.id)
                log.warning("webhook endpoint %s disabled: 410 Gone", endpoint.id)


def prune(engine: Engine, keep_days: int, *, now: datetime | None = None) -> int:
    """Forget delivered and cancelled messages older than ``keep_days``, with their attempts.

    Failed ones stay until someone replays them. Returns how many messages went.
    """
    cutoff = (now or utcnow()) - timedelta(days=keep_days)
    done = (
        select(_msg.c.id)
        .where(
            _msg.c.state.in_(("delivered", "cancelled")), func.coalesce(_msg.c.delivered_at, _msg.c.created_at) < cutoff
        )
        .scalar_subquery()
    )
    with engine.begin() as conn:
        conn.execute(delete(_attempt).where(_attempt.c.message_id.in_(done)))
        return int(conn.execute(delete(_msg).where(_msg.c.id.in_(done))).rowcount or 0)


def relay_once(
    engine: Engine,
    *,
    allow_private: bool,
    client: httpx.Client | None = None,
    workers: int = 4,
    max_rounds: int = 1000,
    now: datetime | None = None,
) -> RelayReport:
    """Deliver everything due now (in rounds, since each referral's next message waits for the one before).

    ``now`` is the relay's time for a whole call (what is due, when an attempt was, when the
    next one is); without it each of those reads the real time as it comes.
    """
    report = RelayReport()
    report_lock = threading.Lock()  # the tallies; recording is short, sending is not
    own_client = client is None
    http = client or httpx.Client(timeout=TIMEOUT, follow_redirects=False)
    try:
        with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="relay") as pool:
            for _ in range(max_rounds):
                batch = claim(engine, now=now)
                if not batch:
                    break

                def attempt(message: Claimed) -> None:
                    if message.endpoint_id in report.disabled:
                        return  # a 410 earlier in this batch: its queue was cancelled
                    outcome = send(http, message, allow_private=allow_private, now=now)
                    with report_lock:
                        record(engine, message, outcome, report, now=now)

                list(pool.map(attempt, batch))
    finally:
        if own_client:
            http.close()
    return report

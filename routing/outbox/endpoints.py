"""Webhook endpoints of an organisation: register, list, disable, delete, replay a message.

A URL must be http(s) and, unless ``WEBHOOK_ALLOW_PRIVATE`` is set, every
address its host resolves to must be public: no loopback, private,
link-local or otherwise reserved ranges (a webhook must not become a way
to reach the server's own network). The relay checks again before each
delivery, since DNS answers change, and connects to the address it checked.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, func, select, update
from sqlmodel import Session, col

from routing.core.clock import utcnow
from routing.core.errors import BadInput, Conflict
from routing.outbox.messages import EVENT_TYPES
from routing.outbox.models import DeliveryAttempt, OutboxMessage, WebhookEndpoint
from webhooks import new_secret

MAX_URL_LENGTH = 2000
MAX_ENDPOINTS_PER_ORG = 20


class EndpointError(BadInput):
    """Bad input for an endpoint; the message says what is wrong."""


class EndpointConflict(Conflict):
    """The request does not fit the endpoint's or message's state (409)."""


NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (mapped, compatible, 6to4, Teredo, NAT64): where it really goes."""
    found = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    packed = ip.packed
    if ip in NAT64 or (packed[:12] == bytes(12) and int(ip) > 0xFFFF):  # NAT64, or IPv4-compatible ::a.b.c.d
        found.append(ipaddress.IPv4Address(packed[12:]))
    return found


def _address_refusal(address: str) -> str | None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        for inner in _embedded_ipv4(ip):
            refusal = _refusal(inner)
            if refusal:
                return refusal
        if ip.ipv4_mapped is not None:
            return None
    return _refusal(ip)


def _refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_unspecified or ip.is_multicast or ip.is_reserved:
        return "a reserved address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:  # shared address space (100.64/10) and the like
        return "a reserved address"
    return None


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise EndpointError(f"the host {host!r} does not resolve ({exc})") from None
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: Any, *, allow_private: bool) -> str:
    """The URL if it may receive webhooks; :class:`EndpointError` otherwise."""
    return _checked(url, allow_private=allow_private)[0]


def pinned_address(url: str) -> str:
    """The public address to deliver to, resolved and checked once (:class:`EndpointError` if none).

    The relay connects to this very address: letting the HTTP client resolve the
    name again would let a DNS answer change between the check and the connection.
    """
    return _checked(url, allow_private=False)[1][0]


def _checked(url: Any, *, allow_private: bool) -> tuple[str, list[str]]:
    if not isinstance(url, str) or not url.strip():
        raise EndpointError("url: give the receiver's address as a string")
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise EndpointError(f"url: longer than {MAX_URL_LENGTH} characters")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise EndpointError(f"url: must start with http:// or https://, not {parts.scheme or 'nothing'!r}")
    if parts.username or parts.password:
        raise EndpointError("url: no user or password in the address (they would be shown in lists)")
    if parts.fragment:
        raise EndpointError("url: no #fragment")
    try:
        host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise EndpointError("url: the port is not a number between 0 and 65535") from None
    if not host:
        raise EndpointError("url: no host")
    if allow_private:
        return url, []
    addresses = resolve(host, port)
    for address in addresses:
        refusal = _address_refusal(address)
        if refusal:
            raise EndpointError(
                f"url: {host} is {refusal} ({address}); such receivers are refused unless WEBHOOK_ALLOW_PRIVATE is set"
            )
    return url, addresses


def check_events(events: Any) -> list[str]:
    if not isinstance(events, list) or not events or not all(isinstance(e, str) for e in events):
        raise EndpointError(f"events: give a non-empty list of event types from: {', '.join(EVENT_TYPES)}")
    unknown = [e for e in events if e not in EVENT_TYPES]
    if unknown:
        raise EndpointError(f"events: unknown type(s) {', '.join(unknown)}; known: {', '.join(EVENT_TYPES)}")
    return list(dict.fromkeys(events))


def create_endpoint(
    session: Session, organization_id: str, url: Any, events: Any, *, created_by_id: int | None, allow_private: bool
) -> WebhookEndpoint:
    """A new active endpoint with a fresh secret (no commit)."""
    checked_events = check_events(events)
    checked_url = check_url(url, allow_private=allow_private)
    count = session.scalar(
        select(func.count()).select_from(WebhookEndpoint).where(col(WebhookEndpoint.organization_id) == organization_id)
    )
    if (count or 0) >= MAX_ENDPOINTS_PER_ORG:
        raise EndpointError(f"an organisation may have at most {MAX_ENDPOINTS_PER_ORG} webhook endpoints")
    endpoint = WebhookEndpoint(
        organization_id=organization_id,
        url=checked_url,
        events=checked_events,
        secret=new_secret(),
        created_by_id=created_by_id,
    )
    session.add(endpoint)
    session.flush()
    return endpoint


def endpoints_of(session: Session, organization_id: str) -> list[WebhookEndpoint]:
    return list(
        session.scalars(
            select(WebhookEndpoint)
            .where(col(WebhookEndpoint.organization_id) == organization_id)
            .order_by(col(WebhookEndpoint.created_at))
        )
    )


def disable_endpoint(session: Session, endpoint: WebhookEndpoint, reason: str) -> int:
    """Stop deliveries to ``endpoint``; its queued messages are cancelled. Returns how many."""
    endpoint.active = False
    endpoint.disabled_reason = reason
    session.add(endpoint)
    result = session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.endpoint_id) == endpoint.id, col(OutboxMessage.state) == "pending")
        .values(state="cancelled", next_attempt_at=None)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def delete_endpoint(session: Session, endpoint: WebhookEndpoint) -> None:
    """Remove the endpoint with its messages and their attempts."""
    messages = select(col(OutboxMessage.id)).where(col(OutboxMessage.endpoint_id) == endpoint.id)
    session.execute(delete(DeliveryAttempt).where(col(DeliveryAttempt.message_id).in_(messages)))
    session.execute(delete(OutboxMessage).where(col(OutboxMessage.endpoint_id) == endpoint.id))
    session.delete(endpoint)
    session.flush()


@dataclass
class Delivery:
    message: OutboxMessage
    attempts: list[DeliveryAttempt]


def deliveries_of(
    session: Session, endpoint: WebhookEndpoint, *, page: int, per_page: int
) -> tuple[int, list[Delivery]]:
    """The endpoint's messages, newest first, each with every attempt made."""
    total = session.scalar(
        select(func.count()).select_from(OutboxMessage).where(col(OutboxMessage.endpoint_id) == endpoint.id)
    )
    messages = list(
        session.scalars(
            select(OutboxMessage)
            .where(col(OutboxMessage.endpoint_id) == endpoint.id)
            .order_by(col(OutboxMessage.id).desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
    )
    by_message: dict[int, list[DeliveryAttempt]] = {m.id: [] for m in messages if m.id is not None}
    if by_message:
        for attempt in session.scalars(
            select(DeliveryAttempt)
            .where(col(DeliveryAttempt.message_id).in_(list(by_message)))
            .order_by(col(DeliveryAttempt.id))
        ):
            by_message[attempt.message_id].append(attempt)
    return int(total or 0), [Delivery(m, by_message.get(m.id or 0, [])) for m in messages]


def replay(
    session: Session, endpoint: WebhookEndpoint, message_id: int, *, now: datetime | None = None
) -> OutboxMessage | None:
    """Queue a message again for an immediate attempt, with a fresh retry schedule (no commit).

    None when the endpoint has no such message; :class:`EndpointConflict` when
    it is already queued or the endpoint is disabled.
    """
    message = session.get(OutboxMessage, message_id)
    if message is None or message.endpoint_id != endpoint.id:
        return None
    if not endpoint.active:
        raise EndpointConflict(f"the endpoint is disabled ({endpoint.disabled_reason or 'by an admin'})")
    if message.state == "pending":
        raise EndpointConflict("the message is already queued for delivery")
    message.state = "pending"
    message.attempts = 0
    message.next_attempt_at = now or utcnow()
    message.delivered_at = None
    session.add(message)
    session.flush()
    return message

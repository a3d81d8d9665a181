"""Webhook messages: who hears about a referral, what they are told, and the outbox rows.

``enqueue`` runs inside the state change's transaction (``events.record``
calls it), so an event and its messages are committed together or not at
all. Payloads carry ids, states, codes and organisation names: never the
client's question, contact details, notes or free-text reasons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, or_, select, union
from sqlmodel import Session, col

from routing.accounts.models import User
from routing.directory.models import Organization, Ring, RingMember
from routing.followup.models import Reminder
from routing.outbox.models import OutboxMessage, WebhookEndpoint
from routing.referrals.models import DECLINE_REASONS, OUTCOMES, Event, Offer, Referral
from webhooks import new_message_id

EVENT_TYPES = (
    "referral.opened",
    "referral.offered",
    "referral.accepted",
    "referral.declined",
    "referral.handoff",
    "referral.closed",
    "referral.reminder",
    "referral.erased",
    "referral.message",
)
REMINDER_KINDS = ("open", "offer-pending", "no-followup")
# reasons that are codes from a fixed list; anything else may be free text and is left out
# (a message event's reason is its author's kind)
SAFE_REASONS = frozenset(DECLINE_REASONS) | frozenset(OUTCOMES) | frozenset(REMINDER_KINDS) | {"client", "staff"}


def audience_query(referral_id: str) -> Select[Any]:
    """Organisation ids that follow a referral: it opened it, holds or held it, was offered it
    (an offer to a ring counts for each member), or employs its owner."""
    r = Referral.__table__  # type: ignore[attr-defined]
    o = Offer.__table__  # type: ignore[attr-defined]
    e = Event.__table__  # type: ignore[attr-defined]
    m = RingMember.__table__  # type: ignore[attr-defined]
    u = User.__table__  # type: ignore[attr-defined]
    parts = [
        select(r.c.front_door_id.label("org")).where(r.c.id == referral_id),
        select(r.c.holder_id).where(r.c.id == referral_id),
        select(u.c.organization_id).join(r, r.c.owner_id == u.c.id).where(r.c.id == referral_id),
        select(o.c.organization_id).where(o.c.referral_id == referral_id, o.c.organization_id.is_not(None)),
        select(m.c.organization_id).join(o, o.c.ring_id == m.c.ring_id).where(o.c.referral_id == referral_id),
        select(u.c.organization_id).join(o, o.c.to_user_id == u.c.id).where(o.c.referral_id == referral_id),
        # past holders and other organisations an event concerned
        select(e.c.organization_id).where(e.c.referral_id == referral_id, e.c.organization_id.is_not(None)),
    ]
    return select(union(*parts).subquery().c.org)


def followed_by_any(referral_id_col: Any, org_ids: Iterable[str]) -> ColumnElement[bool]:
    """SQL condition: the referral in ``referral_id_col`` is followed by one of ``org_ids``
    (the same rule as :func:`audience_query`, for set-based use)."""
    orgs = list(org_ids)
    r = Referral.__table__.alias("fr")  # type: ignore[attr-defined]
    o = Offer.__table__.alias("fo")  # type: ignore[attr-defined]
    e = Event.__table__.alias("fe")  # type: ignore[attr-defined]
    m = RingMember.__table__.alias("fm")  # type: ignore[attr-defined]
    u = User.__table__.alias("fu")  # type: ignore[attr-defined]
    return or_(
        exists().where(
            r.c.id == referral_id_col,
            or_(
                r.c.front_door_id.in_(orgs),
                r.c.holder_id.in_(orgs),
                exists().where(u.c.id == r.c.owner_id, u.c.organization_id.in_(orgs)),
            ),
        ),
        exists().where(
            o.c.referral_id == referral_id_col,
            or_(
                o.c.organization_id.in_(orgs),
                exists().where(m.c.ring_id == o.c.ring_id, m.c.organization_id.in_(orgs)),
                exists().where(u.c.id == o.c.to_user_id, u.c.organization_id.in_(orgs)),
            ),
        ),
        exists().where(e.c.referral_id == referral_id_col, e.c.organization_id.in_(orgs)),
    )


def subscribed_endpoints(session: Session, event_type: str) -> list[WebhookEndpoint]:
    endpoints = session.scalars(select(WebhookEndpoint).where(col(WebhookEndpoint.active).is_(True)))
    return [ep for ep in endpoints if event_type in (ep.events or [])]


def _org(session: Session, org_id: str | None) -> dict[str, str] | None:
    if org_id is None:
        return None
    name = session.scalar(select(col(Organization.name)).where(col(Organization.id) == org_id))
    return {"id": org_id, "name": name or ""}


def payload_for(session: Session, referral: Referral, event: Event, event_type: str) -> dict[str, Any]:
    """The message body: ids, states, codes and organisation names only."""
    data: dict[str, Any] = {
        "referral_id": referral.id,
        "event_id": event.id,
        "at": _iso(event.at),
        "state": referral.state,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "reason": event.reason if event.reason in SAFE_REASONS else None,
        "holder": _org(session, referral.holder_id),
        "front_door": _org(session, referral.front_door_id),
        "organization": _org(session, event.organization_id),
        "owner_id": referral.owner_id,
        "offer": None,
    }
    if event.kind == "message":
        # ids and the author's kind: never the message's words or its files
        data["message"] = {"author": event.reason}
    if event.offer_id:
        offer = session.get(Offer, event.offer_id)
        if offer is not None:
            ring = session.get(Ring, offer.ring_id) if offer.ring_id else None
            data["offer"] = {
                "id": offer.id,
                "kind": offer.kind,
                "state": offer.state,
                "service_id": offer.service_id,
                "organization": _org(session, offer.organization_id),
                "ring": {"id": ring.id, "name": ring.name} if ring else None,
            }
    return {"type": event_type, "timestamp": _iso(event.at), "data": data}


def enqueue(session: Session, referral: Referral, event: Event, event_type: str) -> int:
    """One outbox row per active endpoint that follows the referral and wants ``event_type``, due at the event."""
    return _enqueue(session, referral, event_type, lambda: payload_for(session, referral, event, event_type), event.at)


def enqueue_reminder(session: Session, referral: Referral, reminder: Reminder) -> int:
    """``referral.reminder`` messages for one reminder (reminders are not events; see ``reminders``)."""

    def payload() -> dict[str, Any]:
        data: dict[str, Any] = {
            "referral_id": referral.id,
            "event_id": None,
            "at": _iso(reminder.created_at),
            "state": referral.state,
            "from_state": None,
            "to_state": None,
            "reason": reminder.kind,
            "holder": _org(session, referral.holder_id),
            "front_door": _org(session, referral.front_door_id),
            "organization": None,
            "owner_id": referral.owner_id,
            "offer": None,
            "reminder": {"id": reminder.id, "kind": reminder.kind, "week": reminder.week},
        }
        return {"type": "referral.reminder", "timestamp": _iso(reminder.created_at), "data": data}

    return _enqueue(session, referral, "referral.reminder", payload, reminder.created_at)


def _enqueue(
    session: Session, referral: Referral, event_type: str, payload: Callable[[], dict[str, Any]], at: datetime
) -> int:
    endpoints = subscribed_endpoints(session, event_type)
    if not endpoints:
        return 0
    following = set(session.execute(audience_query(referral.id)).scalars())
    targets = [ep for ep in endpoints if ep.organization_id in following]
    if not targets:
        return 0
    body = payload()
    for ep in targets:
        session.add(
            OutboxMessage(
                msg_id=new_message_id(),
                endpoint_id=ep.id,
                referral_id=referral.id,
                event_type=event_type,
                payload=body,
                state="pending",
                next_attempt_at=at,
                created_at=at,
            )
        )
    session.flush()
    return len(targets)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return str(value.isoformat().replace("+00:00", "Z"))

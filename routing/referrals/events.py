"""The referral history: every state change appends one Event, in the change's transaction.

``record`` is the one way to write an event. It also queues the webhook
messages for the event (the outbox), so a change and its notification are
committed together or not at all.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from routing.referrals.models import Event, Referral

# event kinds that are announced to webhooks, with their contract names
WEBHOOK_TYPES = {
    "opened": "referral.opened",
    "offered": "referral.offered",
    "accepted": "referral.accepted",
    "declined": "referral.declined",
    "handoff": "referral.handoff",
    "closed": "referral.closed",
    "reminder": "referral.reminder",
    "erased": "referral.erased",
    "message": "referral.message",
}


def record(
    session: Session,
    referral: Referral,
    kind: str,
    *,
    actor_id: int | None,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str | None = None,
    offer_id: str | None = None,
    organization_id: str | None = None,
    at: datetime,
) -> Event:
    """Append an event for ``referral`` at ``at`` (the change's ``now``) and queue its webhook messages (no commit)."""
    event = Event(
        referral_id=referral.id,
        at=at,
        actor_id=actor_id,
        kind=kind,
        from_state=from_state,
        to_state=to_state if to_state is not None else referral.state,
        reason=reason,
        offer_id=offer_id,
        organization_id=organization_id,
    )
    session.add(event)
    session.flush()
    if kind in WEBHOOK_TYPES:
        enqueue_webhooks(session, referral, event)
    return event


def enqueue_webhooks(session: Session, referral: Referral, event: Event) -> int:
    """Write one outbox row per interested endpoint; returns how many (see ``routing.outbox``)."""
    from routing.outbox.messages import enqueue

    return enqueue(session, referral, event, WEBHOOK_TYPES[event.kind])

"""Tables of the outbox concern (Alembic migrations keep the schema in step)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel

from routing.core.clock import utcnow
from routing.core.db import new_id
from routing.core.db import text_column as _text

# --- follow-up and webhooks ---------------------------------------------------


class WebhookEndpoint(SQLModel, table=True):
    __tablename__ = "webhook_endpoint"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    organization_id: str = Field(foreign_key="organization.id", index=True, max_length=64)
    url: str = Field(sa_column=Column(Text, nullable=False))
    events: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # kept readable: the relay signs with it (whsec_…)
    secret: str = Field(max_length=128)
    active: bool = True
    disabled_reason: str | None = _text()
    created_by_id: int | None = Field(default=None, foreign_key="staff_user.id")
    created_at: datetime = Field(default_factory=utcnow)


class OutboxMessage(SQLModel, table=True):
    """One webhook message for one endpoint, written in the state change's transaction."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        Index("ix_outbox_state_next", "state", "next_attempt_at"),
        Index("ix_outbox_referral_seq", "referral_id", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    msg_id: str = Field(max_length=64, unique=True)  # the stable webhook-id
    endpoint_id: str = Field(foreign_key="webhook_endpoint.id", index=True, max_length=64)
    referral_id: str | None = Field(default=None, max_length=64)
    event_type: str = Field(max_length=64)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    state: str = Field(default="pending", max_length=16)  # pending | delivered | failed | cancelled
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default_factory=utcnow)
    created_at: datetime = Field(default_factory=utcnow)
    delivered_at: datetime | None = None


class DeliveryAttempt(SQLModel, table=True):
    __tablename__ = "delivery_attempt"
    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="outbox_message.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    status_code: int | None = None
    error: str | None = _text()
    duration_ms: float | None = None
    ok: bool = False

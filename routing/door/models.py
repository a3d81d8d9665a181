"""Tables of the client door: how a client reaches their own case (Alembic migrations keep the schema in step)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from routing.core.clock import utcnow
from routing.core.db import text_column as _text


class ClientKey(SQLModel, table=True):
    """The client's keys to a case they opened at the door: never the token or the identity in clear.

    ``token_digest`` is the SHA-256 of the 128-bit token in the private page's address;
    ``subject_digest`` the keyed digest (HMAC with the secret key) of the OpenID ``sub``
    the case is bound to, once the client signed in.
    """

    __tablename__ = "client_key"
    referral_id: str = Field(foreign_key="referral.id", primary_key=True, max_length=64)
    token_digest: str = Field(max_length=64, index=True, unique=True)
    subject_digest: str | None = Field(default=None, max_length=64, index=True)
    # where "you have a new message" goes; personal data: emptied on erasure and retention
    email: str | None = _text()
    created_at: datetime = Field(default_factory=utcnow)


class DoorOpening(SQLModel, table=True):
    """A case opened at the door, by the keyed digest of the address it came from: the hourly limit counts these."""

    __tablename__ = "door_opening"
    __table_args__ = (Index("ix_door_opening_address_at", "address_digest", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    address_digest: str = Field(max_length=64)
    at: datetime = Field(default_factory=utcnow)

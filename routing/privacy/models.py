"""Tables of the privacy concern (Alembic migrations keep the schema in step)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from routing.core.clock import utcnow


class AccessLog(SQLModel, table=True):
    """Who read a referral's personal data, when and how (client data act)."""

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_referral_at", "referral_id", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    referral_id: str = Field(foreign_key="referral.id", max_length=64)
    user_id: int | None = Field(default=None, foreign_key="staff_user.id")
    at: datetime = Field(default_factory=utcnow)
    how: str = Field(max_length=32)  # api | page | export | cli
    what: str | None = Field(default=None, max_length=128)

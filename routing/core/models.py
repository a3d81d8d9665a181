"""Tables of the core concern (Alembic migrations keep the schema in step)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class SchedulerLease(SQLModel, table=True):
    """The lease that lets one scheduler run at a time on SQLite."""

    __tablename__ = "scheduler_lease"
    name: str = Field(primary_key=True, max_length=64)
    holder: str = Field(max_length=128)
    expires_at: datetime


class SchedulerHeartbeat(SQLModel, table=True):
    """The active scheduler's last sign of life, written every minute: readiness checks its age."""

    __tablename__ = "scheduler_heartbeat"
    name: str = Field(primary_key=True, max_length=64)
    holder: str = Field(max_length=128)
    beat_at: datetime

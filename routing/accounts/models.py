"""Tables of the accounts concern (Alembic migrations keep the schema in step)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from routing.core.clock import utcnow
from routing.core.db import text_column as _text

# --- staff --------------------------------------------------------------------


class Role(StrEnum):
    """A staff member's role; members are strings, so ``User.role`` holds the same text as before."""

    FRONT_DESK = "front-desk"
    COUNSELLOR = "counsellor"
    ORG_ADMIN = "org-admin"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


ROLES = tuple(Role)


class User(SQLModel, table=True):
    __tablename__ = "staff_user"
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    name: str | None = _text()
    organization_id: str = Field(foreign_key="organization.id", index=True, max_length=64)
    role: str = Field(max_length=32)
    password_hash: str | None = _text()
    language: str | None = Field(default=None, max_length=8)
    active: bool = True
    # bumped on password change or forced logout: old sessions stop working
    session_version: int = 0
    created_at: datetime = Field(default_factory=utcnow)


class ApiToken(SQLModel, table=True):
    """A bearer token acting as one user; only the SHA-256 digest is kept."""

    __tablename__ = "api_token"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="staff_user.id", index=True)
    name: str | None = _text()
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class LoginFailure(SQLModel, table=True):
    """Failed logins per account and per address, for throttling across workers."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_key_at", "key", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=320)
    at: datetime = Field(default_factory=utcnow)

"""Tables of the followup concern (Alembic migrations keep the schema in step)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from routing.core.clock import utcnow
from routing.core.db import text_column as _text


class Reminder(SQLModel, table=True):
    """One follow-up reminder; the unique key makes the weekly pass send it once.

    Written by a pass and never updated: it is sent when its pass has finished
    (the sending state is kept per mail, ``ReminderMail``), or was left behind
    when its pass is ``superseded_at``.
    """

    __table_args__ = (
        UniqueConstraint("referral_id", "kind", "week", name="uq_reminder_once"),
        # a pass reads its reminders kind by kind
        Index("ix_reminder_pass_kind", "pass_id", "kind"),
    )
    id: int | None = Field(default=None, primary_key=True)
    # no foreign keys here: referrals and passes are never deleted, and on PostgreSQL the
    # check per row would be most of the time a million-reminder pass takes
    referral_id: str = Field(max_length=64)
    kind: str = Field(max_length=32)  # open | offer-pending | no-followup
    week: str = Field(max_length=10)  # ISO week, e.g. 2026-W48
    created_at: datetime = Field(default_factory=utcnow)
    pass_id: int | None = None  # the pass that mails it (reminder_pass.id)


class ReminderPass(SQLModel, table=True):
    """One run of the weekly follow-up pass; unfinished ones are resumed by the next run."""

    __tablename__ = "reminder_pass"
    id: int | None = Field(default=None, primary_key=True)
    week: str = Field(max_length=10, index=True)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    # left unfinished until a later week's pass: its reminders were not all sent
    superseded_at: datetime | None = None
    reminders: int = 0
    mails_sent: int = 0
    mails_failed: int = 0


class ReminderMail(SQLModel, table=True):
    """The one mail of a pass to one person (all their reminders), written before it is sent."""

    __tablename__ = "reminder_mail"
    __table_args__ = (UniqueConstraint("pass_id", "user_id", name="uq_reminder_mail_once"),)
    id: int | None = Field(default=None, primary_key=True)
    pass_id: int = Field(foreign_key="reminder_pass.id")
    user_id: int = Field(foreign_key="staff_user.id", index=True)
    state: str = Field(default="sending", max_length=16)  # sending | sent | failed | superseded
    reminders: int = 0
    attempts: int = 0
    error: str | None = _text()
    sent_at: datetime | None = None


class AssureMail(SQLModel, table=True):
    """The weekly mail to one organisation's admins about its unconfirmed services: once a week at most."""

    __tablename__ = "assure_mail"
    __table_args__ = (UniqueConstraint("organization_id", "week", name="uq_assure_mail_once"),)
    id: int | None = Field(default=None, primary_key=True)
    organization_id: str = Field(max_length=64)
    week: str = Field(max_length=10)  # ISO week, e.g. 2026-W48
    services: int = 0  # unconfirmed services listed
    mails: int = 0  # admins mailed
    created_at: datetime = Field(default_factory=utcnow)

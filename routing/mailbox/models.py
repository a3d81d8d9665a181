"""Tables of the mailbox concern (Alembic migrations keep the schema in step)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from routing.core.clock import utcnow
from routing.core.db import text_column as _text


class RingMailbox(SQLModel, table=True):
    """A ring's shared IMAP box: where it is, as whom, and how its last reading went.

    The password is kept sealed (``mailbox.sealing``), never in clear.
    """

    __tablename__ = "ring_mailbox"
    ring_id: str = Field(foreign_key="ring.id", primary_key=True, max_length=64)
    host: str = Field(max_length=255)
    port: int
    tls: bool = True  # imaps://; plain imap:// only when connected with --insecure
    username: str = Field(max_length=255)
    folder: str = Field(default="INBOX", max_length=255)
    address: str = Field(max_length=320)  # the ring's own address: acknowledgements and answers come from it
    password_sealed: str = Field(max_length=1024)
    # the organisation that holds the cases the box opens; None: the ring's first member
    holder_id: str | None = Field(default=None, foreign_key="organization.id", max_length=64)
    uidvalidity: int | None = Field(default=None, sa_column=Column(BigInteger))  # of the folder when last read
    last_read_at: datetime | None = None
    last_error: str | None = _text()  # why the last round could not read it (never mail content)
    failures: int = 0  # rounds in a row that could not read it: the backoff grows with them
    retry_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class MailKind(StrEnum):
    """What a mail became."""

    CASE = "case"  # a new referral
    REPLY = "reply"  # a client message in a case's thread
    ANSWER = "answer"  # sent by Eteinen: an acknowledgement or a staff answer
    AUTOMATIC = "automatic"  # an autoresponder's answer to a case: kept out of the thread
    HELD = "held"  # could not be used: moved to Eteinen/Held


class CaseMail(SQLModel, table=True):
    """One mail taken from a box or sent from it, recorded in the transaction of what it made.

    ``(ring, uidvalidity, uid)`` and ``(ring, message_id)`` are each taken once: a reader that
    crashed after the commit finds the row and only finishes moving the mail.
    """

    __tablename__ = "case_mail"
    __table_args__ = (
        UniqueConstraint("ring_id", "uidvalidity", "uid", name="uq_case_mail_uid"),
        UniqueConstraint("ring_id", "message_id", name="uq_case_mail_message_id"),
        Index("ix_case_mail_message_id", "message_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    ring_id: str = Field(foreign_key="ring.id", max_length=64)
    message_id: str = Field(max_length=255)  # without <>; a digest of the mail when it had none
    # IMAP's numbers are unsigned 32-bit: wider than a signed INTEGER
    uidvalidity: int | None = Field(default=None, sa_column=Column(BigInteger))  # None for mail Eteinen sent
    uid: int | None = Field(default=None, sa_column=Column(BigInteger))
    kind: str = Field(max_length=16)  # MailKind
    referral_id: str | None = Field(default=None, foreign_key="referral.id", index=True, max_length=64)
    message_ref: int | None = None  # the thread message it made or carried
    # held mail: why, shown to the ring's org-admins (never the content)
    reason: str | None = Field(default=None, max_length=200)
    sender: str | None = _text()  # personal data: emptied on erasure and retention
    language: str | None = Field(default=None, max_length=8)
    answer_due: bool = False  # an acknowledgement is still to be sent for this case
    at: datetime = Field(default_factory=utcnow)


class AutoAnswer(SQLModel, table=True):
    """At most one automatic answer a day per sender (RFC 3834): a keyed digest, not the address."""

    __tablename__ = "auto_answer"
    sender_digest: str = Field(primary_key=True, max_length=64)
    day: date = Field(primary_key=True)

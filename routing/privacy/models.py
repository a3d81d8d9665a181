"""Tables of the privacy concern (Alembic migrations keep the schema in step)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from routing.core.clock import utcnow
from routing.referrals.models import MessagePublic, NeedPublic, Timestamp


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


# --- the export: everything stored about one client, as they may take it with them ---------------


class ExportedPerson(SQLModel):
    id: int | None
    email: str | None = None
    name: str | None = None
    organization_id: str | None = None


class NamedRef(SQLModel):
    id: str
    name: str | None


class ExportedReferral(SQLModel):
    id: str
    state: str
    channel: str
    holder: NamedRef | None
    front_door: NamedRef | None
    owner: ExportedPerson | None
    contact_user: ExportedPerson | None
    question: str | None
    client_contact: str | None
    municipality: str | None
    age: int | None
    language: str | None
    consent: bool
    route_result: dict[str, Any] | None
    needs_rerouting: bool
    outcome: str | None
    created_at: Timestamp
    updated_at: Timestamp | None
    owned_at: Timestamp | None
    closed_at: Timestamp | None
    erased_at: Timestamp | None


class ExportedNote(SQLModel):
    id: int | None
    at: Timestamp
    author: ExportedPerson | None
    text: str | None


class ExportedOffer(SQLModel):
    id: str
    kind: str
    state: str
    service: NamedRef | None
    organization: NamedRef | None
    ring: NamedRef | None
    to_user: ExportedPerson | None
    reason: str | None
    note: str | None
    created_by: ExportedPerson | None
    created_at: Timestamp
    decided_by: ExportedPerson | None
    decided_at: Timestamp | None


class ExportedEvent(SQLModel):
    at: Timestamp
    kind: str
    actor: ExportedPerson | None
    from_state: str | None
    to_state: str | None
    reason: str | None
    offer_id: str | None
    organization: NamedRef | None


class AccessEntry(SQLModel):
    at: Timestamp
    user: ExportedPerson | None
    how: str
    what: str | None


class ExportedMail(SQLModel):
    at: datetime
    kind: str  # case, reply, answer, automatic
    message_id: str


MAIL_ORIGINALS = (
    "The e-mails themselves stay in the ring's own mailbox (folder Eteinen/Done), kept by the ring's organisations;"
    " Eteinen keeps the text of the case and its thread, with the files it took from the mails, which this export"
    " holds."
)


class ClientExport(SQLModel):
    referral: ExportedReferral
    needs: list[NeedPublic]
    notes: list[ExportedNote]
    offers: list[ExportedOffer]
    events: list[ExportedEvent]
    access_log: list[AccessEntry]
    messages: list[MessagePublic] = []
    # for a case that came by e-mail: the mails taken and sent (ids and times, no content), and where the originals are
    mail: list[ExportedMail] = []
    mail_note: str | None = None

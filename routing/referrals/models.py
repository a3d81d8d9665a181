"""Tables of the referrals concern (Alembic migrations keep the schema in step)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import PlainSerializer, StrictBool, StrictInt, StrictStr, field_validator, model_validator
from sqlalchemy import JSON, BigInteger, Column, Index, Integer, text
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelConfig

from routing.core.clock import local_seconds, utc_seconds, utcnow, week_number
from routing.core.db import new_id
from routing.core.db import text_column as _text
from rules.taxonomy import check_need_codes

# --- referrals ----------------------------------------------------------------

# The names of shared/CONTRACT.md. Members are strings ("open" == ReferralState.OPEN), so the
# columns, the JSON and the events hold the same text as before; the tuples keep older imports working.


class ReferralState(StrEnum):
    """Where a referral is (shared/CONTRACT.md "Referral states")."""

    OPEN = "open"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    CLOSED = "closed"


class OfferState(StrEnum):
    """Where an offer is: pending until accepted, declined, withdrawn or expired."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class DeclineReason(StrEnum):
    """Why an offer was declined."""

    NOT_ELIGIBLE = "not-eligible"
    NO_CAPACITY = "no-capacity"
    WRONG_SERVICE = "wrong-service"
    CLIENT_UNREACHABLE = "client-unreachable"
    OTHER = "other"


class Outcome(StrEnum):
    """How a referral ended."""

    SERVED = "served"
    CLIENT_WITHDREW = "client-withdrew"
    NO_CONTACT = "no-contact"
    OUTSIDE_NETWORK = "outside-network"
    DUPLICATE = "duplicate"


class Channel(StrEnum):
    """The way the referral came in."""

    DESK = "desk"
    RING = "ring"
    API = "api"
    ONLINE = "online"  # the client wrote in themselves, at the door (/client/new)
    EMAIL = "email"  # a mail to a ring's shared mailbox (routing/mailbox)


REFERRAL_STATES = tuple(ReferralState)
OFFER_STATES = tuple(OfferState)
DECLINE_REASONS = tuple(DeclineReason)
OUTCOMES = tuple(Outcome)
CHANNELS = tuple(Channel)


# partial-index conditions of the figures' indexes (the models and migrations 0004, 0006)
EVENT_BACK_TO_OPEN = "to_state = 'open' AND from_state <> 'open'"
EVENT_OUT_OF_OPEN = "from_state = 'open' AND to_state <> 'open'"
REFERRAL_OWNED = "seconds_to_owner IS NOT NULL"


def _owned_index(name: str, *columns: str) -> Index:
    return Index(name, *columns, sqlite_where=text(REFERRAL_OWNED), postgresql_where=text(REFERRAL_OWNED))


def _from_opening(number: Callable[[int], int]) -> Callable[[Any], int | None]:
    """A column default computed from the ``created_at`` being inserted: every insert through
    SQLAlchemy writes the figures' copies of the opening time (a bulk load computes its own)."""

    def default(context: Any) -> int | None:
        created_at = context.get_current_parameters().get("created_at")
        return None if created_at is None else number(local_seconds(created_at))

    return default


# a case code's letters: no 0/O, 1/I/L, 5/S, 8/B, 2/Z, U/V: nothing one can misread or mishear
CODE_ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
CODE_LENGTH = 8  # 23**8 ≈ 78 billion: collisions are rare, and the unique index refuses one


def new_code() -> str:
    """A case's human code, as ``K7MA-4QXP``: read out on the phone, typed from a mail."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def first_owner_columns(created_at: datetime, owned_at: datetime, organization_id: str) -> dict[str, Any]:
    """The time a referral first got a named owner, with the figures' copies of it (``Referral`` columns).

    Written once, with the first owner: a handoff later changes the owner and holder, not these.
    """
    return {
        "owned_at": owned_at,
        "owned_local": local_seconds(owned_at),
        "seconds_to_owner": utc_seconds(owned_at) - utc_seconds(created_at),
        "first_owner_org_id": organization_id,
    }


class Referral(SQLModel, table=True):
    __table_args__ = (
        Index("ix_referral_holder_state", "holder_id", "state"),
        Index("ix_referral_state_created", "state", "created_at"),
        # The figures (routing/figures.py). Each index holds every column its figures read of the
        # referrals opened in a period, in the order they group or rank by, so that SQLite (which
        # has no hash aggregation) never sorts them: per week, front door and channel ...
        Index(
            "ix_referral_opened",
            "opened_week",
            "front_door_id",
            "channel",
            "opened_local",
            "owned_local",
            "seconds_to_owner",
            "outcome",
            "municipality",
            "holder_id",
            "id",
        ),
        # ... the owned ones by the time to their first owner: over the period, per week, per organisation ...
        _owned_index("ix_referral_to_owner", "seconds_to_owner", "opened_week", "opened_local", "municipality"),
        _owned_index("ix_referral_week_to_owner", "opened_week", "seconds_to_owner", "opened_local", "municipality"),
        _owned_index(
            "ix_referral_org_to_owner",
            "first_owner_org_id",
            "seconds_to_owner",
            "opened_week",
            "opened_local",
            "municipality",
        ),
        # ... and by id, for the figures that start from offers or events
        Index(
            "ix_referral_id_opened", "id", "opened_week", "opened_local", "municipality", "front_door_id", "holder_id"
        ),
        Index(
            "ix_referral_retention",
            "closed_at",
            sqlite_where=text("erased_at IS NULL"),
            postgresql_where=text("erased_at IS NULL"),
        ),
    )
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    # the case's human code (new_code): on the client's page, the staff pages and in the JSON
    code: str | None = Field(default_factory=new_code, max_length=16, index=True, unique=True)
    state: str = Field(default=ReferralState.OPEN, max_length=16)
    # accountable organisation: never empty
    holder_id: str = Field(foreign_key="organization.id", max_length=64)
    owner_id: int | None = Field(default=None, foreign_key="staff_user.id", index=True)
    # the person at the front door who opened it
    contact_user_id: int | None = Field(default=None, foreign_key="staff_user.id", index=True)
    front_door_id: str = Field(foreign_key="organization.id", index=True, max_length=64)
    channel: str = Field(default=Channel.API, max_length=16)
    # personal data: emptied on erasure, retention, or when there is no consent
    question: str | None = _text()
    client_contact: str | None = _text()
    municipality: str | None = Field(default=None, max_length=8, index=True)
    age: int | None = None
    language: str | None = Field(default=None, max_length=8)
    consent: bool = False
    route_result: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    # What the engine read in the question by itself (codes, no client words), beside the needs used
    # (referral_need): the evidence the agreement figure and `rules learn` are made of.
    engine_needs: list[str] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    engine_municipality: str | None = Field(default=None, max_length=8)
    engine_age: int | None = None
    engine_language: str | None = Field(default=None, max_length=8)
    # the desk changed the needs the engine read (a database default: the column came later)
    needs_corrected: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    needs_rerouting: bool = False
    outcome: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    owned_at: datetime | None = None  # first time a named person owned it
    closed_at: datetime | None = None
    erased_at: datetime | None = None
    # Numbers for the figures, written with created_at (column defaults) and owned_at (first_owner_columns):
    # Helsinki wall-clock seconds since 1970 of the opening and of the first owner, the opening's week,
    # the seconds to the first owner and that owner's organisation. Anonymous: erasure keeps them.
    opened_local: int | None = Field(default=None, sa_column=Column(BigInteger, default=_from_opening(lambda s: s)))
    opened_week: int | None = Field(default=None, sa_column=Column(Integer, default=_from_opening(week_number)))
    owned_local: int | None = Field(default=None, sa_column=Column(BigInteger))
    seconds_to_owner: int | None = Field(default=None, sa_column=Column(Integer))
    first_owner_org_id: str | None = Field(default=None, max_length=64)


class ReferralNeed(SQLModel, table=True):
    """The need codes a referral asked for; ``unmet`` when no eligible service covered it."""

    __tablename__ = "referral_need"
    __table_args__ = (
        # the needs figures count by need and municipality without joining the referrals
        Index("ix_referral_need_opened", "need", "municipality", "opened_local", "referral_id"),
        Index(
            "ix_referral_need_unmet",
            "need",
            "municipality",
            "opened_local",
            "referral_id",
            sqlite_where=text("unmet = 1"),
            postgresql_where=text("unmet"),
        ),
    )
    referral_id: str = Field(foreign_key="referral.id", primary_key=True, max_length=64)
    need: str = Field(primary_key=True, max_length=64)
    unmet: bool = False
    # the referral's municipality and opening time (Referral.opened_local), copied for the figures
    municipality: str | None = Field(default=None, max_length=8)
    opened_local: int | None = Field(default=None, sa_column=Column(BigInteger))

    @classmethod
    def of(cls, referral: Referral, need: str, unmet: bool = False) -> ReferralNeed:
        """A need of ``referral``, with the referral's copies the figures count by."""
        return cls(
            referral_id=referral.id,
            need=need,
            unmet=unmet,
            municipality=referral.municipality,
            opened_local=referral.opened_local,
        )


class Offer(SQLModel, table=True):
    __table_args__ = (
        Index("ix_offer_referral_state", "referral_id", "state"),
        Index("ix_offer_org_state", "organization_id", "state"),
        Index("ix_offer_ring_state", "ring_id", "state"),
        # what an organisation decided stays visible to it (routing/scoping.py)
        Index("ix_offer_decided_by", "decided_by_id"),
        Index("ix_offer_figures", "referral_id", "state", "kind", "organization_id", "decided_by_id", "reason"),
        Index("ix_offer_service_created", "service_id", "created_at", "state"),
    )
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    referral_id: str = Field(foreign_key="referral.id", max_length=64)
    kind: str = Field(default="referral", max_length=16)  # referral | handoff
    service_id: str | None = Field(default=None, foreign_key="service.id", max_length=64)
    organization_id: str | None = Field(default=None, foreign_key="organization.id", max_length=64)
    ring_id: str | None = Field(default=None, foreign_key="ring.id", max_length=64)
    to_user_id: int | None = Field(default=None, foreign_key="staff_user.id")
    state: str = Field(default=OfferState.PENDING, max_length=16)
    reason: str | None = Field(default=None, max_length=32)  # decline reason code
    note: str | None = _text()
    created_by_id: int | None = Field(default=None, foreign_key="staff_user.id")
    created_at: datetime = Field(default_factory=utcnow)
    decided_by_id: int | None = Field(default=None, foreign_key="staff_user.id")
    decided_at: datetime | None = None


class Event(SQLModel, table=True):
    """Append-only history of a referral: who, when, what, from which state to which, why."""

    __table_args__ = (
        Index("ix_event_referral_at", "referral_id", "at"),
        Index("ix_event_kind_at", "kind", "at"),
        Index(
            "ix_event_back_to_open",
            "referral_id",
            "at",
            "id",
            sqlite_where=text(EVENT_BACK_TO_OPEN),
            postgresql_where=text(EVENT_BACK_TO_OPEN),
        ),
        Index(
            "ix_event_out_of_open",
            "referral_id",
            "at",
            "id",
            sqlite_where=text(EVENT_OUT_OF_OPEN),
            postgresql_where=text(EVENT_OUT_OF_OPEN),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    referral_id: str = Field(foreign_key="referral.id", max_length=64)
    at: datetime = Field(default_factory=utcnow)
    actor_id: int | None = Field(default=None, foreign_key="staff_user.id")
    kind: str = Field(max_length=32)
    from_state: str | None = Field(default=None, max_length=16)
    to_state: str | None = Field(default=None, max_length=16)
    reason: str | None = Field(default=None, max_length=64)
    offer_id: str | None = Field(default=None, max_length=64)
    # the organisation the event concerns (the offer's target, the new holder...)
    organization_id: str | None = Field(default=None, foreign_key="organization.id", max_length=64)


class Note(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    referral_id: str = Field(foreign_key="referral.id", index=True, max_length=64)
    author_id: int | None = Field(default=None, foreign_key="staff_user.id")
    at: datetime = Field(default_factory=utcnow)
    text: str | None = _text()


class MessageAuthor(StrEnum):
    """Who wrote a message of the case's thread."""

    CLIENT = "client"
    STAFF = "staff"


class Message(SQLModel, table=True):
    """One message of a referral's thread between its client and its staff (one thread per referral)."""

    __table_args__ = (Index("ix_message_referral_at", "referral_id", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    referral_id: str = Field(foreign_key="referral.id", max_length=64)
    author: str = Field(max_length=16)  # MessageAuthor
    staff_id: int | None = Field(default=None, foreign_key="staff_user.id")  # the writer when author is staff
    at: datetime = Field(default_factory=utcnow)
    # personal data: emptied (the message row deleted) on erasure and retention
    body: str | None = _text()


class Attachment(SQLModel, table=True):
    """A file attached to a message: stored on disk under ``stored_name`` (random), outside the web root."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    message_id: int = Field(foreign_key="message.id", index=True)
    referral_id: str = Field(foreign_key="referral.id", index=True, max_length=64)
    filename: str = Field(max_length=255)  # as the sender named it, shown and offered back
    content_type: str = Field(max_length=64)  # from the content, never from the name
    size: int
    stored_name: str = Field(max_length=64, index=True, unique=True)


# --- public shapes: what the API, the export and the OpenAPI document show of a case ---------------

# times as ``datetime.isoformat()`` writes them (``+00:00``, not pydantic's ``Z``): the contract's form
Timestamp = Annotated[datetime, PlainSerializer(lambda at: at.isoformat(), return_type=str)]


class OrganizationRef(SQLModel):
    id: str
    name: str | None


class PersonPublic(SQLModel):
    """A staff member as the API names them to those who share the case."""

    id: int | None
    email: str | None = None
    name: str | None = None


class NeedPublic(SQLModel):
    need: str
    unmet: bool


class OfferInReferral(SQLModel):
    """An offer inside its referral (the referral is the parent: no ``referral_id``)."""

    id: str
    state: str = Field(schema_extra={"enum": list(OFFER_STATES)})
    service_id: str | None
    organization_id: str | None
    ring_id: str | None
    reason: str | None = Field(
        description="decline reason code; for a withdrawn offer `accepted-elsewhere` or `closed`"
    )
    created_at: Timestamp
    kind: str = Field(schema_extra={"enum": ["referral", "handoff"]})
    to_user_id: int | None = None
    note: str | None = None
    decided_by_id: int | None = None
    decided_at: Timestamp | None = None


class OfferPublic(OfferInReferral):
    """An offer on its own (an answer to making one, a queue's item)."""

    referral_id: str


class EventPublic(SQLModel):
    at: Timestamp
    actor_id: int | None
    kind: str = Field(
        description="opened, offered, accepted, declined, expired, handoff, note, closed, reminder, erased"
    )
    from_state: str | None
    to_state: str | None
    reason: str | None
    offer_id: str | None = None
    organization_id: str | None = None


class NotePublic(SQLModel):
    id: int
    at: Timestamp
    author_id: int | None
    text: str | None


class EngineReading(SQLModel):
    """What the engine read in the question by itself, beside what the referral finally used."""

    needs: list[str]
    municipality: str | None
    age: int | None
    language: str | None


class ReferralSummary(SQLModel):
    """A referral in a list: no question, contact or notes (a list is not a read of personal data)."""

    id: str
    code: str | None = Field(default=None, description="the case's human code, as the client knows it")
    channel: str | None = Field(default=None, schema_extra={"enum": list(CHANNELS)})
    state: str = Field(schema_extra={"enum": list(REFERRAL_STATES)})
    holder: OrganizationRef = Field(description="the accountable organisation; never empty")
    owner: PersonPublic | None
    contact_user_id: int | None
    municipality: str | None
    age: int | None
    language: str | None
    needs: list[NeedPublic] = []
    engine_needs: list[str] | None = Field(default=None, description="the need codes the engine read by itself")
    needs_corrected: bool = Field(default=False, description="the desk changed the needs the engine read")
    needs_rerouting: bool = False
    outcome: str | None = Field(default=None, schema_extra={"enum": [*OUTCOMES, None]})
    created_at: Timestamp
    updated_at: Timestamp | None = None


class ReferralPublic(ReferralSummary):
    """The whole case as shared/CONTRACT.md shapes it, for those who may read it: the summary and
    what a list leaves out (question, contact, offers, events, notes, the route result)."""

    question: str | None = Field(description="empty without consent, after erasure or retention")
    offers: list[OfferInReferral]
    events: list[EventPublic]
    front_door: OrganizationRef | None = None
    consent: bool | None = None
    client_contact: str | None = None
    owned_at: Timestamp | None = None
    closed_at: Timestamp | None = None
    route: dict[str, Any] | None = None
    engine_reading: EngineReading | None = None
    notes: list[NotePublic] = []


# --- what the API's bodies carry (shared/CONTRACT.md "HTTP API") ----------------------------
#
# Input models in the SQLModel docs' manner (``HeroCreate`` beside ``Hero``): not tables, but
# validated on construction (``ReferralCreate.model_validate(body)``), raising pydantic's
# ValidationError. Strict types: a string is not a number nor a boolean ("true" is not consent);
# a reason or outcome is one of its enum's words. Unknown names are refused.
# Texts are stripped; an empty optional text is None; no text may hold NUL or lone surrogates
# (PostgreSQL could not keep it). Lengths are those the operations check.

MAX_QUESTION = 4000
MAX_CONTACT = 500
MAX_NOTE = 10000
MAX_PLACE = 100
MAX_AGE = 130


class _Body(SQLModel):
    model_config = SQLModelConfig(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        if isinstance(value, str):
            if "\x00" in value:
                raise ValueError("contains NUL, which cannot be stored")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("contains invalid Unicode, which cannot be stored") from None
        return value


def _none_if_blank(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


class ReferralCreate(_Body):
    """The body of ``POST /api/v1/referrals``: a client's question opened as a referral at a front door."""

    question: StrictStr = Field(min_length=1, max_length=MAX_QUESTION)
    municipality: StrictStr | None = Field(default=None, max_length=MAX_PLACE)  # a Statistics Finland code or a name
    age: StrictInt | None = Field(default=None, ge=0, le=MAX_AGE)
    language: Literal["fi", "sv", "en"] | None = None
    consent: StrictBool  # true when the client agreed to their details being kept
    client_contact: StrictStr | None = Field(default=None, max_length=MAX_CONTACT)
    # need codes the desk chose: they replace the needs the engine reads in the question
    needs: list[StrictStr] | None = None

    _blank_is_none = field_validator("municipality", "client_contact", mode="before")(_none_if_blank)

    @field_validator("needs", mode="before")
    @classmethod
    def _need_codes(cls, value: Any) -> Any:
        return None if value is None else list(check_need_codes(value))


class OfferCreate(_Body):
    """The body of ``POST /api/v1/referrals/{id}/offers``: exactly one of a service or a ring."""

    service_id: StrictStr | None = Field(default=None, min_length=1, max_length=64)
    ring_id: StrictStr | None = Field(default=None, min_length=1, max_length=64)
    note: StrictStr | None = Field(default=None, max_length=MAX_NOTE)

    _blank_is_none = field_validator("note", mode="before")(_none_if_blank)

    @model_validator(mode="after")
    def _one_target(self) -> OfferCreate:
        if (self.service_id is None) == (self.ring_id is None):
            raise ValueError("give exactly one of service_id or ring_id")
        return self


class OfferDecline(_Body):
    """The body of ``POST /api/v1/offers/{id}/decline``."""

    reason: DeclineReason
    note: StrictStr | None = Field(default=None, max_length=MAX_NOTE)

    _blank_is_none = field_validator("note", mode="before")(_none_if_blank)


class HandoffCreate(_Body):
    """The body of ``POST /api/v1/referrals/{id}/handoff``: the proposed new owner, a service or a colleague."""

    service_id: StrictStr | None = Field(default=None, min_length=1, max_length=64)
    user_id: StrictInt | None = None
    note: StrictStr | None = Field(default=None, max_length=MAX_NOTE)

    _blank_is_none = field_validator("note", mode="before")(_none_if_blank)

    @model_validator(mode="after")
    def _one_target(self) -> HandoffCreate:
        if (self.service_id is None) == (self.user_id is None):
            raise ValueError("give exactly one of service_id or user_id")
        return self


class NoteCreate(_Body):
    """The body of ``POST /api/v1/referrals/{id}/notes``: the owner's follow-up note."""

    text: StrictStr = Field(min_length=1, max_length=MAX_NOTE)


MAX_MESSAGE = 10000


class MessageCreate(_Body):
    """The body of ``POST /api/v1/referrals/{id}/messages`` and of the client's message form."""

    body: StrictStr = Field(min_length=1, max_length=MAX_MESSAGE)


class AttachmentPublic(SQLModel):
    id: str
    filename: str
    content_type: str
    size: int


class StaffSigned(SQLModel):
    """How a staff message is signed to the client: a first name and the organisation, never an e-mail."""

    name: str | None
    organisation: str | None


class MessagePublic(SQLModel):
    id: int
    author: str = Field(schema_extra={"enum": ["client", "staff"]})
    staff: StaffSigned | None
    at: Timestamp
    body: str | None
    attachments: list[AttachmentPublic] = []


class ReferralClose(_Body):
    """The body of ``POST /api/v1/referrals/{id}/close``."""

    outcome: Outcome

"""Tables of Eteinen.

Three families live here:

- the directory: HSDS 3.0 objects with their official field names
  (shared/HSDS-PROFILE.md), plus a version number bumped by every import;
- staff: organisations' users, API tokens, guidance rings;
- referrals: referral, offer, event (append-only), note, access log, and the
  delivery tables of the follow-up and webhook work (outbox, attempts,
  reminders, the scheduler lease).

Schema changes go through Alembic (``routing/migrations``); keep these
models and the migrations in step (a test compares them).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, BigInteger, Column, Index, Integer, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

HELSINKI = ZoneInfo("Europe/Helsinki")
DAY = 86_400
WEEK = 7 * DAY
_EPOCH = datetime(1970, 1, 1)
_SECOND = timedelta(seconds=1)


def utcnow() -> datetime:
    """Aware UTC now: SQLModel's datetime columns store and return aware UTC."""
    return datetime.now(UTC)


def _utc(at: datetime) -> datetime:
    """Naive UTC (a bulk loader's naive datetimes are UTC)."""
    return at if at.tzinfo is None else at.astimezone(UTC).replace(tzinfo=None)


def utc_seconds(at: datetime) -> int:
    """Whole seconds since 1970 (UTC), rounded down."""
    return (_utc(at) - _EPOCH) // _SECOND


def local_seconds(at: datetime) -> int:
    """The Helsinki wall clock at ``at`` as whole seconds since 1970-01-01 00:00, rounded down.

    The figures count in it: a day is 86,400 of these even across a change to or from summer time.
    """
    wall = _utc(at).replace(tzinfo=UTC).astimezone(HELSINKI).replace(tzinfo=None)
    return (wall - _EPOCH) // _SECOND


def week_number(local: int) -> int:
    """The Monday-to-Sunday week of a wall-clock time, counted from Monday 29 December 1969."""
    return (local + 3 * DAY) // WEEK  # 1 January 1970 was a Thursday


def new_id() -> str:
    return str(uuid.uuid4())


def _text(**kw: Any) -> Any:
    return Field(default=None, sa_column=Column(Text, **kw))


# --- the directory (HSDS 3.0) -------------------------------------------------


class OrganizationBase(SQLModel):
    name: str = Field(sa_column=Column(Text, nullable=False))
    alternate_name: str | None = _text()
    description: str | None = _text()
    email: str | None = _text()
    website: str | None = _text()
    tax_status: str | None = _text()
    tax_id: str | None = _text()
    year_incorporated: float | None = None
    legal_status: str | None = _text()
    logo: str | None = _text()
    uri: str | None = _text()
    parent_organization_id: str | None = Field(default=None, max_length=64)


class Organization(OrganizationBase, table=True):
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)


class ServiceBase(SQLModel):
    organization_id: str = Field(foreign_key="organization.id", index=True, max_length=64)
    program_id: str | None = Field(default=None, max_length=64)
    name: str = Field(sa_column=Column(Text, nullable=False))
    alternate_name: str | None = _text()
    description: str | None = _text()
    url: str | None = _text()
    email: str | None = _text()
    status: str = Field(default="active", max_length=32)
    interpretation_services: str | None = _text()
    application_process: str | None = _text()
    fees_description: str | None = _text()
    wait_time: str | None = _text()
    fees: str | None = _text()
    accreditations: str | None = _text()
    eligibility_description: str | None = _text()
    minimum_age: float | None = None
    maximum_age: float | None = None
    assured_date: str | None = Field(default=None, max_length=32)
    assurer_email: str | None = _text()
    licenses: str | None = _text()
    alert: str | None = _text()
    last_modified: str | None = Field(default=None, max_length=64)


class Service(ServiceBase, table=True):
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)


class ServicePublic(ServiceBase):
    """A service as the API lists it: HSDS fields plus what the profile adds."""

    id: str
    organization_name: str | None = None
    needs: list[str] = []
    areas: list[str] = []
    languages: list[str] = []


class Location(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    location_type: str = Field(max_length=32)
    url: str | None = _text()
    organization_id: str | None = Field(default=None, foreign_key="organization.id", index=True, max_length=64)
    name: str | None = _text()
    alternate_name: str | None = _text()
    description: str | None = _text()
    transportation: str | None = _text()
    latitude: float | None = None
    longitude: float | None = None
    external_identifier: str | None = _text()
    external_identifier_type: str | None = _text()


class Address(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    location_id: str | None = Field(default=None, foreign_key="location.id", index=True, max_length=64)
    attention: str | None = _text()
    address_1: str = Field(sa_column=Column(Text, nullable=False))
    address_2: str | None = _text()
    city: str = Field(sa_column=Column(Text, nullable=False))
    region: str | None = _text()
    state_province: str = Field(sa_column=Column(Text, nullable=False))
    postal_code: str = Field(max_length=32)
    country: str = Field(max_length=8)
    address_type: str = Field(max_length=32)


class ServiceAtLocation(SQLModel, table=True):
    __tablename__ = "service_at_location"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    service_id: str = Field(foreign_key="service.id", index=True, max_length=64)
    location_id: str = Field(foreign_key="location.id", index=True, max_length=64)
    description: str | None = _text()


class ServiceArea(SQLModel, table=True):
    __tablename__ = "service_area"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    service_id: str | None = Field(default=None, foreign_key="service.id", index=True, max_length=64)
    name: str | None = _text()
    description: str | None = _text()
    extent: str | None = _text()
    extent_type: str | None = Field(default=None, max_length=32)
    uri: str | None = _text()


class Language(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    service_id: str | None = Field(default=None, foreign_key="service.id", index=True, max_length=64)
    location_id: str | None = Field(default=None, foreign_key="location.id", index=True, max_length=64)
    phone_id: str | None = Field(default=None, foreign_key="phone.id", index=True, max_length=64)
    name: str | None = _text()
    code: str | None = Field(default=None, max_length=16)
    note: str | None = _text()


class Phone(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    location_id: str | None = Field(default=None, foreign_key="location.id", index=True, max_length=64)
    service_id: str | None = Field(default=None, foreign_key="service.id", index=True, max_length=64)
    organization_id: str | None = Field(default=None, foreign_key="organization.id", index=True, max_length=64)
    # contacts are not stored (HSDS-PROFILE.md), so this is kept as plain text
    contact_id: str | None = Field(default=None, max_length=64)
    service_at_location_id: str | None = Field(
        default=None, foreign_key="service_at_location.id", index=True, max_length=64
    )
    number: str = Field(max_length=64)
    extension: float | None = None
    type: str | None = Field(default=None, max_length=32)
    description: str | None = _text()


class Taxonomy(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    name: str = Field(sa_column=Column(Text, nullable=False))
    description: str | None = _text()
    uri: str | None = _text()
    version: str | None = Field(default=None, max_length=64)


class TaxonomyTerm(SQLModel, table=True):
    __tablename__ = "taxonomy_term"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    code: str | None = Field(default=None, index=True, max_length=128)
    name: str = Field(sa_column=Column(Text, nullable=False))
    description: str | None = _text()
    parent_id: str | None = Field(default=None, max_length=64)
    taxonomy: str | None = _text()
    language: str | None = Field(default=None, max_length=16)
    taxonomy_id: str | None = Field(default=None, foreign_key="taxonomy.id", index=True, max_length=64)
    term_uri: str | None = _text()


class Attribute(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    link_id: str = Field(index=True, max_length=64)
    taxonomy_term_id: str = Field(foreign_key="taxonomy_term.id", index=True, max_length=64)
    link_type: str | None = Field(default=None, max_length=64)
    link_entity: str = Field(max_length=64)
    value: str | None = _text()


class DirectoryVersion(SQLModel, table=True):
    """One row; ``version`` goes up by one with every import, so route indexes know to rebuild."""

    __tablename__ = "directory_version"
    id: int = Field(default=1, primary_key=True)
    version: int = 0
    changed_at: datetime = Field(default_factory=utcnow)


# The HSDS objects Eteinen stores, in the order they can be written (parents first).
DIRECTORY_TABLES: tuple[type[SQLModel], ...] = (
    Organization,
    Taxonomy,
    TaxonomyTerm,
    Service,
    Location,
    Address,
    ServiceAtLocation,
    ServiceArea,
    Phone,
    Language,
    Attribute,
)


# --- staff --------------------------------------------------------------------

ROLES = ("front-desk", "counsellor", "org-admin", "coordinator", "admin")


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


class Ring(SQLModel, table=True):
    """A set of organisations sharing one queue (a region's phone/e-mail guidance ring)."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    name: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    created_at: datetime = Field(default_factory=utcnow)


class RingMember(SQLModel, table=True):
    __tablename__ = "ring_member"
    ring_id: str = Field(foreign_key="ring.id", primary_key=True, max_length=64)
    organization_id: str = Field(foreign_key="organization.id", primary_key=True, index=True, max_length=64)


# --- referrals ----------------------------------------------------------------

REFERRAL_STATES = ("open", "offered", "accepted", "closed")
OFFER_STATES = ("pending", "accepted", "declined", "withdrawn", "expired")
DECLINE_REASONS = ("not-eligible", "no-capacity", "wrong-service", "client-unreachable", "other")
OUTCOMES = ("served", "client-withdrew", "no-contact", "outside-network", "duplicate")
CHANNELS = ("desk", "ring", "api")


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
    state: str = Field(default="open", max_length=16)
    # accountable organisation: never empty
    holder_id: str = Field(foreign_key="organization.id", max_length=64)
    owner_id: int | None = Field(default=None, foreign_key="staff_user.id", index=True)
    # the person at the front door who opened it
    contact_user_id: int | None = Field(default=None, foreign_key="staff_user.id", index=True)
    front_door_id: str = Field(foreign_key="organization.id", index=True, max_length=64)
    channel: str = Field(default="api", max_length=16)
    # personal data: emptied on erasure, retention, or when there is no consent
    question: str | None = _text()
    client_contact: str | None = _text()
    municipality: str | None = Field(default=None, max_length=8, index=True)
    age: int | None = None
    language: str | None = Field(default=None, max_length=8)
    consent: bool = False
    route_result: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
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
    state: str = Field(default="pending", max_length=16)
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


class SchedulerLease(SQLModel, table=True):
    """The lease that lets one scheduler run at a time on SQLite."""

    __tablename__ = "scheduler_lease"
    name: str = Field(primary_key=True, max_length=64)
    holder: str = Field(max_length=128)
    expires_at: datetime

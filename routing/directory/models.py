"""Tables of the directory concern (Alembic migrations keep the schema in step)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from routing.core.clock import utcnow
from routing.core.db import new_id
from routing.core.db import text_column as _text

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
    # goes up with every capacity change: routers reload capacities without rebuilding the index
    capacity_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


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


class ServiceCapacity(SQLModel, table=True):
    """A service's room for new clients, as its organisation last said.

    No foreign key to ``service``: an HSDS import that drops a service drops its capacity
    with it (``store``), and must not be refused for it.
    """

    __tablename__ = "service_capacity"
    service_id: str = Field(primary_key=True, max_length=64)
    capacity: str = Field(max_length=16)  # open | waitlist | full
    weeks: int | None = None  # waitlist: the expected wait
    until: date | None = None  # full: until this day
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: int | None = Field(default=None, foreign_key="staff_user.id")


class DirectoryEvent(SQLModel, table=True):
    """The directory's history: capacity changes, confirmations, edits (append-only)."""

    __tablename__ = "directory_event"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    # no foreign key: the history outlives a service an import removed
    service_id: str = Field(index=True, max_length=64)
    actor_id: int | None = Field(default=None, foreign_key="staff_user.id")
    kind: str = Field(max_length=32)  # capacity | confirmed | edited
    capacity: str | None = Field(default=None, max_length=16)
    weeks: int | None = None
    until: date | None = None
    fields: str | None = _text()  # edited: the field names changed, comma separated


class Ring(SQLModel, table=True):
    """A set of organisations sharing one queue (a region's phone/e-mail guidance ring)."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=64)
    name: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    created_at: datetime = Field(default_factory=utcnow)


class RingMember(SQLModel, table=True):
    __tablename__ = "ring_member"
    ring_id: str = Field(foreign_key="ring.id", primary_key=True, max_length=64)
    organization_id: str = Field(foreign_key="organization.id", primary_key=True, index=True, max_length=64)

"""Keeping the directory true: capacity, confirmation ("assured") and edits by a service's own organisation.

State changes as plain functions over a session and ``now``; each writes a
``DirectoryEvent`` (the directory's history) in the same transaction. Capacity
changes bump the capacity version (routers reload capacities, no index rebuild);
edits that change routing bump the directory version.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import field_validator, model_validator
from sqlalchemy import func
from sqlmodel import Field, Session, SQLModel, col, select
from sqlmodel._compat import SQLModelConfig

from routing.accounts.models import User
from routing.core.clock import helsinki_day, utcnow
from routing.core.errors import BadInput, Forbidden, NotFound
from routing.directory.hsds.spec import AGE_RANGE, EXTENT
from routing.directory.models import (
    DirectoryEvent,
    DirectoryVersion,
    Language,
    Phone,
    Service,
    ServiceArea,
    ServiceCapacity,
)
from routing.directory.services import bump_version
from routing.matcher.capacity import Capacity
from routing.matcher.gazetteer import gazetteer
from routing.referrals.permissions import may_keep_service

STATUSES = ("active", "inactive", "defunct", "temporarily closed")
LANGUAGE_CODE = re.compile(r"[a-z]{2}")
MAX_WEEKS = 104


class _Body(SQLModel):
    model_config = SQLModelConfig(extra="forbid", str_strip_whitespace=True)


class CapacityUpdate(_Body):
    """The body of ``PUT /api/v1/services/{id}/capacity``."""

    capacity: Literal["open", "waitlist", "full"]
    weeks: int | None = None
    until: date | None = None

    @field_validator("weeks")
    @classmethod
    def _weeks(cls, value: int | None) -> int | None:
        if value is not None and not 0 <= value <= MAX_WEEKS:
            raise ValueError(f"the expected wait in weeks must be from 0 to {MAX_WEEKS}, not {value}")
        return value

    @model_validator(mode="after")
    def _fits(self) -> CapacityUpdate:
        if self.capacity == "waitlist" and self.weeks is None:
            raise ValueError("a waiting list needs `weeks`, the expected wait")
        if self.capacity != "waitlist" and self.weeks is not None:
            raise ValueError("`weeks` is for a waiting list only")
        if self.capacity != "full" and self.until is not None:
            raise ValueError("`until` is for a full service only")
        return self


class ServiceEdit(_Body):
    """What an organisation may change of its own service on the directory page (None: leave as it is)."""

    status: Literal["active", "inactive", "defunct", "temporarily closed"] | None = None
    eligibility_description: str | None = Field(default=None, max_length=4000)
    minimum_age: int | None = None
    maximum_age: int | None = None
    areas: list[str] | None = None  # municipality:245, region:01, country:FI
    languages: list[str] | None = None  # ISO 639-1
    email: str | None = Field(default=None, max_length=320)
    url: str | None = Field(default=None, max_length=2000)
    phones: list[str] | None = None
    clear_ages: bool = False  # the page sends both ages always: empty means no bound

    @field_validator("minimum_age", "maximum_age")
    @classmethod
    def _age(cls, value: int | None) -> int | None:
        low, high = AGE_RANGE
        if value is not None and not low <= value <= high:
            raise ValueError(f"{value} is not an age ({low:g}–{high:g})")
        return value

    @field_validator("areas")
    @classmethod
    def _areas(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        out = []
        for extent in value:
            extent = extent.strip()
            match = EXTENT.fullmatch(extent)
            if match is None:
                raise ValueError(f"{extent!r} is not municipality:<code>, region:<code> or country:FI")
            if match["municipality"] and gazetteer().get(match["municipality"]) is None:
                raise ValueError(f"no Finnish municipality has the code {match['municipality']}")
            if match["region"] and match["region"] not in gazetteer().regions:
                raise ValueError(f"no Finnish region has the code {match['region']}")
            if extent not in out:
                out.append(extent)
        return out

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        out = []
        for code in value:
            code = code.strip().casefold()
            if not LANGUAGE_CODE.fullmatch(code):
                raise ValueError(f"{code!r} is not an ISO 639-1 language code (fi, sv, en, …)")
            if code not in out:
                out.append(code)
        return out

    @field_validator("phones")
    @classmethod
    def _phones(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        out = [number.strip() for number in value if number.strip()]
        for number in out:
            if len(number) > 64 or not re.fullmatch(r"[+0-9 ()\-]+", number):
                raise ValueError(f"{number!r} is not a phone number")
        return out

    @model_validator(mode="after")
    def _ages(self) -> ServiceEdit:
        if self.minimum_age is not None and self.maximum_age is not None and self.minimum_age > self.maximum_age:
            raise ValueError(f"the lowest age {self.minimum_age} is more than the highest {self.maximum_age}")
        return self


def _service_kept_by(session: Session, user: User, service_id: str) -> Service:
    service = session.get(Service, service_id)
    if service is None:
        raise NotFound(f"no service {service_id}")
    if not may_keep_service(user, service.organization_id):
        raise Forbidden("only the service's own organisation keeps its capacity and details")
    return service


def bump_capacity_version(session: Session, *, now: datetime | None = None) -> None:
    row = session.get(DirectoryVersion, 1)
    if row is None:
        row = DirectoryVersion(id=1, version=0)
        session.add(row)
    row.capacity_version += 1
    session.flush()


def set_capacity(
    session: Session, user: User, service_id: str, update: CapacityUpdate, *, now: datetime | None = None
) -> ServiceCapacity:
    """Say how much room the service has; a full service's date must not be in the past."""
    now = now or utcnow()
    service = _service_kept_by(session, user, service_id)
    if update.until is not None and update.until < helsinki_day(now):
        raise BadInput(f"until: {update.until.isoformat()} is in the past")
    row = session.get(ServiceCapacity, service.id)
    if row is None:
        row = ServiceCapacity(service_id=service.id, capacity=update.capacity)
        session.add(row)
    row.capacity, row.weeks, row.until = update.capacity, update.weeks, update.until
    row.updated_at, row.updated_by = now, user.id
    session.add(
        DirectoryEvent(
            at=now,
            service_id=service.id,
            actor_id=user.id,
            kind="capacity",
            capacity=update.capacity,
            weeks=update.weeks,
            until=update.until,
        )
    )
    bump_capacity_version(session)
    return row


def confirm_service(session: Session, user: User, service_id: str, *, now: datetime | None = None) -> Service:
    """The organisation checked the service: HSDS ``assured_date`` today, ``assurer_email`` the checker."""
    now = now or utcnow()
    service = _service_kept_by(session, user, service_id)
    service.assured_date = helsinki_day(now).isoformat()
    service.assurer_email = user.email
    service.last_modified = now.isoformat()  # HSDS API clients fetch what changed (modified_after)
    session.add(DirectoryEvent(at=now, service_id=service.id, actor_id=user.id, kind="confirmed"))
    session.flush()
    return service


def edit_service(
    session: Session, user: User, service_id: str, edit: ServiceEdit, *, now: datetime | None = None
) -> list[str]:
    """Change what was given of the service; returns the fields that changed (an edit confirms it too)."""
    now = now or utcnow()
    service = _service_kept_by(session, user, service_id)
    changed: list[str] = []
    for name in ("status", "eligibility_description", "email", "url"):
        value = getattr(edit, name)
        if value is not None and (value or None) != getattr(service, name):
            setattr(service, name, value or None)
            changed.append(name)
    for name in ("minimum_age", "maximum_age"):
        value = getattr(edit, name)
        new = float(value) if value is not None else None
        if (value is not None or edit.clear_ages) and new != getattr(service, name):
            setattr(service, name, new)
            changed.append(name)
    if edit.areas is not None:
        rows = session.exec(select(ServiceArea).where(col(ServiceArea.service_id) == service.id)).all()
        if sorted(r.extent or "" for r in rows) != sorted(edit.areas):
            for row in rows:
                session.delete(row)
            for extent in edit.areas:
                session.add(
                    ServiceArea(service_id=service.id, extent=extent, extent_type="text", name=_area_name(extent))
                )
            changed.append("areas")
    if edit.languages is not None:
        rows2 = session.exec(select(Language).where(col(Language.service_id) == service.id)).all()
        if sorted(r.code or "" for r in rows2) != sorted(edit.languages):
            for row2 in rows2:
                session.delete(row2)
            for code in edit.languages:
                session.add(Language(service_id=service.id, code=code))
            changed.append("languages")
    if edit.phones is not None:
        rows3 = session.exec(select(Phone).where(col(Phone.service_id) == service.id)).all()
        if [r.number for r in rows3] != edit.phones:
            for row3 in rows3:
                session.delete(row3)
            for number in edit.phones:
                session.add(Phone(service_id=service.id, number=number))
            changed.append("phones")
    service.assured_date = helsinki_day(now).isoformat()
    service.assurer_email = user.email
    service.last_modified = now.isoformat()
    session.add(
        DirectoryEvent(
            at=now,
            service_id=service.id,
            actor_id=user.id,
            kind="edited" if changed else "confirmed",
            fields=",".join(changed) or None,
        )
    )
    session.flush()
    if changed:
        bump_version(session, now=now)  # routing reads these: the index is rebuilt
    return changed


def _area_name(extent: str) -> str | None:
    kind, _, code = extent.partition(":")
    if kind == "municipality":
        found = gazetteer().get(code)
        return found.name_fi if found else None
    if kind == "region":
        return gazetteer().region_name(code, "fi")
    return "Suomi"


# --- reading ----------------------------------------------------------------


def capacities(session: Session, service_ids: list[str]) -> dict[str, Capacity]:
    out: dict[str, Capacity] = {}
    for start in range(0, len(service_ids), 5000):
        rows = session.exec(
            select(ServiceCapacity).where(col(ServiceCapacity.service_id).in_(service_ids[start : start + 5000]))
        )
        for row in rows:
            out[row.service_id] = Capacity(row.capacity, row.weeks, row.until, row.updated_at)
    return out


def days_since_checked(service: Any, now: datetime) -> int | None:
    """Whole days since the service was last confirmed, or None if never."""
    if not service.assured_date:
        return None
    try:
        checked = date.fromisoformat(str(service.assured_date)[:10])
    except ValueError:
        return None
    return max(0, (helsinki_day(now) - checked).days)


def unconfirmed(session: Session, days: int, now: datetime) -> dict[str, list[Service]]:
    """Active services not confirmed for ``days`` days (or never), by organisation id."""
    cutoff = (helsinki_day(now) - timedelta(days=days)).isoformat()
    rows = session.exec(
        select(Service)
        .where(col(Service.status) == "active")
        .where((col(Service.assured_date).is_(None)) | (func.substr(col(Service.assured_date), 1, 10) < cutoff))
        .order_by(col(Service.organization_id), col(Service.name))
    )
    out: dict[str, list[Service]] = {}
    for service in rows:
        out.setdefault(service.organization_id, []).append(service)
    return out

"""The directory's own figures: the share of services confirmed in the period, weeks at full per service."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, func, select

from routing.core.clock import HELSINKI
from routing.directory.models import DirectoryEvent, Organization, Service
from routing.matcher.capacity import DEFAULT_STALE_DAYS

if TYPE_CHECKING:
    from routing.figures.compute import Scope

WEEK_SECONDS = 7 * 24 * 3600


def services_confirmed(session: Session, scope: Scope) -> dict[str, Any]:
    """Active services, how many were confirmed (``assured_date``) within the period, and the share."""
    query = select(func.count()).select_from(Service).where(col(Service.status) == "active")
    if scope.organization_id is not None:
        query = query.where(col(Service.organization_id) == scope.organization_id)
    active = int(session.exec(query).one())
    confirmed = int(
        session.exec(
            query.where(col(Service.assured_date).is_not(None))
            .where(func.substr(col(Service.assured_date), 1, 10) >= scope.start.isoformat())
            .where(func.substr(col(Service.assured_date), 1, 10) <= scope.end.isoformat())
        ).one()
    )
    return {"active": active, "confirmed": confirmed, "share": round(confirmed / active, 2) if active else None}


def weeks_full(
    session: Session, scope: Scope, now: datetime, stale_days: int = DEFAULT_STALE_DAYS
) -> list[dict[str, Any]]:
    """Per service, the weeks within the period it was said to be full.

    A ``full`` statement lasts until the next capacity change, its own date, or until it
    goes stale (``CAPACITY_STALE_DAYS``), whichever comes first; clipped to the period and now.
    """
    start, end = scope.start_utc, min(scope.end_utc, now)
    query = (
        select(DirectoryEvent)
        .where(col(DirectoryEvent.kind) == "capacity", col(DirectoryEvent.at) < end)
        .order_by(col(DirectoryEvent.service_id), col(DirectoryEvent.at), col(DirectoryEvent.id))
    )
    events: dict[str, list[DirectoryEvent]] = {}
    for event in session.exec(query):
        events.setdefault(event.service_id, []).append(event)
    seconds: dict[str, float] = {}
    for sid, changes in events.items():
        for i, event in enumerate(changes):
            if event.capacity != "full":
                continue
            stop = changes[i + 1].at if i + 1 < len(changes) else end
            stop = min(stop, event.at + timedelta(days=stale_days))
            if event.until is not None:
                day_after = datetime.combine(event.until + timedelta(days=1), datetime.min.time(), HELSINKI)
                stop = min(stop, day_after)
            overlap = (min(stop, end) - max(event.at, start)).total_seconds()
            if overlap > 0:
                seconds[sid] = seconds.get(sid, 0.0) + overlap
    if not seconds:
        return []
    rows = session.exec(
        select(Service.id, Service.name, Service.organization_id, Organization.name)
        .join(Organization, col(Organization.id) == Service.organization_id)
        .where(col(Service.id).in_(list(seconds)))
    ).all()
    out = [
        {
            "service_id": sid,
            "name": name,
            "organization_id": org_id,
            "organization": org_name,
            "weeks": round(seconds[sid] / WEEK_SECONDS, 1),
        }
        for sid, name, org_id, org_name in rows
        if scope.organization_id is None or org_id == scope.organization_id
    ]
    return sorted(out, key=lambda r: (-r["weeks"], r["organization"], r["name"]))

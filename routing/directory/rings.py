"""Guidance rings: a named set of organisations with one shared queue."""

from __future__ import annotations

from sqlmodel import Session, select

from routing.accounts.auth import find_organization
from routing.core.errors import BadInput
from routing.directory.models import Ring, RingMember


class RingError(BadInput):
    pass


def add_ring(session: Session, name: str, org_refs: list[str]) -> Ring:
    name = name.strip()
    if not name:
        raise RingError("the ring needs a name")
    if session.exec(select(Ring).where(Ring.name == name)).first() is not None:
        raise RingError(f"a ring named {name!r} already exists")
    if not org_refs:
        raise RingError("a ring needs at least one organisation (--org)")
    ring = Ring(name=name)
    session.add(ring)
    session.flush()
    seen: set[str] = set()
    for ref in org_refs:
        org = find_organization(session, ref)
        if org is None:
            raise RingError(f"no organisation with the id or name {ref!r} in the directory")
        if org.id not in seen:
            seen.add(org.id)
            session.add(RingMember(ring_id=ring.id, organization_id=org.id))
    session.flush()
    return ring


def rings_of(session: Session, organization_id: str) -> list[str]:
    """Ids of the rings an organisation belongs to."""
    return list(session.exec(select(RingMember.ring_id).where(RingMember.organization_id == organization_id)))

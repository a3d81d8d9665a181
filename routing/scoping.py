"""What a user's organisation may see of the referrals: deny by default.

An organisation sees a referral when it

- holds it (the accountable organisation; the owner is always one of its people),
- opened it (the front door: the client told their story there),
- has a pending offer for it, directly or through one of its rings (it is being asked
  to take it, so it must be able to read what it is asked to take), or
- decided an offer for it (one of its people accepted or declined it: they keep sight
  of what they decided).

Everything else answers 404, exactly like a referral that does not exist. A ring
member that did not take a ring offer loses sight of the referral once someone else
accepted it; it still sees the offer itself in its queue history, so a late accept
gets a 409 rather than a 404. An organisation that handed a referral on sees it no
more (unless it is the front door).

Roles do not widen what an organisation sees: a coordinator reads the network's
figures and directory, not other organisations' clients. The client's data rights
(export, erasure, access log) are checked apart, by ``may_manage_client_data``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, or_
from sqlmodel import Session, col, select

from .models import Offer, Referral, Ring, User
from .rings import rings_of

# who may accept or decline an offer (and so become a referral's named owner)
DECIDING_ROLES = ("counsellor", "org-admin")


@dataclass(frozen=True)
class Viewer:
    """A user with what their organisation is part of, looked up once per request."""

    user: User
    ring_ids: tuple[str, ...]

    @property
    def user_id(self) -> int:
        assert self.user.id is not None
        return self.user.id

    @property
    def organization_id(self) -> str:
        return self.user.organization_id


def viewer(session: Session, user: User) -> Viewer:
    return Viewer(user, tuple(rings_of(session, user.organization_id)))


def offer_is_for(v: Viewer, offer: Offer) -> bool:
    """Whether ``v`` may accept or decline ``offer`` as far as its target goes (roles apart)."""
    if offer.to_user_id is not None:
        return offer.to_user_id == v.user_id
    if offer.ring_id is not None:
        return offer.ring_id in v.ring_ids
    return offer.organization_id == v.organization_id


def _offers_for(v: Viewer) -> ColumnElement[bool]:
    """Offers addressed to the viewer's organisation, directly or through its rings."""
    direct = and_(col(Offer.ring_id).is_(None), col(Offer.organization_id) == v.organization_id)
    if not v.ring_ids:
        return direct
    return or_(direct, col(Offer.ring_id).in_(v.ring_ids))


def referral_visible(v: Viewer) -> ColumnElement[bool]:
    """A WHERE clause over ``Referral``: the referrals the viewer's organisation may see."""
    pending_for_us = exists().where(
        col(Offer.referral_id) == Referral.id, col(Offer.state) == "pending", _offers_for(v)
    )
    decided_by_us = exists().where(
        col(Offer.referral_id) == Referral.id,
        col(Offer.decided_by_id) == User.id,
        col(User.organization_id) == v.organization_id,
    )
    return or_(
        col(Referral.holder_id) == v.organization_id,
        col(Referral.front_door_id) == v.organization_id,
        pending_for_us,
        decided_by_us,
    )


def may_see(session: Session, v: Viewer, referral: Referral) -> bool:
    if referral.holder_id == v.organization_id or referral.front_door_id == v.organization_id:
        return True
    found = session.exec(select(Referral.id).where(col(Referral.id) == referral.id, referral_visible(v))).first()
    return found is not None


def may_see_offer(session: Session, v: Viewer, offer: Offer, referral: Referral) -> bool:
    """An offer is seen by its targets (in any state) and by whoever sees its referral."""
    return offer_is_for(v, offer) or may_see(session, v, referral)


def may_manage_client_data(user: User, referral: Referral) -> bool:
    """The client's data rights (export, erasure, access log): the holder's org-admin, a coordinator, an admin."""
    if user.role in ("coordinator", "admin"):
        return True
    return user.role == "org-admin" and referral.holder_id == user.organization_id


# --- lists --------------------------------------------------------------------


def pending_offers_for(v: Viewer) -> ColumnElement[bool]:
    """Pending offers the viewer may decide: to its organisation, its rings, or to the viewer by name."""
    to_org = and_(
        col(Offer.ring_id).is_(None),
        col(Offer.organization_id) == v.organization_id,
        or_(col(Offer.to_user_id).is_(None), col(Offer.to_user_id) == v.user_id),
    )
    targets = or_(to_org, col(Offer.ring_id).in_(v.ring_ids)) if v.ring_ids else to_org
    return and_(col(Offer.state) == "pending", targets)


def is_ring_member(session: Session, v: Viewer, ring_id: str) -> bool:
    return ring_id in v.ring_ids and session.get(Ring, ring_id) is not None


def rings_of_viewer(session: Session, v: Viewer) -> list[Ring]:
    if not v.ring_ids:
        return []
    return list(session.exec(select(Ring).where(col(Ring.id).in_(v.ring_ids)).order_by(Ring.name)))

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

from sqlalchemy import ColumnElement, CompoundSelect, and_, or_, union
from sqlmodel import Session, col, select

from routing.accounts.models import Role, User
from routing.directory.rings import rings_of
from routing.referrals.models import Offer, OfferState, Referral

# who may accept or decline an offer (and so become a referral's named owner)
DECIDING_ROLES = (Role.COUNSELLOR, Role.ORG_ADMIN)

# what can be done to a referral in each state (named in 422 answers)
ALLOWED: dict[str, tuple[str, ...]] = {
    "open": ("offer", "close"),
    "offered": ("offer", "accept", "decline", "close"),
    "accepted": ("handoff", "notes", "close"),
    "closed": (),
}


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


def visible_referral_ids(v: Viewer) -> CompoundSelect[tuple[str]]:
    """Ids of the referrals the viewer's organisation may see: one indexed look-up per reason, unioned."""
    org = v.organization_id
    return union(
        select(Referral.id).where(col(Referral.holder_id) == org),
        select(Referral.id).where(col(Referral.front_door_id) == org),
        select(Offer.referral_id).where(col(Offer.state) == OfferState.PENDING, _offers_for(v)),
        select(Offer.referral_id)
        .join(User, col(User.id) == Offer.decided_by_id)
        .where(col(User.organization_id) == org),
    )


def referral_visible(v: Viewer) -> ColumnElement[bool]:
    """A WHERE clause over ``Referral``: the referrals the viewer's organisation may see."""
    return col(Referral.id).in_(visible_referral_ids(v))


def may_see(session: Session, v: Viewer, referral: Referral) -> bool:
    """The same rule as ``visible_referral_ids``, for one referral (looked up by its own offers)."""
    if referral.holder_id == v.organization_id or referral.front_door_id == v.organization_id:
        return True
    of_this = col(Offer.referral_id) == referral.id
    if session.exec(select(Offer.id).where(of_this, col(Offer.state) == OfferState.PENDING, _offers_for(v))).first():
        return True
    decided = (
        select(Offer.id)
        .join(User, col(User.id) == Offer.decided_by_id)
        .where(of_this, col(User.organization_id) == v.organization_id)
    )
    return session.exec(decided).first() is not None


# --- who may do what to a referral they see (the operations check these, the pages show buttons by them) ---


def holds(user: User, referral: Referral) -> bool:
    """The user's organisation is the referral's holder: it offers and closes it."""
    return referral.holder_id == user.organization_id


def owns(user: User, referral: Referral) -> bool:
    """The user is the referral's named owner: they write its notes and hand it on."""
    return referral.owner_id is not None and referral.owner_id == user.id


def may_close_as(user: User, referral: Referral) -> bool:
    """While someone owns it, the owner or an org-admin of the holder; before that, anyone of the holder."""
    return holds(user, referral) and (referral.owner_id in (None, user.id) or user.role == "org-admin")


def may_decide(v: Viewer, offer: Offer) -> bool:
    """``v`` may accept or decline this pending offer: it is addressed to them and their role owns cases."""
    return offer.state == "pending" and v.user.role in DECIDING_ROLES and offer_is_for(v, offer)


def may(user: User, action: str, referral: Referral) -> bool:
    """The referral's state allows ``action`` ("offer", "close", "handoff", "notes") and the user may do it."""
    if action not in ALLOWED[referral.state]:
        return False
    if action == "offer":
        return holds(user, referral)
    if action == "close":
        return may_close_as(user, referral)
    if action in ("handoff", "notes"):
        return owns(user, referral)
    raise ValueError(f"no such action {action!r}")


def may_use_thread(user: User, referral: Referral) -> bool:
    """Who reads and writes the case's thread with the client for the staff: the owner; before anyone
    owns it, the holder organisation's counsellors and org-admins. Everyone else is answered 404."""
    if referral.owner_id is not None:
        return referral.owner_id == user.id
    return referral.holder_id == user.organization_id and user.role in DECIDING_ROLES


def may_manage_client_data(user: User, referral: Referral) -> bool:
    """The client's data rights (export, erasure, access log): the holder's org-admin, a coordinator, an admin."""
    if user.role in (Role.COORDINATOR, Role.ADMIN):
        return True
    return user.role == Role.ORG_ADMIN and referral.holder_id == user.organization_id


# --- lists --------------------------------------------------------------------


def pending_offers_for(v: Viewer) -> ColumnElement[bool]:
    """Pending offers the viewer may decide: to its organisation, its rings, or to the viewer by name."""
    to_org = and_(
        col(Offer.ring_id).is_(None),
        col(Offer.organization_id) == v.organization_id,
        or_(col(Offer.to_user_id).is_(None), col(Offer.to_user_id) == v.user_id),
    )
    targets = or_(to_org, col(Offer.ring_id).in_(v.ring_ids)) if v.ring_ids else to_org
    return and_(col(Offer.state) == OfferState.PENDING, targets)

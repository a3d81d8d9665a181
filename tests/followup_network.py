"""A small guidance network for the follow-up tests: organisations, staff, a ring, referrals.

Referrals and offers are written directly, with their events through
``routing.events.record`` (the one way every state change writes its event
and webhook messages), until the referral operations take over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from routing.accounts.auth import create_token
from routing.accounts.models import User
from routing.core.clock import utcnow
from routing.directory.models import Organization, Ring, RingMember
from routing.referrals.events import record
from routing.referrals.models import Offer, Referral, first_owner_columns

QUESTION = "Tarvitsen apua velkojen kanssa, Matti Meikäläinen 040 123 4567"
CONTACT = "matti.meikalainen@example.fi 040 123 4567"


@dataclass
class Network:
    front_door: Organization  # a library desk
    ohjaamo: Organization
    school: Organization
    elsewhere: Organization  # follows nothing
    ring: Ring  # ohjaamo + school
    desk: User  # front-desk at the library, Finnish
    library_admin: User  # org-admin at the library, Swedish
    ohjaamo_admin: User  # English
    ohjaamo_counsellor: User
    school_counsellor: User
    elsewhere_admin: User


def _user(s: Session, email: str, org: Organization, role: str, language: str | None, name: str | None = None) -> User:
    user = User(email=email, name=name, organization_id=org.id, role=role, language=language)
    s.add(user)
    s.flush()
    return user


def build_network(s: Session) -> Network:
    orgs = [
        Organization(id="lib", name="Keravan kirjasto"),
        Organization(id="ohj", name="Ohjaamo Kerava"),
        Organization(id="keuda", name="Keuda opinto-ohjaus"),
        Organization(id="far", name="Muu verkosto"),
    ]
    s.add_all(orgs)
    s.flush()
    ring = Ring(id="ring1", name="Puhelinrengas")
    s.add(ring)
    s.flush()
    s.add_all(
        [RingMember(ring_id=ring.id, organization_id="ohj"), RingMember(ring_id=ring.id, organization_id="keuda")]
    )
    net = Network(
        front_door=orgs[0],
        ohjaamo=orgs[1],
        school=orgs[2],
        elsewhere=orgs[3],
        ring=ring,
        desk=_user(s, "desk@kirjasto.example.fi", orgs[0], "front-desk", "fi", "Pirkko"),
        library_admin=_user(s, "admin@kirjasto.example.fi", orgs[0], "org-admin", "sv", "Stina"),
        ohjaamo_admin=_user(s, "admin@ohjaamo.example.fi", orgs[1], "org-admin", "en"),
        ohjaamo_counsellor=_user(s, "ohjaaja@ohjaamo.example.fi", orgs[1], "counsellor", "fi"),
        school_counsellor=_user(s, "opo@keuda.example.fi", orgs[2], "counsellor", None),
        elsewhere_admin=_user(s, "admin@muu.example.fi", orgs[3], "org-admin", "fi"),
    )
    s.commit()
    return net


def token_for(s: Session, user: User) -> str:
    token = create_token(s, user)
    s.commit()
    return token


def open_referral(s: Session, net: Network, *, at: datetime | None = None) -> Referral:
    at = at or utcnow()
    referral = Referral(
        state="open",
        holder_id=net.front_door.id,
        front_door_id=net.front_door.id,
        contact_user_id=net.desk.id,
        channel="desk",
        question=QUESTION,
        client_contact=CONTACT,
        municipality="245",
        age=24,
        language="fi",
        consent=True,
        created_at=at,
        updated_at=at,
    )
    s.add(referral)
    s.flush()
    record(s, referral, "opened", actor_id=net.desk.id, to_state="open", at=at)
    s.commit()
    return referral


def offer(
    s: Session,
    net: Network,
    referral: Referral,
    *,
    to: Organization | None = None,
    ring: Ring | None = None,
    at: datetime | None = None,
) -> Offer:
    at = at or utcnow()
    o = Offer(
        referral_id=referral.id,
        organization_id=to.id if to else None,
        ring_id=ring.id if ring else None,
        created_by_id=net.desk.id,
        created_at=at,
    )
    s.add(o)
    s.flush()
    referral.state = "offered"
    s.add(referral)
    record(
        s,
        referral,
        "offered",
        actor_id=net.desk.id,
        from_state="open",
        to_state="offered",
        offer_id=o.id,
        organization_id=o.organization_id,
        at=at,
    )
    s.commit()
    return o


def accept(s: Session, referral: Referral, o: Offer, user: User, *, at: datetime | None = None) -> None:
    at = at or utcnow()
    o.state, o.decided_by_id, o.decided_at = "accepted", user.id, at
    referral.state, referral.owner_id, referral.holder_id = "accepted", user.id, user.organization_id
    for name, value in first_owner_columns(referral.created_at, at, user.organization_id).items():
        setattr(referral, name, value)
    s.add_all([o, referral])
    record(
        s,
        referral,
        "accepted",
        actor_id=user.id,
        from_state="offered",
        to_state="accepted",
        offer_id=o.id,
        organization_id=user.organization_id,
        at=at,
    )
    s.commit()


def days_ago(n: float) -> datetime:
    return utcnow() - timedelta(days=n)

"""Referral histories for the tests, at the times each test gives.

- ``History`` writes the rows directly (referral, offer, event, referral_need,
  note), in Helsinki wall-clock time, so the figures and privacy tests can
  count what to expect by hand; it also writes the directory and the staff.
- ``run`` makes a history with the real referral operations instead: one
  operation by one person in its own transaction, as a request runs it, at the
  ``now=`` it is given. ``Network`` is a small guidance network (built by
  ``History``) whose referrals go through ``run``, for the follow-up and
  webhook tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from flask import Flask
from sqlmodel import Session

import routing.accounts.auth as auth
import routing.referrals.operations as operations
from routing.accounts.models import User
from routing.core import db
from routing.core.clock import utcnow
from routing.directory.models import (
    Attribute,
    Language,
    Organization,
    Ring,
    RingMember,
    Service,
    ServiceArea,
    TaxonomyTerm,
)
from routing.matcher.loading import route_now
from routing.referrals.models import (
    Event,
    Note,
    NoteCreate,
    Offer,
    OfferCreate,
    OfferDecline,
    Referral,
    ReferralClose,
    ReferralCreate,
    ReferralNeed,
    first_owner_columns,
)

T = TypeVar("T")
HELSINKI = ZoneInfo("Europe/Helsinki")
PASSWORD = "correct horse battery"
_numbers = count(1)  # one sequence per test process: ids never collide, even from two Histories


def hki(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A Helsinki wall-clock time as an aware UTC datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=HELSINKI).astimezone(UTC)


class History:
    def __init__(self, session: Session) -> None:
        self.s = session
        self._n = _numbers
        self._terms: dict[str, str] = {}

    # --- the directory and staff -------------------------------------------

    def org(self, name: str) -> Organization:
        org = Organization(id=f"org-{next(self._n)}", name=name)
        self.s.add(org)
        self.s.flush()
        return org

    def user(
        self,
        org: Organization,
        role: str = "counsellor",
        email: str | None = None,
        *,
        can_log_in: bool = False,
        name: str | None = None,
        language: str | None = None,
    ) -> User:
        """A staff account; with ``can_log_in`` it has the password ``PASSWORD`` (hashing is slow)."""
        email = email or f"user{next(self._n)}@example.fi"
        password = PASSWORD if can_log_in else None
        return auth.add_user(self.s, email, org.id, role, password, name=name or email.split("@")[0], language=language)

    def token(self, user: User) -> str:
        return auth.create_token(self.s, user)

    def ring(self, name: str, *orgs: Organization) -> Ring:
        ring = Ring(id=f"ring-{next(self._n)}", name=name)
        self.s.add(ring)
        self.s.flush()
        for org in orgs:
            self.s.add(RingMember(ring_id=ring.id, organization_id=org.id))
        self.s.flush()
        return ring

    def term(self, code: str) -> str:
        if code not in self._terms:
            term = TaxonomyTerm(id=f"term-{code}", code=code, name=code)
            self.s.add(term)
            self.s.flush()
            self._terms[code] = term.id
        return self._terms[code]

    def service(
        self,
        org: Organization,
        name: str,
        *,
        needs: tuple[str, ...] = (),
        areas: tuple[str, ...] = (),
        languages: tuple[str, ...] = (),
        minimum_age: float | None = None,
        maximum_age: float | None = None,
        status: str = "active",
    ) -> Service:
        service = Service(
            id=f"svc-{next(self._n)}",
            organization_id=org.id,
            name=name,
            status=status,
            minimum_age=minimum_age,
            maximum_age=maximum_age,
        )
        self.s.add(service)
        self.s.flush()
        for code in needs:
            self.s.add(
                Attribute(link_id=service.id, link_entity="service", link_type="need", taxonomy_term_id=self.term(code))
            )
        for extent in areas:
            self.s.add(ServiceArea(service_id=service.id, extent=extent, extent_type="text", name=extent))
        for lang in languages:
            self.s.add(Language(service_id=service.id, code=lang, name=lang))
        self.s.flush()
        return service

    # --- referrals -----------------------------------------------------------

    def event(
        self,
        ref: Referral,
        at: datetime,
        kind: str,
        from_state: str | None,
        to_state: str | None,
        *,
        actor: User | None = None,
        reason: str | None = None,
        offer: Offer | None = None,
        org_id: str | None = None,
    ) -> Event:
        event = Event(
            referral_id=ref.id,
            at=at,
            actor_id=actor.id if actor else None,
            kind=kind,
            from_state=from_state,
            to_state=to_state,
            reason=reason,
            offer_id=offer.id if offer else None,
            organization_id=org_id,
        )
        self.s.add(event)
        self.s.flush()
        return event

    def referral(
        self,
        at: datetime,
        front_door: Organization,
        *,
        channel: str = "desk",
        municipality: str | None = "245",
        needs: tuple[str, ...] = ("employment",),
        unmet: tuple[str, ...] = (),
        question: str | None = "Tarvitsen apua työnhakuun, olen Matti 040 123 4567",
        contact: str | None = "matti@example.fi",
        consent: bool = True,
        age: int | None = 24,
    ) -> Referral:
        ref = Referral(
            id=f"ref-{next(self._n):04d}",
            state="open",
            holder_id=front_door.id,
            front_door_id=front_door.id,
            channel=channel,
            question=question,
            client_contact=contact,
            municipality=municipality,
            age=age,
            language="fi",
            consent=consent,
            route_result={"needs": [{"code": n, "evidence": ["työnhakuun"]} for n in needs], "candidates": []},
            created_at=at,
            updated_at=at,
        )
        self.s.add(ref)
        self.s.flush()
        for need in needs:
            self.s.add(ReferralNeed.of(ref, need, need in unmet))
        self.event(ref, at, "opened", None, "open", org_id=front_door.id)
        return ref

    def offer(self, ref: Referral, at: datetime, org: Organization | None = None, *, ring: Ring | None = None) -> Offer:
        offer = Offer(
            id=f"offer-{next(self._n)}",
            referral_id=ref.id,
            organization_id=org.id if org else None,
            ring_id=ring.id if ring else None,
            state="pending",
            created_at=at,
        )
        self.s.add(offer)
        before = ref.state
        ref.state = "offered"
        self.s.flush()
        self.event(ref, at, "offered", before, "offered", offer=offer, org_id=offer.organization_id)
        return offer

    def decline(self, offer: Offer, at: datetime, reason: str, by: User | None = None, note: str | None = None) -> None:
        ref = self.s.get(Referral, offer.referral_id)
        assert ref is not None
        offer.state, offer.reason, offer.note, offer.decided_at = "declined", reason, note, at
        offer.decided_by_id = by.id if by else None
        self.s.flush()
        still_pending = [o for o in self._offers(ref) if o.state == "pending" and o.kind == "referral"]
        after = "offered" if still_pending else "open"
        before = ref.state
        ref.state = after
        self.event(
            ref, at, "declined", before, after, actor=by, reason=reason, offer=offer, org_id=offer.organization_id
        )

    def accept(self, offer: Offer, at: datetime, by: User) -> None:
        ref = self.s.get(Referral, offer.referral_id)
        assert ref is not None
        offer.state, offer.decided_at, offer.decided_by_id = "accepted", at, by.id
        for other in self._offers(ref):
            if other.id != offer.id and other.state == "pending":
                other.state = "withdrawn"
        before = ref.state
        # as accepting does (routing/referrals.py): the accepter owns it, their organisation holds it
        ref.state, ref.owner_id, ref.holder_id = "accepted", by.id, by.organization_id
        if ref.owned_at is None:  # the first owner only
            for name, value in first_owner_columns(ref.created_at, at, by.organization_id).items():
                setattr(ref, name, value)
        self.s.flush()
        self.event(ref, at, "accepted", before, "accepted", actor=by, offer=offer, org_id=by.organization_id)

    def handoff(self, ref: Referral, at: datetime, taken_at: datetime, to: User) -> Offer:
        """The owner hands the case on to ``to``, who accepts: owner and holder move, the first owner's columns stay."""
        offer = Offer(
            id=f"offer-{next(self._n)}",
            referral_id=ref.id,
            kind="handoff",
            organization_id=to.organization_id,
            to_user_id=to.id,
            state="accepted",
            created_at=at,
            decided_at=taken_at,
            decided_by_id=to.id,
        )
        self.s.add(offer)
        self.s.flush()
        self.event(ref, at, "handoff", "accepted", "accepted", offer=offer, org_id=to.organization_id)
        ref.owner_id, ref.holder_id = to.id, to.organization_id
        self.s.flush()
        self.event(ref, taken_at, "accepted", "accepted", "accepted", actor=to, offer=offer, org_id=to.organization_id)
        return offer

    def close(self, ref: Referral, at: datetime, outcome: str, by: User | None = None) -> None:
        before = ref.state
        for other in self._offers(ref):
            if other.state == "pending":
                other.state = "withdrawn"
        ref.state, ref.outcome, ref.closed_at = "closed", outcome, at
        self.s.flush()
        self.event(ref, at, "closed", before, "closed", actor=by, reason=outcome)

    def note(self, ref: Referral, at: datetime, by: User, text: str) -> Note:
        note = Note(referral_id=ref.id, author_id=by.id, at=at, text=text)
        self.s.add(note)
        self.s.flush()
        self.event(ref, at, "note", None, ref.state, actor=by)
        return note

    def _offers(self, ref: Referral) -> list[Offer]:
        from sqlmodel import select

        return list(self.s.exec(select(Offer).where(Offer.referral_id == ref.id)))


def can_log_in(app: Any, email: str) -> None:
    """Give the account the page tests' password (with the web tests' cheap hash)."""
    from sqlmodel import select

    from routing.core import db

    from .web.conftest import _password_hash

    with app.app_context(), db.transaction() as s:
        user = s.exec(select(User).where(User.email == email)).one()
        user.password_hash = _password_hash()


# --- histories made by the real operations ------------------------------------------


def run(app: Flask, user_id: int | None, operation: Callable[..., T], /, *args: Any, **kw: Any) -> T:
    """``operation`` by that user in its own transaction, as a request runs it; ``now=`` says when."""
    with app.app_context(), db.transaction() as s:
        return operation(s, s.get(User, user_id), *args, **kw)


def days_ago(n: float) -> datetime:
    return utcnow() - timedelta(days=n)


QUESTION = "Tarvitsen apua velkojen kanssa, Matti Meikäläinen 040 123 4567"
CONTACT = "matti.meikalainen@example.fi 040 123 4567"


@dataclass
class Network:
    """A library desk, an Ohjaamo and a school sharing a ring, and an organisation that follows nothing.

    Its referrals are opened at the library desk by ``desk``; every step is the real
    operation (``run``), at the time given (``at``; default: the real time).
    """

    app: Flask
    front_door: Organization  # a library desk
    ohjaamo: Organization
    school: Organization
    elsewhere: Organization  # follows nothing
    ring: Ring  # ohjaamo + school
    ohjaamo_service: Service
    school_service: Service
    desk: User  # front-desk at the library, Finnish
    library_admin: User  # org-admin at the library, Swedish
    ohjaamo_admin: User  # English
    ohjaamo_counsellor: User
    school_counsellor: User  # no language: Finnish mail
    elsewhere_admin: User

    def token(self, user: User) -> str:
        with self.app.app_context(), db.transaction() as s:
            return History(s).token(user)

    def open(self, *, at: datetime | None = None) -> Referral:
        return run(
            self.app,
            self.desk.id,
            operations.open_referral,
            ReferralCreate(
                question=QUESTION, consent=True, municipality="245", age=24, language="fi", client_contact=CONTACT
            ),
            route=route_now,
            channel="desk",
            now=at,
        )

    def offer(self, referral: Referral, to: Service | Ring, *, at: datetime | None = None) -> Offer:
        """The desk offers ``referral`` to a service's organisation or to a ring."""
        if isinstance(to, Ring):
            return run(self.app, self.desk.id, operations.offer, referral.id, OfferCreate(ring_id=to.id), now=at)
        return run(self.app, self.desk.id, operations.offer, referral.id, OfferCreate(service_id=to.id), now=at)

    def accept(self, offer: Offer, by: User, *, at: datetime | None = None) -> Referral:
        return run(self.app, by.id, operations.accept_offer, offer.id, now=at)

    def decline(self, offer: Offer, by: User, reason: str = "no-capacity", *, at: datetime | None = None) -> Referral:
        return run(self.app, by.id, operations.decline_offer, offer.id, OfferDecline(reason=reason), now=at)

    def note(self, referral: Referral, by: User, text: str, *, at: datetime | None = None) -> Note:
        return run(self.app, by.id, operations.add_note, referral.id, NoteCreate(text=text), now=at)

    def close(self, referral: Referral, by: User, outcome: str = "served", *, at: datetime | None = None) -> Referral:
        return run(self.app, by.id, operations.close_referral, referral.id, ReferralClose(outcome=outcome), now=at)


def build_network(app: Flask) -> Network:
    with app.app_context(), db.transaction() as s:
        h = History(s)
        lib, ohj, keuda = h.org("Keravan kirjasto"), h.org("Ohjaamo Kerava"), h.org("Keuda opinto-ohjaus")
        far = h.org("Muu verkosto")
        return Network(
            app=app,
            front_door=lib,
            ohjaamo=ohj,
            school=keuda,
            elsewhere=far,
            ring=h.ring("Puhelinrengas", ohj, keuda),
            ohjaamo_service=h.service(ohj, "Ohjaamon neuvonta"),
            school_service=h.service(keuda, "Opinto-ohjaus"),
            desk=h.user(lib, "front-desk", "desk@kirjasto.example.fi", name="Pirkko", language="fi"),
            library_admin=h.user(lib, "org-admin", "admin@kirjasto.example.fi", name="Stina", language="sv"),
            ohjaamo_admin=h.user(ohj, "org-admin", "admin@ohjaamo.example.fi", language="en"),
            ohjaamo_counsellor=h.user(ohj, "counsellor", "ohjaaja@ohjaamo.example.fi", language="fi"),
            school_counsellor=h.user(keuda, "counsellor", "opo@keuda.example.fi"),
            elsewhere_admin=h.user(far, "org-admin", "admin@muu.example.fi", language="fi"),
        )

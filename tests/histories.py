"""Hand-written referral histories for the figures and privacy tests.

Rows are written directly (referral, offer, event, referral_need, note) with
the times the test gives, in Helsinki wall-clock time, so a test can count the
expected figures by hand.
"""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

import routing.accounts.auth as auth
from routing.accounts.models import User
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
from routing.referrals.models import Event, Note, Offer, Referral, ReferralNeed, first_owner_columns

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
        self, org: Organization, role: str = "counsellor", email: str | None = None, *, can_log_in: bool = False
    ) -> User:
        """A staff account; with ``can_log_in`` it has the password ``PASSWORD`` (hashing is slow)."""
        email = email or f"user{next(self._n)}@example.fi"
        password = PASSWORD if can_log_in else None
        return auth.add_user(self.s, email, org.id, role, password, name=email.split("@")[0])

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

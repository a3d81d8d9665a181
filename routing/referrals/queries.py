"""The read side of referrals: the case file, the names it mentions, the ring queue and the inbox.

Every read of a case goes through here: the referral page, the API and the client's
export take the same ``CaseFile`` (referral, offers, events, notes, needs, names) and
show it through the public shapes of ``referrals.models`` (``ReferralPublic``...).
Nothing here writes, logs or decides who may see what (``permissions`` does).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, func, select

from routing.accounts.models import User
from routing.directory.models import Organization, Ring, Service
from routing.referrals.models import (
    Attachment,
    AttachmentPublic,
    EngineReading,
    Event,
    EventPublic,
    Message,
    MessagePublic,
    NeedPublic,
    Note,
    NotePublic,
    Offer,
    OfferInReferral,
    OfferPublic,
    OrganizationRef,
    PersonPublic,
    Referral,
    ReferralNeed,
    ReferralPublic,
    ReferralSummary,
    StaffSigned,
)
from routing.referrals.permissions import DECIDING_ROLES, pending_offers_for, viewer


@dataclass
class Names:
    """Display names of the organisations, rings, services and people a page mentions."""

    orgs: dict[str, str] = field(default_factory=dict)
    rings: dict[str, str] = field(default_factory=dict)
    services: dict[str, str] = field(default_factory=dict)
    users: dict[int, str] = field(default_factory=dict)  # display names
    people: dict[int, User] = field(default_factory=dict)

    def target(self, offer: Offer) -> str:
        """Where an offer went, in words: a ring, a person, or a service of an organisation."""
        if offer.ring_id:
            return self.rings.get(offer.ring_id, offer.ring_id)
        parts = []
        if offer.to_user_id:
            parts.append(self.users.get(offer.to_user_id, str(offer.to_user_id)))
        if offer.service_id:
            parts.append(self.services.get(offer.service_id, offer.service_id))
        if offer.organization_id:
            parts.append(self.orgs.get(offer.organization_id, offer.organization_id))
        return ", ".join(parts)


def user_name(user: User) -> str:
    return f"{user.name} ({user.email})" if user.name else user.email


def names_for(
    session: Session,
    *,
    orgs: Iterable[str | None] = (),
    rings: Iterable[str | None] = (),
    services: Iterable[str | None] = (),
    users: Iterable[int | None] = (),
) -> Names:
    org_ids = {o for o in orgs if o}
    ring_ids = {r for r in rings if r}
    service_ids = {s for s in services if s}
    user_ids = {u for u in users if u}
    found = Names()
    if org_ids:
        found.orgs = dict(
            session.exec(select(Organization.id, Organization.name).where(col(Organization.id).in_(org_ids))).all()
        )
    if ring_ids:
        found.rings = dict(session.exec(select(Ring.id, Ring.name).where(col(Ring.id).in_(ring_ids))).all())
    if service_ids:
        found.services = dict(
            session.exec(select(Service.id, Service.name).where(col(Service.id).in_(service_ids))).all()
        )
    if user_ids:
        for person in session.exec(select(User).where(col(User.id).in_(user_ids))):
            assert person.id is not None
            found.users[person.id] = user_name(person)
            found.people[person.id] = person
    return found


def needs_of(session: Session, referral_ids: Iterable[str]) -> dict[str, list[ReferralNeed]]:
    """Each referral's needs, in code order."""
    ids = list(referral_ids)
    needs: dict[str, list[ReferralNeed]] = {i: [] for i in ids}
    if ids:
        query = select(ReferralNeed).where(col(ReferralNeed.referral_id).in_(ids)).order_by(col(ReferralNeed.need))
        for row in session.exec(query):
            needs[row.referral_id].append(row)
    return needs


# the most rows one list of the ring or inbox page shows at a time
PER_PAGE = 50

Query = TypeVar("Query", bound="Select[*tuple[Any, ...]]")


@dataclass
class Paging:
    """Where a list stands: page ``number`` of ``pages`` (from 1), ``total`` rows in all."""

    param: str  # the list's own query parameter: ?offers=2&mine=1 moves each list alone
    number: int = 1
    pages: int = 1
    total: int = 0


def paged(session: Session, query: Query, param: str, number: int) -> tuple[Query, Paging]:
    """The ordered ``query`` cut to one page, counted in SQL; a page past the end is the last page."""
    # COUNT + LIMIT/OFFSET rather than keyset: the pager says "page 3 of 25", an address with a page
    # number past the end can show the last page, and these lists are working queues (pending
    # offers, open cases: thousands of rows at most, on indexed columns), where an OFFSET is cheap.
    total = session.exec(select(func.count()).select_from(query.order_by(None).subquery())).one()
    pages = max(1, -(-total // PER_PAGE))
    number = min(max(1, number), pages)
    return query.offset((number - 1) * PER_PAGE).limit(PER_PAGE), Paging(param, number, pages, total)


@dataclass
class Listing:
    """Offers and referrals for a list page, with the names and needs they mention."""

    offers: list[tuple[Offer, Referral]]
    referrals: list[Referral]
    names: Names
    needs: dict[str, list[str]]
    paging: Paging | None = None  # None: not paged (a short list of its own limit)


def _listing(
    session: Session, offers: list[tuple[Offer, Referral]], cases: list[Referral], paging: Paging | None = None
) -> Listing:
    everything = [r for _o, r in offers] + cases
    names = names_for(
        session,
        orgs=[r.front_door_id for r in everything]
        + [r.holder_id for r in everything]
        + [o.organization_id for o, _r in offers],
        rings=[o.ring_id for o, _r in offers],
        services=[o.service_id for o, _r in offers],
        users=[r.owner_id for r in everything]
        + [o.created_by_id for o, _r in offers]
        + [r.contact_user_id for r in everything],
    )
    needs = {rid: [n.need for n in rows] for rid, rows in needs_of(session, {r.id for r in everything}).items()}
    return Listing(offers, cases, names, needs, paging)


def ring_queue(session: Session, user: User, page: int = 1) -> tuple[list[Ring], Listing]:
    """A page of the pending offers to the user's rings, oldest case first."""
    v = viewer(session, user)
    rings = (
        list(session.exec(select(Ring).where(col(Ring.id).in_(v.ring_ids)).order_by(Ring.name))) if v.ring_ids else []
    )
    offers: list[tuple[Offer, Referral]] = []
    paging = Paging("page")
    if v.ring_ids:
        query, paging = paged(
            session,
            select(Offer, Referral)
            .join(Referral, col(Referral.id) == Offer.referral_id)
            .where(col(Offer.state) == "pending", col(Offer.ring_id).in_(v.ring_ids))
            .order_by(col(Referral.created_at), col(Offer.created_at), col(Offer.id)),
            "page",
            page,
        )
        offers = [(o, r) for o, r in session.exec(query)]
    return rings, _listing(session, offers, [], paging)


# the inbox's paged lists, each its own query parameter
INBOX_LISTS = ("offers", "mine", "returned")


@dataclass
class Inbox:
    offers: Listing  # pending offers the user may decide
    mine: Listing  # cases the user owns
    returned: Listing  # held by the organisation, open again: to be offered anew
    sent: Listing  # opened at the organisation's door, recently

    def positions(self) -> dict[str, int]:
        """The page each paged list is at now (for links that move one list and keep the others)."""
        return {p.param: p.number for p in (self.offers.paging, self.mine.paging, self.returned.paging) if p}


def inbox_of(session: Session, user: User, pages: Mapping[str, int] | None = None, sent_limit: int = 20) -> Inbox:
    """The inbox's lists, a page of each (``pages``: list name → page number, 1 if not given)."""
    v = viewer(session, user)
    at = pages or {}
    offers: list[tuple[Offer, Referral]] = []
    offers_paging = Paging("offers")
    if user.role in DECIDING_ROLES:
        query, offers_paging = paged(
            session,
            select(Offer, Referral)
            .join(Referral, col(Referral.id) == Offer.referral_id)
            .where(pending_offers_for(v))
            .order_by(col(Offer.created_at), col(Offer.id)),
            "offers",
            at.get("offers", 1),
        )
        offers = [(o, r) for o, r in session.exec(query)]
    mine, mine_paging = paged(
        session,
        select(Referral)
        .where(col(Referral.owner_id) == user.id, col(Referral.state) == "accepted")
        .order_by(col(Referral.updated_at), col(Referral.id)),
        "mine",
        at.get("mine", 1),
    )
    returned, returned_paging = paged(
        session,
        select(Referral).where(*_returned_to(user)).order_by(col(Referral.created_at), col(Referral.id)),
        "returned",
        at.get("returned", 1),
    )
    sent = list(
        session.exec(
            select(Referral)
            .where(col(Referral.front_door_id) == user.organization_id)
            .order_by(col(Referral.created_at).desc())
            .limit(sent_limit)
        )
    )
    return Inbox(
        _listing(session, offers, [], offers_paging),
        _listing(session, [], list(session.exec(mine)), mine_paging),
        _listing(session, [], list(session.exec(returned)), returned_paging),
        _listing(session, [], sent),
    )


def _returned_to(user: User) -> tuple[ColumnElement[bool], ...]:
    """Open cases the user's organisation holds: declined or expired back to it, to be offered again."""
    return (col(Referral.holder_id) == user.organization_id, col(Referral.state) == "open")


def returned_count(session: Session, user: User) -> int:
    """How many cases the user's organisation holds open: back with it, to be offered again (the desk's count)."""
    query = select(func.count()).select_from(Referral).where(*_returned_to(user))
    return int(session.exec(query).one())


def tried_targets(session: Session, referral_ids: list[str]) -> dict[str, set[str]]:
    """For each referral, the targets already offered (``service:<id>``, ``ring:<id>``): no one-click offer again."""
    tried: dict[str, set[str]] = {rid: set() for rid in referral_ids}
    if referral_ids:
        rows = session.exec(
            select(Offer.referral_id, Offer.service_id, Offer.ring_id).where(col(Offer.referral_id).in_(referral_ids))
        )
        for rid, service_id, ring_id in rows:
            tried[rid].add(f"service:{service_id}" if service_id else f"ring:{ring_id}")
    return tried


def taken_by(session: Session, offer_id: str) -> str | None:
    """Who owns the referral of this offer now (for "already taken by …")."""
    row = session.exec(
        select(User)
        .join(Referral, col(Referral.owner_id) == User.id)
        .join(Offer, col(Offer.referral_id) == Referral.id)
        .where(col(Offer.id) == offer_id)
    ).first()
    return user_name(row) if row else None


# --- the case file ------------------------------------------------------------------------


@dataclass
class CaseFile:
    """Everything stored about one referral, read once, with the names it mentions."""

    referral: Referral
    offers: list[Offer]
    events: list[Event]
    notes: list[Note]
    needs: list[ReferralNeed]
    names: Names
    # False: the reader keeps the history only (``permissions.may_read_content``): no question,
    # contact, notes, offer notes or route
    content: bool = True

    @property
    def owner(self) -> User | None:
        owner_id = self.referral.owner_id
        return self.names.people.get(owner_id) if owner_id is not None else None


def holds_personal_data(session: Session, referral: Referral) -> bool:
    """Whether the referral keeps any of its client's words (question, contact or a note): showing it
    to someone who may read them is a read of personal data."""
    if referral.question is not None or referral.client_contact is not None:
        return True
    return session.exec(select(Note.id).where(col(Note.referral_id) == referral.id).limit(1)).first() is not None


def case_file(
    session: Session, referral: Referral, *, also_users: Iterable[int | None] = (), content: bool = True
) -> CaseFile:
    """The referral's offers, events, notes and needs, oldest first, and the names of everyone and
    everything they mention (``also_users``: people named elsewhere, e.g. in the access log).

    ``content=False``: the history only, for a reader who may not read the client's words."""
    of_this = referral.id
    offers = list(
        session.exec(
            select(Offer).where(col(Offer.referral_id) == of_this).order_by(col(Offer.created_at), col(Offer.id))
        )
    )
    events = list(
        session.exec(select(Event).where(col(Event.referral_id) == of_this).order_by(col(Event.at), col(Event.id)))
    )
    notes = (
        list(session.exec(select(Note).where(col(Note.referral_id) == of_this).order_by(col(Note.at), col(Note.id))))
        if content
        else []
    )
    names = names_for(
        session,
        orgs=[
            referral.holder_id,
            referral.front_door_id,
            *(o.organization_id for o in offers),
            *(e.organization_id for e in events),
        ],
        rings=[o.ring_id for o in offers],
        services=[o.service_id for o in offers],
        users=[
            referral.owner_id,
            referral.contact_user_id,
            *(o.to_user_id for o in offers),
            *(o.created_by_id for o in offers),
            *(o.decided_by_id for o in offers),
            *(e.actor_id for e in events),
            *(n.author_id for n in notes),
            *also_users,
        ],
    )
    return CaseFile(referral, offers, events, notes, needs_of(session, [of_this])[of_this], names, content)


# --- public shapes ----------------------------------------------------------------------------


def _org(org_id: str, names: Names) -> OrganizationRef:
    return OrganizationRef(id=org_id, name=names.orgs.get(org_id))


def _person(user: User | None) -> PersonPublic | None:
    return None if user is None else PersonPublic(id=user.id, email=user.email, name=user.name)


def _needs(rows: list[ReferralNeed]) -> list[NeedPublic]:
    return [NeedPublic(need=n.need, unmet=n.unmet) for n in rows]


def offer_public(offer: Offer) -> OfferPublic:
    return OfferPublic.model_validate(offer, from_attributes=True)


def _engine_reading(r: Referral) -> EngineReading | None:
    if r.engine_needs is None:
        return None
    return EngineReading(
        needs=list(r.engine_needs), municipality=r.engine_municipality, age=r.engine_age, language=r.engine_language
    )


def referral_public(case: CaseFile) -> ReferralPublic:
    """The case as the API answers it (shared/CONTRACT.md "Referral")."""
    r = case.referral
    words = case.content  # the client's words and the notes, or the history only
    offers = [OfferInReferral.model_validate(o, from_attributes=True) for o in case.offers]
    if not words:
        offers = [o.model_copy(update={"note": None}) for o in offers]
    return ReferralPublic(
        id=r.id,
        code=r.code,
        channel=r.channel,
        state=r.state,
        holder=_org(r.holder_id, case.names),
        owner=_person(case.owner),
        contact_user_id=r.contact_user_id,
        question=r.question if words else None,
        municipality=r.municipality,
        age=r.age,
        language=r.language,
        offers=offers,
        events=[EventPublic.model_validate(e, from_attributes=True) for e in case.events],
        created_at=r.created_at,
        updated_at=r.updated_at,
        front_door=_org(r.front_door_id, case.names),
        consent=r.consent,
        client_contact=r.client_contact if words else None,
        needs_rerouting=r.needs_rerouting,
        outcome=r.outcome,
        owned_at=r.owned_at,
        closed_at=r.closed_at,
        needs=_needs(case.needs),
        engine_needs=r.engine_needs,
        needs_corrected=r.needs_corrected,
        engine_reading=_engine_reading(r) if words else None,  # the place and age read are the client's
        route=r.route_result if words else None,
        notes=[NotePublic.model_validate(n, from_attributes=True) for n in case.notes],
    )


def summaries(session: Session, referrals: list[Referral]) -> list[ReferralSummary]:
    """List items: no question, contact or notes (so a list is not a read of personal data)."""
    names = names_for(session, orgs=[r.holder_id for r in referrals], users=[r.owner_id for r in referrals])
    needs = needs_of(session, [r.id for r in referrals])
    return [
        ReferralSummary(
            id=r.id,
            code=r.code,
            channel=r.channel,
            state=r.state,
            holder=_org(r.holder_id, names),
            owner=_person(names.people.get(r.owner_id) if r.owner_id is not None else None),
            contact_user_id=r.contact_user_id,
            municipality=r.municipality,
            age=r.age,
            language=r.language,
            needs=_needs(needs[r.id]),
            engine_needs=r.engine_needs,
            needs_corrected=r.needs_corrected,
            needs_rerouting=r.needs_rerouting,
            outcome=r.outcome,
            created_at=r.created_at,
            updated_at=r.updated_at,
        )
        for r in referrals
    ]


# --- the thread with the client ------------------------------------------------------------------


def first_name(user: User | None) -> str | None:
    """How a counsellor is named to the client: the first name only (never the e-mail)."""
    if user is None or not user.name:
        return None
    return user.name.split()[0]


@dataclass
class Thread:
    messages: list[Message]
    attachments: dict[int, list[Attachment]]  # by message id
    names: Names

    def public(self) -> list[MessagePublic]:
        """The thread as the API and the client's page show it: staff signed with a first name and organisation."""
        shown = []
        for m in self.messages:
            signed = None
            if m.staff_id is not None:
                person = self.names.people.get(m.staff_id)
                org = self.names.orgs.get(person.organization_id) if person else None
                signed = StaffSigned(name=first_name(person), organisation=org)
            assert m.id is not None
            shown.append(
                MessagePublic(
                    id=m.id,
                    author=m.author,
                    staff=signed,
                    at=m.at,
                    body=m.body,
                    attachments=[
                        AttachmentPublic.model_validate(a, from_attributes=True) for a in self.attachments[m.id]
                    ],
                )
            )
        return shown


def thread_of(session: Session, referral_id: str) -> Thread:
    """The referral's messages, oldest first, with their files and the writers' names and organisations."""
    messages = list(
        session.exec(
            select(Message).where(col(Message.referral_id) == referral_id).order_by(col(Message.at), col(Message.id))
        )
    )
    files: dict[int, list[Attachment]] = {m.id: [] for m in messages if m.id is not None}
    query = select(Attachment).where(col(Attachment.referral_id) == referral_id).order_by(col(Attachment.filename))
    for a in session.exec(query):
        files.setdefault(a.message_id, []).append(a)
    names = names_for(session, users=[m.staff_id for m in messages])
    names.orgs = names_for(session, orgs=[p.organization_id for p in names.people.values()]).orgs
    return Thread(messages, files, names)


def waiting_for_reply(session: Session, referral_ids: Iterable[str]) -> set[str]:
    """Of these referrals, those whose thread's last message is the client's (the inbox marks them)."""
    ids = list(referral_ids)
    if not ids:
        return set()
    last = (
        select(Message.referral_id, func.max(Message.id).label("last"))
        .where(col(Message.referral_id).in_(ids))
        .group_by(col(Message.referral_id))
        .subquery()
    )
    rows = session.exec(
        select(Message.referral_id).join(last, col(Message.id) == last.c.last).where(col(Message.author) == "client")
    )
    return set(rows.all())


def attachment_of(session: Session, referral_id: str, attachment_id: str) -> Attachment | None:
    """One file of the referral's thread (None when it is not this referral's)."""
    found = session.get(Attachment, attachment_id) if 0 < len(attachment_id) <= 64 else None
    return found if found is not None and found.referral_id == referral_id else None

"""The ring queue, the inbox, the referral page and the buttons on them.

Each POST parses its form, calls one operation of ``routing.referrals``,
commits, and redirects back with a message. A refused operation is told in
words (a lost claim: "already taken by …"); what the user's organisation
may not see answers the 404 page, exactly as if it did not exist. The ring
queue and the inbox's lists come a page of ``PER_PAGE`` rows at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import Select
from sqlmodel import Session, col, func, select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

import routing.referrals.operations as referrals
from routing.accounts.models import User
from routing.core import db
from routing.core.errors import Conflict, Forbidden, NotFound, OperationError
from routing.directory.models import Organization, Ring, Service
from routing.privacy.access import log_access
from routing.referrals.desk import contact_by, rings_with_members, service_contacts
from routing.referrals.models import Event, Note, Offer, Referral, ReferralNeed
from routing.referrals.permissions import DECIDING_ROLES, offer_is_for, pending_offers_for, viewer
from routing.web.forms import ActionForm, CloseForm, DeclineForm, HandoffForm, NoteForm
from routing.web.navigation import role_required
from routing.web.views import bp

# what the page says when an operation is refused, by action and status
REFUSED: dict[tuple[str, int], Any] = {
    ("accept", 409): _l("Someone else took this case first."),
    ("accept", 422): _l("This offer can no longer be accepted: it was withdrawn, declined or expired."),
    ("decline", 409): _l("Someone else took this case first: there is nothing to decline."),
    ("decline", 422): _l("This offer can no longer be declined: it was withdrawn, accepted or expired."),
    ("offer", 409): _l("The case is already offered there and waiting for an answer."),
    ("offer", 422): _l("The case can no longer be offered: someone owns it or it is closed."),
    ("offer", 400): _l("That service cannot take offers now (it may be temporarily closed). Choose another."),
    ("handoff", 409): _l("A handoff to the same place is already waiting for an answer."),
    ("handoff", 422): _l("Only a case someone owns can be handed on."),
    ("handoff", 400): _l("That person or service cannot take the case. Choose another."),
    ("note", 422): _l("Notes can be written only while the case is owned."),
    ("close", 422): _l("The case is already closed."),
}
GENERIC_REFUSAL = _l("That could not be done. Reload the page to see the case as it is now.")


# --- page data ------------------------------------------------------------------


@dataclass
class Names:
    """Display names of the organisations, rings, services and people a page mentions."""

    orgs: dict[str, str] = field(default_factory=dict)
    rings: dict[str, str] = field(default_factory=dict)
    services: dict[str, str] = field(default_factory=dict)
    users: dict[int, str] = field(default_factory=dict)

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
    return found


def needs_of(session: Session, referral_ids: Iterable[str]) -> dict[str, list[str]]:
    ids = list(referral_ids)
    needs: dict[str, list[str]] = {i: [] for i in ids}
    if ids:
        for rid, need in session.exec(
            select(ReferralNeed.referral_id, ReferralNeed.need).where(col(ReferralNeed.referral_id).in_(ids))
        ):
            needs[rid].append(need)
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
    return Listing(offers, cases, names, needs_of(session, {r.id for r in everything}), paging)


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
        select(Referral)
        .where(col(Referral.holder_id) == user.organization_id, col(Referral.state) == "open")
        .order_by(col(Referral.created_at), col(Referral.id)),
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


def taken_by(session: Session, offer_id: str) -> str | None:
    """Who owns the referral of this offer now (for "already taken by …")."""
    row = session.exec(
        select(User)
        .join(Referral, col(Referral.owner_id) == User.id)
        .join(Offer, col(Offer.referral_id) == Referral.id)
        .where(col(Offer.id) == offer_id)
    ).first()
    return user_name(row) if row else None


# --- pages ----------------------------------------------------------------------


def requested_page(param: str) -> int:
    """The page number the address asks for; anything but a number is the first page."""
    try:
        return int(request.args.get(param, 1))
    except ValueError:  # also a number too long to read
        return 1


@bp.app_template_global()
def page_url(endpoint: str, positions: Mapping[str, int], param: str | None = None, number: int = 1) -> str:
    """The list page with the list ``param`` moved to page ``number`` and the other lists where they are
    (without ``param``: the page as it is, e.g. for a button to come back to)."""
    at = {**positions, param: number} if param else positions
    query: dict[str, Any] = {name: n for name, n in at.items() if n > 1}  # page 1 is the bare address
    return url_for(endpoint, **query)


@bp.get("/ring")
@role_required(*DECIDING_ROLES)
def ring() -> str:
    s = db.read_session()
    rings, listing = ring_queue(s, current_user.user, requested_page("page"))
    return render_template("referrals/ring.html", rings=rings, queue=listing, form=ActionForm())


@bp.get("/inbox")
@role_required()
def inbox() -> str:
    s = db.read_session()
    box = inbox_of(s, current_user.user, {name: requested_page(name) for name in INBOX_LISTS})
    return render_template(
        "referrals/inbox.html",
        box=box,
        positions=box.positions(),
        action=ActionForm(),
        decline=DeclineForm(),
        note=NoteForm(),
        close=CloseForm(),
        may_decide=current_user.user.role in DECIDING_ROLES,
    )


def _visible(referral_id: str) -> Referral:
    try:
        _v, referral = referrals.get_visible(db.read_session(), current_user.user, referral_id)
    except NotFound:
        abort(404)
    return referral


@bp.get("/referrals/<referral_id>")
@role_required()
def referral_page(referral_id: str) -> str:
    user = current_user.user
    referral = _visible(referral_id)
    # the client data act: every read of the client's data is recorded
    s = db.session()
    log_access(s, referral.id, user.id, "page")
    s.commit()
    read = db.read_session()
    v = viewer(read, user)
    offers = list(read.exec(select(Offer).where(col(Offer.referral_id) == referral.id).order_by(col(Offer.created_at))))
    events = list(
        read.exec(select(Event).where(col(Event.referral_id) == referral.id).order_by(col(Event.at), col(Event.id)))
    )
    notes = list(read.exec(select(Note).where(col(Note.referral_id) == referral.id).order_by(col(Note.at))))
    names = names_for(
        read,
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
            *(e.actor_id for e in events),
            *(n.author_id for n in notes),
        ],
    )
    mine_to_decide = [o for o in offers if o.state == "pending" and user.role in DECIDING_ROLES and offer_is_for(v, o)]
    is_owner = referral.owner_id == user.id and referral.state == "accepted"
    is_holder = referral.holder_id == user.organization_id
    handoff = HandoffForm()
    handoff.to.choices = handoff_choices(read, referral, user) if is_owner else []
    return render_template(
        "referrals/referral.html",
        referral=referral,
        offers=offers,
        offers_by_id={o.id: o for o in offers},
        events=events,
        notes=notes,
        names=names,
        needs=needs_of(read, [referral.id])[referral.id],
        to_decide=mine_to_decide,
        is_owner=is_owner,
        may_offer=is_holder and referral.state in ("open", "offered"),
        may_close=is_holder
        and referral.state != "closed"
        and (referral.owner_id in (None, user.id) or user.role == "org-admin"),
        candidates=(referral.route_result or {}).get("candidates", []),
        rings=rings_with_members(read) if is_holder else [],
        action=ActionForm(),
        decline=DeclineForm(),
        note=NoteForm(),
        close=CloseForm(),
        handoff=handoff,
    )


def handoff_choices(session: Session, referral: Referral, user: User) -> list[SelectChoice]:
    """Where the owner may hand the case: colleagues who can own cases, and the route's other services."""
    choices: list[SelectChoice] = []
    colleagues = session.exec(
        select(User)
        .where(
            col(User.organization_id) == user.organization_id,
            col(User.id) != user.id,
            col(User.active).is_(True),
            col(User.role).in_(DECIDING_ROLES),
        )
        .order_by(User.email)
    )
    choices += [SelectChoice(f"user:{c.id}", _("Colleague: %(name)s", name=user_name(c))) for c in colleagues]
    for c in (referral.route_result or {}).get("candidates", []):
        if isinstance(c, dict) and c.get("service_id"):
            label = _("Service: %(service)s, %(org)s", service=c.get("service_name"), org=c.get("organization_name"))
            choices.append(SelectChoice(f"service:{c['service_id']}", label))
    return choices


@bp.get("/referrals/<referral_id>/receipt")
@role_required()
def receipt(referral_id: str) -> str:
    referral = _visible(referral_id)
    s = db.read_session()
    offer = s.exec(
        select(Offer).where(col(Offer.referral_id) == referral.id).order_by(col(Offer.created_at).desc())
    ).first()
    names = names_for(
        s,
        orgs=[offer.organization_id if offer else None, referral.front_door_id],
        rings=[offer.ring_id if offer else None],
        services=[offer.service_id if offer else None],
    )
    return render_template(
        "referrals/receipt.html",
        referral=referral,
        offer=offer,
        names=names,
        by=contact_by(offer.created_at if offer else referral.created_at),
        contacts=service_contacts(s, offer.service_id) if offer and offer.service_id else {},
    )


# --- actions --------------------------------------------------------------------


def _back(default: str) -> str:
    target = request.form.get("next", "")
    if target.startswith("/") and not target.startswith("//") and not target.startswith("/\\"):
        return target
    return default


def _refused(exc: OperationError, action: str) -> None:
    """Say in words why it did not work; what may not be seen is a 404, what may not be done a 403."""
    db.session().rollback()
    if isinstance(exc, NotFound):
        abort(404)
    if isinstance(exc, Forbidden):
        abort(403)
    flash(str(REFUSED.get((action, exc.status), GENERIC_REFUSAL)), "error")


@bp.post("/offers/<offer_id>/accept")
@role_required(*DECIDING_ROLES)
def accept(offer_id: str) -> Response:
    if not ActionForm().validate_on_submit():
        abort(400)
    s = db.session()
    try:
        referral = referrals.accept_offer(s, current_user.user, offer_id)
        s.commit()
    except Conflict:
        s.rollback()
        who = taken_by(db.read_session(), offer_id)
        if who:
            flash(_("Already taken by %(name)s. Nothing for you to do.", name=who), "warning")
        else:
            flash(str(REFUSED[("accept", 409)]), "warning")
        return redirect(_back(url_for("web.inbox")))
    except OperationError as exc:
        _refused(exc, "accept")
        return redirect(_back(url_for("web.inbox")))
    flash(_("The case is yours now. Contact the client."), "ok")
    return redirect(url_for("web.referral_page", referral_id=referral.id))


@bp.post("/offers/<offer_id>/decline")
@role_required(*DECIDING_ROLES)
def decline(offer_id: str) -> Response:
    form = DeclineForm()
    if not form.validate_on_submit():
        abort(400)
    s = db.session()
    try:
        referrals.decline_offer(s, current_user.user, offer_id, form.reason.data, form.note.data or None)
        s.commit()
    except OperationError as exc:
        _refused(exc, "decline")
    else:
        flash(_("Declined. The case went back to the organisation that sent it, to be offered elsewhere."), "ok")
    return redirect(_back(url_for("web.inbox")))


@bp.post("/referrals/<referral_id>/offers")
@role_required()
def offer_again(referral_id: str) -> Response:
    form = ActionForm()
    target = request.form.get("target", "")
    kind, _sep, target_id = target.partition(":")
    if not form.validate_on_submit() or kind not in ("service", "ring") or not target_id:
        abort(400)
    s = db.session()
    try:
        if kind == "service":
            referrals.offer_to_service(s, current_user.user, referral_id, target_id)
        else:
            referrals.offer_to_ring(s, current_user.user, referral_id, target_id)
        s.commit()
    except OperationError as exc:
        _refused(exc, "offer")
    else:
        flash(_("Offered. You see here when someone accepts it."), "ok")
    return redirect(url_for("web.referral_page", referral_id=referral_id))


@bp.post("/referrals/<referral_id>/notes")
@role_required()
def add_note(referral_id: str) -> Response:
    form = NoteForm()
    if not form.validate_on_submit():
        flash(_("Write the note before saving it."), "error")
        return redirect(_back(url_for("web.referral_page", referral_id=referral_id)))
    s = db.session()
    try:
        referrals.add_note(s, current_user.user, referral_id, form.text.data)
        s.commit()
    except OperationError as exc:
        _refused(exc, "note")
    else:
        flash(_("Note saved."), "ok")
    return redirect(_back(url_for("web.referral_page", referral_id=referral_id)))


@bp.post("/referrals/<referral_id>/close")
@role_required()
def close(referral_id: str) -> Response:
    form = CloseForm()
    if not form.validate_on_submit():
        abort(400)
    s = db.session()
    try:
        referrals.close_referral(s, current_user.user, referral_id, form.outcome.data)
        s.commit()
    except OperationError as exc:
        _refused(exc, "close")
    else:
        flash(_("The case is closed."), "ok")
    return redirect(_back(url_for("web.referral_page", referral_id=referral_id)))


@bp.post("/referrals/<referral_id>/handoff")
@role_required(*DECIDING_ROLES)
def handoff(referral_id: str) -> Response:
    form = HandoffForm()
    kind, _sep, target_id = (form.to.data or "").partition(":")
    if not form.validate_on_submit() or kind not in ("service", "user") or not target_id:
        abort(400)
    s = db.session()
    try:
        if kind == "service":
            referrals.propose_handoff(s, current_user.user, referral_id, service_id=target_id)
        else:
            if not target_id.isdigit():
                abort(400)
            referrals.propose_handoff(s, current_user.user, referral_id, user_id=int(target_id))
        s.commit()
    except OperationError as exc:
        _refused(exc, "handoff")
    else:
        flash(_("Handoff proposed. You own the case until they accept it."), "ok")
    return redirect(url_for("web.referral_page", referral_id=referral_id))

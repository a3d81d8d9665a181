"""The referral lifecycle: open, offer, accept, decline, expire, hand off, note, close.

Plain functions over a session (Indico's ``operations.py`` habit). Each one checks
what the user's organisation may see and do, changes state, appends exactly one
event through ``events.record`` and never commits: the caller commits, or rolls
back on an ``OperationError`` (nothing it did is meant to be kept then).

States (shared/CONTRACT.md "Referral states")::

    open ──offer──▶ offered ──accept──▶ accepted ──close──▶ closed
      ▲                │                   │
      └─last decline───┘                   └─handoff offer (owner stays until accepted)

A referral always has a holder organisation. Ownership moves only when a named
person accepts an offer; the claim is a conditional UPDATE of the referral row
(``… WHERE state = 'offered' AND owner_id IS NULL``) and then of the offer row
(``… WHERE state = 'pending'``), each checked by its row count, so of any number
of simultaneous accepts exactly one wins and the others get a 409. Every other
change first locks the referral row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite
writers already hold the database lock from ``BEGIN IMMEDIATE``), so changes to one
referral queue behind each other, always referral row first, offer rows after:
no deadlocks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, func, update
from sqlmodel import Session, col, select

import routing.referrals.events as events
from routing.accounts.models import User
from routing.core.clock import utcnow
from routing.core.errors import BadInput, Conflict, Forbidden, InvalidTransition, NotFound
from routing.directory.models import Ring, Service
from routing.mailbox.outgoing import mail_answer_due
from routing.matcher.gazetteer import gazetteer
from routing.matcher.result import RouteResult
from routing.matcher.router import RouteInputError, RouteRequest
from routing.referrals.attachments import NewFile, store
from routing.referrals.models import (
    CHANNELS,
    Attachment,
    HandoffCreate,
    Message,
    MessageAuthor,
    MessageCreate,
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
from routing.referrals.permissions import (
    ALLOWED,
    DECIDING_ROLES,
    Viewer,
    holds,
    may_close_as,
    may_see,
    may_use_thread,
    offer_is_for,
    owns,
    viewer,
)
from rules.load import RuleSetError
from rules.taxonomy import LANGUAGES

log = logging.getLogger(__name__)


# why an offer was withdrawn (kept in Offer.reason beside the decline codes)
WITHDRAWN_ACCEPTED_ELSEWHERE = "accepted-elsewhere"
WITHDRAWN_CLOSED = "closed"


def _invalid(referral: Referral, action: str) -> InvalidTransition:
    return InvalidTransition(f"cannot {action} a referral that is {referral.state}", ALLOWED[referral.state])


# --- reading ------------------------------------------------------------------


def get_visible(session: Session, user: User, referral_id: str, *, lock: bool = False) -> tuple[Viewer, Referral]:
    """The referral if the user's organisation may see it (404 otherwise); ``lock`` takes its row lock."""
    if not could_be_id(referral_id):
        raise NotFound(f"no referral {referral_id}")
    v = viewer(session, user)
    query = select(Referral).where(col(Referral.id) == referral_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    referral = session.exec(query).first()
    if referral is None or not may_see(session, v, referral):
        raise NotFound(f"no referral {referral_id}")
    return v, referral


def _lock(session: Session, referral_id: str) -> Referral:
    """Re-read the referral under its row lock: the state every check after this one sees."""
    query = select(Referral).where(col(Referral.id) == referral_id).with_for_update()
    referral = session.exec(query.execution_options(populate_existing=True)).first()
    if referral is None:  # it was there a moment ago: only an erasure races this
        raise NotFound(f"no referral {referral_id}")
    return referral


def _fresh_offer(session: Session, offer_id: str) -> Offer:
    """The offer as stored now (after the conditional UPDATEs, which bypass the identity map)."""
    return session.exec(select(Offer).where(col(Offer.id) == offer_id).execution_options(populate_existing=True)).one()


def _pending_offers(session: Session, referral_id: str) -> list[Offer]:
    query = select(Offer).where(col(Offer.referral_id) == referral_id, col(Offer.state) == "pending")
    return list(session.exec(query.execution_options(populate_existing=True)))


def _active_service(session: Session, service_id: str) -> Service:
    """The service an offer or handoff goes to: it must exist and take offers now."""
    service = session.get(Service, service_id) if could_be_id(service_id) else None
    if service is None:
        raise BadInput(f"service_id: no service {service_id}")
    if service.status != "active":
        raise BadInput(f"service_id: the service {service.name!r} is {service.status}, not active: offer another")
    return service


def _duplicate_of(session: Session, referral: Referral, same: Any) -> str | None:
    """The pending offer of ``referral`` to the same target (``same``: a condition on ``Offer``), if any."""
    query = select(Offer.id).where(col(Offer.referral_id) == referral.id, col(Offer.state) == "pending", same)
    return session.exec(query).first()


def _rowcount(result: Any) -> int:
    return cast(CursorResult[Any], result).rowcount


# --- input checks -------------------------------------------------------------


def _storable(value: str) -> bool:
    """Text a database can keep: no NUL (PostgreSQL refuses it), valid UTF-8 (no lone surrogates)."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def could_be_id(value: str) -> bool:
    """An id from a URL that could name a stored row (else it is simply not found)."""
    return 0 < len(value) <= 64 and _storable(value)


# --- the routing seam -----------------------------------------------------------


# the engine as the caller hands it in (``matcher.loading.route_now`` in a request or command)
RouteFn = Callable[[RouteRequest], RouteResult]


def _route_for(
    route: RouteFn,
    question: str,
    municipality: str | None,
    age: int | None,
    language: str | None,
    needs: tuple[str, ...] | None = None,
) -> RouteResult | None:
    """The route result for the question (shared/CONTRACT.md "Route result"); the one call into the engine.

    A broken rule set must not stop a front door from opening the case: the
    referral is then kept without suggestions (its holder still owns the duty).
    """
    try:
        return route(
            RouteRequest(question=question, municipality=municipality, age=age, language=language, needs=needs)
        )
    except RouteInputError as exc:
        raise BadInput(str(exc)) from None
    except RuleSetError:
        log.exception("the rule set could not be loaded: referral opened without a route result")
        return None


def _needs_of(result: RouteResult) -> list[tuple[str, bool]]:
    """(need code, unmet) for each need of the route result: unmet when no candidate serves it."""
    codes = [code for code in dict.fromkeys(n.code for n in result.needs) if code]
    covered = {need for candidate in result.candidates for need in candidate.needs}
    return [(code[:64], code not in covered) for code in codes]


def _without_client_words(result: RouteResult) -> dict[str, Any]:
    """The route result's JSON minus anything quoted from the client (kept when there is no consent)."""
    kept = result.to_json()
    kept["needs"] = [{"code": need.code, "source": need.source} for need in result.needs]
    return kept


# --- opening --------------------------------------------------------------------


def open_referral(
    session: Session,
    user: User,
    enquiry: ReferralCreate,
    *,
    route: RouteFn,
    channel: str = "api",
    now: datetime | None = None,
) -> Referral:
    """Open a referral at the user's organisation (the front door, and its first holder).

    The question is routed once (``route``) and the result stored with the referral. Without
    the client's consent the question and contact are not kept after routing.
    """
    return _open(session, user.organization_id, user.id, enquiry, route=route, channel=channel, now=now)


def _open(
    session: Session,
    organization_id: str,
    actor_id: int | None,
    enquiry: ReferralCreate,
    *,
    route: RouteFn,
    channel: str,
    now: datetime | None,
) -> Referral:
    question, consent, contact = enquiry.question, enquiry.consent, enquiry.client_contact
    age: int | None = enquiry.age
    language: str | None = enquiry.language
    code: str | None = None
    if enquiry.municipality is not None:
        found = gazetteer().lookup(enquiry.municipality)
        if found is None:
            raise BadInput(f"municipality: unknown {enquiry.municipality!r}; give a Statistics Finland code or a name")
        code = found.code
    if channel not in CHANNELS:
        raise BadInput(f"channel must be one of {', '.join(CHANNELS)}")

    given_needs = tuple(enquiry.needs) if enquiry.needs is not None else None
    result = _route_for(route, question, code, age, language, given_needs)
    read = result.read if result is not None else None
    if result is not None:
        # what the engine read from the text fills what the desk did not give
        if code is None and result.municipality is not None:
            code = result.municipality.code
        if age is None and result.age is not None:
            age = result.age
        if language is None and result.language in LANGUAGES:
            language = result.language
    now = now or utcnow()
    referral = Referral(
        state="open",
        holder_id=organization_id,
        contact_user_id=actor_id,
        front_door_id=organization_id,
        channel=channel,
        question=question if consent else None,
        client_contact=contact if consent else None,
        municipality=code,
        age=age,
        language=language,
        consent=consent,
        route_result=(result.to_json() if consent else _without_client_words(result)) if result is not None else None,
        engine_needs=list(read.needs) if read is not None else None,
        engine_municipality=read.municipality if read is not None else None,
        engine_age=read.age if read is not None else None,
        engine_language=read.language if read is not None else None,
        needs_corrected=read is not None and given_needs is not None and set(given_needs) != set(read.needs),
        created_at=now,
        updated_at=now,
    )
    session.add(referral)
    session.flush()
    if result is not None:
        for need, unmet in _needs_of(result):
            session.add(ReferralNeed.of(referral, need, unmet))
    events.record(
        session, referral, "opened", actor_id=actor_id, to_state="open", organization_id=organization_id, at=now
    )
    return referral


def refer(
    session: Session,
    user: User,
    enquiry: ReferralCreate,
    target: OfferCreate,
    *,
    route: RouteFn,
    channel: str = "api",
    now: datetime | None = None,
) -> tuple[Referral, Offer]:
    """Open a referral and offer it at once to the target's service or ring: the desk's one click
    and a client's writing in. Both or neither: the caller commits only what both did."""
    referral = open_referral(session, user, enquiry, route=route, channel=channel, now=now)
    made = _offer(
        session, user, referral.id, service_id=target.service_id, ring_id=target.ring_id, note=target.note, now=now
    )
    return referral, made


def open_at_door(
    session: Session,
    organization_id: str,
    ring_id: str,
    enquiry: ReferralCreate,
    *,
    route: RouteFn,
    channel: str = "online",
    now: datetime | None = None,
) -> tuple[Referral, Offer]:
    """A client wrote in at the door (or mailed a ring's box, ``channel="email"``): the referral is held
    by the door's organisation (no staff member opened it) and offered at once to the door's ring. Both
    or neither, as ``refer``."""
    referral = _open(session, organization_id, None, enquiry, route=route, channel=channel, now=now)
    if session.get(Ring, ring_id) is None:
        raise BadInput(f"ring_id: no ring {ring_id}")
    made = _offer_unchecked(session, referral, None, service_id=None, ring_id=ring_id, note=None, now=now)
    return referral, made


# --- offering -------------------------------------------------------------------


def offer(session: Session, user: User, referral_id: str, target: OfferCreate, *, now: datetime | None = None) -> Offer:
    """Offer the referral to the organisation of an active service, or to a ring's shared queue (any
    counsellor of a member organisation may take it): the target names exactly one."""
    return _offer(
        session, user, referral_id, service_id=target.service_id, ring_id=target.ring_id, note=target.note, now=now
    )


def _offer(
    session: Session,
    user: User,
    referral_id: str,
    *,
    service_id: str | None,
    ring_id: str | None,
    note: str | None,
    now: datetime | None = None,
) -> Offer:
    _v, referral = get_visible(session, user, referral_id, lock=True)
    if not holds(user, referral):
        raise Forbidden("only the holder organisation's people can offer this referral")
    if referral.state not in ("open", "offered"):
        raise _invalid(referral, "offer")
    if not referral.consent:
        # nothing to reach the client by was kept: nobody could act on the offer (README "Consent")
        raise InvalidTransition(
            "consent: the client did not consent, so no contact details were kept and nobody could act on an "
            "offer; give the client the service's own contact details instead",
            [a for a in ALLOWED[referral.state] if a != "offer"],
        )
    organization_id: str | None = None
    if service_id is not None:
        organization_id = _active_service(session, service_id).organization_id
        same = col(Offer.service_id) == service_id
    else:
        if ring_id is None or not could_be_id(ring_id) or session.get(Ring, ring_id) is None:
            raise BadInput(f"ring_id: no ring {ring_id}")
        same = col(Offer.ring_id) == ring_id
    duplicate = _duplicate_of(session, referral, same)
    if duplicate is not None:
        raise Conflict(f"there is already a pending offer {duplicate} to the same target")
    return _offer_unchecked(
        session, referral, user.id, service_id=service_id, ring_id=ring_id, note=note, now=now, to_org=organization_id
    )


def _offer_unchecked(
    session: Session,
    referral: Referral,
    actor_id: int | None,
    *,
    service_id: str | None,
    ring_id: str | None,
    note: str | None,
    now: datetime | None,
    to_org: str | None = None,
) -> Offer:
    """Offer ``referral`` (open or offered, target checked by the caller) and record the event."""
    organization_id = to_org
    now = now or utcnow()
    new = Offer(
        referral_id=referral.id,
        kind="referral",
        service_id=service_id,
        organization_id=organization_id,
        ring_id=ring_id,
        note=note,
        created_by_id=actor_id,
        created_at=now,
    )
    session.add(new)
    from_state = referral.state
    referral.state = "offered"
    referral.needs_rerouting = False
    referral.updated_at = now
    session.flush()
    events.record(
        session,
        referral,
        "offered",
        actor_id=actor_id,
        from_state=from_state,
        to_state="offered",
        offer_id=new.id,
        organization_id=organization_id,
        at=now,
    )
    return new


# --- deciding -------------------------------------------------------------------


def _offer_for_decision(session: Session, user: User, offer_id: str) -> tuple[Viewer, Offer, Referral]:
    """The offer if the user may decide it: 404 when not visible, 403 when visible but not theirs."""
    if not could_be_id(offer_id):
        raise NotFound(f"no offer {offer_id}")
    v = viewer(session, user)
    found = session.get(Offer, offer_id)
    referral = session.get(Referral, found.referral_id) if found is not None else None
    if found is None or referral is None:
        raise NotFound(f"no offer {offer_id}")
    if not offer_is_for(v, found):
        if may_see(session, v, referral):
            raise Forbidden("this offer is addressed to someone else: only they can accept or decline it")
        raise NotFound(f"no offer {offer_id}")
    if user.role not in DECIDING_ROLES:
        raise Forbidden(f"accepting or declining offers needs the role {' or '.join(DECIDING_ROLES)}")
    return v, found, referral


def _taken(offer: Offer) -> bool:
    """Someone accepted this offer, or another one that won the race for the referral."""
    return offer.state == "accepted" or (offer.state == "withdrawn" and offer.reason == WITHDRAWN_ACCEPTED_ELSEWHERE)


def _check_decidable(offer: Offer, referral: Referral, user: User, action: str) -> None:
    """409 when someone else won the referral (checked first), 422 when the offer cannot be decided."""
    if _taken(offer):
        raise Conflict("this offer was already accepted: the referral has its owner")
    if offer.kind == "referral" and referral.owner_id is not None and referral.state != "closed":
        raise Conflict("the referral already has its owner")
    if offer.kind == "handoff" and referral.owner_id == user.id and action == "accept":
        raise Conflict("you already own this referral")
    if referral.state == "closed":
        raise InvalidTransition(f"cannot {action} an offer of a referral that is closed", ())
    if offer.state != "pending":
        raise InvalidTransition(f"cannot {action} an offer that is {offer.state}", ALLOWED[referral.state])


def accept_offer(session: Session, user: User, offer_id: str, *, now: datetime | None = None) -> Referral:
    """The user accepts the offer and becomes the referral's named owner; their organisation its holder.

    Every other pending offer of the referral is withdrawn. Of simultaneous accepts,
    one wins; the others get a ``Conflict`` (409).
    """
    v, offer_, referral = _offer_for_decision(session, user, offer_id)
    _check_decidable(offer_, referral, user, "accept")
    now = now or utcnow()
    from_state = referral.state
    # the claim: the referral row first (it is also the lock that orders changes to the referral)
    if offer_.kind == "handoff":
        still = (col(Referral.state) == "accepted", col(Referral.owner_id) == referral.owner_id)
    else:
        still = (col(Referral.state) == "offered", col(Referral.owner_id).is_(None))
    claimed = session.execute(
        update(Referral)
        .where(col(Referral.id) == referral.id, *still)
        .values(
            owner_id=user.id,
            holder_id=v.organization_id,
            state="accepted",
            needs_rerouting=False,
            updated_at=now,
            # written by the first owner only: a handoff leaves them
            **{
                name: func.coalesce(getattr(Referral, name), value)
                for name, value in first_owner_columns(referral.created_at, now, v.organization_id).items()
            },
        )
        .execution_options(synchronize_session=False)
    )
    if _rowcount(claimed) != 1:
        _explain_lost_claim(session, offer_.id, referral.id, user)
    taken = session.execute(
        update(Offer)
        .where(col(Offer.id) == offer_.id, col(Offer.state) == "pending")
        .values(state="accepted", decided_by_id=user.id, decided_at=now)
        .execution_options(synchronize_session=False)
    )
    if _rowcount(taken) != 1:
        _explain_lost_claim(session, offer_.id, referral.id, user)
    # the race is over: the other pending offers are withdrawn
    session.execute(
        update(Offer)
        .where(col(Offer.referral_id) == referral.id, col(Offer.state) == "pending", col(Offer.id) != offer_.id)
        .values(state="withdrawn", reason=WITHDRAWN_ACCEPTED_ELSEWHERE, decided_at=now)
        .execution_options(synchronize_session=False)
    )
    referral = _lock(session, referral.id)
    _fresh_offer(session, offer_.id)
    events.record(
        session,
        referral,
        "accepted",
        actor_id=user.id,
        from_state=from_state,
        to_state="accepted",
        offer_id=offer_.id,
        organization_id=v.organization_id,
        at=now,
    )
    return referral


def _explain_lost_claim(session: Session, offer_id: str, referral_id: str, user: User) -> None:
    """A conditional UPDATE changed no row: someone else changed the referral first. Always raises."""
    offer_ = _fresh_offer(session, offer_id)
    referral = session.exec(
        select(Referral).where(col(Referral.id) == referral_id).execution_options(populate_existing=True)
    ).one()
    _check_decidable(offer_, referral, user, "accept")
    raise Conflict("the referral changed while this was being accepted: another accept won")


def decline_offer(
    session: Session, user: User, offer_id: str, decision: OfferDecline, *, now: datetime | None = None
) -> Referral:
    """Decline with a coded reason. When the last pending offer goes, the referral returns to ``open``
    with its holder, flagged for re-routing; a declined handoff leaves the owner as they were."""
    _v, offer_, referral = _offer_for_decision(session, user, offer_id)
    code, note_text = str(decision.reason), decision.note
    referral = _lock(session, referral.id)
    offer_ = _fresh_offer(session, offer_.id)
    _check_decidable(offer_, referral, user, "decline")
    now = now or utcnow()
    declined = session.execute(
        update(Offer)
        .where(col(Offer.id) == offer_.id, col(Offer.state) == "pending")
        .values(state="declined", reason=code, note=note_text, decided_by_id=user.id, decided_at=now)
        .execution_options(synchronize_session=False)
    )
    if _rowcount(declined) != 1:  # cannot happen under the referral lock; never decline twice
        raise Conflict("the offer changed while this was being declined")
    _fresh_offer(session, offer_.id)
    from_state = referral.state
    _back_to_open_if_last(session, referral, offer_, now)
    events.record(
        session,
        referral,
        "declined",
        actor_id=user.id,
        from_state=from_state,
        to_state=referral.state,
        reason=code,
        offer_id=offer_.id,
        organization_id=offer_.organization_id,
        at=now,
    )
    return referral


def _back_to_open_if_last(session: Session, referral: Referral, gone: Offer, now: datetime) -> None:
    referral.updated_at = now
    if gone.kind == "referral" and referral.state == "offered" and not _pending_offers(session, referral.id):
        referral.state = "open"
        referral.needs_rerouting = True
    session.flush()


def expire_offers(session: Session, *, days: int, now: datetime | None = None) -> list[Offer]:
    """Expire the offers pending for longer than ``days`` (the weekly pass calls this; ``OFFER_EXPIRY_DAYS``).

    Each expiry is one event; the last pending offer of a referral expiring returns it to
    ``open`` with its holder, flagged for re-routing. An expired handoff leaves the owner.
    """
    now = now or utcnow()
    cutoff = now - timedelta(days=days)
    due = session.exec(
        select(Offer.id, Offer.referral_id)
        .where(col(Offer.state) == "pending", col(Offer.created_at) < cutoff)
        .order_by(col(Offer.created_at), col(Offer.id))
    ).all()
    expired: list[Offer] = []
    for offer_id, referral_id in due:
        referral = _lock(session, referral_id)
        changed = session.execute(
            update(Offer)
            .where(col(Offer.id) == offer_id, col(Offer.state) == "pending")
            .values(state="expired", decided_at=now)
            .execution_options(synchronize_session=False)
        )
        if _rowcount(changed) != 1:  # decided meanwhile
            continue
        offer_ = _fresh_offer(session, offer_id)
        from_state = referral.state
        _back_to_open_if_last(session, referral, offer_, now)
        events.record(
            session,
            referral,
            "expired",
            actor_id=None,
            from_state=from_state,
            to_state=referral.state,
            reason="expired",
            offer_id=offer_id,
            organization_id=offer_.organization_id,
            at=now,
        )
        expired.append(offer_)
    return expired


# --- the owner's work -----------------------------------------------------------


def propose_handoff(
    session: Session,
    user: User,
    referral_id: str,
    handoff: HandoffCreate,
    *,
    now: datetime | None = None,
) -> Offer:
    """The owner offers the referral onwards, to a service's organisation or to a person.

    The owner stays owner (and the holder stays holder) until the new person accepts.
    """
    service_id, user_id, note_text = handoff.service_id, handoff.user_id, handoff.note
    _v, referral = get_visible(session, user, referral_id, lock=True)
    if referral.state != "accepted":
        raise _invalid(referral, "hand off")
    if not owns(user, referral):
        raise Forbidden("only the referral's owner can hand it off")
    to_user_id: int | None = None
    if service_id is not None:
        organization_id = _active_service(session, service_id).organization_id
        same = col(Offer.service_id) == service_id
    else:
        # one answer for a missing, inactive or unfit account: an id tells nobody whether or whose it is
        nobody = BadInput(f"user_id: no active user {user_id} who can own referrals ({' or '.join(DECIDING_ROLES)})")
        if user_id is None or not 0 < user_id < 2**31:
            raise nobody
        target = session.get(User, user_id)
        if target is None or not target.active or target.role not in DECIDING_ROLES:
            raise nobody
        if target.id == user.id:
            raise BadInput("user_id: you already own this referral")
        organization_id = target.organization_id
        to_user_id = target.id
        same = col(Offer.to_user_id) == target.id
    duplicate = _duplicate_of(session, referral, same)
    if duplicate is not None:
        raise Conflict(f"there is already a pending handoff {duplicate} to the same target")
    now = now or utcnow()
    new = Offer(
        referral_id=referral.id,
        kind="handoff",
        service_id=service_id,
        organization_id=organization_id,
        to_user_id=to_user_id,
        note=note_text,
        created_by_id=user.id,
        created_at=now,
    )
    session.add(new)
    referral.updated_at = now
    session.flush()
    events.record(
        session,
        referral,
        "handoff",
        actor_id=user.id,
        from_state="accepted",
        to_state="accepted",
        offer_id=new.id,
        organization_id=organization_id,
        at=now,
    )
    return new


def withdraw_handoff(session: Session, user: User, offer_id: str, *, now: datetime | None = None) -> Offer:
    """The owner takes back a handoff nobody has answered yet (a wrong person chosen, a plan changed)."""
    if not could_be_id(offer_id):
        raise NotFound(f"no offer {offer_id}")
    found = session.get(Offer, offer_id)
    if found is None:
        raise NotFound(f"no offer {offer_id}")
    _v, referral = get_visible(session, user, found.referral_id, lock=True)
    offer = _fresh_offer(session, offer_id)
    if offer.kind != "handoff":
        raise Forbidden("only a handoff can be withdrawn by its owner; an offer ends by an answer or by closing")
    if not owns(user, referral):
        raise Forbidden("only the referral's owner can withdraw its handoff")
    if offer.state != "pending":
        raise InvalidTransition(f"the handoff is {offer.state}, no longer waiting", ALLOWED[referral.state])
    now = now or utcnow()
    offer.state = "withdrawn"
    offer.decided_by_id = user.id
    offer.decided_at = now
    referral.updated_at = now
    session.flush()
    events.record(
        session,
        referral,
        "withdrawn",
        actor_id=user.id,
        from_state=referral.state,
        to_state=referral.state,
        offer_id=offer.id,
        organization_id=offer.organization_id,
        at=now,
    )
    return offer


def add_note(session: Session, user: User, referral_id: str, note: NoteCreate, *, now: datetime | None = None) -> Note:
    """A follow-up note, by the owner only."""
    _v, referral = get_visible(session, user, referral_id, lock=True)
    if referral.state != "accepted":
        raise _invalid(referral, "write notes on")
    if not owns(user, referral):
        raise Forbidden("only the referral's owner writes its follow-up notes")
    now = now or utcnow()
    written = Note(referral_id=referral.id, author_id=user.id, at=now, text=note.text)
    session.add(written)
    referral.updated_at = now
    session.flush()
    events.record(session, referral, "note", actor_id=user.id, from_state="accepted", to_state="accepted", at=now)
    return written


def close_referral(
    session: Session, user: User, referral_id: str, close: ReferralClose, *, now: datetime | None = None
) -> Referral:
    """Close with an outcome, from any state but ``closed``; pending offers are withdrawn.

    Who: while someone owns it, the owner or an org-admin of the holder; before that,
    anyone of the holder organisation.
    """
    _v, referral = get_visible(session, user, referral_id, lock=True)
    code = str(close.outcome)
    if referral.state == "closed":
        raise _invalid(referral, "close")
    if not holds(user, referral):
        raise Forbidden("only the holder organisation can close this referral")
    if not may_close_as(user, referral):
        raise Forbidden("only the owner or the holder's org-admin can close a referral someone owns")
    return close_unchecked(session, referral, code, actor_id=user.id, now=now)


def close_unchecked(
    session: Session, referral: Referral, outcome: str, *, actor_id: int | None, now: datetime | None = None
) -> Referral:
    """Close ``referral`` (locked, not closed) with ``outcome``: who may do it was checked by the caller."""
    now = now or utcnow()
    session.execute(
        update(Offer)
        .where(col(Offer.referral_id) == referral.id, col(Offer.state) == "pending")
        .values(state="withdrawn", reason=WITHDRAWN_CLOSED, decided_by_id=actor_id, decided_at=now)
        .execution_options(synchronize_session=False)
    )
    from_state = referral.state
    referral.state = "closed"
    referral.outcome = outcome
    referral.needs_rerouting = False
    referral.closed_at = now
    referral.updated_at = now
    session.flush()
    events.record(
        session, referral, "closed", actor_id=actor_id, from_state=from_state, to_state="closed", reason=outcome, at=now
    )
    return referral


# --- the thread with the client ----------------------------------------------------


def thread_referral(session: Session, user: User, referral_id: str, *, lock: bool = False) -> Referral:
    """The referral whose thread ``user`` may read and write for the staff (404 for everyone else)."""
    _v, referral = get_visible(session, user, referral_id, lock=lock)
    if not may_use_thread(user, referral):
        raise NotFound(f"no referral {referral_id}")
    return referral


def post_message(
    session: Session,
    referral_id: str,
    message: MessageCreate,
    *,
    staff: User | None,
    files: Sequence[NewFile] = (),
    closed_ok: bool = False,
    now: datetime | None = None,
) -> Message:
    """A message to the case's thread, with its files: from ``staff`` (checked here), or from the
    client when ``staff`` is None (the caller has checked the client's key). One ``message`` event
    (→ ``referral.message``, which names the author's kind only). Not on a closed or erased case, but
    for a client's mailed reply to a closed case (``closed_ok``): kept in the thread, reopening nothing.
    A staff message on an e-mail case is also queued to go out by mail (``mailbox.outgoing``)."""
    if staff is not None:
        referral = thread_referral(session, staff, referral_id, lock=True)
    else:
        referral = _lock(session, referral_id)
    if referral.erased_at is not None:
        raise Conflict("the client's data of this case was erased: the thread is closed")
    if referral.state == "closed" and not (closed_ok and staff is None):
        raise InvalidTransition("cannot write messages on a referral that is closed", ())
    now = now or utcnow()
    author = MessageAuthor.CLIENT if staff is None else MessageAuthor.STAFF
    written = Message(
        referral_id=referral.id, author=author, staff_id=staff.id if staff else None, at=now, body=message.body
    )
    session.add(written)
    session.flush()
    assert written.id is not None
    for f in files:
        session.add(
            Attachment(
                message_id=written.id,
                referral_id=referral.id,
                filename=f.filename,
                content_type=f.content_type,
                size=len(f.data),
                stored_name=store(f.data),
            )
        )
    referral.updated_at = now
    session.flush()
    if staff is not None:
        mail_answer_due(session, referral, written, now=now)
    events.record(
        session,
        referral,
        "message",
        actor_id=staff.id if staff else None,
        from_state=referral.state,
        to_state=referral.state,
        reason=str(author),
        at=now,
    )
    return written

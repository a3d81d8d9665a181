"""Referral and offer endpoints, the organisation inbox and the ring queues.

Thin views: check the body's shape, call one operation of ``routing.referrals``,
commit, answer with the referral as shared/CONTRACT.md shapes it. A response that
carries the client's personal data (question, contact, notes) is a read of it and is
written to the access log in the same transaction. Lists carry no personal data.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request
from sqlalchemy import func
from sqlmodel import Session, col, select

import routing.door.mail as door_mail
import routing.referrals.operations as ops
from routing.accounts.models import User
from routing.api.blueprint import abort, bp, json_body
from routing.api.paging import page_args, page_envelope
from routing.api.tokens import current_user, token_required
from routing.core import db
from routing.core.errors import parsed
from routing.directory.models import Organization, Ring, RingMember
from routing.matcher.loading import route_now
from routing.privacy.access import log_access
from routing.referrals.models import (
    REFERRAL_STATES,
    HandoffCreate,
    MessageCreate,
    NoteCreate,
    Offer,
    OfferCreate,
    OfferDecline,
    Referral,
    ReferralClose,
    ReferralCreate,
)
from routing.referrals.permissions import may_read_content, pending_offers_for, referral_visible, viewer
from routing.referrals.queries import (
    case_file,
    holds_personal_data,
    offer_public,
    referral_public,
    summaries,
    thread_of,
)
from routing.web.headers import personal

# --- shapes -------------------------------------------------------------------


def referral_json(session: Session, referral: Referral, *, content: bool = True) -> dict[str, Any]:
    """The referral as the contract shapes it, with a few fields beside (front door, needs, notes...);
    without the client's words when ``content`` is False (``permissions.may_read_content``)."""
    return referral_public(case_file(session, referral, content=content)).model_dump(mode="json")


def offer_json(offer: Offer) -> dict[str, Any]:
    return offer_public(offer).model_dump(mode="json")


def summaries_json(session: Session, referrals: list[Referral]) -> list[dict[str, Any]]:
    return [summary.model_dump(mode="json") for summary in summaries(session, referrals)]


def _respond(session: Session, referral: Referral, user: User, status: int = 200) -> tuple[Response, int]:
    """Answer with the referral. The read of its personal data is logged and committed with the change;
    the answer is read after the commit, so that SQLite's write lock is held for the change only."""
    content = may_read_content(session, viewer(session, user), referral)
    if content and holds_personal_data(session, referral):
        log_access(session, referral.id, user.id, "api", "referral")
    session.commit()
    return jsonify(referral_json(db.read_session(), referral, content=content)), status


# --- referrals ----------------------------------------------------------------


@bp.post("/referrals")
@personal
@token_required()
def open_referral() -> tuple[Response, int]:
    enquiry = parsed(ReferralCreate, json_body())
    s = db.session()
    user = current_user()
    referral = ops.open_referral(s, user, enquiry, route=route_now, channel="api")
    return _respond(s, referral, user, 201)


@bp.get("/referrals")
@personal
@token_required()
def list_referrals() -> Response:
    page, per_page = page_args()
    state = request.args.get("state") or None
    if state is not None and state not in REFERRAL_STATES:
        abort(400, f"state must be one of {', '.join(REFERRAL_STATES)}, not {state!r}")
    holder = request.args.get("holder") or None
    if holder is not None and not ops.could_be_id(holder):
        abort(400, f"holder: no organisation {holder!r}")
    s = db.read_session()
    query = select(Referral).where(referral_visible(viewer(s, current_user())))
    if state:
        query = query.where(col(Referral.state) == state)
    if holder:
        query = query.where(col(Referral.holder_id) == holder)
    total = s.exec(select(func.count()).select_from(query.subquery())).one()
    rows = s.exec(
        query.order_by(col(Referral.created_at).desc(), col(Referral.id)).offset((page - 1) * per_page).limit(per_page)
    ).all()
    return jsonify(page_envelope(total, page, per_page, summaries_json(s, list(rows))))


@bp.get("/referrals/<referral_id>")
@personal
@token_required()
def show_referral(referral_id: str) -> tuple[Response, int]:
    s = db.session()
    user = current_user()
    _v, referral = ops.get_visible(s, user, referral_id)
    return _respond(s, referral, user)


@bp.post("/referrals/<referral_id>/offers")
@personal
@token_required()
def make_offer(referral_id: str) -> tuple[Response, int]:
    target = parsed(OfferCreate, json_body())
    s = db.session()
    made = ops.offer(s, current_user(), referral_id, target)
    s.commit()
    return jsonify(offer_json(made)), 201


@bp.post("/offers/<offer_id>/accept")
@personal
@token_required()
def accept_offer(offer_id: str) -> tuple[Response, int]:
    s = db.session()
    user = current_user()
    referral = ops.accept_offer(s, user, offer_id)
    return _respond(s, referral, user)


@bp.post("/offers/<offer_id>/decline")
@personal
@token_required()
def decline_offer(offer_id: str) -> tuple[Response, int]:
    decision = parsed(OfferDecline, json_body())
    s = db.session()
    user = current_user()
    referral = ops.decline_offer(s, user, offer_id, decision)
    return _respond(s, referral, user)


@bp.post("/referrals/<referral_id>/handoff")
@personal
@token_required()
def handoff(referral_id: str) -> tuple[Response, int]:
    handoff_to = parsed(HandoffCreate, json_body())
    s = db.session()
    user = current_user()
    made = ops.propose_handoff(s, user, referral_id, handoff_to)
    referral = s.get(Referral, made.referral_id)
    assert referral is not None
    return _respond(s, referral, user)


@bp.post("/referrals/<referral_id>/notes")
@personal
@token_required()
def add_note(referral_id: str) -> tuple[Response, int]:
    written = parsed(NoteCreate, json_body())
    s = db.session()
    user = current_user()
    note = ops.add_note(s, user, referral_id, written)
    referral = s.get(Referral, note.referral_id)
    assert referral is not None
    return _respond(s, referral, user)


@bp.post("/referrals/<referral_id>/close")
@personal
@token_required()
def close_referral(referral_id: str) -> tuple[Response, int]:
    close = parsed(ReferralClose, json_body())
    s = db.session()
    user = current_user()
    referral = ops.close_referral(s, user, referral_id, close)
    return _respond(s, referral, user)


# --- the thread with the client ------------------------------------------------


def _thread_json(session: Session, referral_id: str) -> list[dict[str, Any]]:
    return [m.model_dump(mode="json") for m in thread_of(session, referral_id).public()]


@bp.get("/referrals/<referral_id>/messages")
@token_required()
@personal
def list_messages(referral_id: str) -> Response:
    s = db.session()
    user = current_user()
    referral = ops.thread_referral(s, user, referral_id)
    body = _thread_json(s, referral.id)
    if body:
        log_access(s, referral.id, user.id, "api", "messages")
    s.commit()
    return jsonify(body)


@bp.post("/referrals/<referral_id>/messages")
@token_required()
@personal
def write_message(referral_id: str) -> tuple[Response, int]:
    written = parsed(MessageCreate, json_body())
    s = db.session()
    message = ops.post_message(s, referral_id, written, staff=current_user())
    s.commit()
    door_mail.notify_client(db.read_session(), message.referral_id)
    shown = next(m for m in thread_of(s, message.referral_id).public() if m.id == message.id)
    return jsonify(shown.model_dump(mode="json")), 201


# --- inbox and rings ----------------------------------------------------------


def _offers_with_referrals(session: Session, offers: list[Offer]) -> list[dict[str, Any]]:
    ids = list(dict.fromkeys(o.referral_id for o in offers))
    referrals = {r.id: r for r in session.exec(select(Referral).where(col(Referral.id).in_(ids)))} if ids else {}
    items = {item["id"]: item for item in summaries_json(session, list(referrals.values()))}
    return [{**offer_json(o), "referral": items.get(o.referral_id)} for o in offers]


@bp.get("/inbox")
@personal
@token_required()
def inbox() -> Response:
    """The caller's organisation inbox: pending offers to it, its rings or the caller, oldest first; and my cases.

    Each list is a page of its own: ``page``/``per_page`` for the offers, ``my_cases_page``/``my_cases_per_page``.
    """
    page, per_page = page_args()
    mine_page, mine_per_page = page_args(prefix="my_cases_")
    s = db.read_session()
    user = current_user()
    v = viewer(s, user)
    query = select(Offer).where(pending_offers_for(v))
    total = s.exec(select(func.count()).select_from(query.subquery())).one()
    offers = s.exec(
        query.order_by(col(Offer.created_at), col(Offer.id)).offset((page - 1) * per_page).limit(per_page)
    ).all()
    mine_query = select(Referral).where(col(Referral.owner_id) == user.id, col(Referral.state) != "closed")
    mine_total = s.exec(select(func.count()).select_from(mine_query.subquery())).one()
    mine = s.exec(
        mine_query.order_by(col(Referral.owned_at), col(Referral.id))
        .offset((mine_page - 1) * mine_per_page)
        .limit(mine_per_page)
    ).all()
    return jsonify(
        {
            "offers": page_envelope(total, page, per_page, _offers_with_referrals(s, list(offers))),
            "my_cases": page_envelope(mine_total, mine_page, mine_per_page, summaries_json(s, list(mine))),
        }
    )


@bp.get("/rings")
@token_required()
def list_rings() -> Response:
    """Every ring of the network (any front door may offer to one), with its members."""
    s = db.read_session()
    v = viewer(s, current_user())
    rings = s.exec(select(Ring).order_by(Ring.name)).all()
    members = s.exec(
        select(RingMember.ring_id, Organization.id, Organization.name)
        .join(Organization, col(Organization.id) == RingMember.organization_id)
        .order_by(Organization.name)
    ).all()
    by_ring: dict[str, list[dict[str, str]]] = {}
    for ring_id, org_id, name in members:
        by_ring.setdefault(ring_id, []).append({"id": org_id, "name": name})
    return jsonify(
        [
            {"id": r.id, "name": r.name, "member": r.id in v.ring_ids, "organizations": by_ring.get(r.id, [])}
            for r in rings
        ]
    )


@bp.get("/rings/<ring_id>/queue")
@personal
@token_required()
def ring_queue(ring_id: str) -> Response:
    """A ring's shared queue, oldest first: for the people of its member organisations only."""
    page, per_page = page_args()
    s = db.read_session()
    v = viewer(s, current_user())
    ring = s.get(Ring, ring_id) if ring_id in v.ring_ids else None
    if ring is None:
        abort(404, f"no ring {ring_id} that your organisation is a member of")
    query = select(Offer).where(col(Offer.ring_id) == ring_id, col(Offer.state) == "pending")
    total = s.exec(select(func.count()).select_from(query.subquery())).one()
    offers = s.exec(
        query.order_by(col(Offer.created_at), col(Offer.id)).offset((page - 1) * per_page).limit(per_page)
    ).all()
    body = page_envelope(total, page, per_page, _offers_with_referrals(s, list(offers)))
    return jsonify({"ring": {"id": ring.id, "name": ring.name}, **body})

"""Referral and offer endpoints, the organisation inbox and the ring queues.

Thin views: check the body's shape, call one operation of ``routing.referrals``,
commit, answer with the referral as shared/CONTRACT.md shapes it. A response that
carries the client's personal data (question, contact, notes) is a read of it and is
written to the access log in the same transaction. Lists carry no personal data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Response, jsonify, request
from sqlalchemy import func
from sqlmodel import Session, col, select

import routing.referrals.operations as ops
from routing.accounts.models import User
from routing.api.blueprint import abort, bp, json_body
from routing.api.paging import page_args
from routing.api.tokens import current_user, token_required
from routing.core import db
from routing.directory.models import Organization, Ring, RingMember
from routing.privacy.access import log_access
from routing.referrals.models import REFERRAL_STATES, Event, Note, Offer, Referral, ReferralNeed
from routing.referrals.permissions import pending_offers_for, referral_visible, viewer


def _fields(body: dict[str, Any], known: Iterable[str]) -> dict[str, Any]:
    """The body, refusing names it does not know (a misspelt ``consent`` must not pass unnoticed)."""
    known = tuple(known)
    unknown = sorted(set(body) - set(known))
    if unknown:
        abort(400, f"unknown field(s) {', '.join(unknown)}; this takes {', '.join(known)}")
    return body


# --- shapes -------------------------------------------------------------------


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def offer_json(offer: Offer) -> dict[str, Any]:
    return {
        "id": offer.id,
        "state": offer.state,
        "service_id": offer.service_id,
        "organization_id": offer.organization_id,
        "ring_id": offer.ring_id,
        "reason": offer.reason,
        "created_at": _iso(offer.created_at),
        "referral_id": offer.referral_id,
        "kind": offer.kind,
        "to_user_id": offer.to_user_id,
        "note": offer.note,
        "decided_by_id": offer.decided_by_id,
        "decided_at": _iso(offer.decided_at),
    }


def _person(user: User | None) -> dict[str, Any] | None:
    return None if user is None else {"id": user.id, "email": user.email, "name": user.name}


def _org(org_id: str, names: dict[str, str]) -> dict[str, Any]:
    return {"id": org_id, "name": names.get(org_id)}


def _org_names(session: Session, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.exec(select(Organization.id, Organization.name).where(col(Organization.id).in_(wanted)))
    return dict(rows.all())


def _users(session: Session, ids: Iterable[int | None]) -> dict[int, User]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u for u in session.exec(select(User).where(col(User.id).in_(wanted))) if u.id is not None}


def _needs(session: Session, referral_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {rid: [] for rid in referral_ids}
    if referral_ids:
        rows = session.exec(
            select(ReferralNeed).where(col(ReferralNeed.referral_id).in_(referral_ids)).order_by(ReferralNeed.need)
        )
        for row in rows:
            found[row.referral_id].append({"need": row.need, "unmet": row.unmet})
    return found


def referral_json(session: Session, referral: Referral) -> dict[str, Any]:
    """The referral as the contract shapes it, with a few fields beside (front door, needs, notes...)."""
    offers = session.exec(
        select(Offer).where(col(Offer.referral_id) == referral.id).order_by(col(Offer.created_at), col(Offer.id))
    ).all()
    history = session.exec(
        select(Event).where(col(Event.referral_id) == referral.id).order_by(col(Event.at), col(Event.id))
    ).all()
    notes = session.exec(
        select(Note).where(col(Note.referral_id) == referral.id).order_by(col(Note.at), col(Note.id))
    ).all()
    names = _org_names(session, [referral.holder_id, referral.front_door_id])
    owner = session.get(User, referral.owner_id) if referral.owner_id is not None else None
    return {
        "id": referral.id,
        "state": referral.state,
        "holder": _org(referral.holder_id, names),
        "owner": _person(owner),
        "contact_user_id": referral.contact_user_id,
        "question": referral.question,
        "municipality": referral.municipality,
        "age": referral.age,
        "language": referral.language,
        "offers": [
            {k: v for k, v in offer_json(o).items() if k not in ("referral_id",)}  # the referral is the parent
            for o in offers
        ],
        "events": [
            {
                "at": _iso(e.at),
                "actor_id": e.actor_id,
                "kind": e.kind,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "reason": e.reason,
                "offer_id": e.offer_id,
                "organization_id": e.organization_id,
            }
            for e in history
        ],
        "created_at": _iso(referral.created_at),
        "updated_at": _iso(referral.updated_at),
        "front_door": _org(referral.front_door_id, names),
        "channel": referral.channel,
        "consent": referral.consent,
        "client_contact": referral.client_contact,
        "needs_rerouting": referral.needs_rerouting,
        "outcome": referral.outcome,
        "owned_at": _iso(referral.owned_at),
        "closed_at": _iso(referral.closed_at),
        "needs": _needs(session, [referral.id])[referral.id],
        "route": referral.route_result,
        "notes": [{"id": n.id, "at": _iso(n.at), "author_id": n.author_id, "text": n.text} for n in notes],
    }


def summaries(session: Session, referrals: list[Referral]) -> list[dict[str, Any]]:
    """List items: no question, contact or notes (so a list is not a read of personal data)."""
    names = _org_names(session, [r.holder_id for r in referrals])
    owners = _users(session, [r.owner_id for r in referrals])
    needs = _needs(session, [r.id for r in referrals])
    return [
        {
            "id": r.id,
            "state": r.state,
            "holder": _org(r.holder_id, names),
            "owner": _person(owners.get(r.owner_id) if r.owner_id is not None else None),
            "contact_user_id": r.contact_user_id,
            "municipality": r.municipality,
            "age": r.age,
            "language": r.language,
            "needs": needs[r.id],
            "needs_rerouting": r.needs_rerouting,
            "outcome": r.outcome,
            "created_at": _iso(r.created_at),
            "updated_at": _iso(r.updated_at),
        }
        for r in referrals
    ]


def _respond(session: Session, referral: Referral, user: User, status: int = 200) -> tuple[Response, int]:
    """Answer with the referral; log the read of its personal data; commit the change with it."""
    body = referral_json(session, referral)
    if referral.question is not None or referral.client_contact is not None or body["notes"]:
        log_access(session, referral.id, user.id, "api", "referral")
    session.commit()
    return jsonify(body), status


def _page(total: int, page: int, per_page: int, contents: list[dict[str, Any]]) -> dict[str, Any]:
    """The paging envelope of the service list (HSDS style)."""
    return {
        "total_items": total,
        "total_pages": (total + per_page - 1) // per_page,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page * per_page >= total,
        "empty": not contents,
        "contents": contents,
    }


# --- referrals ----------------------------------------------------------------


@bp.post("/referrals")
@token_required()
def open_referral() -> tuple[Response, int]:
    body = _fields(json_body(), ("question", "municipality", "age", "language", "consent", "client_contact"))
    s = db.session()
    user = current_user()
    referral = ops.open_referral(
        s,
        user,
        question=body.get("question"),
        consent=body.get("consent"),
        municipality=body.get("municipality"),
        age=body.get("age"),
        language=body.get("language"),
        client_contact=body.get("client_contact"),
        channel="api",
    )
    return _respond(s, referral, user, 201)


@bp.get("/referrals")
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
    return jsonify(_page(total, page, per_page, summaries(s, list(rows))))


@bp.get("/referrals/<referral_id>")
@token_required()
def show_referral(referral_id: str) -> tuple[Response, int]:
    s = db.session()
    user = current_user()
    _v, referral = ops.get_visible(s, user, referral_id)
    return _respond(s, referral, user)


@bp.post("/referrals/<referral_id>/offers")
@token_required()
def make_offer(referral_id: str) -> tuple[Response, int]:
    body = _fields(json_body(), ("service_id", "ring_id", "note"))
    s = db.session()
    made = ops.offer(
        s,
        current_user(),
        referral_id,
        service_id=body.get("service_id"),
        ring_id=body.get("ring_id"),
        note=body.get("note"),
    )
    s.commit()
    return jsonify(offer_json(made)), 201


@bp.post("/offers/<offer_id>/accept")
@token_required()
def accept_offer(offer_id: str) -> tuple[Response, int]:
    s = db.session()
    user = current_user()
    referral = ops.accept_offer(s, user, offer_id)
    return _respond(s, referral, user)


@bp.post("/offers/<offer_id>/decline")
@token_required()
def decline_offer(offer_id: str) -> tuple[Response, int]:
    body = _fields(json_body(), ("reason", "note"))
    s = db.session()
    user = current_user()
    referral = ops.decline_offer(s, user, offer_id, body.get("reason"), body.get("note"))
    return _respond(s, referral, user)


@bp.post("/referrals/<referral_id>/handoff")
@token_required()
def handoff(referral_id: str) -> tuple[Response, int]:
    body = _fields(json_body(), ("service_id", "user_id", "note"))
    s = db.session()
    user = current_user()
    made = ops.propose_handoff(
        s, user, referral_id, service_id=body.get("service_id"), user_id=body.get("user_id"), note=body.get("note")
    )
    referral = s.get(Referral, made.referral_id)
    assert referral is not None
    return _respond(s, referral, user)


@bp.post("/referrals/<referral_id>/notes")
@token_required()
def add_note(referral_id: str) -> tuple[Response, int]:
    body = _fields(json_body(), ("text",))
    s = db.session()
    user = current_user()
    note = ops.add_note(s, user, referral_id, body.get("text"))
    referral = s.get(Referral, note.referral_id)
    assert referral is not None
    return _respond(s, referral, user)


@bp.post("/referrals/<referral_id>/close")
@token_required()
def close_referral(referral_id: str) -> tuple[Response, int]:
    body = _fields(json_body(), ("outcome",))
    s = db.session()
    user = current_user()
    referral = ops.close_referral(s, user, referral_id, body.get("outcome"))
    return _respond(s, referral, user)


# --- inbox and rings ----------------------------------------------------------


def _offers_with_referrals(session: Session, offers: list[Offer]) -> list[dict[str, Any]]:
    ids = list(dict.fromkeys(o.referral_id for o in offers))
    referrals = {r.id: r for r in session.exec(select(Referral).where(col(Referral.id).in_(ids)))} if ids else {}
    items = {item["id"]: item for item in summaries(session, list(referrals.values()))}
    return [{**offer_json(o), "referral": items.get(o.referral_id)} for o in offers]


@bp.get("/inbox")
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
            "offers": _page(total, page, per_page, _offers_with_referrals(s, list(offers))),
            "my_cases": _page(mine_total, mine_page, mine_per_page, summaries(s, list(mine))),
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
    body = _page(total, page, per_page, _offers_with_referrals(s, list(offers)))
    return jsonify({"ring": {"id": ring.id, "name": ring.name}, **body})

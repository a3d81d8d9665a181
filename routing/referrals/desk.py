"""The front desk: one form, ranked suggestions with their reasons, one click to refer, a receipt.

The question is sent by POST only (the live suggestions too), so it never
lands in an access log's query string.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlmodel import Session, col, select
from werkzeug.wrappers import Response

import routing.referrals.operations as referrals
from routing.core import db
from routing.core.errors import OperationError, parsed
from routing.directory.models import Organization, Phone, Ring, RingMember, Service
from routing.matcher.loading import current_router, route_now
from routing.matcher.result import RouteResult
from routing.matcher.router import RouteRequest
from routing.referrals.forms import DeskForm, EnquiryForm
from routing.referrals.models import OfferCreate, ReferralCreate
from routing.web.navigation import TIMEZONE, role_required
from routing.web.views import bp

# what the receipt promises the client: a contact within this many working days
CONTACT_WITHIN_WORKING_DAYS = 2


@dataclass
class RingChoice:
    id: str
    name: str
    members: list[str]


def rings_with_members(session: Session) -> list[RingChoice]:
    rows = session.exec(
        select(Ring.id, Ring.name, Organization.name)
        .join(RingMember, col(RingMember.ring_id) == Ring.id)
        .join(Organization, col(Organization.id) == RingMember.organization_id)
        .order_by(Ring.name, Organization.name)
    ).all()
    rings: dict[str, RingChoice] = {}
    for ring_id, ring_name, org_name in rows:
        rings.setdefault(ring_id, RingChoice(ring_id, ring_name, [])).members.append(org_name)
    return list(rings.values())


def eligibility_notes(session: Session, result: RouteResult) -> dict[str, str]:
    """Each candidate's eligibility in words (``services.eligibility_description``)."""
    ids = [c.service_id for c in result.candidates]
    if not ids:
        return {}
    rows = session.exec(select(Service.id, Service.eligibility_description).where(col(Service.id).in_(ids)))
    return {sid: text for sid, text in rows if text}


def contact_by(opened: datetime, working_days: int = CONTACT_WITHIN_WORKING_DAYS) -> datetime:
    """The day by which the client is promised a contact, in working days in Helsinki:
    not Saturdays, Sundays or Finnish public holidays (Midsummer and Christmas Eve included,
    as offices keep them)."""
    day = opened.astimezone(ZoneInfo(TIMEZONE))
    finnish = holidays.country_holidays("FI")
    left = working_days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5 and day.date() not in finnish:
            left -= 1
    return day


def service_contacts(session: Session, service_id: str) -> dict[str, Any]:
    """How the client can reach a service themselves: phones, e-mail, web page."""
    service = session.get(Service, service_id)
    if service is None:
        return {}
    phones = session.exec(
        select(Phone.number).where(
            (col(Phone.service_id) == service_id) | (col(Phone.organization_id) == service.organization_id)
        )
    ).all()
    return {"phones": list(dict.fromkeys(phones)), "email": service.email, "url": service.url}


def _render_desk(form: DeskForm, result: RouteResult | None, status: int = 200) -> tuple[str, int]:
    s = db.read_session()
    return (
        render_template(
            "referrals/desk.html",
            form=form,
            result=result,
            notes=eligibility_notes(s, result) if result else {},
            rings=rings_with_members(s),
        ),
        status,
    )


def route(form: EnquiryForm, limit: int = 5) -> RouteResult:
    """The engine's route result for the form (shared/CONTRACT.md "Route result"), on the desk's
    needs when it corrected them."""
    enquiry = form.enquiry()
    needs = enquiry.pop("needs")
    return current_router().route(
        RouteRequest(**enquiry, limit=limit, needs=tuple(needs) if needs is not None else None)
    )


@bp.get("/desk")
@role_required()
def desk() -> tuple[str, int]:
    return _render_desk(DeskForm(), None)


@bp.post("/desk")
@role_required()
def desk_suggest() -> tuple[str, int]:
    form = DeskForm()
    if not form.validate_on_submit():
        return _render_desk(form, None, 400)
    return _render_desk(form, route(form))


@bp.post("/desk/suggestions")
@role_required()
def desk_suggestions() -> tuple[str, int]:
    """The suggestions alone, for the page's script to swap in as the question is typed."""
    form = DeskForm()
    if not form.validate_on_submit():
        return render_template("matcher/_suggestions.html", form=form, result=None, notes={}, rings=[]), 200
    result = route(form)
    s = db.read_session()
    return (
        render_template(
            "matcher/_suggestions.html",
            form=form,
            result=result,
            notes=eligibility_notes(s, result),
            rings=rings_with_members(s),
        ),
        200,
    )


@bp.post("/desk/refer")
@role_required()
def desk_refer() -> tuple[str, int] | Response:
    """Open the referral and offer it where the desk clicked, in one transaction; then the receipt."""
    form = DeskForm()
    if not form.validate_on_submit():
        return _render_desk(form, None, 400)
    kind, _sep, target_id = (form.target.data or "").partition(":")
    if kind not in ("service", "ring"):
        return _render_desk(form, route(form), 400)
    user = current_user.user
    s = db.session()
    try:
        enquiry = parsed(
            ReferralCreate,
            {
                **form.enquiry(),
                "consent": bool(form.consent.data),
                "client_contact": (form.client_contact.data or "").strip() or None,
            },
        )
        target = parsed(OfferCreate, {"service_id": target_id} if kind == "service" else {"ring_id": target_id})
        referral, _offer = referrals.refer(s, user, enquiry, target, route=route_now, channel="desk")
        s.commit()
    except OperationError:
        s.rollback()  # nothing half-made: no referral without its offer
        flash(_("That service cannot take the case now. Choose another suggestion or a ring."), "error")
        return _render_desk(form, route(form), 409)
    return redirect(url_for("web.receipt", referral_id=referral.id))

"""The front desk: one form, ranked suggestions with their reasons, one click to refer, a receipt.

The question is sent by POST only (the live suggestions too), so it never
lands in an access log's query string.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from flask import flash, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import validate_csrf
from sqlmodel import Session, col, select
from werkzeug.wrappers import Response
from wtforms import ValidationError

import routing.referrals.operations as referrals
from routing.core import db
from routing.core.errors import OperationError, parsed
from routing.directory.models import Organization, Phone, Ring, RingMember, Service
from routing.directory.services import target_groups
from routing.matcher.gazetteer import gazetteer
from routing.matcher.loading import current_router, route_now
from routing.matcher.result import RouteResult
from routing.matcher.router import RouteRequest
from routing.referrals.forms import QUESTION_MAX, DeskForm, EnquiryForm
from routing.referrals.models import OfferCreate, ReferralCreate
from routing.referrals.queries import returned_count
from routing.web.forms import csrf
from routing.web.headers import personal
from routing.web.navigation import TIMEZONE, role_required
from routing.web.views import bp
from rules.taxonomy import LANGUAGES

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


def suggestion_groups(session: Session, result: RouteResult | None) -> dict[str, list[str]]:
    """The target groups of the suggested services, in the page's language (shown; not ranked by)."""
    if result is None or not result.candidates:
        return {}
    return target_groups(session, [c.service_id for c in result.candidates], str(get_locale() or "fi"))


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


def in_client_language(client: str | None, say: Callable[[], str]) -> list[tuple[str, str]]:
    """What the desk says to the client: (language, words) in the client's language first, then in the
    staff member's own when the two differ, so the desk can read what it is saying."""
    staff = str(get_locale())
    if not client or client == staff or client not in LANGUAGES:
        return [(staff, say())]
    with force_locale(client):
        words = say()
    return [(client, words), (staff, say())]


@bp.app_template_global()
def place_note(form: EnquiryForm, result: RouteResult | None) -> str | None:
    """When the municipality field and the question name different places, which one the suggestions used."""
    if result is None or result.municipality is None or result.municipality.source != "given":
        return None
    used = result.municipality.code
    named = next((m for m in gazetteer().find_in_text(form.question.data or "") if m.municipality.code != used), None)
    if named is None:
        return None
    lang = str(get_locale())
    field = gazetteer().get(used)
    return _(
        "The question mentions %(named)s, but the suggestions are for %(used)s, from the municipality field. "
        "Change the field if the client lives in %(named)s.",
        named=named.municipality.name(lang),
        used=field.name(lang) if field else result.municipality.name,
    )


def _render_desk(
    form: DeskForm, result: RouteResult | None, status: int = 200, problem: str | None = None
) -> tuple[str, int]:
    s = db.read_session()
    return (
        render_template(
            "referrals/desk.html",
            form=form,
            result=result,
            notes=eligibility_notes(s, result) if result else {},
            groups=suggestion_groups(s, result),
            rings=rings_with_members(s),
            problem=problem,
            question_max=QUESTION_MAX,
            returned=returned_count(s, current_user.user),
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


# A desk page stays open all day: its token lives as long as the login session (WTF_CSRF_TIME_LIMIT
# is None), and a token that no longer holds (a new login elsewhere, a restart with a new secret)
# re-renders the form with what was typed instead of an error page. So the desk's POSTs check the
# token themselves (``_posted``), exempt from CSRFProtect's error page; a POST whose token failed
# stores nothing.
def _posted() -> tuple[DeskForm, str | None]:
    """The desk form as sent, and the one line the desk reads when its token did not hold (else None).
    The form is read either way, so a failed token loses nothing typed."""
    try:
        validate_csrf(request.form.get("csrf_token") or request.headers.get("X-CSRFToken"))
    except ValidationError:
        expired = _(
            "The page had been open too long. What you typed is still here: check it and press the button again."
        )
        form = DeskForm(meta={"csrf": False})
        form.validate()  # the fields' own messages too, as a normal send would show them
        return form, expired
    return DeskForm(meta={"csrf": False}), None


def _route_if_readable(form: DeskForm) -> RouteResult | None:
    """The suggestions still, when what the engine reads is fine (a bad contact or an old token does not hide them)."""
    engine_reads = (form.question, form.municipality, form.age, form.language)
    if not form.question.data or any(f.errors for f in engine_reads):
        return None
    return route(form)


@bp.get("/desk")
@personal
@role_required()
def desk() -> tuple[str, int]:
    return _render_desk(DeskForm(), None)


@csrf.exempt
@bp.post("/desk")
@personal
@role_required()
def desk_suggest() -> tuple[str, int]:
    form, expired = _posted()
    if expired or not form.validate():
        return _render_desk(form, _route_if_readable(form), 400, expired)
    return _render_desk(form, route(form))


@csrf.exempt
@bp.post("/desk/suggestions")
@personal
@role_required()
def desk_suggestions() -> tuple[str, int]:
    """The suggestions alone, for the page's script to swap in as the question is typed."""
    form, expired = _posted()
    if expired or not form.validate():
        if expired:
            return _("The page had been open too long."), 400  # the script says the suggestions stopped
        return render_template("matcher/_suggestions.html", form=form, result=None, notes={}, rings=[]), 200
    result = route(form)
    s = db.read_session()
    return (
        render_template(
            "matcher/_suggestions.html",
            form=form,
            result=result,
            notes=eligibility_notes(s, result),
            groups=suggestion_groups(s, result),
            rings=rings_with_members(s),
        ),
        200,
    )


def _signpost(form: DeskForm, service_id: str) -> tuple[str, int]:
    """No offer without a way to reach the client: the desk gives the client the service's own contacts.
    Nothing about the client is stored."""
    s = db.read_session()
    service = s.get(Service, service_id)
    if service is None or service.status != "active":
        flash(_("That service cannot take the case now. Choose another suggestion or a ring."), "error")
        return _render_desk(form, route(form), 409)
    org = s.get(Organization, service.organization_id)
    client = form.language.data or route(form).language
    say = in_client_language(
        client,
        lambda: _(
            "“Contact %(service)s of %(org)s yourself: here are their contact details. "
            "We did not pass on your details.”",
            service=service.name,
            org=org.name if org else "",
        ),
    )
    return render_template(
        "referrals/receipt.html",
        referral=None,
        offer=None,
        say=say,
        service=service,
        org=org,
        contacts=service_contacts(s, service_id),
    ), 200


@csrf.exempt
@bp.post("/desk/refer")
@personal
@role_required()
def desk_refer() -> tuple[str, int] | Response:
    """Open the referral and offer it where the desk clicked, in one transaction; then the receipt.

    An offer is made only when someone can act on it: the client consented and left a phone or
    an e-mail (README "Consent"). Otherwise a service's button gives the client the service's own
    contact details, and a ring (which has none of its own to give) asks for what is missing.
    """
    form, expired = _posted()
    if expired or not form.validate():
        return _render_desk(form, _route_if_readable(form), 400, expired)
    kind, _sep, target_id = (form.target.data or "").partition(":")
    if kind not in ("service", "ring"):
        return _render_desk(form, route(form), 400)
    contact = (form.client_contact.data or "").strip()
    if not (form.consent.data and contact):
        if kind == "service":
            return _signpost(form, target_id)
        missing = _(
            "A ring's counsellor contacts the client: tick the client's consent and write their phone or e-mail, "
            "or choose a service to give the client its contact details."
        )
        return _render_desk(form, route(form), 400, missing)
    user = current_user.user
    s = db.session()
    try:
        enquiry = parsed(
            ReferralCreate,
            {**form.enquiry(), "consent": True, "client_contact": contact},
        )
        target = parsed(OfferCreate, {"service_id": target_id} if kind == "service" else {"ring_id": target_id})
        referral, _offer = referrals.refer(s, user, enquiry, target, route=route_now, channel="desk")
        s.commit()
    except OperationError:
        s.rollback()  # nothing half-made: no referral without its offer
        flash(_("That service cannot take the case now. Choose another suggestion or a ring."), "error")
        return _render_desk(form, route(form), 409)
    return redirect(url_for("web.receipt", referral_id=referral.id))

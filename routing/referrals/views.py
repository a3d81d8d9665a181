"""The ring queue, the inbox, the referral page and the buttons on them.

Each POST parses its form, calls one operation of ``routing.referrals``,
commits, and redirects back with a message. A refused operation is told in
words (a lost claim: "already taken by …"); what the user's organisation
may not see answers the 404 page, exactly as if it did not exist. The ring
queue and the inbox's lists come a page of ``PER_PAGE`` rows at a time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlmodel import Session, col, select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

import routing.door.mail as door_mail
import routing.referrals.attachments as attachments
import routing.referrals.operations as referrals
from routing.accounts.models import Role, User
from routing.core import db
from routing.core.errors import Conflict, Forbidden, NotFound, OperationError, parsed
from routing.directory.models import Service
from routing.door.forms import MessageForm
from routing.mailbox.boxes import box_status
from routing.privacy.access import log_access
from routing.referrals.desk import contact_by, in_client_language, rings_with_members, service_contacts
from routing.referrals.forms import ActionForm, CloseForm, DeclineForm, HandoffForm, NoteForm
from routing.referrals.models import (
    HandoffCreate,
    MessageCreate,
    NoteCreate,
    Offer,
    OfferCreate,
    OfferDecline,
    Referral,
    ReferralClose,
)
from routing.referrals.permissions import (
    DECIDING_ROLES,
    holds,
    may,
    may_decide,
    may_keep_service,
    may_read_content,
    may_use_thread,
    viewer,
)
from routing.referrals.queries import (
    INBOX_LISTS,
    attachment_of,
    case_file,
    inbox_of,
    names_for,
    ring_queue,
    taken_by,
    thread_of,
    tried_targets,
    user_name,
    waiting_for_reply,
)
from routing.web.formats import weekday
from routing.web.headers import personal
from routing.web.navigation import role_required
from routing.web.redirects import safe_target
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
    ("withdraw", 422): _l("The handoff was already answered: it can no longer be withdrawn."),
    ("note", 422): _l("Notes can be written only while the case is owned."),
    ("close", 422): _l("The case is already closed."),
}
GENERIC_REFUSAL = _l("That could not be done. Reload the page to see the case as it is now.")


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
@personal
@role_required(*DECIDING_ROLES)
@personal
def ring() -> str:
    s = db.read_session()
    rings, listing = ring_queue(s, current_user.user, requested_page("page"))
    # the ring's mailbox and the mails it held, for the org-admins who answer for it (routing/mailbox)
    boxes = box_status(s, [r.id for r in rings]) if current_user.user.role == Role.ORG_ADMIN else []
    return render_template("referrals/ring.html", rings=rings, queue=listing, form=ActionForm(), boxes=boxes)


@bp.get("/inbox")
@personal
@role_required()
def inbox() -> str:
    s = db.read_session()
    box = inbox_of(s, current_user.user, {name: requested_page(name) for name in INBOX_LISTS})
    returned = [r.id for r in box.returned.referrals]
    return render_template(
        "referrals/inbox.html",
        box=box,
        tried=tried_targets(s, returned),
        rings=rings_with_members(s) if returned else [],
        positions=box.positions(),
        action=ActionForm(),
        decline=DeclineForm(),
        note=NoteForm(),
        close=CloseForm(),
        may_decide=current_user.user.role in DECIDING_ROLES,
        waiting=waiting_for_reply(s, [r.id for r in box.mine.referrals]),
    )


def _visible(referral_id: str) -> Referral:
    try:
        _v, referral = referrals.get_visible(db.read_session(), current_user.user, referral_id)
    except NotFound:
        abort(404)
    return referral


@bp.get("/referrals/<referral_id>")
@personal
@role_required()
def referral_page(referral_id: str) -> str:
    return _case_page(referral_id)


def _case_page(referral_id: str, note: NoteForm | None = None, close: CloseForm | None = None) -> str:
    """The referral page; ``note`` or ``close`` sent back with their errors shown at their fields."""
    user = current_user.user
    referral = _visible(referral_id)
    read = db.read_session()
    v = viewer(read, user)
    content = may_read_content(read, v, referral)
    if content:
        # the client data act: every read of the client's data is recorded
        s = db.session()
        log_access(s, referral.id, user.id, "page")
        s.commit()
    case = case_file(read, referral, content=content)
    offers = case.offers
    mine_to_decide = [o for o in offers if may_decide(v, o)]
    is_owner = may(user, "notes", referral)
    is_holder = holds(user, referral)
    handoff = HandoffForm()
    handoff.to.choices = handoff_choices(read, referral, user) if is_owner else []
    return render_template(
        "referrals/referral.html",
        referral=referral,
        offers=offers,
        offers_by_id={o.id: o for o in offers},
        events=case.events,
        notes=case.notes,
        content=content,
        names=case.names,
        needs=[n.need for n in case.needs],
        to_decide=mine_to_decide,
        is_owner=is_owner,
        may_offer=may(user, "offer", referral),
        may_close=may(user, "close", referral),
        candidates=(referral.route_result or {}).get("candidates", []),
        rings=rings_with_members(read) if is_holder else [],
        action=ActionForm(),
        decline=DeclineForm(),
        note=note or NoteForm(),
        close=close or CloseForm(),
        handoff=handoff,
        thread=thread_of(read, referral.id) if may_use_thread(user, referral) else None,
        message=MessageForm(),
    )


def handoff_choices(session: Session, referral: Referral, user: User) -> list[SelectChoice]:
    """Where the owner may hand the case: colleagues who can own cases, and the route's other services.

    The case's own service is left out; a service whose organisation has nobody in Eteinen to
    accept is shown as such, and cannot be chosen."""
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
    here = session.exec(
        select(Offer.service_id).where(col(Offer.referral_id) == referral.id, col(Offer.state) == "accepted")
    ).all()
    receiving = set(
        session.exec(
            select(User.organization_id).where(col(User.active).is_(True), col(User.role).in_(DECIDING_ROLES))
        ).all()
    )
    for c in (referral.route_result or {}).get("candidates", []):
        if not isinstance(c, dict) or not c.get("service_id") or c["service_id"] in here:
            continue
        label = _("Service: %(service)s, %(org)s", service=c.get("service_name"), org=c.get("organization_name"))
        if c.get("organization_id") in receiving:
            choices.append(SelectChoice(f"service:{c['service_id']}", label))
        else:
            unable = _("%(service)s (nobody there uses Eteinen: cannot receive)", service=label)
            choices.append(SelectChoice(f"service:{c['service_id']}", unable, render_kw={"disabled": True}))
    return choices


@bp.get("/referrals/<referral_id>/receipt")
@personal
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
    by = contact_by(offer.created_at if offer else referral.created_at)

    def promise() -> str:
        if offer is None:
            return ""
        if offer.ring_id:
            return _(
                "“A counsellor of %(ring)s will contact you by %(day)s.”",
                ring=names.rings.get(offer.ring_id, ""),
                day=weekday(by),
            )
        return _(
            "“%(service)s from %(org)s will contact you by %(day)s.”",
            service=names.services.get(offer.service_id or "", ""),
            org=names.orgs.get(offer.organization_id or "", ""),
            day=weekday(by),
        )

    return render_template(
        "referrals/receipt.html",
        referral=referral,
        offer=offer,
        names=names,
        say=in_client_language(referral.language, promise) if offer else [],
        contacts=service_contacts(s, offer.service_id) if offer and offer.service_id else {},
    )


# --- actions --------------------------------------------------------------------


def _back(default: str) -> str:
    return safe_target(request.form.get("next"), default)


def _not_chosen(form: DeclineForm | CloseForm, name: str, default: str) -> Response:
    """A decline or close sent without its reason: nothing is recorded, and the page says what is missing."""
    if form.csrf_token.errors or name not in form.errors or request.form.get(name):
        abort(400)  # a forged token or a value no form offers: not a person's slip
    flash(_("Nothing was recorded: %(problem)s", problem=form.errors[name][0]), "error")
    return redirect(_back(default))


def _from_case_page(form: NoteForm | CloseForm) -> bool:
    """A form sent from the referral page itself (the inbox's carry ``next``), with a genuine token:
    the page comes back with the error at its field."""
    return not form.csrf_token.errors and not request.form.get("next")


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
        return _not_chosen(form, "reason", url_for("web.inbox"))
    s = db.session()
    try:
        decision = parsed(OfferDecline, {"reason": form.reason.data, "note": form.note.data or None})
        referrals.decline_offer(s, current_user.user, offer_id, decision)
        s.commit()
    except OperationError as exc:
        _refused(exc, "decline")
    else:
        flash(_("Declined. The case went back to the organisation that sent it, to be offered elsewhere."), "ok")
        proposal = _propose_full(s, offer_id, form.reason.data)
        if proposal:
            return redirect(proposal)
    return redirect(_back(url_for("web.inbox")))


def _propose_full(s: Session, offer_id: str, reason: str | None) -> str | None:
    """A decline for lack of capacity: the directory page, proposing to mark the service full."""
    offer = s.get(Offer, offer_id)
    if reason != "no-capacity" or offer is None or offer.service_id is None:
        return None
    service = s.get(Service, offer.service_id)
    if service is None or not may_keep_service(current_user.user, service.organization_id):
        return None
    return url_for("web.directory", search=service.name, propose_full=service.id)


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
        to = parsed(OfferCreate, {"service_id": target_id} if kind == "service" else {"ring_id": target_id})
        referrals.offer(s, current_user.user, referral_id, to)
        s.commit()
    except OperationError as exc:
        _refused(exc, "offer")
    else:
        flash(_("Offered. You see here when someone accepts it."), "ok")
    return redirect(_back(url_for("web.referral_page", referral_id=referral_id)))


@bp.post("/referrals/<referral_id>/notes")
@personal  # sent back with its errors, the answer is the case page
@role_required()
def add_note(referral_id: str) -> Response | tuple[str, int]:
    form = NoteForm()
    if not form.validate_on_submit():
        if _from_case_page(form):
            return _case_page(referral_id, note=form), 400
        flash(_("Write the note before saving it."), "error")
        return redirect(_back(url_for("web.referral_page", referral_id=referral_id)))
    s = db.session()
    try:
        referrals.add_note(s, current_user.user, referral_id, parsed(NoteCreate, {"text": form.text.data}))
        s.commit()
    except OperationError as exc:
        _refused(exc, "note")
    else:
        flash(_("Note saved."), "ok")
    return redirect(_back(url_for("web.referral_page", referral_id=referral_id)))


@bp.post("/referrals/<referral_id>/close")
@personal  # sent back with its errors, the answer is the case page
@role_required()
def close(referral_id: str) -> Response | tuple[str, int]:
    form = CloseForm()
    if not form.validate_on_submit():
        if _from_case_page(form) and not request.form.get("outcome"):
            return _case_page(referral_id, close=form), 400
        return _not_chosen(form, "outcome", url_for("web.referral_page", referral_id=referral_id))
    s = db.session()
    try:
        referrals.close_referral(
            s, current_user.user, referral_id, parsed(ReferralClose, {"outcome": form.outcome.data})
        )
        s.commit()
    except OperationError as exc:
        _refused(exc, "close")
    else:
        flash(_("The case is closed."), "ok")
    return redirect(_back(url_for("web.referral_page", referral_id=referral_id)))


@bp.post("/offers/<offer_id>/withdraw")
@role_required(*DECIDING_ROLES)
def withdraw(offer_id: str) -> Response:
    if not ActionForm().validate_on_submit():
        abort(400)
    s = db.session()
    try:
        offer = referrals.withdraw_handoff(s, current_user.user, offer_id)
        s.commit()
    except OperationError as exc:
        _refused(exc, "withdraw")
        return redirect(_back(url_for("web.inbox")))
    flash(_("Handoff withdrawn. The case stays yours."), "ok")
    return redirect(url_for("web.referral_page", referral_id=offer.referral_id))


@bp.post("/referrals/<referral_id>/handoff")
@role_required(*DECIDING_ROLES)
def handoff(referral_id: str) -> Response:
    form = HandoffForm()
    kind, _sep, target_id = (form.to.data or "").partition(":")
    if not form.validate_on_submit() or kind not in ("service", "user") or not target_id:
        abort(400)
    s = db.session()
    try:
        if kind == "user" and not target_id.isdigit():
            abort(400)
        to = {"service_id": target_id} if kind == "service" else {"user_id": int(target_id)}
        referrals.propose_handoff(s, current_user.user, referral_id, parsed(HandoffCreate, to))
        s.commit()
    except OperationError as exc:
        _refused(exc, "handoff")
    else:
        flash(_("Handoff proposed. You own the case until they accept it."), "ok")
    return redirect(url_for("web.referral_page", referral_id=referral_id))


# --- the thread with the client ------------------------------------------------------


@bp.post("/referrals/<referral_id>/messages")
@role_required()
def referral_message(referral_id: str) -> Response:
    form = MessageForm()
    back = url_for("web.referral_page", referral_id=referral_id) + "#thread"
    if not form.validate_on_submit():
        flash(_("Write the message before sending it."), "error")
        return redirect(back)
    s = db.session()
    try:
        files = attachments.uploaded(form.files)
        written = parsed(MessageCreate, {"body": form.body.data})
        referrals.post_message(s, referral_id, written, staff=current_user.user, files=files)
        s.commit()
    except OperationError as exc:
        if isinstance(exc, NotFound):
            s.rollback()
            abort(404)
        s.rollback()
        flash(str(exc) if "file" in str(exc) else str(GENERIC_REFUSAL), "error")
        return redirect(back)
    door_mail.notify_client(db.read_session(), referral_id)
    sent = db.read_session().get(Referral, referral_id)
    if sent is not None and sent.channel == "email":  # routing/mailbox sends it on its next round
        flash(_("Sent. It goes to the client by e-mail from the ring's address within a minute."), "ok")
    else:
        flash(_("Sent. The client gets an e-mail that there is a new message (not what it says)."), "ok")
    return redirect(back)


@bp.get("/referrals/<referral_id>/files/<attachment_id>")
@role_required()
@personal
def referral_file(referral_id: str, attachment_id: str) -> Response:
    s = db.read_session()
    try:
        referral = referrals.thread_referral(s, current_user.user, referral_id)
    except NotFound:
        abort(404)
    stored = attachment_of(s, referral.id, attachment_id)
    if stored is None:
        abort(404)
    # a client's file is their data as much as the page's words: its read is recorded too
    write = db.session()
    log_access(write, referral.id, current_user.user.id, "page", "file")
    write.commit()
    return attachments.download(stored)

"""The client's door (``/client/``): write in without an account, follow the case, talk with its counsellor.

Public pages, no JavaScript. A case is reached by its private link (``/client/c/<token>``: a 128-bit token,
kept only as a digest) or, signed in, by its code among the client's own cases. Any key that opens no case
answers the same 404. With ``CLIENT_DOOR_REQUIRE_STRONG_ID`` the link alone shows the state; the thread,
files, export and withdrawal need the signed-in identity the case is bound to. The client's own reads are
not written to the staff access log; the page lists the staff's reads of the case.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

import routing.door.keys as keys
import routing.door.mail as door_mail
import routing.door.signin as signin
import routing.privacy.operations as privacy
import routing.referrals.attachments as attachments
import routing.referrals.operations as referrals
from routing.core import db
from routing.core.errors import BadInput, OperationError, parsed
from routing.door.forms import MessageForm, NewCaseForm, WithdrawForm
from routing.door.models import ClientKey
from routing.matcher.gazetteer import gazetteer
from routing.matcher.loading import route_now
from routing.referrals.desk import contact_by
from routing.referrals.models import MessageCreate, Referral, ReferralCreate
from routing.referrals.queries import attachment_of, first_name, names_for, thread_of
from routing.web.headers import personal

bp = Blueprint("client", __name__, url_prefix="/client")

CODE_LENGTH = 9  # K7MA-4QXP: a code, not a token (22 characters)


@bp.before_request
def _door_open() -> None:
    door = keys.door_of(db.read_session(), current_app.config)
    if door is None:
        abort(404)
    g.door = door


@bp.app_context_processor
def _door_globals() -> dict[str, Any]:
    return {
        "client_signed_in": signin.signed_in,
        "client_signin_configured": lambda: signin.configured(current_app.config),
    }


def _address() -> str:
    return request.remote_addr or "unknown"


# --- writing in ------------------------------------------------------------------------


@bp.get("/")
@personal
def home() -> str:
    subject = signin.signed_in()
    cases = keys.cases_of(db.read_session(), subject) if subject else []
    return render_template("door/home.html", cases=cases)


@bp.get("/new")
def new() -> str:
    return render_template("door/new.html", form=NewCaseForm())


def _too_many(wait: int) -> Response:
    minutes = max(1, -(-wait // 60))
    response = Response(render_template("door/too_many.html", minutes=minutes), status=429)
    response.headers["Retry-After"] = str(wait)
    return response


@bp.post("/new")
@personal
def write_in() -> tuple[str, int] | Response:
    form = NewCaseForm()
    secret = current_app.config["SECRET_KEY"]
    read = db.read_session()
    wait = keys.retry_after(read, secret, _address())
    if wait is not None:
        return _too_many(wait)
    if not form.validate_on_submit():
        return render_template("door/new.html", form=form), 400
    if form.website.data:  # only a robot fills the field nobody sees
        return render_template("door/new.html", form=NewCaseForm(formdata=None)), 400
    if not form.consent.data:
        return render_template("door/no_consent.html"), 200
    place = gazetteer().lookup(form.municipality.data) if form.municipality.data else None
    email = (form.contact_email.data or "").strip() or None
    phone = (form.contact_phone.data or "").strip() or None
    s = db.session()
    try:
        enquiry = parsed(
            ReferralCreate,
            {
                "question": (form.question.data or "").strip(),
                "municipality": place.code if place else None,
                "age": form.age.data,
                "language": form.language.data or None,
                "consent": True,
                "client_contact": ", ".join(c for c in (email, phone) if c) or None,
            },
        )
        door = g.door
        referral, _offer = referrals.open_at_door(s, door.organization_id, door.ring_id, enquiry, route=route_now)
        token = keys.new_key(s, referral, email, signin.signed_in())
        keys.count_opening(s, secret, _address())
        s.commit()
    except BadInput as exc:
        s.rollback()
        form.question.errors = [str(exc)]
        return render_template("door/new.html", form=form), 400
    url = current_app.config["BASE_URL"].rstrip("/") + url_for("client.case", key=token)
    if email:
        door_mail.link_to_case(email, url, referral.code or "", referral.language or _locale())
    return redirect(url_for("client.case", key=token), 303)


def _locale() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "fi")


# --- the case ----------------------------------------------------------------------------


@dataclass
class ClientCase:
    referral: Referral
    key: ClientKey
    full: bool  # may see the thread, files, export and withdraw
    may_bind: bool  # signed-in sign-in would bind or show it


def _case(key: str, *, lock: bool = False) -> ClientCase:
    s = db.session() if lock else db.read_session()
    subject = signin.signed_in()
    referral: Referral | None = None
    if len(key) == CODE_LENGTH and subject:
        referral = keys.referral_by_code(s, subject, key)
    elif 16 <= len(key) <= 64:
        referral = keys.referral_by_token(s, key)
    client_key = keys.key_of(s, referral.id) if referral is not None else None
    if referral is None or client_key is None:
        abort(404)
    bound_to_me = subject is not None and client_key.subject_digest == subject
    strong = bool(current_app.config.get("CLIENT_DOOR_REQUIRE_STRONG_ID"))
    full = bound_to_me or not strong
    return ClientCase(referral, client_key, full, signin.configured(current_app.config) and not bound_to_me)


def _full(key: str, *, lock: bool = False) -> ClientCase:
    case = _case(key, lock=lock)
    if not case.full:
        abort(403)
    return case


def _status(referral: Referral) -> dict[str, Any]:
    """The state in plain words, with who took the case and by when the client hears."""
    read = db.read_session()
    owner = names_for(read, users=[referral.owner_id]).people.get(referral.owner_id) if referral.owner_id else None
    org = names_for(read, orgs=[owner.organization_id]).orgs.get(owner.organization_id) if owner else None
    return {
        "owner_name": first_name(owner),
        "owner_org": org,
        "by": contact_by(referral.created_at),
    }


@bp.get("/c/<key>")
@personal
def case(key: str) -> str:
    found = _case(key)
    read = db.read_session()
    return render_template(
        "door/case.html",
        key=key,
        case=found,
        referral=found.referral,
        status=_status(found.referral),
        thread=thread_of(read, found.referral.id) if found.full else None,
        reads=privacy.staff_reads(read, found.referral.id) if found.full else [],
        form=MessageForm(),
    )


@bp.post("/c/<key>/messages")
@personal
def write(key: str) -> str | Response | tuple[str, int]:
    found = _full(key)
    form = MessageForm()
    if not form.validate_on_submit():
        return _case_again(key, found, form)
    s = db.session()
    try:
        files = attachments.uploaded(form.files)
        referrals.post_message(
            s, found.referral.id, parsed(MessageCreate, {"body": form.body.data}), staff=None, files=files
        )
        s.commit()
    except OperationError as exc:
        s.rollback()
        form.files.errors = [_file_error(exc)] if isinstance(exc, BadInput) and "file" in str(exc) else []
        form.body.errors = [] if form.files.errors else [_("The message could not be sent: the case may be closed.")]
        return _case_again(key, found, form)
    door_mail.notify_owner(db.read_session(), found.referral.id)
    flash(_("Message sent."), "ok")
    # no #thread: a fragment would stop the confirmation in the thread from taking the focus (autofocus)
    return redirect(url_for("client.case", key=key), 303)


def _file_error(exc: OperationError) -> str:
    text = str(exc)
    if "larger" in text:
        return _("A file is larger than 10 MB. Send a smaller one.")
    if "at most" in text:
        return _("Attach at most 5 files to one message.")
    return _("Only PDF, PNG and JPEG files can be sent.")


def _case_again(key: str, found: ClientCase, form: MessageForm) -> tuple[str, int]:
    read = db.read_session()
    return (
        render_template(
            "door/case.html",
            key=key,
            case=found,
            referral=found.referral,
            status=_status(found.referral),
            thread=thread_of(read, found.referral.id),
            reads=privacy.staff_reads(read, found.referral.id),
            form=form,
        ),
        400,
    )


@bp.get("/c/<key>/files/<attachment_id>")
@personal
def file(key: str, attachment_id: str) -> Response:
    found = _full(key)
    stored = attachment_of(db.read_session(), found.referral.id, attachment_id)
    if stored is None:
        abort(404)
    return attachments.download(stored)


def _without_emails(value: Any) -> Any:
    """The export as the client takes it: staff are named, their e-mail addresses left out."""
    if isinstance(value, dict):
        return {k: _without_emails(v) for k, v in value.items() if k != "email"}
    if isinstance(value, list):
        return [_without_emails(v) for v in value]
    return value


@bp.get("/c/<key>/export")
@personal
def export(key: str) -> Response:
    found = _full(key)
    s = db.session()
    data = _without_emails(privacy.export(s, found.referral, None, "client"))
    s.commit()
    read = db.read_session()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("case.json", json.dumps(data, ensure_ascii=False, indent=2))
        for files in thread_of(read, found.referral.id).attachments.values():
            for a in files:
                path = attachments.path_of(a.stored_name)
                if path.exists():
                    archive.write(path, f"files/{a.id[:8]}-{a.filename}")
    buffer.seek(0)
    code = found.referral.code or found.referral.id[:8]
    response = send_file(buffer, mimetype="application/zip", as_attachment=True, download_name=f"case-{code}.zip")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/c/<key>/withdraw")
@personal
def withdraw_page(key: str) -> str:
    found = _full(key)
    return render_template("door/withdraw.html", key=key, referral=found.referral, form=WithdrawForm())


@bp.post("/c/<key>/withdraw")
@personal
def withdraw(key: str) -> tuple[str, int] | str:
    found = _full(key)
    form = WithdrawForm()
    if not form.validate_on_submit() or not form.sure.data:
        return render_template("door/withdraw.html", key=key, referral=found.referral, form=form), 400
    s = db.session()
    referral = privacy.referral_for(s, found.referral.id, None, lock=True)
    try:
        privacy.erase(s, referral, None, force=True, reason="client-withdrew")
        s.commit()
    except OperationError:
        s.rollback()
        abort(404)
    return render_template("door/withdrawn.html", code=referral.code)


# --- signing in -------------------------------------------------------------------------


@bp.get("/signin")
def sign_in() -> Response:
    if not signin.configured(current_app.config):
        abort(404)
    key = request.args.get("case", "")
    session.pop("door_bind", None)
    if key:
        found = _case(key)
        session["door_bind"] = found.referral.id  # the sign-in binds the case the client had the link of
        session["door_back"] = key
    return signin.client().authorize_redirect(url_for("client.signed_in", _external=True))


@bp.get("/signin/done")
def signed_in() -> Response:
    if not signin.configured(current_app.config):
        abort(404)
    try:
        token = signin.client().authorize_access_token()
    except Exception:  # the provider refused or the answer was forged or stale: no sign-in
        current_app.logger.warning("door sign-in failed")
        return redirect(url_for("client.home"))
    subject = signin.sign_in_with(token)
    referral_id, back = session.pop("door_bind", None), session.pop("door_back", None)
    if referral_id:
        s = db.session()
        bound = keys.bind(s, referral_id, subject)
        s.commit()
        if bound and back:
            return redirect(url_for("client.case", key=back))
    return redirect(url_for("client.home"))


@bp.post("/signout")
def sign_out() -> Response:
    if not FlaskForm().validate_on_submit():
        abort(400)
    signin.sign_out()
    return redirect(url_for("client.home"))

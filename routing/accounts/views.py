"""Logging in and out, and the page each role starts from."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlmodel import select
from werkzeug.wrappers import Response

import routing.accounts.auth as auth
from routing.accounts.forms import LoginForm
from routing.accounts.models import Role, User
from routing.core import db
from routing.web.redirects import safe_target
from routing.web.views import bp


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int] | tuple[str, int, dict[str, str]]:
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("web.index"))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("accounts/login.html", form=form), 400 if request.method == "POST" else 200
    s = db.session()
    email = (form.email.data or "").strip().lower()
    keys = auth.throttle_keys(email, request.remote_addr)
    wait = auth.wait_seconds(s, keys)
    if wait:
        flash(_("Too many failed attempts. Wait %(seconds)s seconds and try again.", seconds=wait), "error")
        return render_template("accounts/login.html", form=form, throttled=True), 429, {"Retry-After": str(wait)}
    user = s.exec(select(User).where(User.email == email)).first()
    right = auth.check_password(user, form.password.data or "")  # as slow without a user: a dummy hash
    if user is None or not right:
        auth.record_failure(s, keys)
        s.commit()
        flash(_("Wrong e-mail or password."), "error")
        return render_template("accounts/login.html", form=form), 401
    auth.clear_failures(s, email)
    lang = session.get("lang")
    if lang:
        user.language = lang  # the language chosen on the login page stays the user's choice
    s.commit()
    session.clear()  # a fresh session on login: nothing carried over from before
    if lang:
        session["lang"] = lang
    login_user(auth.SessionUser(user))
    return redirect(safe_target(request.args.get("next"), url_for("web.home")))


@bp.get("/home")
@login_required
def home() -> Response:
    """Where a login lands: the page of the person's daily work."""
    role = current_user.user.role
    if role in (Role.COUNSELLOR, Role.ORG_ADMIN):
        return redirect(url_for("web.inbox"))
    if role == Role.COORDINATOR:
        return redirect(url_for("web.directory"))
    return redirect(url_for("web.desk"))


@bp.post("/logout")
@login_required
def logout() -> Response:
    # a copy of the session cookie (a shared desk, a stolen backup) is worth nothing after logout
    current_user.user.session_version += 1
    db.session().commit()
    logout_user()
    session.clear()  # the next person at a shared desk starts afresh, in their own language
    return redirect(url_for("web.login"))

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlmodel import select
from werkzeug.wrappers import Response
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired

from .. import auth, db
from ..directory import organizations_with_services
from ..models import User

bp = Blueprint("web", __name__)


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])


@bp.get("/")
def index() -> str:
    return render_template("index.html", organizations=organizations_with_services(db.read_session()))


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("login.html", form=form), 400 if request.method == "POST" else 200
    s = db.session()
    email = (form.email.data or "").strip().lower()
    keys = auth.throttle_keys(email, request.remote_addr)
    if auth.is_throttled(s, keys):
        flash(_("Too many failed attempts. Wait 15 minutes and try again."), "error")
        return render_template("login.html", form=form), 429
    user = s.exec(select(User).where(User.email == email)).first()
    if user is None or not user.active or not auth.check_password(user, form.password.data or ""):
        auth.record_failure(s, keys)
        s.commit()
        flash(_("Wrong e-mail or password."), "error")
        return render_template("login.html", form=form), 401
    auth.clear_failures(s, email)
    s.commit()
    lang = session.get("lang")
    session.clear()  # a fresh session on login: nothing carried over from before
    if lang:
        session["lang"] = lang
    login_user(auth.SessionUser(user))
    target = request.args.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("web.index")
    return redirect(target)


@bp.post("/logout")
@login_required
def logout() -> Response:
    logout_user()
    session.clear()
    return redirect(url_for("web.login"))

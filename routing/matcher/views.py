"""The rule tester: a question tried against the current rules, with everything the engine found."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

import routing.matcher.learn as learning
import routing.matcher.reasons as reasons
from routing.accounts.models import Role
from routing.core import db
from routing.matcher.loading import current_router, router_cache
from routing.matcher.result import Candidate
from routing.referrals.desk import route
from routing.referrals.forms import EnquiryForm
from routing.web.headers import personal
from routing.web.navigation import role_required
from routing.web.views import bp

RULE_EDITORS = (Role.COORDINATOR, Role.ADMIN)


@bp.app_template_filter("reason_words")
def reason_words(candidate: Candidate) -> list[str]:
    """Why a candidate is suggested, in the staff member's language (the page's), whatever the client's."""
    return reasons.words(candidate.why, str(get_locale())) if candidate.why else list(candidate.reasons)


@bp.route("/rules/try", methods=["GET", "POST"])
@personal
@role_required(*RULE_EDITORS)
def rules_try() -> tuple[str, int]:
    form = EnquiryForm()
    if not form.is_submitted():
        return render_template("matcher/rules_try.html", form=form, result=None), 200
    if not form.validate():
        return render_template("matcher/rules_try.html", form=form, result=None), 400
    return render_template("matcher/rules_try.html", form=form, result=route(form, limit=10)), 200


def _rule_folder() -> Path | None:
    folder = current_app.config.get("ETEINEN_RULES")
    return Path(folder) if folder and Path(folder).is_dir() else None


def _learned() -> learning.Learned:
    with db.new_session(read_only=True) as session:
        cases = learning.gather(session)
    return learning.learn(cases, current_router().ruleset, rejected=learning.rejected_ids(_rule_folder()))


@bp.route("/rules/learn", methods=["GET", "POST"])
@role_required(*RULE_EDITORS)
def rules_learn() -> tuple[str, int] | Response:
    """What the desk's corrections teach: proposals with their evidence, each accepted or rejected by a person."""
    form = FlaskForm()
    folder = _rule_folder()
    if request.method == "POST":
        if not form.validate_on_submit():
            return render_template("matcher/learn.html", learned=_learned(), folder=folder, form=form), 400
        wanted = request.form.get("proposal", "")
        decision = request.form.get("decision", "")
        proposal = next((p for p in _learned().proposals if p.id == wanted), None)
        if proposal is None or decision not in ("accept", "reject") or folder is None:
            flash(_("That proposal is no longer there. The list below is up to date."), "error")
            return redirect(url_for("web.rules_learn"))
        if decision == "reject":
            learning.reject(folder, proposal.id)
            flash(_("Rejected: it will not be proposed again."), "ok")
        else:
            try:
                learning.accept(folder, proposal)
            except learning.AcceptError as exc:
                flash(_("The rule folder did not accept it: %(why)s", why=str(exc)), "error")
            else:
                router_cache().check_now()  # this process at once; the others within a second
                flash(_("Accepted: new questions are read with it from now on."), "ok")
        return redirect(url_for("web.rules_learn"))
    return render_template("matcher/learn.html", learned=_learned(), folder=folder, form=form), 200

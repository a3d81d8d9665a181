"""The rule tester: a question tried against the current rules, with everything the engine found."""

from __future__ import annotations

from flask import render_template
from flask_babel import get_locale

import routing.matcher.reasons as reasons
from routing.accounts.models import Role
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

"""The rule tester: a question tried against the current rules, with everything the engine found."""

from __future__ import annotations

from typing import Any

from flask import render_template

from .. import db
from . import role_required
from .forms import EnquiryForm
from .views import bp

RULE_EDITORS = ("coordinator", "admin")


def try_rules(form: EnquiryForm) -> dict[str, Any]:
    from ..matcher import route

    return route(db.read_session(), **form.enquiry(), limit=10)


@bp.route("/rules/try", methods=["GET", "POST"])
@role_required(*RULE_EDITORS)
def rules_try() -> tuple[str, int]:
    form = EnquiryForm()
    if not form.is_submitted():
        return render_template("rules_try.html", form=form, result=None), 200
    if not form.validate():
        return render_template("rules_try.html", form=form, result=None), 400
    return render_template("rules_try.html", form=form, result=try_rules(form)), 200

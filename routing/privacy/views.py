"""The client's data rights on the referral page: the export to print and the access log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import render_template
from flask_login import current_user

import routing.privacy.operations as privacy
from routing.core import db
from routing.referrals.permissions import may_manage_client_data, may_see, viewer
from routing.web.formats import when
from routing.web.headers import personal
from routing.web.navigation import role_required
from routing.web.views import bp


def _managed(referral_id: str) -> Any:
    return privacy.referral_for(db.session(), referral_id, current_user.user)


@bp.get("/referrals/<referral_id>/export")
@personal
@role_required(*privacy.MANAGING_ROLES)
def referral_export(referral_id: str) -> str:
    """Everything stored about the client, to print or save as PDF; logged like every export."""
    s = db.session()
    referral = _managed(referral_id)
    data = privacy.export(s, referral, current_user.user, "page")
    s.commit()
    return render_template("privacy/export.html", data=data, referral=referral, case_link=_case_link(referral))


@bp.get("/referrals/<referral_id>/access-log")
@personal
@role_required(*privacy.MANAGING_ROLES)
def referral_access_log(referral_id: str) -> str:
    referral = _managed(referral_id)
    return render_template(
        "privacy/access_log.html",
        referral=referral,
        entries=privacy.access_log(db.read_session(), referral),
        case_link=_case_link(referral),
    )


def _case_link(referral: Any) -> bool:
    """Link back to the case only for those who may open it (a coordinator manages the client's
    data without taking part in the case)."""
    s = db.read_session()
    return may_see(s, viewer(s, current_user.user), referral)


@bp.app_template_filter("iso_when")
def iso_when(value: str | None) -> str:
    """An ISO time from an export (UTC) as the pages write times: Helsinki, 5.3.2026 14.07."""
    return when(datetime.fromisoformat(value)) if value else ""


@bp.app_template_global()
def may_manage_client_data_of(referral: Any) -> bool:
    """For the referral page's tabs: may the logged-in user see the export and the access log."""
    return bool(current_user.is_authenticated and may_manage_client_data(current_user.user, referral))

"""The client's data rights over the API: export, erasure, access log (holder's org-admin, coordinator, admin)."""

from __future__ import annotations

from flask import Response, jsonify, request

import routing.privacy.operations as privacy
from routing.api.blueprint import abort, bp, json_body
from routing.api.tokens import current_user, token_required
from routing.core import db
from routing.referrals.api import referral_json
from routing.web.headers import personal


@bp.get("/referrals/<referral_id>/export")
@personal
@token_required(*privacy.MANAGING_ROLES)
def export_referral(referral_id: str) -> Response:
    s = db.session()
    referral = privacy.referral_for(s, referral_id, current_user())
    data = privacy.export(s, referral, current_user(), "api")
    s.commit()
    return jsonify(data)


@bp.post("/referrals/<referral_id>/erase")
@personal
@token_required(*privacy.MANAGING_ROLES)
def erase_referral(referral_id: str) -> Response:
    body = json_body() if request.data else {}
    unknown = sorted(set(body) - {"force", "reason"})
    if unknown:
        abort(400, f"unknown field {unknown[0]!r}: the body may have force and reason")
    force = body.get("force", False)
    if not isinstance(force, bool):
        abort(400, "force must be true or false")
    reason = body.get("reason")
    if reason is not None and not isinstance(reason, str):
        abort(400, "reason must be text")
    s = db.session()
    referral = privacy.referral_for(s, referral_id, current_user(), lock=True)
    privacy.erase(s, referral, current_user(), force=force, reason=reason)
    s.commit()
    db.scrub()  # no old copy of the erased words stays in the database's files
    # what is left: nothing personal, so this answer is no read to log
    body = referral_json(s, referral)
    body["erased_at"] = referral.erased_at.isoformat() if referral.erased_at else None
    return jsonify(body)


@bp.get("/referrals/<referral_id>/access-log")
@personal
@token_required(*privacy.MANAGING_ROLES)
def referral_access_log(referral_id: str) -> Response:
    s = db.read_session()
    referral = privacy.referral_for(s, referral_id, current_user())
    return jsonify({"referral_id": referral.id, "entries": privacy.access_log(s, referral)})

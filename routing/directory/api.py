from __future__ import annotations

from flask import Response, jsonify, request

import routing.directory.upkeep as upkeep
from routing.api.blueprint import abort, bp, json_body
from routing.api.paging import page_args, page_envelope
from routing.api.tokens import current_user, token_required
from routing.core import db
from routing.core.errors import parsed
from routing.directory.services import list_services
from routing.directory.upkeep import CapacityUpdate
from routing.matcher.gazetteer import gazetteer


@bp.get("/services")
def services() -> Response:
    page, per_page = page_args()
    municipality = request.args.get("municipality") or None
    if municipality:
        found = gazetteer().lookup(municipality)
        if found is None:
            abort(400, f"unknown municipality {municipality!r}: give a Statistics Finland code or a name")
        municipality = found.code
    total, items = list_services(
        db.read_session(),
        search=(request.args.get("search") or "").strip() or None,
        need=request.args.get("need") or None,
        municipality=municipality,
        page=page,
        per_page=per_page,
    )
    return jsonify(page_envelope(total, page, per_page, [item.model_dump(mode="json") for item in items]))


@bp.put("/services/<service_id>/capacity")
@token_required()
def service_capacity(service_id: str) -> Response:
    """The service's organisation says how much room it has: open, a waiting list, or full until a day."""
    update = parsed(CapacityUpdate, json_body())
    s = db.session()
    row = upkeep.set_capacity(s, current_user(), service_id, update)
    s.commit()
    return jsonify(
        {
            "service_id": row.service_id,
            "capacity": row.capacity,
            "weeks": row.weeks,
            "until": row.until.isoformat() if row.until else None,
            "updated_at": row.updated_at.isoformat(),
        }
    )

from __future__ import annotations

from flask import Response, jsonify, request

from routing.api.blueprint import abort, bp
from routing.api.paging import page_args, page_envelope
from routing.core import db
from routing.directory.services import list_services
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

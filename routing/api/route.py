"""``POST /api/v1/route``: rank services for a client's question (the route result of CONTRACT.md)."""

from __future__ import annotations

from flask import Response, jsonify

from ..matcher import current_router
from ..matcher.router import RouteInputError, parse_request
from . import abort, bp, json_body, token_required


@bp.post("/route")
@token_required()
def route() -> Response:
    data = json_body()
    try:
        result = current_router().route(parse_request(data))
    except RouteInputError as exc:
        abort(400, f"{exc.field}: {exc.message}", exc.code)
    return jsonify(result)

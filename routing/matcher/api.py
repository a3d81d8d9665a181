"""``POST /api/v1/route``: rank services for a client's question (the route result of CONTRACT.md)."""

from __future__ import annotations

from flask import Response, jsonify

from routing.api.blueprint import abort, bp, json_body
from routing.api.tokens import token_required
from routing.matcher.loading import route_now
from routing.matcher.router import RouteInputError, parse_request


@bp.post("/route")
@token_required()
def route() -> Response:
    data = json_body()
    try:
        result = route_now(parse_request(data))
    except RouteInputError as exc:
        abort(400, f"{exc.field}: {exc.message}", exc.code)
    return jsonify(result.to_json())

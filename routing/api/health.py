from __future__ import annotations

from flask import Response, jsonify

from routing.api.blueprint import bp
from routing.core import db


@bp.get("/health")
def health() -> tuple[Response, int]:
    if db.ping():
        return jsonify({"status": "ok", "database": "ok"}), 200
    return jsonify({"status": "degraded", "database": "unavailable"}), 503

from __future__ import annotations

from flask import Response, jsonify

from .. import db
from . import bp


@bp.get("/health")
def health() -> tuple[Response, int]:
    if db.ping():
        return jsonify({"status": "ok", "database": "ok"}), 200
    return jsonify({"status": "degraded", "database": "unavailable"}), 503

"""Liveness (``/health``: the process answers and reaches the database) and readiness (``/ready``)."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from routing.api.blueprint import bp
from routing.core import db
from routing.core.heartbeat import heartbeat_problem
from routing.core.migrate import schema_problem
from routing.matcher.loading import router_cache


@bp.get("/health")
def health() -> tuple[Response, int]:
    if db.ping():
        return jsonify({"status": "ok", "database": "ok"}), 200
    return jsonify({"status": "degraded", "database": "unavailable"}), 503


def readiness() -> dict[str, Any]:
    """Each check's problem, or None: the database, its schema, this worker's router, the scheduler."""
    checks: dict[str, str | None] = {"database": None}
    if not db.ping():
        checks.update(database="the database does not answer", schema="unknown", scheduler="unknown")
    else:
        try:
            checks["schema"] = schema_problem(db.engine())
            checks["scheduler"] = heartbeat_problem(db.engine())
        except Exception:  # a table missing before `eteinen init`: the schema check says why
            checks["schema"] = checks.get("schema") or "the database has not been set up: run `eteinen init` first"
            checks["scheduler"] = "no scheduler heartbeat can be read"
    checks["router"] = None if router_cache().built else "this worker has not built its router yet"
    return checks


@bp.get("/ready")
def ready() -> tuple[Response, int]:
    checks = readiness()
    missing = {name: problem for name, problem in checks.items() if problem}
    body = {
        "status": "ready" if not missing else "not ready",
        "checks": {name: ("ok" if not problem else "missing") for name, problem in checks.items()},
        "missing": missing,
    }
    return jsonify(body), 200 if not missing else 503

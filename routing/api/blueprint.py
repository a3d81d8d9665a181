"""The API's blueprint and its JSON errors: ``{"error": {"code": ..., "message": ...}}``, always."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from flask import Blueprint, Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from routing.core.errors import OperationError

bp = Blueprint("api", __name__, url_prefix="/api/v1")

F = TypeVar("F", bound=Callable[..., Any])

_CODES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid-transition",
    429: "throttled",
    500: "internal-error",
    503: "unavailable",
}


class ApiError(OperationError):
    """A refusal at the API's edge (a body that is not JSON, an unknown field), with its status."""

    def __init__(self, status: int, message: str, code: str | None = None, **extra: Any) -> None:
        super().__init__(message, **extra)
        self.status = status
        self.code = code or _CODES.get(status, "error")


def abort(status: int, message: str, code: str | None = None, **extra: Any) -> NoReturn:
    raise ApiError(status, message, code, **extra)


def error_response(status: int, message: str, code: str | None = None, **extra: Any) -> tuple[Response, int]:
    body: dict[str, Any] = {"code": code or _CODES.get(status, "error"), "message": message}
    body.update(extra)
    return jsonify({"error": body}), status


@bp.errorhandler(OperationError)
def _refused(exc: OperationError) -> tuple[Response, int]:
    # whatever the refused operation did is undone now, not only at teardown
    pending = g.get("db_session")
    if pending is not None:
        pending.rollback()
    return error_response(exc.status, exc.message, exc.code, **exc.extra)


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> tuple[Response, int]:
    return error_response(exc.code or 500, exc.description or exc.name)


def register(app: Flask) -> None:
    """Register the blueprint, and JSON errors for API paths that match no route."""

    def _unmatched(exc: HTTPException) -> Any:
        if request.path.startswith(bp.url_prefix or "/api/"):
            return error_response(exc.code or 500, exc.description or exc.name)
        return exc

    app.register_blueprint(bp)
    app.register_error_handler(404, _unmatched)
    app.register_error_handler(405, _unmatched)


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a 400 that says what is wrong with it."""
    if not request.data:
        abort(400, "the request needs a JSON object as its body")
    data = request.get_json(silent=True)
    if data is None:
        abort(400, "the body is not valid JSON (send Content-Type: application/json and a JSON object)")
    if not isinstance(data, dict):
        abort(400, "the body must be a JSON object")
    return data

"""The JSON API under ``/api/v1``: bearer tokens, JSON errors, one module per concern.

Errors always have the shape ``{"error": {"code": ..., "message": ...}}``;
anything the caller may not see is a 404, exactly like what does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn, TypeVar, cast

from flask import Blueprint, Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from .. import db
from ..auth import user_for_token
from ..models import User

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


class ApiError(Exception):
    def __init__(self, status: int, message: str, code: str | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.extra = extra


def abort(status: int, message: str, code: str | None = None, **extra: Any) -> NoReturn:
    raise ApiError(status, message, code, **extra)


def error_response(status: int, message: str, code: str | None = None, **extra: Any) -> tuple[Response, int]:
    body: dict[str, Any] = {"code": code or _CODES.get(status, "error"), "message": message}
    body.update(extra)
    return jsonify({"error": body}), status


@bp.errorhandler(ApiError)
def _api_error(exc: ApiError) -> tuple[Response, int]:
    return error_response(exc.status, exc.message, exc.code, **exc.extra)


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> tuple[Response, int]:
    return error_response(exc.code or 500, exc.description or exc.name)


def init_app(app: Flask) -> None:
    """Register the blueprint, and JSON errors for API paths that match no route."""

    def _unmatched(exc: HTTPException) -> Any:
        if request.path.startswith(bp.url_prefix or "/api/"):
            return error_response(exc.code or 500, exc.description or exc.name)
        return exc

    app.register_blueprint(bp)
    app.register_error_handler(404, _unmatched)
    app.register_error_handler(405, _unmatched)


def current_user() -> User:
    return cast(User, g.api_user)


def token_required(*roles: str) -> Callable[[F], F]:
    """Authenticate the bearer token; with ``roles``, only those roles may call (403 otherwise)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            header = request.headers.get("Authorization", "")
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                abort(401, "send the header 'Authorization: Bearer <token>'")
            # a short session of its own: the view's work starts its transaction (and, on SQLite,
            # takes the write lock) only when it needs to, and one request holds one connection at a time
            with db.new_session(read_only=True) as s:
                user = user_for_token(s, token.strip())
            if user is None:
                abort(401, "the token is unknown or revoked")
            if roles and user.role not in roles:
                abort(403, f"this needs the role {' or '.join(roles)}")
            g.api_user = user
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorate


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


# far past any real list, and small enough for an SQL OFFSET on every database
MAX_PAGE = 1_000_000


def page_args(default_per_page: int = 50, max_per_page: int = 500, prefix: str = "") -> tuple[int, int]:
    """``page`` (from 1) and ``per_page`` from the query string, checked.

    ``prefix`` names the pair of a second list in the same answer (``my_cases_page``, ``my_cases_per_page``).
    """
    page_name, size_name = f"{prefix}page", f"{prefix}per_page"
    try:
        page = int(request.args.get(page_name, 1))
        per_page = int(request.args.get(size_name, default_per_page))
    except ValueError:
        abort(400, f"{page_name} and {size_name} must be whole numbers")
    if not 1 <= page <= MAX_PAGE or not 1 <= per_page <= max_per_page:
        abort(400, f"{page_name} must be from 1 to {MAX_PAGE} and {size_name} between 1 and {max_per_page}")
    return page, per_page


from . import (  # noqa: E402,F401  (registers the routes on bp)
    directory,
    figures,
    health,
    openapi,
    privacy,
    referrals,
    route,
    webhooks,
)

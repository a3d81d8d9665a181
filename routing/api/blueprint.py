"""The API's blueprint and its JSON errors: ``{"error": {"code": ..., "message": ...}}``, always."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from flask import Blueprint, Flask, Response, g, jsonify, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask.wrappers import Request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from routing.core.errors import BadInput, NotFound, OperationError

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


class IdConverter(IntegerConverter):
    """``<int:...>`` in an address: a number an id column can hold (PostgreSQL INTEGER), or no such page (404)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(*args, **kwargs)


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def refuse_nul() -> None:
    """No NUL character in an address, its query or a form: PostgreSQL text cannot hold one, and no one types it."""
    if "\x00" in request.path:  # no id holds one: like any address that leads nowhere
        raise NotFound("no such address: it contains a NUL character (\\u0000)")
    sources = [("query", request.args)]
    if request.mimetype in FORM_TYPES:  # only a form body has form fields; asking any other sets up a parser
        sources.append(("form", request.form))
    for where, values in sources:
        for name, value in values.items(multi=True):
            if "\x00" in name or "\x00" in value:
                raise BadInput(f"{where} parameter {name.replace(chr(0), '')!r} contains a NUL character (\\u0000)")


class Sessions(SecureCookieSessionInterface):
    """No cookie session under /api/: the API knows its callers by their bearer token alone (so a
    browser's login cookie never authorises a call), and reading and signing a cookie it never
    uses cost as much as its token check."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if request.path.startswith(bp.url_prefix or "/api/"):
            return self.make_null_session(app)
        return super().open_session(app, request)


def register(app: Flask) -> None:
    """Register the blueprint, and JSON errors for API paths that match no route."""

    def _unmatched(exc: HTTPException) -> Any:
        if request.path.startswith(bp.url_prefix or "/api/"):
            return error_response(exc.code or 500, exc.description or exc.name)
        return exc

    app.url_map.converters["int"] = IdConverter
    app.session_interface = Sessions()
    app.before_request(refuse_nul)
    app.register_blueprint(bp)
    app.register_error_handler(404, _unmatched)
    app.register_error_handler(405, _unmatched)


# far deeper than any body the API takes, far shallower than Python's recursion limit
MAX_JSON_DEPTH = 32
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET = re.compile(rb"[\[\]{}]")


def json_depth(raw: bytes) -> int:
    """How deep arrays and objects nest in a JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub(b'""', raw)):
        depth += 1 if bracket in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a 400 that says what is wrong with it."""
    if not request.data:
        abort(400, "the request needs a JSON object as its body")
    if json_depth(request.data) > MAX_JSON_DEPTH:
        abort(400, f"the body nests arrays and objects more than {MAX_JSON_DEPTH} deep")
    data = request.get_json(silent=True)
    if data is None:
        abort(400, "the body is not valid JSON (send Content-Type: application/json and a JSON object)")
    if not isinstance(data, dict):
        abort(400, "the body must be a JSON object")
    if _has_nul(data):
        abort(400, "the body contains a NUL character (\\u0000), which no field takes")
    return data

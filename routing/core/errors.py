"""The one error root: a refused operation, with the HTTP status, code and message the contract gives it.

Operations raise these; they are turned into an answer in one place each: the API's
JSON error (``api/blueprint.py``), the page's status and text (``web/errors.py``) and the
command's message and exit code (``cli.py``). Nothing an operation raises is meant to be
kept: the caller's transaction rolls back.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError


class OperationError(Exception):
    """Refused: ``status`` for HTTP, ``code`` for the JSON error, ``exit_code`` for the command line."""

    status = 400
    code = "bad-request"
    exit_code = 2

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra


class BadInput(OperationError):
    """What was given cannot be used; the message says where and what."""


class Forbidden(OperationError):
    status = 403
    code = "forbidden"


class NotFound(OperationError):
    """Does not exist, or the caller may not see it: the same answer."""

    status = 404
    code = "not-found"


class Conflict(OperationError):
    """Someone else changed it first (or it is already so)."""

    status = 409
    code = "conflict"
    exit_code = 1


class InvalidTransition(OperationError):
    """Not possible in the state it is in; ``allowed`` names what is."""

    status = 422
    code = "invalid-transition"
    exit_code = 1

    def __init__(self, message: str, allowed: tuple[str, ...] | list[str]) -> None:
        allowed = list(allowed)
        names = ", ".join(allowed) if allowed else "nothing"
        super().__init__(f"{message}; allowed now: {names}", allowed=allowed)


Model = TypeVar("Model", bound=BaseModel)


def parsed(model: type[Model], data: Any) -> Model:
    """``data`` as a ``model`` (an input family such as ``ReferralCreate``), or ``BadInput`` naming each field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadInput(_problems(model, exc)) from None


def _problems(model: type[BaseModel], exc: ValidationError) -> str:
    said: list[str] = []
    unknown = [str(e["loc"][0]) for e in exc.errors() if e["type"] == "extra_forbidden" and e["loc"]]
    if unknown:
        said.append(f"unknown field(s) {', '.join(unknown)}; this takes {', '.join(model.model_fields)}")
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"]) or "the body"
        kind, context = error["type"], error.get("ctx") or {}
        if kind == "extra_forbidden":
            continue
        if kind == "missing":
            said.append(f"{field} is required")
        elif kind == "string_too_long":
            said.append(f"{field} is too long (at most {context.get('max_length')} characters)")
        elif kind == "string_too_short":
            said.append(f"{field} must not be empty")
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            said.append(f"{field} must be a whole number")
        elif kind == "bool_type":
            said.append(f"{field} must be true or false")
        elif kind == "string_type":
            said.append(f"{field} must be a string")
        else:
            said.append(f"{field}: {str(error['msg']).removeprefix('Value error, ')}")
    return "; ".join(said)

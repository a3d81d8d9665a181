"""The one error root: a refused operation, with the HTTP status, code and message the contract gives it.

Operations raise these; they are turned into an answer in one place each: the API's
JSON error (``api/blueprint.py``), the page's status and text (``web/errors.py``) and the
command's message and exit code (``cli.py``). Nothing an operation raises is meant to be
kept: the caller's transaction rolls back.
"""

from __future__ import annotations

from typing import Any


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

"""Response headers every page and answer carries; ``personal`` marks views that show personal data."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, g

View = TypeVar("View", bound=Callable[..., Any])


def personal(view: View) -> View:
    """A view whose answer shows personal data: no cache (browser or proxy) may keep a copy."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        g.personal = True
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def _headers(response: Response) -> Response:
    if g.get("personal"):
        response.headers["Cache-Control"] = "no-store"
    if g.get("request_id"):  # core/logs.py: the id the request's log lines carry
        response.headers["X-Request-Id"] = g.request_id
    return response


def init_app(app: Flask) -> None:
    app.after_request(_headers)

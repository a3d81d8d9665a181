"""Response headers every page and answer carries; ``personal`` marks views that show personal data."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g

View = TypeVar("View", bound=Callable[..., Any])

# scripts and styles from our own static files only: no inline script, no inline style, no framing
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HSTS = "max-age=31536000; includeSubDomains"


def personal(view: View) -> View:
    """A view whose answer shows personal data: no cache (browser or proxy) may keep a copy."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        g.personal = True
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def served_over_https(app: Flask) -> bool:
    return str(app.config.get("BASE_URL") or "").lower().startswith("https://")


def _headers(response: Response) -> Response:
    if g.get("personal"):
        response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if served_over_https(current_app):
        response.headers["Strict-Transport-Security"] = HSTS
    if g.get("request_id"):  # core/logs.py: the id the request's log lines carry
        response.headers["X-Request-Id"] = g.request_id
    return response


def init_app(app: Flask) -> None:
    if served_over_https(app):
        # behind https the cookies are never sent in the clear
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    app.after_request(_headers)

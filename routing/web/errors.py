"""Error pages that tell a person what to do next; JSON errors stay JSON under /api/."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from routing.api.blueprint import error_response
from routing.core.errors import OperationError

# status: (title, what to do)
PAGES: dict[int, tuple[Any, Any]] = {
    400: (
        _l("The form could not be read"),
        _l("Go back, check what you typed and send the form again."),
    ),
    403: (
        _l("This page is not for your role"),
        _l("Use the links at the top of the page. If you need this page for your work, ask your organisation's admin."),
    ),
    404: (
        _l("Page not found"),
        _l(
            "The address may be mistyped, or the page belongs to another organisation. "
            "Check the address or start again from the front page."
        ),
    ),
    405: (
        _l("That did not work from here"),
        _l("Go back to the page you came from and use its buttons."),
    ),
    413: (
        _l("The file is too large"),
        _l("Send a smaller file, or import the directory on the server with: eteinen import-hsds PATH"),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l("Nothing you did caused this. Try again in a moment; if it happens again, tell your admin the time."),
    ),
}
CSRF_PAGE = (
    _l("The form had expired"),
    _l("For your safety a form works only for a while and only from this site. Reload the page and send it again."),
)


def error_page(status: int, title: Any, advice: Any) -> tuple[str, int]:
    referrer = request.referrer or ""
    back = referrer if referrer.startswith(request.host_url) and referrer != request.url else None
    return render_template("web/error.html", status=status, title=title, advice=advice, back=back), status


def _on_http_error(exc: HTTPException) -> Any:
    status = exc.code or 500
    if request.path.startswith("/api/"):
        return error_response(status, exc.description or exc.name)
    title, advice = PAGES.get(status, (exc.name, exc.description))
    return error_page(status, title, advice)


def _on_csrf_error(exc: CSRFError) -> Any:
    return error_page(400, *CSRF_PAGE)


def _on_server_error(exc: InternalServerError) -> Any:
    if request.path.startswith("/api/"):
        return error_response(500, "internal error")
    return error_page(500, *PAGES[500])


def _on_refused(exc: OperationError) -> Any:
    """An operation refused on a page that does not say so itself: the page for its status."""
    if request.path.startswith("/api/"):  # refused before the API's own handlers were reached
        return error_response(exc.status, exc.message, exc.code, **exc.extra)
    title, advice = PAGES.get(exc.status, PAGES[400])
    return error_page(exc.status, title, advice)


def init_app(app: Flask) -> None:
    """Register after the API's handlers: these pages answer for every non-API path."""
    for status in (400, 403, 404, 405, 413):
        app.register_error_handler(status, _on_http_error)
    app.register_error_handler(CSRFError, _on_csrf_error)
    app.register_error_handler(OperationError, _on_refused)
    app.register_error_handler(InternalServerError, _on_server_error)

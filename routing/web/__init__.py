"""The staff pages' shell: one blueprint, ``web`` (``web/views.py``), that each concern's pages join;
the language choice, the role check, the navigation by role, formats and the error pages."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the pages: after every concern's ``init_app`` (their routes join ``web.views.bp``)."""
    from flask_babel import get_locale

    import routing.web.errors as errors
    import routing.web.formats as formats
    import routing.web.headers as headers
    import routing.web.views as views
    from routing.api.blueprint import bp as api_bp
    from routing.web.forms import babel, csrf
    from routing.web.navigation import (
        LANGUAGE_NAMES,
        TIMEZONE,
        language_url,
        nav_items,
        remember_language,
        select_locale,
    )

    csrf.init_app(app)
    csrf.exempt(api_bp)  # the API authenticates with bearer tokens, not cookies
    babel.init_app(app, locale_selector=select_locale, default_timezone=TIMEZONE)
    app.before_request(remember_language)
    app.jinja_env.globals.update(
        get_locale=get_locale,
        nav_items=nav_items,
        language_url=language_url,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
    )
    formats.init_app(app)
    headers.init_app(app)
    app.register_blueprint(views.bp)
    errors.init_app(app)

"""Server-rendered staff pages (Jinja, Flask-WTF, Flask-Login, Flask-Babel)."""

from __future__ import annotations

from flask import Flask, request, session
from flask_babel import Babel, get_locale
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect

LANGUAGES = ("fi", "sv", "en")

csrf = CSRFProtect()
babel = Babel()


def select_locale() -> str:
    """``?lang=``, then the user's choice, then Accept-Language, then Finnish."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session["lang"] = asked
        return asked
    if session.get("lang") in LANGUAGES:
        return str(session["lang"])
    if current_user.is_authenticated and current_user.user.language in LANGUAGES:
        return str(current_user.user.language)
    return request.accept_languages.best_match(LANGUAGES) or "fi"


def init_app(app: Flask) -> None:
    from ..api import bp as api_bp
    from .views import bp

    csrf.init_app(app)
    csrf.exempt(api_bp)  # the API authenticates with bearer tokens, not cookies
    babel.init_app(app, locale_selector=select_locale, default_timezone="Europe/Helsinki")
    app.jinja_env.globals["get_locale"] = get_locale
    app.register_blueprint(bp)

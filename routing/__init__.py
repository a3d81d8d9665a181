"""Eteinen: the Flask application (directory, matcher, referrals, web, CLI)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from .config import instance_path, load_settings


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The app factory (Flask tutorial style): settings, database, blueprints."""
    instance = instance_path((test_config or {}).get("ETEINEN_INSTANCE"))
    instance.mkdir(parents=True, exist_ok=True)
    app = Flask(__name__, instance_path=str(instance), instance_relative_config=True)
    app.config.from_mapping(load_settings(instance))
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=64 * 1024 * 1024,
        JSON_SORT_KEYS=False,
    )
    if test_config:
        app.config.update(test_config)
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]

    from . import api, auth, db, web

    db.init_app(app)
    auth.init_app(app)
    api.init_app(app)
    web.init_app(app)  # after the API: its error pages answer every path outside /api/
    return app

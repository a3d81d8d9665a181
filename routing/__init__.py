"""Eteinen: the Flask application, one folder per concern, each registered by its own ``init_app``."""

from __future__ import annotations

from typing import Any

from flask import Flask

from routing.core.config import instance_path, load_settings


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The app factory (Flask tutorial style): settings, database, blueprints."""
    instance = instance_path((test_config or {}).get("ETEINEN_INSTANCE"))
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)  # the database and the secret key: the owner's alone
    app = Flask(__name__, instance_path=str(instance), instance_relative_config=True)
    app.config.from_mapping(load_settings(instance))
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=64 * 1024 * 1024,
        JSON_SORT_KEYS=False,
        # a form's token lives as long as the login session (its secret is in the session, which login and
        # logout clear): a desk page left open all day still sends, and a stolen token dies with the session
        WTF_CSRF_TIME_LIMIT=None,
    )
    if test_config:
        app.config.update(test_config)
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # the client's address (login throttling) and https come from the proxies' headers, and only then
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]

    from routing import (
        accounts,
        api,
        demo,
        directory,
        door,
        figures,
        followup,
        mailbox,
        matcher,
        outbox,
        privacy,
        referrals,
        web,
    )
    from routing.core import commands, db, logs, metrics

    db.init_app(app)
    logs.init_app(app)
    metrics.init_app(app)
    commands.init_app(app)
    for concern in (accounts, directory, matcher, referrals, followup, mailbox, outbox, privacy, figures, demo, door):
        concern.init_app(app)
    api.init_app(app)  # the blueprints last: every concern's routes have joined them
    web.init_app(app)  # after the API: its error pages answer every path outside /api/
    return app

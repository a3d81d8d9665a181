"""Staff accounts: users, passwords, API tokens, the login pages."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from routing.accounts import auth, commands, views  # noqa: F401  (the login pages join the web blueprint)

    auth.init_app(app)
    commands.init_app(app)

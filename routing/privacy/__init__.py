"""The client's data rights: access log, export, erasure, retention."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from routing.privacy import api, commands, views  # noqa: F401  (their routes join the web and API blueprints)

    commands.init_app(app)

"""Webhooks: endpoints, the outbox and its relay."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from routing.outbox import (
        api,  # noqa: F401  (their routes join the web and API blueprints)
        commands,
    )

    commands.init_app(app)

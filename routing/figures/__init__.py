"""The network's figures, overlaps and gaps."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from routing.figures import api, commands, views  # noqa: F401  (their routes join the web and API blueprints)

    commands.init_app(app)

"""The directory: HSDS tables, import and export, rings, uploads, the directory pages and API."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from routing.directory import api, commands, hsds_api, views  # noqa: F401  (their routes join the web and API blueprints)

    commands.init_app(app)

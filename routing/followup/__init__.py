"""Follow-up: the weekly reminder pass and the scheduler."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from routing.followup import commands

    commands.init_app(app)

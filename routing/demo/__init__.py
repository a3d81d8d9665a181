"""The demo network (``make run``): a Keski-Uusimaa guidance network with its ring and staff."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from routing.demo import commands

    commands.init_app(app)

"""Referrals: the operations, who may do what, events, the case file, the desk and case pages, the API."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from routing.referrals import api, desk, views  # noqa: F401  (their routes join the web and API blueprints)

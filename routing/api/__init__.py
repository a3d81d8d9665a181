"""The JSON API under ``/api/v1``: one blueprint (``api/blueprint.py``) that each concern's API module joins;
bearer tokens, JSON errors (``{"error": {"code", "message"}}``), paging, the OpenAPI document and health.
Anything the caller may not see is a 404, exactly like what does not exist."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the API: after every concern's ``init_app`` (their routes join ``api.blueprint.bp``)."""
    from routing.api import blueprint, health, openapi  # noqa: F401  (health and the OpenAPI document join bp)

    blueprint.register(app)

"""The client's sign-in with OpenID Connect (Authlib's Flask client), through the network's broker.

Only with ``CLIENT_OIDC_ISSUER``, ``CLIENT_OIDC_CLIENT_ID`` and ``CLIENT_OIDC_CLIENT_SECRET`` set. The
signed-in identity is kept in the session as a keyed digest of the issuer's ``sub``: never the ``sub``
itself, which may be a personal identity code.
"""

from __future__ import annotations

from typing import Any

from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app, session

from routing.door.keys import subject_digest

SESSION_KEY = "client_subject"
EXTENSION = "eteinen.door_oauth"


def configured(config: Any) -> bool:
    return bool(config.get("CLIENT_OIDC_ISSUER") and config.get("CLIENT_OIDC_CLIENT_ID"))


def init_app(app: Flask) -> None:
    # one registry per app: Authlib keeps each client it made, with the provider's metadata
    oauth = OAuth(app)
    app.extensions[EXTENSION] = oauth
    if configured(app.config):
        issuer = str(app.config["CLIENT_OIDC_ISSUER"]).rstrip("/")
        oauth.register(
            "door",
            client_id=app.config["CLIENT_OIDC_CLIENT_ID"],
            client_secret=app.config.get("CLIENT_OIDC_CLIENT_SECRET"),
            server_metadata_url=f"{issuer}/.well-known/openid-configuration",
            client_kwargs={"scope": "openid"},
        )


def client() -> Any:
    return current_app.extensions[EXTENSION].create_client("door")


def signed_in() -> str | None:
    """The signed-in client's identity (its keyed digest), or None."""
    value = session.get(SESSION_KEY)
    return str(value) if value else None


def sign_in_with(token: dict[str, Any]) -> str:
    """Keep the identity of a finished sign-in; returns its digest."""
    claims = token.get("userinfo") or {}
    sub = str(claims["sub"])
    issuer = str(claims.get("iss") or current_app.config["CLIENT_OIDC_ISSUER"])
    digest = subject_digest(current_app.config["SECRET_KEY"], issuer.rstrip("/"), sub)
    session[SESSION_KEY] = digest
    return digest


def sign_out() -> None:
    session.pop(SESSION_KEY, None)

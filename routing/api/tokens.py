"""Bearer tokens: who calls the API, and with which role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import g, request

from routing.accounts.auth import user_for_token
from routing.accounts.models import User
from routing.api.blueprint import abort

F = TypeVar("F", bound=Callable[..., Any])


def current_user() -> User:
    return cast(User, g.api_user)


def token_required(*roles: str) -> Callable[[F], F]:
    """Authenticate the bearer token; with ``roles``, only those roles may call (403 otherwise)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            header = request.headers.get("Authorization", "")
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                abort(401, "send the header 'Authorization: Bearer <token>'")
            # a connection of its own, given back at once: the view's work starts its transaction (and,
            # on SQLite, takes the write lock) only when it needs to; one request holds one connection at a time
            user = user_for_token(token.strip())
            if user is None:
                abort(401, "the token is unknown or revoked")
            if roles and user.role not in roles:
                abort(403, f"this needs the role {' or '.join(roles)}")
            g.api_user = user
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorate

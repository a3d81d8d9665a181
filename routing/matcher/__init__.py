"""The matcher: read a client's question and rank the directory's services for it.

`current_router()` gives the process's router for the current app: rule set and
vocabulary loaded once, the directory index rebuilt when an import changed it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app

if TYPE_CHECKING:
    from routing.matcher.loading import RouterCache
    from routing.matcher.router import Router


def router_cache() -> RouterCache:
    from routing.matcher.loading import RouterCache

    cache = current_app.extensions.get("eteinen.router")
    if cache is None:
        cache = current_app.extensions.setdefault(
            "eteinen.router", RouterCache(current_app.config.get("ETEINEN_RULES"))
        )
    return cache


def current_router() -> Router:
    from routing import db

    return router_cache().router(db.engine())

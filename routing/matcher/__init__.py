"""The matcher: read a client's question and rank the directory's services for it.

``loading.current_router()`` gives the process's router for the current app: rule set and
vocabulary loaded once, the directory index rebuilt when an import changed it.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """The route API, the rule tester page and the ``route`` and ``rules`` commands."""
    from routing.matcher import api, views  # noqa: F401  (their routes join the API and web blueprints)
    from routing.matcher.commands import route_command, rules_group

    app.cli.add_command(route_command)
    app.cli.add_command(rules_group)

"""``eteinen webhooks relay``: deliver the pending webhook messages."""

from __future__ import annotations

import time

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from routing.core import db
from routing.core.migrate import needs_schema


@click.group("webhooks")
def webhooks_group() -> None:
    """Webhook delivery."""


@webhooks_group.command("relay")
@click.option("--once", is_flag=True, help="one pass over the due messages, then exit")
@click.option("--interval", default=5.0, show_default=True, help="seconds between passes")
@with_appcontext
@needs_schema
def relay_command(once: bool, interval: float) -> None:
    """Deliver pending webhook messages (retries, Retry-After, 410 and dead letters included)."""
    from routing.outbox.relay import relay_once

    allow_private = bool(current_app.config["WEBHOOK_ALLOW_PRIVATE"])
    try:
        while True:
            report = relay_once(db.engine(), allow_private=allow_private)
            if once or report.attempts:
                click.echo(str(report))
            if once:
                return
            time.sleep(interval)
    except KeyboardInterrupt:
        return


def init_app(app: Flask) -> None:
    app.cli.add_command(webhooks_group)

"""Commands of the follow-up work: ``remind``, ``webhooks relay``, ``scheduler``."""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING

import click
from flask import current_app
from flask.cli import with_appcontext

from . import db
from .locks import LockBusy
from .migrate import needs_schema

if TYPE_CHECKING:
    from .reminders import ReminderSettings


def _bad_input(message: str) -> click.ClickException:
    from .cli import BadInput

    return BadInput(message)


def _settings() -> ReminderSettings:
    from .reminders import ReminderSettings, ScheduleError

    try:
        return ReminderSettings.from_config(current_app.config, current_app.instance_path)
    except ScheduleError as exc:
        raise _bad_input(str(exc)) from None


@click.command("remind")
@click.option("--now", is_flag=True, help="run the pass now, even if this week's has run (nothing is sent twice)")
@with_appcontext
@needs_schema
def remind_command(now: bool) -> None:
    """Run the weekly follow-up pass once: each reminder once per referral, kind and ISO week."""
    from .reminders import PassIncomplete, pass_due, run_pass

    settings = _settings()
    engine = db.engine()
    create = now or pass_due(engine, settings) is not None
    try:
        report = run_pass(engine, settings, create=create)
    except LockBusy:
        raise click.ClickException("another reminder pass is running; try again when it has finished") from None
    except PassIncomplete as exc:
        raise click.ClickException(str(exc)) from None
    if not create:
        click.echo(f"this week's pass has run already; --now runs it again ({report})")
    else:
        click.echo(str(report))


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
    from .relay import relay_once

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


@click.command("scheduler")
@with_appcontext
@needs_schema
def scheduler_command() -> None:
    """Run the reminder scheduler and webhook relay (one active at a time; others wait)."""
    from .scheduler import FollowUpScheduler

    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    # APScheduler says "running job … executed successfully" every few seconds for the relay
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    _settings()  # a bad REMINDER_SCHEDULE stops here with exit 2
    FollowUpScheduler(current_app._get_current_object()).run()  # type: ignore[attr-defined]

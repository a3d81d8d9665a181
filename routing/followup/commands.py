"""Commands of the follow-up work: ``remind`` and ``scheduler``."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from routing.core import db
from routing.core.locks import LockBusy
from routing.core.migrate import needs_schema

if TYPE_CHECKING:
    from routing.followup.reminders import ReminderSettings


def _settings() -> ReminderSettings:
    from routing.followup.reminders import ReminderSettings

    return ReminderSettings.from_config(current_app.config, current_app.instance_path)


@click.command("remind")
@click.option("--now", is_flag=True, help="run the pass now, even if this week's has run (nothing is sent twice)")
@with_appcontext
@needs_schema
def remind_command(now: bool) -> None:
    """Run the weekly follow-up pass once: each reminder once per referral, kind and ISO week."""
    from routing.followup.reminders import PassIncomplete, pass_due, run_pass

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


@click.command("scheduler")
@with_appcontext
@needs_schema
def scheduler_command() -> None:
    """Run the reminder scheduler and webhook relay (one active at a time; others wait)."""
    from routing.followup.scheduler import FollowUpScheduler

    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    logging.getLogger().setLevel(logging.INFO)  # also when LOG_FORMAT=json set up the handler (core/logs.py)
    # APScheduler says "running job … executed successfully" every few seconds for the relay
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    _settings()  # a bad REMINDER_SCHEDULE stops here with exit 2
    FollowUpScheduler(current_app._get_current_object()).run()  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    app.cli.add_command(remind_command)
    app.cli.add_command(scheduler_command)

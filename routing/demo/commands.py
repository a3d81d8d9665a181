"""``eteinen demo``: the demo network, only into an empty database."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from routing.core import db
from routing.core.migrate import upgrade


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="skip quietly when the database already has a directory")
@with_appcontext
def demo_command(if_empty: bool) -> None:
    """Load the demo network (only into an empty database)."""
    from routing.demo.load import database_is_empty, load_demo

    upgrade(db.engine())
    with db.transaction() as s:
        if if_empty and not database_is_empty(s):
            click.echo("the database already has data: demo not loaded (log in with the accounts you made)")
            return
        logins = load_demo(s)
    click.echo(f"demo network loaded; log in at {current_app.config['BASE_URL']}/login with:")
    for email, role, password in logins:
        click.echo(f"  {email:<34} {role:<12} password: {password}")
    from routing.demo.network import ACCOUNTS, RING_MEMBERS, RING_NAME

    # who can take a case offered to the ring (the ring queue is theirs), and who cannot
    members = [a for a in ACCOUNTS if a.role == "counsellor" and a.org in RING_MEMBERS]
    others = [a for a in ACCOUNTS if a.role == "counsellor" and a.org not in RING_MEMBERS]
    click.echo(f"the ring {RING_NAME!r}: its counsellors {', '.join(a.email for a in members)}")
    if others:
        click.echo(f"  in no ring (their own organisation's offers only): {', '.join(a.email for a in others)}")
    click.echo("the demo has a few months of made-up cases (questions marked [demo]) for /figures and the inboxes")


def init_app(app: Flask) -> None:
    app.cli.add_command(demo_command)

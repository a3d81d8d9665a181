"""``eteinen ring mailbox`` (connect or disconnect a ring's box) and ``eteinen mail poll``."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from routing.core import db
from routing.core.errors import BadInput
from routing.core.locks import LockBusy
from routing.core.migrate import needs_schema
from routing.directory.commands import ring_group


@ring_group.command("mailbox")
@click.argument("ring")
@click.option("--imap", "imap_url", help="imaps://USER@HOST[:PORT]/FOLDER (the password is read from stdin)")
@click.option("--address", help="the ring's e-mail address: acknowledgements and answers come from it")
@click.option("--password-stdin", is_flag=True, help="read the box's password from standard input")
@click.option("--insecure", is_flag=True, help="allow plain imap:// (for tests and local servers)")
@click.option("--holder", help="the organisation that holds the box's cases (default: the ring's first member)")
@click.option("--off", is_flag=True, help="disconnect the ring's box")
@with_appcontext
@needs_schema
def ring_mailbox_command(
    ring: str,
    imap_url: str | None,
    address: str | None,
    password_stdin: bool,
    insecure: bool,
    holder: str | None,
    off: bool,
) -> None:
    """Connect the ring's shared IMAP mailbox (new mails become cases in its queue), or --off."""
    from routing.mailbox.boxes import connect, disconnect

    if off:
        if imap_url or address or password_stdin:
            raise BadInput("--off takes no --imap, --address or --password-stdin")
        with db.transaction() as s:
            gone = disconnect(s, ring)
        click.echo("mailbox disconnected" if gone else "the ring had no mailbox")
        return
    if not imap_url or not address:
        raise BadInput("give --imap URL and --address ADDRESS (or --off)")
    if not password_stdin:
        raise BadInput("give the box's password on standard input with --password-stdin")
    password = sys.stdin.readline().rstrip("\r\n")
    with db.transaction() as s:
        box = connect(
            s,
            ring,
            imap=imap_url,
            address=address,
            password=password,
            secret=current_app.config["SECRET_KEY"],
            insecure=insecure,
            holder=holder,
        )
        where = f"{'imaps' if box.tls else 'imap'}://{box.username}@{box.host}:{box.port}/{box.folder}"
    click.echo(f"mailbox {where} connected as {box.address}")


@click.group("mail")
def mail_group() -> None:
    """The rings' mailboxes."""


@mail_group.command("poll")
@click.option("--once", is_flag=True, help="one round, then stop (the scheduler reads the boxes otherwise)")
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=None,
    help="seconds to wait for another reader to finish (default: the lease of a killed one, 25)",
)
@with_appcontext
@needs_schema
def mail_poll_command(once: bool, wait: float | None) -> None:
    """Read every connected mailbox: new mails become cases, replies join their threads."""
    import time

    from routing.mailbox.reader import LEASE, MailSettings, poll
    from routing.matcher.loading import route_now

    settings = MailSettings.from_config(current_app.config, current_app.instance_path)
    every = int(current_app.config["MAIL_POLL_SECONDS"]) or 60
    while True:
        try:
            # a reader killed a moment ago holds its lease a little longer: wait that long
            patience = LEASE.total_seconds() + 5 if wait is None else wait
            rounds = poll(db.engine(), settings, route=route_now, wait=patience if once else every)
        except LockBusy:
            if once:
                raise click.ClickException("another reader is reading the boxes; try again in a moment") from None
            continue
        if not rounds:
            click.echo("no ring has a mailbox: connect one with `eteinen ring mailbox RING --imap URL ...`")
        for done in rounds:
            click.echo(str(done))
        if once:
            return
        time.sleep(every)


def init_app(app: Flask) -> None:
    app.cli.add_command(mail_group)

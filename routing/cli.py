"""The ``eteinen`` command (also ``python -m routing``).

Exit codes: 0 ok, 1 failure, 2 bad input or usage. Commands run inside an
application context, so they use the same settings and database as the web app.
"""

from __future__ import annotations

import getpass
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from . import auth, create_app, db
from .migrate import needs_schema, upgrade


class BadInput(click.ClickException):
    """Bad input: the message says where and what; exit 2."""

    exit_code = 2


def _create_app() -> Any:
    return create_app()


cli = FlaskGroup(
    name="eteinen",
    help="Eteinen: route a client's question and track the referral until a named person owns it.",
    create_app=_create_app,
    add_default_commands=False,
    add_version_option=False,
    load_dotenv=False,
    set_debug_flag=False,
)


def main() -> None:
    cli.main(prog_name="eteinen")


@cli.command("init")
@with_appcontext
def init_command() -> None:
    """Create or migrate the database schema (safe to run again)."""
    upgrade(db.engine())
    click.echo(f"database ready: {db.engine().url.render_as_string(hide_password=True)}")


@cli.command("import-hsds")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
@needs_schema
def import_hsds_command(path: Path) -> None:
    """Load an HSDS 3.0 directory (tabular folder or JSON file); all or nothing."""
    from .hsds import HsdsError, import_path

    show_progress = sys.stderr.isatty()
    with db.transaction() as s:
        try:
            report = import_path(s, path, progress=_progress_bar if show_progress else None)
        except HsdsError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            raise BadInput(f"{len(exc.problems)} problem(s) in {path}: nothing was imported") from None
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
    click.echo(f"imported {counts} (directory version {report.version})")


def _progress_bar(label: str, total: int) -> Any:
    return click.progressbar(length=total, label=label, file=sys.stderr)


@cli.command("export-hsds")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
@needs_schema
def export_hsds_command(path: Path) -> None:
    """Write the directory as HSDS 3.0 tabular (datapackage.json + CSVs) into PATH."""
    from .hsds import HsdsError, export_path

    with db.new_session(read_only=True) as s:
        try:
            counts = export_path(s, path)
        except HsdsError as exc:
            raise BadInput(str(exc)) from None
    click.echo(f"exported {', '.join(f'{n} {name}' for name, n in counts.items())} to {path}")


@cli.command("demo")
@click.option("--if-empty", is_flag=True, help="skip quietly when the database already has a directory")
@with_appcontext
def demo_command(if_empty: bool) -> None:
    """Load the demo network (only into an empty database)."""
    from .demo import DemoError, database_is_empty, load_demo

    upgrade(db.engine())
    with db.transaction() as s:
        if if_empty and not database_is_empty(s):
            click.echo("the database already has data: demo not loaded (log in with the accounts you made)")
            return
        try:
            logins = load_demo(s)
        except DemoError as exc:
            raise BadInput(str(exc)) from None
    click.echo(f"demo network loaded; log in at {current_app.config['BASE_URL']}/login with:")
    for email, role, password in logins:
        click.echo(f"  {email:<34} {role:<12} password: {password}")


@cli.group("user")
def user_group() -> None:
    """Staff accounts."""


@user_group.command("add")
@click.argument("email")
@click.option("--org", "org_ref", required=True, help="the organisation's HSDS id or exact name")
@click.option("--role", required=True, type=click.Choice(auth.ROLES))
@click.option("--name", default=None, help="the person's name")
@click.option("--language", type=click.Choice(["fi", "sv", "en"]), default=None)
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@with_appcontext
@needs_schema
def user_add_command(
    email: str, org_ref: str, role: str, name: str | None, language: str | None, password_stdin: bool
) -> None:
    """Create a staff account."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            raise BadInput("the passwords differ")
    else:
        raise BadInput("give the password on a terminal or with --password-stdin")
    with db.transaction() as s:
        try:
            user = auth.add_user(s, email, org_ref, role, password, name=name, language=language)
        except auth.AccountError as exc:
            raise BadInput(str(exc)) from None
        click.echo(f"user {user.email} ({user.role}) added, id {user.id}")


@cli.group("token")
def token_group() -> None:
    """API tokens."""


@token_group.command("create")
@click.option("--user", "email", required=True, help="the user the token acts as")
@click.option("--name", default=None, help="what the token is for")
@with_appcontext
@needs_schema
def token_create_command(email: str, name: str | None) -> None:
    """Print a new API token (shown once; only its digest is stored)."""
    from sqlmodel import select

    from .models import User

    with db.transaction() as s:
        user = s.exec(select(User).where(User.email == email.strip().lower())).first()
        if user is None:
            raise BadInput(f"no user {email}")
        token = auth.create_token(s, user, name)
    click.echo(token)


@cli.group("ring")
def ring_group() -> None:
    """Guidance rings: organisations sharing one queue."""


@ring_group.command("add")
@click.argument("name")
@click.option("--org", "orgs", multiple=True, required=True, help="a member organisation (id or exact name)")
@with_appcontext
@needs_schema
def ring_add_command(name: str, orgs: tuple[str, ...]) -> None:
    """Create a ring of those organisations; prints its id alone."""
    from .rings import RingError, add_ring

    with db.transaction() as s:
        try:
            ring = add_ring(s, name, list(orgs))
        except RingError as exc:
            raise BadInput(str(exc)) from None
    click.echo(ring.id)


@ring_group.command("list")
@with_appcontext
@needs_schema
def ring_list_command() -> None:
    """The rings: id, name and member organisations."""
    from sqlmodel import col, select

    from .models import Organization, Ring, RingMember

    with db.new_session(read_only=True) as s:
        rings = s.exec(select(Ring).order_by(col(Ring.name))).all()
        if not rings:
            click.echo("no rings yet: make one with `eteinen ring add NAME --org ORG --org ORG`")
        for ring in rings:
            members = s.exec(
                select(Organization.name)
                .join(RingMember, col(RingMember.organization_id) == Organization.id)
                .where(col(RingMember.ring_id) == ring.id)
                .order_by(col(Organization.name))
            ).all()
            click.echo(f"{ring.id}  {ring.name}: {', '.join(members)}")


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
@click.option("--no-scheduler", is_flag=True, help="do not start the reminder scheduler beside the server")
@with_appcontext
def serve_command(host: str, port: int, workers: int, no_scheduler: bool) -> None:
    """Serve the app with gunicorn, with the reminder scheduler in its own process."""
    from .server import run_gunicorn

    upgrade(db.engine())
    scheduler = None
    if not no_scheduler:
        scheduler = subprocess.Popen([sys.executable, "-m", "routing", "scheduler"], env=dict(os.environ))
    try:
        run_gunicorn(current_app.instance_path, host, port, workers)
    finally:
        if scheduler is not None and scheduler.poll() is None:
            scheduler.send_signal(signal.SIGTERM)
            scheduler.wait(timeout=10)


from .followup_cli import remind_command, scheduler_command, webhooks_group  # noqa: E402
from .matcher.commands import route_command, rules_group  # noqa: E402

cli.add_command(route_command)
cli.add_command(rules_group)
cli.add_command(remind_command)
cli.add_command(webhooks_group)
cli.add_command(scheduler_command)

# the network's figures and the client's data rights (issue 10)
from .figures_cli import directory_group, figures_command  # noqa: E402
from .privacy_cli import access_log_command, client_group, retention_command  # noqa: E402

cli.add_command(figures_command)
cli.add_command(directory_group)
cli.add_command(client_group)
cli.add_command(retention_command)
cli.add_command(access_log_command)

"""``eteinen user add`` and ``eteinen token create``."""

from __future__ import annotations

import getpass
import sys

import click
from flask import Flask
from flask.cli import with_appcontext

import routing.accounts.auth as auth
from routing.core import db
from routing.core.errors import BadInput
from routing.core.migrate import needs_schema


@click.group("user")
def user_group() -> None:
    """Staff accounts."""


@user_group.command("add")
@click.argument("email")
@click.option("--org", "org_ref", required=True, help="the organisation's HSDS id or exact name")
@click.option("--role", required=True, type=click.Choice([role.value for role in auth.ROLES]))
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
        user = auth.add_user(s, email, org_ref, role, password, name=name, language=language)
        click.echo(f"user {user.email} ({user.role}) added, id {user.id}")


@click.group("token")
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

    from routing.accounts.models import User

    with db.transaction() as s:
        user = s.exec(select(User).where(User.email == email.strip().lower())).first()
        if user is None:
            raise BadInput(f"no user {email}")
        token = auth.create_token(s, user, name)
    click.echo(token)


def init_app(app: Flask) -> None:
    app.cli.add_command(user_group)
    app.cli.add_command(token_group)

"""The ``eteinen`` command (also ``python -m routing``): the group alone; each concern adds its commands.

Exit codes: 0 ok, 1 failure, 2 bad input or usage. Commands run inside an
application context, so they use the same settings and database as the web app.
A refused operation (``core.errors.OperationError``) ends the command with its
message and its exit code, here, in one place.
"""

from __future__ import annotations

from typing import Any

import click
from flask import Flask
from flask.cli import FlaskGroup

from routing import create_app
from routing.core.errors import OperationError


def _create_app() -> Flask:
    return create_app()


class EteinenGroup(FlaskGroup):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OperationError as exc:
            error = click.ClickException(exc.message)
            error.exit_code = exc.exit_code  # type: ignore[misc]
            raise error from None


cli = EteinenGroup(
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

"""Schema migrations (Alembic), run from code: ``eteinen init`` and the tests use this."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from routing.core import db

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or bring the schema up to date; running it again changes nothing."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def schema_problem(engine: Engine) -> str | None:
    """Why the database's schema is not this version's (never set up, or not migrated yet), or None."""
    current, head = current_revision(engine), head_revision()
    if current is None:
        return "the database has not been set up: run `eteinen init` first"
    if current != head:
        return f"the database schema is at {current}, this version needs {head}: run `eteinen init` to migrate it"
    return None


def needs_schema(command: Callable[..., Any]) -> Callable[..., Any]:
    """For a command run in an app context: one line and exit 1, not a traceback, when the schema is not ready."""

    @functools.wraps(command)
    def checked(*args: Any, **kwargs: Any) -> Any:
        problem = schema_problem(db.engine())
        if problem is not None:
            raise click.ClickException(problem)
        return command(*args, **kwargs)

    return checked

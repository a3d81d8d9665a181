"""``eteinen init`` and ``eteinen serve``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import click
from flask import Flask, current_app
from flask.cli import ScriptInfo, pass_script_info, with_appcontext

from routing.core import db
from routing.core.migrate import upgrade


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Create or migrate the database schema (safe to run again)."""
    upgrade(db.engine())
    click.echo(f"database ready: {db.engine().url.render_as_string(hide_password=True)}")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
@click.option("--no-scheduler", is_flag=True, help="do not start the reminder scheduler beside the server")
@with_appcontext
@pass_script_info
def serve_command(info: ScriptInfo, host: str, port: int, workers: int, no_scheduler: bool) -> None:
    """Serve the app with gunicorn, with the reminder scheduler in its own process."""
    from routing.core.server import run_gunicorn

    upgrade(db.engine())
    scheduler = None
    if not no_scheduler:
        scheduler = subprocess.Popen([sys.executable, "-m", "routing", "scheduler"], env=dict(os.environ))
    try:
        assert info.create_app is not None
        run_gunicorn(info.create_app, current_app.instance_path, host, port, workers)
    finally:
        if scheduler is not None and scheduler.poll() is None:
            scheduler.send_signal(signal.SIGTERM)
            scheduler.wait(timeout=10)


def init_app(app: Flask) -> None:
    app.cli.add_command(init_command)
    app.cli.add_command(serve_command)

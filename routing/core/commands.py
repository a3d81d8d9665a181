"""``eteinen init`` and ``eteinen serve``."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

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
@click.option(
    "--threads",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="threads per worker: more only where requests wait on a database on another host",
)
@click.option("--no-scheduler", is_flag=True, help="do not start the reminder scheduler beside the server")
@with_appcontext
@pass_script_info
def serve_command(info: ScriptInfo, host: str, port: int, workers: int, threads: int, no_scheduler: bool) -> None:
    """Serve the app with gunicorn, with the reminder scheduler in its own process."""
    from routing.core.metrics import use_multiprocess_dir
    from routing.core.server import run_gunicorn

    upgrade(db.engine())
    metrics_dir, made = metrics_folder()
    use_multiprocess_dir(metrics_dir)
    serving = os.getpid()
    scheduler = None
    if not no_scheduler:
        scheduler = subprocess.Popen([sys.executable, "-m", "routing", "scheduler"], env=dict(os.environ))
    try:
        assert info.create_app is not None
        run_gunicorn(
            info.create_app,
            current_app.instance_path,
            host,
            port,
            workers,
            threads=threads,
            json_logs=current_app.config["LOG_FORMAT"] == "json",
        )
    finally:
        # gunicorn's workers are forks of this process and leave through here too: only the master cleans up
        if os.getpid() == serving:
            if scheduler is not None and scheduler.poll() is None:
                scheduler.send_signal(signal.SIGTERM)
                scheduler.wait(timeout=10)
            if made:
                shutil.rmtree(metrics_dir, ignore_errors=True)


def metrics_folder() -> tuple[str, bool]:
    """The workers' shared metrics folder: PROMETHEUS_MULTIPROC_DIR emptied, or a new one; (path, made here)."""
    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if given:
        folder = Path(given)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.db"):  # a previous run's numbers would be added to this one's
            stale.unlink()
        return str(folder), False
    return tempfile.mkdtemp(prefix="eteinen-metrics-"), True


@click.command("backup")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Copy the instance (SQLite database online, secret, files) into a new folder PATH."""
    from routing.core.backup import backup

    report = backup(db.engine(), Path(current_app.instance_path), path)
    for line in report.instructions:
        click.echo(line)
    total = sum(report.rows.values())
    click.echo(f"backup in {report.folder}: {', '.join(report.files) or 'no files'}; {total} rows in the manifest")


@click.command("restore")
@click.argument("path", type=click.Path(path_type=Path, exists=True, file_okay=False))
@with_appcontext
def restore_command(path: Path) -> None:
    """Bring a backup made by `eteinen backup` into this (empty) instance, then migrate it."""
    from routing.core.backup import restore

    report = restore(db.engine(), Path(current_app.instance_path), path)
    for line in report.instructions:
        click.echo(line)
    click.echo(f"restored from {path}: {', '.join(report.files) or 'no files'}; {sum(report.rows.values())} rows")


def init_app(app: Flask) -> None:
    app.cli.add_command(init_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(serve_command)

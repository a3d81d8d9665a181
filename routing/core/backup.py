"""``eteinen backup`` and ``eteinen restore``: an instance's database, secret and files, copied whole.

On SQLite the copy is made with SQLite's online backup API: consistent at one moment even while
the server writes. On PostgreSQL the database is ``pg_dump``'s to copy (this prints the command and
checks that the installed ``pg_dump`` can read the server); the rest is copied all the same.
A backup folder holds ``manifest.json`` (what is in it, with each table's row count), the database
(``eteinen.db``, SQLite only), the instance's ``secret_key`` and ``config.toml`` when they exist,
and its ``attachments/`` folder.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

from routing.core import db
from routing.core.clock import utcnow
from routing.core.errors import BadInput, Conflict
from routing.core.migrate import current_revision, upgrade

FORMAT = 1
DATABASE_FILE = "eteinen.db"
DUMP_FILE = "eteinen.dump"
INSTANCE_FILES = ("secret_key", "config.toml")
INSTANCE_FOLDERS = ("attachments",)


@dataclass
class BackupReport:
    folder: Path
    database: str
    rows: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    instructions: list[str] = field(default_factory=list)


def _sqlite_path(engine: Engine) -> Path:
    database = make_url(str(engine.url)).database
    if not database or database == ":memory:":
        raise BadInput("DATABASE_URL: an in-memory SQLite database cannot be backed up")
    return Path(database)


def _row_counts(engine: Engine) -> dict[str, int]:
    tables = sorted(t for t in inspect(engine).get_table_names() if t != "alembic_version")
    with db.read_engine(engine).connect() as conn:
        return {t: int(conn.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar_one()) for t in tables}


def _empty_target(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BadInput(f"PATH: {folder} exists and is not an empty folder; give a new one")
    folder.mkdir(parents=True, exist_ok=True)


def _copy_instance_files(source: Path, target: Path) -> list[str]:
    copied = []
    for name in INSTANCE_FILES:
        if (source / name).is_file():
            shutil.copy2(source / name, target / name)
            copied.append(name)
    for name in INSTANCE_FOLDERS:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, dirs_exist_ok=True)
            copied.append(f"{name}/")
    return copied


def pg_dump_version() -> tuple[int, str] | None:
    """The installed pg_dump's major version and its words, or None when there is none."""
    try:
        out = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    return (int(found.group(1)), out) if found else None


def _pg_instructions(engine: Engine, folder: Path) -> list[str]:
    with engine.connect() as conn:
        server = int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=True)
    lines = [
        "PostgreSQL: copy the database itself with pg_dump (consistent while the server runs):",
        f"  pg_dump --format=custom --file {folder / DUMP_FILE} '{url}'",
        "and bring it back into an empty database with:",
        f"  pg_restore --no-owner --dbname '<new DATABASE_URL>' {folder / DUMP_FILE}",
    ]
    tool = pg_dump_version()
    if tool is None:
        lines.append(f"pg_dump is not installed: install PostgreSQL {server}'s client (postgresql-client-{server})")
    elif tool[0] < server:
        lines.append(f"{tool[1]} is older than the server ({server}): it cannot dump it; install a pg_dump ≥ {server}")
    else:
        lines.append(f"{tool[1]} can dump this server (PostgreSQL {server})")
    return lines


def backup(engine: Engine, instance: Path, folder: Path) -> BackupReport:
    """Copy the instance into ``folder`` (new or empty); on SQLite the database too, online."""
    _empty_target(folder)
    dialect = engine.dialect.name
    report = BackupReport(folder, dialect)
    if dialect == "sqlite":
        source = sqlite3.connect(_sqlite_path(engine), timeout=30)
        target = sqlite3.connect(folder / DATABASE_FILE)
        try:
            with target:
                source.backup(target)  # page by page, one consistent snapshot even with writers running
        finally:
            source.close()
            target.close()
        copy = _sqlite_engine(folder / DATABASE_FILE)
        try:
            report.rows = _row_counts(copy)
            revision = current_revision(copy)
        finally:
            copy.dispose()
        report.files.append(DATABASE_FILE)
    else:
        report.rows = _row_counts(engine)
        revision = current_revision(engine)
        report.instructions = _pg_instructions(engine, folder)
    report.files += _copy_instance_files(instance, folder)
    manifest = {
        "format": FORMAT,
        "made_at": utcnow().isoformat(),
        "database": dialect,
        "schema": revision,
        "rows": report.rows,
        "files": report.files,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return report


def _sqlite_engine(path: Path) -> Engine:
    from routing.core.db import make_engine

    return make_engine(f"sqlite:///{path}")


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"PATH: {folder} has no manifest.json; is it a folder `eteinen backup` made?") from None
    except ValueError as exc:
        raise BadInput(f"PATH: {folder / 'manifest.json'} is not valid JSON ({exc})") from None
    if manifest.get("format") != FORMAT:
        raise BadInput(f"PATH: backup format {manifest.get('format')!r} is not one this version reads ({FORMAT})")
    return manifest


def _database_is_empty(engine: Engine) -> bool:
    tables = [t for t in inspect(engine).get_table_names() if t != "alembic_version"]
    if not tables:  # PostgreSQL: a new database, for pg_restore after this
        return True
    counts = _row_counts(engine)
    # a migrated but unused database: only what `eteinen init` writes itself
    return all(count == 0 for table, count in counts.items() if table not in ("directory_version",))


def restore(engine: Engine, instance: Path, folder: Path) -> BackupReport:
    """Bring a backup into an empty instance (database without data); then migrate it to this version."""
    manifest = read_manifest(folder)
    if not _database_is_empty(engine):
        raise Conflict("the database already holds data: restore only into an empty instance")
    report = BackupReport(folder, manifest["database"])
    if manifest["database"] == "sqlite":
        if engine.dialect.name != "sqlite":
            raise BadInput("PATH: a SQLite backup restores into a SQLite instance (DATABASE_URL is not SQLite)")
        path = _sqlite_path(engine)
        engine.dispose()
        source = sqlite3.connect(folder / DATABASE_FILE)
        target = sqlite3.connect(path, timeout=30)
        try:
            with target:
                source.backup(target)
        finally:
            source.close()
            target.close()
        engine.dispose()
        upgrade(engine)  # a backup of an older version is migrated like any database
        report.rows = _row_counts(engine)
        missing = {t: n for t, n in manifest["rows"].items() if report.rows.get(t, 0) < n}
        if missing:
            raise Conflict(f"the restored database lacks rows the backup listed: {missing}")
    else:
        url = engine.url.set(drivername="postgresql").render_as_string(hide_password=True)
        report.instructions = [
            "PostgreSQL: the files are back; now restore the database into this empty one, then migrate it:",
            f"  pg_restore --no-owner --dbname '{url}' {folder / DUMP_FILE}",
            "  eteinen init",
        ]
    instance.mkdir(parents=True, exist_ok=True)
    for name in INSTANCE_FILES:
        if (folder / name).is_file():
            shutil.copy2(folder / name, instance / name)
            report.files.append(name)
    for name in INSTANCE_FOLDERS:
        if (folder / name).is_dir():
            shutil.copytree(folder / name, instance / name, dirs_exist_ok=True)
            report.files.append(f"{name}/")
    return report

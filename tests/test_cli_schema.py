"""Commands that read the database say to run ``eteinen init`` when it was never set up, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from routing import create_app
from routing.cli import cli
from routing.core import db
from routing.core.migrate import upgrade

COMMANDS = [
    ["figures"],
    ["directory", "overlaps"],
    ["access-log", "--referral", "r-1"],
    ["client", "export", "--referral", "r-1"],
    ["client", "erase", "--referral", "r-1"],
    ["retention"],
    ["import-hsds", "nowhere"],
    ["export-hsds", "out"],
    ["user", "add", "a@example.fi", "--org", "o1", "--role", "counsellor"],
    ["token", "create", "--user", "a@example.fi"],
    ["ring", "add", "Rengas", "--org", "o1"],
    ["ring", "list"],
    ["remind", "--now"],
    ["webhooks", "relay", "--once"],
    ["route", "hei"],
]


def _runner(tmp_path: Path, database: Path):  # type: ignore[no-untyped-def]
    app = create_app({"TESTING": True, "ETEINEN_INSTANCE": str(tmp_path), "DATABASE_URL": f"sqlite:///{database}"})
    return app.test_cli_runner()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_database_never_set_up(tmp_path: Path, args: list[str]) -> None:
    database = tmp_path / "empty.db"
    database.touch()
    result = _runner(tmp_path, database).invoke(cli, args)
    assert result.exit_code == 1
    assert result.output == "Error: the database has not been set up: run `eteinen init` first\n"
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_database_not_migrated_yet(tmp_path: Path) -> None:
    database = tmp_path / "old.db"
    engine = db.make_engine(f"sqlite:///{database}")
    upgrade(engine, "0005_reminders")
    engine.dispose()
    result = _runner(tmp_path, database).invoke(cli, ["figures"])
    assert result.exit_code == 1
    assert "schema is at 0005_reminders" in result.output and "run `eteinen init`" in result.output
    assert len(result.output.splitlines()) == 1

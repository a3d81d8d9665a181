"""The backup drill: referrals opened while a backup runs; the backup restored into a fresh instance
has every referral, event and file it listed, and a server on it serves them."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text

from routing import create_app
from routing.cli import cli
from routing.core import db

QUESTION = "Tarvitsen apua velkojen kanssa"


def _rows(app: Flask, sql: str) -> set[Any]:
    with app.app_context(), db.engine().connect() as conn:
        return {tuple(row) for row in conn.execute(text(sql))}


def _open(client: Any, token: str) -> str:
    answer = client.post(
        "/api/v1/referrals",
        json={"question": QUESTION, "consent": True, "municipality": "245"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 201, answer.get_json()
    return str(answer.get_json()["id"])


def test_backup_while_writing_restores_into_a_fresh_instance(
    demo_app: Flask, desk_token: str, tmp_path: Path, app_config: dict[str, Any]
) -> None:
    if not app_config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("PostgreSQL's database copy is pg_dump's: see the PostgreSQL backup test")
    instance = Path(demo_app.instance_path)
    (instance / "attachments" / "ab").mkdir(parents=True)
    (instance / "attachments" / "ab" / "letter.pdf").write_bytes(b"%PDF-1.4 not really\n")
    client = demo_app.test_client()
    before = [_open(client, desk_token) for _ in range(5)]

    # writes go on while the backup runs
    stop, during = threading.Event(), []

    def writer() -> None:
        own = demo_app.test_client()
        while not stop.is_set():
            during.append(_open(own, desk_token))

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        result = demo_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy")])
    finally:
        stop.set()
        thread.join()
    assert result.exit_code == 0, result.output
    assert during, "no referral was opened while the backup ran"
    manifest = json.loads((tmp_path / "copy" / "manifest.json").read_text())
    assert {"eteinen.db", "secret_key", "attachments/"} <= set(manifest["files"])

    # a fresh instance, with a database of its own that was only initialised
    fresh = tmp_path / "fresh"
    restored = create_app({"TESTING": True, "ETEINEN_INSTANCE": str(fresh), "DATABASE_URL": f"sqlite:///{fresh}/e.db"})
    try:
        runner = restored.test_cli_runner()
        assert runner.invoke(args=["init"]).exit_code == 0
        result = runner.invoke(args=["restore", str(tmp_path / "copy")])
        assert result.exit_code == 0, result.output
        # nothing the backup counted is missing, everything acknowledged before it began is there
        referrals = {r[0] for r in _rows(restored, "SELECT id FROM referral")}
        assert len(referrals) == manifest["rows"]["referral"]
        assert set(before) <= referrals
        events = _rows(restored, "SELECT id, referral_id, kind FROM event")
        assert len(events) == manifest["rows"]["event"]
        assert events <= _rows(demo_app, "SELECT id, referral_id, kind FROM event")
        assert (fresh / "attachments" / "ab" / "letter.pdf").read_bytes() == b"%PDF-1.4 not really\n"
        assert (fresh / "secret_key").read_text() == (instance / "secret_key").read_text()
        # the restored server serves them, to the same token (the demo's own history is other desks')
        served = restored.test_client()
        for referral in sorted(set(before) | (set(during) & referrals))[:20]:
            answer = served.get(f"/api/v1/referrals/{referral}", headers={"Authorization": f"Bearer {desk_token}"})
            assert answer.status_code == 200, (referral, answer.get_json())
    finally:
        restored.extensions["eteinen.engine"].dispose()


def test_restore_refuses_an_instance_that_has_data(demo_app: Flask, tmp_path: Path, app_config: dict[str, Any]) -> None:
    if not app_config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("SQLite's restore")
    runner = demo_app.test_cli_runner()
    assert runner.invoke(cli, ["backup", str(tmp_path / "copy")]).exit_code == 0
    result = runner.invoke(cli, ["restore", str(tmp_path / "copy")])
    assert result.exit_code == 1 and "empty instance" in result.output
    result = runner.invoke(cli, ["backup", str(tmp_path / "copy")])
    assert result.exit_code == 2 and "not an empty folder" in result.output
    result = runner.invoke(cli, ["restore", str(tmp_path)])
    assert result.exit_code == 2 and "manifest.json" in result.output


def test_postgresql_backup_says_how_to_use_pg_dump(demo_app: Flask, tmp_path: Path, app_config: dict[str, Any]) -> None:
    if app_config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("the PostgreSQL backup")
    result = demo_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy")])
    assert result.exit_code == 0, result.output
    assert "pg_dump --format=custom" in result.output and "pg_restore" in result.output
    assert "can dump this server" in result.output or "pg_dump is not installed" in result.output
    manifest = json.loads((tmp_path / "copy" / "manifest.json").read_text())
    assert manifest["database"] == "postgresql" and manifest["rows"]["service"] > 0
    assert "secret_key" in manifest["files"]

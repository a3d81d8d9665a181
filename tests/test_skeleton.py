"""The walking skeleton: settings, database set-up, migrations, health, service list, accounts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from routing import create_app
from routing.core import db
from routing.core.config import ConfigError, load_settings
from routing.directory.models import Organization, Service


def test_settings_environment_wins_over_file_over_defaults(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('RETENTION_DAYS = 30\nBASE_URL = "https://a.example"\n')
    settings = load_settings(tmp_path, {"RETENTION_DAYS": "7"})
    assert settings["RETENTION_DAYS"] == 7
    assert settings["BASE_URL"] == "https://a.example"
    assert settings["OFFER_EXPIRY_DAYS"] == 14
    assert settings["DATABASE_URL"] == f"sqlite:///{tmp_path / 'eteinen.db'}"


def test_secret_key_is_generated_once_and_private(tmp_path: Path) -> None:
    first = load_settings(tmp_path, {})["SECRET_KEY"]
    second = load_settings(tmp_path, {})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("content", "where"),
    [("RETENTION_DAYS = 'many'", "RETENTION_DAYS"), ("NO_SUCH = 1", "NO_SUCH"), ("x = [", "config.toml")],
)
def test_bad_config_names_the_setting(tmp_path: Path, content: str, where: str) -> None:
    (tmp_path / "config.toml").write_text(content)
    with pytest.raises(ConfigError, match=where):
        load_settings(tmp_path, {})


def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == db.BUSY_TIMEOUT_MS


def test_foreign_keys_are_enforced(session) -> None:
    session.add(Service(id="s1", organization_id="missing", name="x", status="active"))
    with pytest.raises(Exception, match=r"(?i)foreign key"):
        session.flush()


def test_health(client) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_health_reports_an_unreachable_database(tmp_path: Path) -> None:
    app = create_app(
        {"ETEINEN_INSTANCE": str(tmp_path), "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"}
    )
    response = app.test_client().get("/api/v1/health")
    assert response.status_code == 503
    assert response.json["database"] == "unavailable"


def test_start_page_lists_the_network(client, session) -> None:
    session.add(Organization(id="o1", name="Ohjaamo Testilä", description="d"))
    session.add(Service(id="s1", organization_id="o1", name="Nuorten ohjaus", status="active"))
    session.commit()
    page = client.get("/")
    assert page.status_code == 200
    assert "Ohjaamo Testilä" in page.text and "Nuorten ohjaus" in page.text


def test_services_api_pages_and_filters(client, session) -> None:
    session.add(Organization(id="o1", name="Org", description="d"))
    for i in range(5):
        session.add(Service(id=f"s{i}", organization_id="o1", name=f"Palvelu {i}", status="active"))
    session.commit()
    first = client.get("/api/v1/services?per_page=2").json
    assert first["total_items"] == 5 and first["total_pages"] == 3 and len(first["contents"]) == 2
    assert first["contents"][0]["organization_name"] == "Org"
    last = client.get("/api/v1/services?per_page=2&page=3").json
    assert [s["id"] for s in last["contents"]] == ["s4"]
    assert client.get("/api/v1/services?search=palvelu 3").json["total_items"] == 1
    bad = client.get("/api/v1/services?page=zero")
    assert bad.status_code == 400 and "page" in bad.json["error"]["message"]


def test_unknown_api_path_is_json_404(client) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not-found"


def test_python_dash_m_routing_runs_the_cli() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "routing", "--help"], capture_output=True, text=True, env=dict(os.environ)
    )
    assert done.returncode == 0 and "import-hsds" in done.stdout

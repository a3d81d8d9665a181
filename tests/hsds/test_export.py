"""Writing the directory as HSDS 3.0 tabular: official columns and order, and a round trip to the same rows."""

from __future__ import annotations

import csv
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete

from routing.cli import cli
from routing.directory.models import DIRECTORY_TABLES

from .tiny import S_OHJAAMO, SAMPLE, snapshot

STORED = {model.__tablename__ for model in DIRECTORY_TABLES}  # type: ignore[misc]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


def _official() -> list[dict[str, Any]]:
    """The official resources Eteinen stores, read straight from the shipped field lists."""
    text = resources.files("routing").joinpath("data/hsds-3.0-tabular.json").read_text(encoding="utf-8")
    return [r for r in json.loads(text)["resources"] if r["name"] in STORED]


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f, strict=True))


def _empty_directory(session) -> None:
    for model in reversed(DIRECTORY_TABLES):
        session.execute(delete(model))
    session.commit()


def _round_trip(runner, session, source: Path, out: Path) -> None:
    assert runner.invoke(cli, ["import-hsds", str(source)]).exit_code == 0
    before = snapshot(session)
    exported = runner.invoke(cli, ["export-hsds", str(out)])
    assert exported.exit_code == 0, exported.output
    _empty_directory(session)
    again = runner.invoke(cli, ["import-hsds", str(out)])
    assert again.exit_code == 0, again.output
    assert again.stderr == ""  # nothing skipped, nothing missing
    after = snapshot(session)
    before.pop("version"), after.pop("version")
    assert after == before


def test_round_trip_gives_the_same_rows(runner, session, imported, tmp_path: Path) -> None:
    _round_trip(runner, session, imported, tmp_path / "out")


def test_round_trip_of_the_sample(runner, session, tmp_path: Path) -> None:
    if not SAMPLE.is_dir():
        pytest.skip(f"{SAMPLE} is not on this machine")
    _round_trip(runner, session, SAMPLE, tmp_path / "out")


def test_export_follows_the_official_field_lists(runner, session, imported, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = runner.invoke(cli, ["export-hsds", str(out)])
    assert result.exit_code == 0, result.output
    official = _official()
    assert sorted(p.name for p in out.iterdir()) == sorted(["datapackage.json", *(r["path"] for r in official)])
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert [(r["name"], r["path"]) for r in package["resources"]] == [(r["name"], r["path"]) for r in official]
    for resource, described in zip(official, package["resources"], strict=True):
        names = [f["name"] for f in resource["fields"]]
        assert [f["name"] for f in described["schema"]["fields"]] == names
        assert described["schema"]["primaryKey"] == "id"
        header, *rows = _read(out / resource["path"])
        assert header == names, resource["path"]
        assert rows, f"{resource['path']} should have rows"
        for row in rows:
            assert len(row) == len(names)
            for field, value in zip(resource["fields"], row, strict=True):
                where = f"{resource['path']} {field['name']}"
                if field.get("required"):
                    assert value, f"{where}: required"
                if value and field.get("enum"):
                    assert value in field["enum"], where
                if value and field.get("format") == "uuid":
                    assert UUID.fullmatch(value), where
                if value and field["type"] == "number":
                    float(value)
                    assert not value.endswith(".0"), f"{where}: {value}"


def test_numbers_and_quoting(runner, session, imported, tmp_path: Path) -> None:
    runner.invoke(cli, ["export-hsds", str(tmp_path / "out")])
    raw = (tmp_path / "out" / "services.csv").read_bytes().decode("utf-8")
    assert raw.startswith("id,organization_id,program_id,name,") and "\r\n" in raw
    services = {row[0]: row for row in _read(tmp_path / "out" / "services.csv")[1:]}
    header = _read(tmp_path / "out" / "services.csv")[0]
    ohjaamo = dict(zip(header, services[S_OHJAAMO], strict=True))
    assert (ohjaamo["minimum_age"], ohjaamo["maximum_age"]) == ("15", "29")
    assert ohjaamo["description"] == 'Nuorten palvelupiste, "matala kynnys", myös\nilman ajanvarausta'
    assert '"Nuorten palvelupiste, ""matala kynnys"", myös\nilman ajanvarausta"' in raw
    ages = {dict(zip(header, row, strict=True))["maximum_age"] for row in services.values()}
    assert ages == {"29", "", "64.5"}


def test_an_empty_directory_gives_header_only_files(runner, tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    result = runner.invoke(cli, ["export-hsds", str(out)])
    assert result.exit_code == 0, result.output
    for resource in _official():
        assert _read(out / resource["path"]) == [[f["name"] for f in resource["fields"]]]
    again = runner.invoke(cli, ["import-hsds", str(out)])  # an empty export is still a valid package
    assert again.exit_code == 0, again.output


def test_export_onto_a_file_is_refused(runner, tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_text("x")
    result = runner.invoke(cli, ["export-hsds", str(target)])
    assert result.exit_code == 2
    assert f"{target}: exists and is not a folder" in result.stderr

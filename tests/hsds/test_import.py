"""Loading HSDS directories: the sample, the JSON form, re-imports in place, skipped files, progress."""

from __future__ import annotations

import csv
import json
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from routing.cli import cli
from routing.core import db
from routing.directory.hsds import HsdsError, import_path
from routing.directory.hsds.spec import stored_resources
from routing.directory.models import (
    Address,
    Attribute,
    Language,
    Location,
    Organization,
    Phone,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from routing.directory.services import current_version, service_facts

from .tiny import (
    DATA,
    ORG_KEUDA,
    S_GUIDANCE,
    S_OHJAAMO,
    S_PHONE,
    SAMPLE,
    T_HOUSING,
    Files,
    snapshot,
    uid,
)


def _ids(session: Any, model: Any) -> set[str]:
    return set(session.exec(select(model.id)).all())


def test_the_sample_directory_loads(runner, session) -> None:
    if not SAMPLE.is_dir():
        pytest.skip(f"{SAMPLE} is not on this machine")
    started = time.perf_counter()
    result = runner.invoke(cli, ["import-hsds", str(SAMPLE)])
    took = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "imported 27 organizations, 1 taxonomies, 14 taxonomy_terms, 65 services, 65 locations, 49 addresses,"
        " 65 service_at_location, 115 service_areas, 48 phones, 127 languages, 92 attributes (directory version 1)"
    )
    for spec in stored_resources():  # every data row of every file is in its table
        with (SAMPLE / spec.path).open(encoding="utf-8", newline="") as f:
            rows = sum(1 for _ in csv.DictReader(f))
        assert len(session.exec(select(spec.table.c.id)).all()) == rows, spec.path
    assert took < 10, f"the sample took {took:.1f} s"


def test_the_json_form(runner, session) -> None:
    result = runner.invoke(cli, ["import-hsds", str(DATA / "services.json")])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "imported 1 organizations, 1 taxonomies, 2 taxonomy_terms, 2 services, 1 locations, 1 addresses,"
        " 1 service_at_location, 1 service_areas, 2 phones, 3 languages, 3 attributes (directory version 1)"
    )
    assert result.stderr.splitlines() == [
        "warning: services.json: schedules skipped in 1 location object(s): Eteinen does not store them",
        "warning: services.json: contacts skipped in 1 service object(s): Eteinen does not store them",
        "warning: services.json: schedules skipped in 1 service object(s): Eteinen does not store them",
    ]
    ohjaamo = session.get(Service, S_OHJAAMO)
    assert (ohjaamo.organization_id, ohjaamo.minimum_age, ohjaamo.maximum_age) == (uid(11), 15, 29)
    closed = session.get(Service, uid(33))
    assert (closed.organization_id, closed.status, closed.maximum_age) == (uid(11), "temporarily closed", None)
    link = session.get(ServiceAtLocation, uid(61))
    assert (link.service_id, link.location_id) == (S_OHJAAMO, uid(41))
    assert session.get(Location, uid(41)).latitude == 60.4034
    assert session.get(Address, uid(51)).location_id == uid(41)
    # one phone nested both in the service and in its location: one row with both links
    assert (session.get(Phone, uid(92)).location_id, session.get(Phone, uid(92)).service_id) == (uid(41), S_OHJAAMO)
    assert session.get(Phone, uid(91)).service_id == S_OHJAAMO and session.get(Phone, uid(91)).extension == 12
    assert session.get(Language, uid(84)).location_id == uid(41)
    assert session.get(TaxonomyTerm, uid(21)).taxonomy_id == uid(20)
    attribute = session.get(Attribute, uid(101))
    assert (attribute.link_id, attribute.link_entity, attribute.taxonomy_term_id) == (S_OHJAAMO, "service", uid(21))
    facts = service_facts(session, [S_OHJAAMO, uid(33)])
    assert facts[S_OHJAAMO].needs == ["employment", "housing"]
    assert facts[S_OHJAAMO].areas == ["municipality:245"]
    assert facts[S_OHJAAMO].languages == ["fi", "en"]
    assert facts[uid(33)].needs == ["housing"] and facts[uid(33)].areas == []


def test_json_objects_nested_twice_must_agree(runner, tmp_path: Path) -> None:
    org = {"id": uid(11), "name": "Kerava", "description": "Kunta"}
    services = [
        {"id": uid(31), "name": "A", "status": "active", "organization": org},
        {"id": uid(32), "name": "B", "status": "active", "organization": {**org, "name": "Kerava kaupunki"}},
    ]
    document = tmp_path / "d.json"
    document.write_text(json.dumps(services))
    result = runner.invoke(cli, ["import-hsds", str(document)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "d.json: $[1].organization.id: same id as $[0].organization but other values (name)"
    )
    # one language row cannot belong to two services
    finnish = {"id": uid(81), "code": "fi"}
    services[1]["organization"] = org
    services[0]["languages"] = services[1]["languages"] = [finnish]
    document.write_text(json.dumps(services))
    result = runner.invoke(cli, ["import-hsds", str(document)])
    assert result.stderr.splitlines()[0] == (
        f"d.json: $[1].languages[0].service_id: {uid(32)!r} here, but {uid(31)!r} where it is also nested"
        " ($[0].languages[0])"
    )


def test_other_hsds_files_are_skipped_with_a_warning(runner, session, directory) -> None:
    def extra(files: Files) -> None:
        files["contacts.csv"] = [{"id": uid(301), "service_id": S_OHJAAMO, "name": "Ohjaaja"}]
        files["schedules.csv"] = [{"id": uid(302), "service_id": S_OHJAAMO, "description": "ma-pe"}]
        files["LUEMINUT.txt"] = "Keravan palveluhakemisto\n"

    result = runner.invoke(cli, ["import-hsds", str(directory(extra))])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: LUEMINUT.txt: not a CSV file, ignored",
        "warning: contacts.csv: skipped: Eteinen does not store HSDS contact records",
        "warning: schedules.csv: skipped: Eteinen does not store HSDS schedule records",
    ]
    assert len(_ids(session, Service)) == 3


def test_a_folder_without_datapackage_json_loads_with_a_warning(runner, session, directory) -> None:
    folder = directory(datapackage=False)
    result = runner.invoke(cli, ["import-hsds", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"warning: no datapackage.json in {folder}" in result.stderr
    assert len(_ids(session, Service)) == 3


def test_reimport_updates_in_place(app, runner, session, imported, directory) -> None:
    first = snapshot(session)
    new_service = uid(34)

    def changed(files: Files) -> None:
        files["services.csv"][1]["name"] = "Keudan opinto-ohjaus ja urasuunnittelu"
        for name, link in (("services.csv", "id"), ("service_areas.csv", "service_id"), ("languages.csv", "service_id"),
                           ("phones.csv", "service_id"), ("service_at_location.csv", "service_id")):  # fmt: skip
            files[name] = [row for row in files[name] if row[link] != S_PHONE]
        files["services.csv"].append(
            {"id": new_service, "organization_id": ORG_KEUDA, "name": "Keudan asuntola", "status": "active"}
        )
        files["service_areas.csv"].append({"id": uid(74), "service_id": new_service, "extent": "municipality:186"})
        files["attributes.csv"].append(
            {"id": uid(104), "link_id": new_service, "taxonomy_term_id": T_HOUSING, "link_entity": "service"}
        )

    with app.app_context(), db.transaction() as s:
        report = import_path(s, directory(changed))
    assert report.version == 2 and current_version(session) == 2
    assert report.added["services"] == 1 and report.changed["services"] == 1 and report.removed["services"] == 1
    assert report.removed["phones"] == 1 and report.removed["service_at_location"] == 1
    assert report.changed["organizations"] == report.changed["attributes"] == 0
    session.expire_all()
    assert session.get(Service, S_GUIDANCE).name == "Keudan opinto-ohjaus ja urasuunnittelu"
    assert session.get(Service, S_PHONE) is None
    assert _ids(session, Service) == {S_OHJAAMO, S_GUIDANCE, new_service}
    assert _ids(session, Phone) == set() and uid(73) not in _ids(session, ServiceArea)
    assert service_facts(session, [new_service])[new_service].needs == ["housing"]
    now = snapshot(session)
    # what was not touched kept its rows, ids and values
    for table in ("organization", "taxonomy", "taxonomy_term", "location", "address"):
        assert now[table] == first[table]
    assert len(_ids(session, Organization)) == 2


def test_the_same_data_again_changes_nothing_but_the_version(app, session, imported) -> None:
    before = snapshot(session)
    with app.app_context(), db.transaction() as s:
        report = import_path(s, imported)
    assert report.version == 2
    assert set(report.added.values()) == set(report.changed.values()) == set(report.removed.values()) == {0}
    after = snapshot(session)
    assert after.pop("version") == 2 and before.pop("version") == 1
    assert after == before


def test_import_never_commits_on_its_own(app, session, directory) -> None:
    with app.app_context(), db.new_session() as s:
        import_path(s, directory())
        s.rollback()
    assert snapshot(session)["service"] == [] and current_version(session) == 0


def test_import_path_raises_with_every_problem(app, directory) -> None:
    def spoil(files: Files) -> None:
        files["services.csv"][0]["status"] = "x"
        files["languages.csv"][0]["service_id"] = uid(39)

    with app.app_context(), db.new_session() as s, pytest.raises(HsdsError) as raised:
        import_path(s, directory(spoil))
    assert [(p.file, p.line, p.column) for p in raised.value.problems] == [
        ("services.csv", 2, "status"),
        ("languages.csv", 2, "service_id"),
    ]


def test_progress_bar_per_file(app, directory) -> None:
    shown: list[tuple[str, int, int]] = []

    @contextmanager
    def progress(label: str, total: int) -> Any:
        done = [0]

        class Bar:
            def update(self, n: int) -> None:
                done[0] += n

        yield Bar()
        shown.append((label, total, done[0]))

    with app.app_context(), db.transaction() as s:
        import_path(s, directory(), progress=progress)
    assert shown == [
        ("organizations.csv", 2, 2),
        ("taxonomies.csv", 1, 1),
        ("taxonomy_terms.csv", 2, 2),
        ("services.csv", 3, 3),
        ("locations.csv", 2, 2),
        ("addresses.csv", 1, 1),
        ("service_at_location.csv", 2, 2),
        ("service_areas.csv", 3, 3),
        ("phones.csv", 1, 1),
        ("languages.csv", 3, 3),
        ("attributes.csv", 3, 3),
    ]


def test_stored_tables_have_exactly_the_official_fields() -> None:
    for spec in stored_resources():
        assert spec.table is not None
        assert set(spec.table.c.keys()) == set(spec.field_names), spec.name

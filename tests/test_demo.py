"""The demo network: its HSDS folder, and `eteinen demo` on an empty and on a loaded database."""

from __future__ import annotations

import csv
import json
import re
import uuid
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func
from sqlmodel import select

import routing.accounts.auth as auth
import routing.demo.network as network
import routing.directory.hsds as hsds
from routing.accounts.auth import check_password
from routing.accounts.models import ROLES, User
from routing.cli import cli
from routing.demo.load import DemoError, database_is_empty, load_demo
from routing.demo.network import DIRECTORY, demo_id
from routing.directory.models import DIRECTORY_TABLES, Organization, Ring, RingMember, Service
from routing.directory.services import current_version
from routing.matcher.gazetteer import gazetteer
from routing.referrals.models import Referral

SPEC = json.loads((Path(network.__file__).parent.parent / "data" / "hsds-3.0-tabular.json").read_text("utf-8"))
RESOURCES = {r["path"]: r for r in SPEC["resources"]}


def _read(name: str) -> list[dict[str, str]]:
    with open(DIRECTORY / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, strict=True))


def _csv_files() -> list[str]:
    return sorted(p.name for p in DIRECTORY.glob("*.csv"))


# --- the folder, checked against the official HSDS 3.0 field lists and the profile


def test_directory_is_in_step_with_its_source() -> None:
    on_disk = {p.name: p.read_text("utf-8") for p in DIRECTORY.iterdir()}
    # read_text turns CRLF into LF: compare the same way
    assert on_disk == {name: text.replace("\r\n", "\n") for name, text in network.files().items()}, (
        "routing/demo/directory is out of step with routing/demo/network.py: run `python -m routing.demo`"
    )


def test_directory_follows_the_official_hsds_field_lists() -> None:
    problems: list[str] = []
    package = json.loads((DIRECTORY / "datapackage.json").read_text("utf-8"))
    listed = {r["path"]: r for r in package["resources"]}
    assert sorted(listed) == _csv_files()
    ids: dict[str, set[str]] = {}
    for name in _csv_files():
        assert name in RESOURCES, f"{name} is not an HSDS 3.0 file"
        spec = RESOURCES[name]
        fields = {f["name"]: f for f in spec["fields"]}
        with open(DIRECTORY / name, encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert [f["name"] for f in listed[name]["schema"]["fields"]] == header
        for f in listed[name]["schema"]["fields"]:
            assert f["type"] == fields[f["name"]]["type"], (name, f)
        problems += [f"{name}:1: {c}: unknown column" for c in header if c not in fields]
        problems += [
            f"{name}:1: {c}: required column missing"
            for c, f in fields.items()
            if f.get("required") and c not in header
        ]
        seen: set[str] = set()
        for line, row in enumerate(_read(name), start=2):
            for column, value in row.items():
                field = fields[column]
                where = f"{name}:{line}: {column}"
                if not value:
                    if field.get("required"):
                        problems.append(f"{where}: required value empty")
                    continue
                if field.get("format") == "uuid":
                    try:
                        uuid.UUID(value)
                    except ValueError:
                        problems.append(f"{where}: not a UUID")
                if "enum" in field and value not in field["enum"]:
                    problems.append(f"{where}: {value!r} not in {field['enum']}")
                if field["type"] == "number":
                    try:
                        float(value)
                    except ValueError:
                        problems.append(f"{where}: not a number")
                if field.get("format") == "email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", value):
                    problems.append(f"{where}: not an e-mail address")
                if field.get("format") == "uri" and not value.startswith("https://"):
                    problems.append(f"{where}: not an https URI")
                if len(value) > 64 * 1024:
                    problems.append(f"{where}: over 64 kB")
            if row["id"] in seen:
                problems.append(f"{name}:{line}: id: duplicate")
            seen.add(row["id"])
        ids[spec["name"]] = seen
    # references, where the referenced file is part of the package
    for name in _csv_files():
        for fk in RESOURCES[name]["foreign_keys"]:
            for line, row in enumerate(_read(name), start=2):
                value = row.get(fk["field"])
                if value and value not in ids.get(fk["resource"], set()):
                    problems.append(f"{name}:{line}: {fk['field']}: no {fk['resource']} {value}")
    services = ids["service"]
    for line, row in enumerate(_read("attributes.csv"), start=2):
        if row["link_entity"] != "service" or row["link_id"] not in services:
            problems.append(f"attributes.csv:{line}: link_id: not a service of the directory")
    assert problems == []


def test_directory_follows_the_finnish_profile() -> None:
    (taxonomy,) = _read("taxonomies.csv")
    assert taxonomy["name"] == "eteinen-needs"
    terms = {t["id"]: t["code"] for t in _read("taxonomy_terms.csv")}
    assert sorted(terms.values()) == sorted(network.NEED_CODES) and len(terms) == 14
    services = _read("services.csv")
    needs: dict[str, set[str]] = {s["id"]: set() for s in services}
    for a in _read("attributes.csv"):
        needs[a["link_id"]].add(terms[a["taxonomy_term_id"]])
    untagged = [s["name"] for s in services if not needs[s["id"]]]
    assert untagged == []
    assert set().union(*needs.values()) == network.NEED_CODES, "every need code is offered by some service"
    for area in _read("service_areas.csv"):
        assert area["extent_type"] == "text" and area["name"]
        kind, _, code = area["extent"].partition(":")
        if kind == "municipality":
            place = gazetteer().get(code)
            assert place is not None and place.code == code and place.name() == area["name"], area
        elif kind == "region":
            assert gazetteer().region_name(code) == area["name"], area
        else:
            assert area["extent"] == "country:FI", area
    for language in _read("languages.csv"):
        assert re.fullmatch(r"[a-z]{2}", language["code"]), language
    addresses = {a["location_id"] for a in _read("addresses.csv")}
    for location in _read("locations.csv"):
        if location["location_type"] == "physical":
            assert location["id"] in addresses and location["latitude"] and location["longitude"], location
        else:
            assert location["location_type"] == "virtual" and location["url"], location
            assert location["id"] not in addresses
    for s in services:
        assert s["eligibility_description"] and s["description"], s["name"]
        if s["minimum_age"] and s["maximum_age"]:
            assert float(s["minimum_age"]) <= float(s["maximum_age"]), s["name"]


def test_contact_details_are_plainly_fictional() -> None:
    for phone in _read("phones.csv"):
        assert re.fullmatch(r"\+358 40 000 \d{4}", phone["number"]), phone
    for name in _csv_files():
        for row in _read(name):
            for column in ("email", "website", "url"):
                value = row.get(column)
                if value:
                    assert "example.fi" in value, (name, column, value)
    for a in _read("addresses.csv"):
        assert re.match(
            r"(Esimerkkikatu|Mallitie|Testikuja|Exempelvägen|Koulutie|Opintie|Lukiokatu) \d+$", a["address_1"]
        )
    for account in network.ACCOUNTS:
        assert account.email.endswith("example.fi") and len(account.password) >= 10


def test_demo_has_the_variety_the_demonstrations_need() -> None:
    orgs, services = _read("organizations.csv"), _read("services.csv")
    assert 20 <= len(orgs) <= 26 and 45 <= len(services) <= 60
    assert {"active", "temporarily closed"} == {s["status"] for s in services}
    bounds = {(s["minimum_age"], s["maximum_age"]) for s in services}
    assert {("15", "29"), ("18", ""), ("16", "17"), ("", "")} <= bounds
    areas_of: dict[str, list[str]] = {s["id"]: [] for s in services}
    for area in _read("service_areas.csv"):
        areas_of[area["service_id"]].append(area["extent"].split(":")[0])
    kinds = {kind for extents in areas_of.values() for kind in extents}
    assert kinds == {"municipality", "region", "country"}
    assert any(not extents for extents in areas_of.values()), "a service with no area rows (offered everywhere)"
    languages = {lang["code"] for lang in _read("languages.csv")}
    assert {"fi", "sv", "en", "ar", "ru", "so", "uk"} <= languages
    swedish_first = [s for s in services if s["name"].startswith(("Uppsökande", "Axxell – sök", "Sysselsättning"))]
    assert swedish_first, "Swedish-language services with Swedish texts"
    assert {loc["location_type"] for loc in _read("locations.csv")} == {"physical", "virtual"}
    assert {a.role for a in network.ACCOUNTS} == set(ROLES)
    ring = {network.demo_id("organization", key) for key in network.RING_MEMBERS}
    counsellors = {network.demo_id("organization", a.org) for a in network.ACCOUNTS if a.role == "counsellor"}
    assert len(ring & counsellors) >= 2, "two counsellors in different ring organisations (the lost-claim demo)"
    assert any(a.language == "sv" for a in network.ACCOUNTS)


def _ranked(needs: set[str], municipality: str, age: int, language: str = "fi") -> tuple[list[str], list[str]]:
    """Eligible services best first by the counsellor's order of HSDS-PROFILE.md: (best, other eligible) keys."""
    by_id = {network.demo_id("service", s.key): s.key for s in network.SERVICES}
    terms = {t["id"]: t["code"] for t in _read("taxonomy_terms.csv")}
    service_needs: dict[str, set[str]] = {}
    for a in _read("attributes.csv"):
        service_needs.setdefault(a["link_id"], set()).add(terms[a["taxonomy_term_id"]])
    areas: dict[str, list[str]] = {}
    for area in _read("service_areas.csv"):
        areas.setdefault(area["service_id"], []).append(area["extent"])
    languages: dict[str, set[str]] = {}
    for lang in _read("languages.csv"):
        languages.setdefault(lang["service_id"], set()).add(lang["code"])
    region = gazetteer().region_of(municipality)
    covering = {f"municipality:{municipality}", f"region:{region}", "country:FI"}
    scored = []
    for s in _read("services.csv"):
        low = float(s["minimum_age"]) if s["minimum_age"] else None
        high = float(s["maximum_age"]) if s["maximum_age"] else None
        if s["status"] != "active" or (low is not None and age < low) or (high is not None and age > high):
            continue
        extents = areas.get(s["id"], [])
        if extents and not covering & set(extents):
            continue
        covered = len(needs & service_needs[s["id"]])
        if not covered:
            continue
        in_language = language in languages.get(s["id"], {"fi"})
        nearness = 0 if f"municipality:{municipality}" in extents else 1 if f"region:{region}" in extents else 2
        if low is not None and high is not None and high - low <= 20:
            age_fit = 0
        elif low is not None or high is not None:
            age_fit = 1
        else:
            age_fit = 2
        scored.append(((-covered, not in_language, nearness, age_fit), by_id[s["id"]]))
    scored.sort()
    if not scored:
        return [], []
    best = [key for order, key in scored if order == scored[0][0]]
    most = scored[0][0][0]
    others = [key for order, key in scored if order != scored[0][0] and order[0] == most]
    return best, others


def test_the_kerava_front_desk_example_has_obvious_answers() -> None:
    # "poika 17v keravalta, lopetti lukion kesken eikä tiedä mitä tehdä"
    best, others = _ranked({"education", "study-guidance"}, "245", 17)
    assert {"ohjaamo-kerava", "kerava-oppivelvollisuus", "keravan-lukio-ohjaus"} <= set(best)
    assert "keuda-hakijapalvelut" in others
    eligible = set(best) | set(others)
    assert not eligible & {"opin-ovi-neuvonta", "keuda-aikuiset", "keuda-hakijapalvelut-mantsala", "vamos-valmennus"}
    best, _ = _ranked({"study-guidance", "youth-work"}, "245", 17)
    assert {"ohjaamo-kerava", "kerava-etsiva"} <= set(best)
    # the same young man in Sibbo, asking in Swedish, is sent to the Swedish outreach worker
    best, _ = _ranked({"study-guidance", "youth-work"}, "753", 17, "sv")
    assert best == ["sipoo-uppsokande"]


# --- `eteinen demo` on a database


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nine Argon2 hashes per demo load take seconds on a small machine; hashing is tested elsewhere."""
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _counts(session) -> dict[str, int]:
    counts = {t.__tablename__: session.exec(select(func.count()).select_from(t)).one() for t in DIRECTORY_TABLES}
    counts["staff_user"] = session.exec(select(func.count()).select_from(User)).one()
    counts["ring"] = session.exec(select(func.count()).select_from(Ring)).one()
    counts["ring_member"] = session.exec(select(func.count()).select_from(RingMember)).one()
    counts["version"] = current_version(session)
    return counts


def _expected_counts() -> dict[str, int]:
    table_of_file = {
        "organizations.csv": "organization",
        "services.csv": "service",
        "locations.csv": "location",
        "addresses.csv": "address",
        "service_at_location.csv": "service_at_location",
        "service_areas.csv": "service_area",
        "languages.csv": "language",
        "phones.csv": "phone",
        "taxonomies.csv": "taxonomy",
        "taxonomy_terms.csv": "taxonomy_term",
        "attributes.csv": "attribute",
    }
    return {table_of_file[name]: len(_read(name)) for name in _csv_files()}


def test_demo_loads_into_an_empty_database(runner, session) -> None:
    assert database_is_empty(session)
    result = runner.invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    counts = _counts(session)
    assert {k: v for k, v in counts.items() if k in _expected_counts()} == _expected_counts()
    assert counts["organization"] == len(network.ORGS) and counts["service"] == len(network.SERVICES)
    assert counts["staff_user"] == len(network.ACCOUNTS) and counts["version"] >= 1
    assert not database_is_empty(session)
    ring = session.exec(select(Ring)).one()
    assert ring.name == network.RING_NAME
    members = set(session.exec(select(RingMember.organization_id).where(RingMember.ring_id == ring.id)))
    names = set(session.exec(select(Organization.name).where(Organization.id.in_(members))))  # type: ignore[attr-defined]
    assert names == {
        "Opin ovi Uusimaa",
        "Keski-Uudenmaan koulutuskuntayhtymä Keuda",
        "Luksia, Länsi-Uudenmaan koulutuskuntayhtymä",
        "Axxell Utbildning Ab",
    }
    users = session.exec(select(User)).all()
    assert {u.role for u in users} == set(ROLES)
    assert any(u.language == "sv" for u in users)
    closed = session.exec(select(Service).where(Service.status == "temporarily closed")).all()
    assert [s.name for s in closed] == ["Keudan hakijapalvelut, Mäntsälä"]


def test_printed_logins_work(app, runner, session) -> None:
    result = runner.invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    printed = re.findall(r"^\s+(\S+@\S+)\s+(\S+)\s+password: (\S+)$", result.output, flags=re.M)
    assert sorted(printed) == sorted((a.email, a.role, a.password) for a in network.ACCOUNTS)
    for email, role, password in printed:
        user = session.exec(select(User).where(User.email == email)).one()
        assert user.role == role and check_password(user, password) and not check_password(user, password + "x")
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    email, _, password = printed[0]
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302


def test_loading_twice_is_refused_and_changes_nothing(runner, session) -> None:
    assert runner.invoke(cli, ["demo"]).exit_code == 0
    before = _counts(session)
    again = runner.invoke(cli, ["demo"])
    assert again.exit_code == 2
    assert "already has 24 organisation(s) and 9 user(s)" in again.output and "empty database" in again.output
    assert _counts(session) == before
    with pytest.raises(DemoError, match="only into an empty database"):
        load_demo(session)
    session.rollback()
    assert _counts(session) == before


def test_demo_if_empty_skips_a_loaded_database(runner, session) -> None:
    first = runner.invoke(cli, ["demo", "--if-empty"])
    assert first.exit_code == 0 and "demo network loaded" in first.output
    before = _counts(session)
    second = runner.invoke(cli, ["demo", "--if-empty"])
    assert second.exit_code == 0 and "demo not loaded" in second.output
    assert _counts(session) == before


def test_a_database_with_any_organisation_is_not_empty(runner, session) -> None:
    session.add(Organization(name="Oma organisaatio", description="d"))
    session.commit()
    assert not database_is_empty(session)
    result = runner.invoke(cli, ["demo"])
    assert result.exit_code == 2 and "1 organisation(s) and 0 user(s)" in result.output
    assert session.exec(select(func.count()).select_from(Organization)).one() == 1


def test_demo_directory_passes_the_importers_validation(session) -> None:
    report = hsds.import_path(session, DIRECTORY)
    assert list(report.warnings) == []
    assert report.counts["services"] == len(network.SERVICES)


def test_the_demo_says_who_is_in_the_ring_and_comes_with_months_of_marked_history(runner, session) -> None:
    result = runner.invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    ring_line = next(line for line in result.output.splitlines() if line.startswith("the ring "))
    for email in ("ohjaus@keuda.example.fi", "ohjaus@luksia.example.fi", "handledare@axxell.example.fi"):
        assert email in ring_line
    assert "ohjaaja@ohjaamo-kerava.example.fi" not in ring_line  # Ohjaamo Kerava is in no ring: said on its own line
    assert "in no ring" in result.output and "ohjaaja@ohjaamo-kerava.example.fi" in result.output
    cases = session.exec(select(Referral)).all()
    assert len(cases) >= 40
    assert all(c.question.startswith("[demo] ") and c.client_contact.endswith("@example.invalid") for c in cases)
    opened = sorted(c.created_at for c in cases)
    assert (opened[-1] - opened[0]).days >= 60  # a few months: the weekly figures have a shape
    states = {state: sum(c.state == state for c in cases) for state in ("open", "offered", "accepted", "closed")}
    assert all(states.values()), states  # returned, waiting, owned and closed cases, as a working day finds them
    kerava = demo_id("organization", "keravan-lukio")
    assert sum(c.state == "open" and c.holder_id == kerava for c in cases) >= 2  # back with the Kerava desk

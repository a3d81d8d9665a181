"""Bad directories: exit 2, every problem as ``file:line: column: what is wrong``, and nothing written."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from routing.cli import cli
from routing.directory.hsds.spec import NEED_CODES

from .tiny import (
    L_KERAVA,
    ORG_KERAVA,
    S_GUIDANCE,
    S_OHJAAMO,
    S_PHONE,
    T_EMPLOYMENT,
    Files,
    snapshot,
    uid,
)


def _set(file: str, index: int, **values: str) -> Callable[[Files], None]:
    def spoil(files: Files) -> None:
        files[file][index].update(values)

    return spoil


def _drop_column(file: str, column: str) -> Callable[[Files], None]:
    def spoil(files: Files) -> None:
        for row in files[file]:
            row.pop(column)

    return spoil


def _add(file: str, content: Any) -> Callable[[Files], None]:
    def spoil(files: Files) -> None:
        files[file] = content

    return spoil


def _all(*spoils: Callable[[Files], None]) -> Callable[[Files], None]:
    def spoil(files: Files) -> None:
        for one in spoils:
            one(files)

    return spoil


def _duplicate_language(files: Files) -> None:
    files["languages.csv"].append({**files["languages.csv"][0], "name": "saame", "code": "se"})


NEED_LIST = ", ".join(NEED_CODES)
EXTENTS = "municipality:<3-digit code>, region:<2-digit code> or country:FI"

# (spoil, the exact lines expected on stderr)
CASES: dict[str, tuple[Callable[[Files], None], list[str]]] = {
    "missing required column": (
        _drop_column("services.csv", "status"),
        ["services.csv:1: status: required column missing"],
    ),
    "unknown column": (
        _set("services.csv", 0, stauts="active"),
        ["services.csv:1: stauts: unknown column (not an HSDS 3.0 service field; did you mean 'status'?)"],
    ),
    "broken foreign key": (
        _set("services.csv", 1, organization_id=uid(19)),
        [f"services.csv:4: organization_id: no organization has the id {uid(19)} in organizations.csv"],
    ),
    "attribute linked to no service": (
        _set("attributes.csv", 2, link_id=uid(39)),
        [f"attributes.csv:4: link_id: no service has the id {uid(39)} in services.csv"],
    ),
    "attribute of an unknown kind of object": (
        _set("attributes.csv", 0, link_entity="services"),
        ["attributes.csv:2: link_entity: 'services' is not an HSDS 3.0 object name; did you mean 'service'?"],
    ),
    "duplicate id": (_duplicate_language, ["languages.csv:5: id: duplicate id, first at line 2"]),
    "bad UTF-8": (
        _set("services.csv", 1, name="Keudan opinto-ohjaus J\udce4rvenp\udce4\udce4"),
        ["services.csv:4: name: not valid UTF-8 (byte 0xe4)"],
    ),
    "invalid status": (
        _set("services.csv", 0, status="open"),
        ["services.csv:2: status: 'open' is not one of: active, inactive, defunct, temporarily closed"],
    ),
    "invalid location_type": (
        _set("locations.csv", 1, location_type="phone"),
        ["locations.csv:3: location_type: 'phone' is not one of: physical, postal, virtual"],
    ),
    "invalid address_type": (
        _set("addresses.csv", 0, address_type="home"),
        ["addresses.csv:2: address_type: 'home' is not one of: physical, postal, virtual"],
    ),
    "age not a number": (
        _set("services.csv", 0, minimum_age="fifteen"),
        ["services.csv:2: minimum_age: not a number: 'fifteen'"],
    ),
    "number with a decimal comma": (
        _set("locations.csv", 0, latitude="60,4034"),
        ["locations.csv:2: latitude: not a number: '60,4034'"],
    ),
    "age out of range": (
        _set("services.csv", 2, maximum_age="200"),
        ["services.csv:5: maximum_age: 200 is not an age (0–130)"],
    ),
    "minimum age above maximum": (
        _set("services.csv", 0, minimum_age="30"),
        ["services.csv:2: minimum_age: 30 is more than maximum_age 29"],
    ),
    "unknown need code": (
        _set("taxonomy_terms.csv", 1, code="housin"),
        [
            "taxonomy_terms.csv:3: code: unknown need code 'housin'; did you mean 'housing'?"
            f" (eteinen-needs has: {NEED_LIST})"
        ],
    ),
    "bad area extent": (
        _all(_set("service_areas.csv", 0, extent="kunta:245"), _set("service_areas.csv", 1, extent="region:1")),
        [
            f"service_areas.csv:2: extent: 'kunta:245' is not {EXTENTS}",
            f"service_areas.csv:3: extent: 'region:1' is not {EXTENTS}",
        ],
    ),
    "malformed UUID": (
        _all(_set("addresses.csv", 0, id="51"), _set("phones.csv", 0, service_id="S_PHONE")),
        ["phones.csv:2: service_id: not a UUID: 'S_PHONE'", "addresses.csv:2: id: not a UUID: '51'"],
    ),
    "over-long field": (
        _set("services.csv", 1, description="x" * 70_000),
        ["services.csv:4: description: longer than 64 kB (70000 bytes)"],
    ),
    "missing required value": (
        _set("services.csv", 1, name=""),
        ["services.csv:4: name: missing required value"],
    ),
    "bad date": (
        _set("services.csv", 0, assured_date="eilen"),
        ["services.csv:2: assured_date: not a date (YYYY-MM-DD): 'eilen'"],
    ),
    "broken datapackage.json": (
        _add("datapackage.json", '{"profile": "tabular-data-package",\n "resources": [\n}'),
        ["datapackage.json:3: not valid JSON: Expecting value (column 1)"],
    ),
    "datapackage.json naming a missing file": (
        _add("datapackage.json", '{"resources": [{"name": "program", "path": "programs.csv"}]}'),
        ["datapackage.json: $.resources[0].path: 'programs.csv' is not in the folder"],
    ),
    "file that is not HSDS": (
        _add("service.csv", [{"id": S_OHJAAMO}]),
        ["service.csv: not an HSDS 3.0 file name; did you mean 'services.csv'?"],
    ),
    "CSV quoting": (
        _add("phones.csv", f'id,service_id,number\r\n{uid(91)},{S_PHONE},"+358 40 "000" 0000"\r\n'),
        ["phones.csv:2: not valid CSV (RFC 4180): ',' expected after '\"'; the rest of the file was not read"],
    ),
    "wrong number of fields": (
        _add(
            "languages.csv",
            f"id,service_id,name,code\r\n{uid(81)},{S_OHJAAMO},suomi,fi\r\n{uid(82)},{S_OHJAAMO},x,en,y\r\n",
        ),
        ["languages.csv:3: 5 fields, but the header has 4"],
    ),
}  # fmt: skip


def _problems(stderr: str) -> list[str]:
    """The problem lines: everything but the closing summary."""
    return [line for line in stderr.splitlines() if not line.startswith("Error:")]


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_bad_input_is_reported_and_nothing_is_written(case, runner, session, imported, directory) -> None:
    spoil, expected = CASES[case]
    before = snapshot(session)
    result = runner.invoke(cli, ["import-hsds", str(directory(spoil))])
    assert result.exit_code == 2, result.output
    assert _problems(result.stderr) == expected
    assert f"{len(expected)} problem(s) in" in result.stderr and "nothing was imported" in result.stderr
    assert result.stdout == ""
    assert snapshot(session) == before


def test_area_codes_are_checked_against_the_gazetteer(runner, session, imported, directory) -> None:
    before = snapshot(session)
    spoil = _all(
        _set("service_areas.csv", 0, extent="municipality:999"), _set("service_areas.csv", 1, extent="region:03")
    )
    result = runner.invoke(cli, ["import-hsds", str(directory(spoil))])
    assert result.exit_code == 2
    assert _problems(result.stderr) == [
        "service_areas.csv:2: extent: no Finnish municipality has the code 999",
        "service_areas.csv:3: extent: no Finnish region (maakunta) has the code 03",
    ]
    assert snapshot(session) == before


def test_a_former_municipality_code_loads_with_a_warning(runner, session, directory) -> None:
    result = runner.invoke(
        cli, ["import-hsds", str(directory(_set("service_areas.csv", 0, extent="municipality:606")))]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: service_areas.csv:2: extent: 606 is a former municipality's code; today it is 710 (Raasepori),"
        " which is what clients' places are given as"
    ]


def test_every_problem_in_one_run(runner, session, directory) -> None:
    """Three mistakes in one file give three lines; other files' mistakes come too, in file order."""
    spoil = _all(
        _set("services.csv", 0, status="closed"),
        _set("services.csv", 1, name=""),
        _set("services.csv", 2, minimum_age="18+"),
        _set("languages.csv", 0, id="fi-1"),
    )
    result = runner.invoke(cli, ["import-hsds", str(directory(spoil))])
    assert result.exit_code == 2
    assert _problems(result.stderr) == [
        "services.csv:2: status: 'closed' is not one of: active, inactive, defunct, temporarily closed",
        "services.csv:4: name: missing required value",
        "services.csv:5: minimum_age: not a number: '18+'",
        "languages.csv:2: id: not a UUID: 'fi-1'",
    ]
    assert snapshot(session)["service"] == []


def test_references_are_checked_where_fields_failed(runner, directory) -> None:
    """A row with a bad age still has its organisation checked; a row with a bad id still counts as existing."""
    spoil = _all(
        _set("services.csv", 0, minimum_age="x", organization_id=uid(18)),
        _set("organizations.csv", 1, name=""),  # Keuda's services still find it
    )
    result = runner.invoke(cli, ["import-hsds", str(directory(spoil))])
    assert _problems(result.stderr) == [
        "organizations.csv:3: name: missing required value",
        "services.csv:2: minimum_age: not a number: 'x'",
        f"services.csv:2: organization_id: no organization has the id {uid(18)} in organizations.csv",
    ]


def test_a_required_column_missing_is_said_once(runner, directory) -> None:
    result = runner.invoke(cli, ["import-hsds", str(directory(_drop_column("addresses.csv", "city")))])
    assert _problems(result.stderr) == ["addresses.csv:1: city: required column missing"]


def test_multiline_records_keep_their_line_numbers(runner, directory) -> None:
    """Ohjaamo's description spans two lines, so the next record starts on line 4."""
    result = runner.invoke(cli, ["import-hsds", str(directory(_set("services.csv", 1, status="x")))])
    assert _problems(result.stderr) == [
        "services.csv:4: status: 'x' is not one of: active, inactive, defunct, temporarily closed"
    ]


def test_removing_what_referrals_and_staff_point_to_is_refused(runner, session, imported, directory) -> None:
    from routing.accounts.models import User
    from routing.referrals.models import Offer, Referral

    referral = Referral(holder_id=ORG_KERAVA, front_door_id=ORG_KERAVA, question="q")
    session.add(referral)
    session.add(User(email="a@example.fi", organization_id=ORG_KERAVA, role="counsellor"))
    session.flush()
    session.add(Offer(referral_id=referral.id, service_id=S_OHJAAMO, organization_id=ORG_KERAVA))
    session.commit()
    before = snapshot(session)

    def without_kerava(files: Files) -> None:
        for name, link in (("service_areas.csv", "service_id"), ("languages.csv", "service_id"),
                           ("service_at_location.csv", "service_id"), ("attributes.csv", "link_id")):  # fmt: skip
            files[name] = [row for row in files[name] if row[link] != S_OHJAAMO]
        files["services.csv"] = [s for s in files["services.csv"] if s["id"] != S_OHJAAMO]
        del files["addresses.csv"]
        files["service_at_location.csv"] = [r for r in files["service_at_location.csv"] if r["location_id"] != L_KERAVA]
        files["locations.csv"] = [r for r in files["locations.csv"] if r["id"] != L_KERAVA]
        files["organizations.csv"] = [r for r in files["organizations.csv"] if r["id"] != ORG_KERAVA]

    result = runner.invoke(cli, ["import-hsds", str(directory(without_kerava))])
    assert result.exit_code == 2, result.output
    keep = "keep it in the directory (a service can be marked inactive)"
    assert _problems(result.stderr) == [
        f"organizations.csv: organization id {ORG_KERAVA}: removed by this import, but still used by"
        f" offer.organization_id (1), referral.front_door_id (1), referral.holder_id (1),"
        f" staff_user.organization_id (1): {keep}",
        f"services.csv: service id {S_OHJAAMO}: removed by this import, but still used by offer.service_id (1): {keep}",
    ]
    assert snapshot(session) == before


def test_json_form_problems_are_located_by_path(runner, session, imported, tmp_path: Path) -> None:
    document = tmp_path / "palvelut.json"
    services = [
        {
            "id": S_OHJAAMO, "name": "Ohjaamo", "status": "active", "minimum_age": "young",
            "organization": {"id": ORG_KERAVA, "description": "Kunta"},
            "languages": [{"id": uid(81), "code": "fi", "colour": "blue"}],
            "attributes": [
                {"id": uid(101), "taxonomy_term": {"id": T_EMPLOYMENT, "code": "jobs", "name": "Työ",
                                                  "description": "x", "taxonomy": "eteinen-needs"}}
            ],
        },
        {"id": S_GUIDANCE, "name": "Keuda", "status": "active", "organization_id": uid(19)},
    ]  # fmt: skip
    document.write_text(json.dumps(services, indent=1))
    before = snapshot(session)
    result = runner.invoke(cli, ["import-hsds", str(document)])
    assert result.exit_code == 2
    assert _problems(result.stderr) == [
        "palvelut.json: $[0].languages[0].colour: unknown field (not in HSDS 3.0 language)",
        "palvelut.json: $[0].organization.name: missing required value",
        "palvelut.json: $[0].attributes[0].taxonomy_term.code: unknown need code 'jobs'"
        f" (eteinen-needs has: {NEED_LIST})",
        "palvelut.json: $[0].minimum_age: not a number: 'young'",
        f"palvelut.json: $[1].organization_id: no organization has the id {uid(19)}",
    ]
    assert snapshot(session) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '[{"id": 1,}]',
            "palvelut.json:1: not valid JSON: Expecting property name enclosed in double quotes (column 11)",
        ),
        ('{"services": []}', "palvelut.json: $: expected a list of HSDS 3.0 service objects"),
        ("[]", "palvelut.json: $: no services: nothing to import"),
        (b'[{"name": "J\xe4rvenp\xe4\xe4"}]', "palvelut.json:1: not valid UTF-8 (byte 0xe4)"),
    ],
    ids=["syntax", "not a list", "empty", "bad UTF-8"],
)
def test_unreadable_json_documents(content: str | bytes, expected: str, runner, tmp_path: Path) -> None:
    document = tmp_path / "palvelut.json"
    if isinstance(content, bytes):
        document.write_bytes(content)
    else:
        document.write_text(content)
    result = runner.invoke(cli, ["import-hsds", str(document)])
    assert result.exit_code == 2
    assert _problems(result.stderr) == [expected]


def test_paths_that_are_not_a_directory(runner, tmp_path: Path) -> None:
    missing = runner.invoke(cli, ["import-hsds", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and f"{tmp_path / 'nowhere'}: no such file or folder" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(cli, ["import-hsds", str(tmp_path / "empty")])
    assert empty.exit_code == 2 and "empty: no HSDS 3.0 files here" in empty.stderr


def test_real_command_reports_and_writes_nothing(cli_env, session, imported, directory) -> None:
    """The installed ``eteinen`` in its own process: exit 2, the problems on stderr, the database as it was."""
    before = snapshot(session)
    folder = directory(_all(_set("services.csv", 0, minimum_age="viisitoista"), _drop_column("services.csv", "status")))
    done = subprocess.run(
        [str(Path(sys.executable).with_name("eteinen")), "import-hsds", str(folder)],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert _problems(done.stderr) == [
        "services.csv:1: status: required column missing",
        "services.csv:2: minimum_age: not a number: 'viisitoista'",
    ]
    assert done.stdout == ""
    assert snapshot(session) == before

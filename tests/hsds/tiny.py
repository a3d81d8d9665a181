"""A small HSDS directory described in Python, written out as files for each test to spoil in its own way."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from routing.directory.models import DIRECTORY_TABLES, DirectoryVersion

# the evaluation sample of the shared workspace; elsewhere the tests that load it are skipped
# the labelled sample network lives in shared/, beside the project root
SAMPLE = Path(
    os.environ.get(
        "ETEINEN_SAMPLE_DIRECTORY",
        Path(__file__).resolve().parents[3] / "shared" / "eval-sample" / "directory",
    )
)
DATA = Path(__file__).parent / "data"


Files = dict[str, Any]  # file name -> rows (list of dicts) or the raw text of the file


def uid(n: int) -> str:
    """A readable UUID: uid(12) == '00000000-0000-4000-8000-000000000012'."""
    return f"00000000-0000-4000-8000-{n:012d}"


# organisations 1x, taxonomy 20, terms 2x, services 3x, locations 4x, addresses 5x,
# service_at_location 6x, areas 7x, languages 8x, phones 9x, attributes 10x
ORG_KERAVA, ORG_KEUDA = uid(11), uid(12)
NEEDS, T_EMPLOYMENT, T_HOUSING = uid(20), uid(21), uid(22)
S_OHJAAMO, S_GUIDANCE, S_PHONE = uid(31), uid(32), uid(33)
L_KERAVA, L_PHONE = uid(41), uid(42)


def tiny() -> Files:
    """Two organisations, three services.

    Row i of a file is on line i + 2, but in services.csv, whose first record
    spans lines 2-3: its rows start on lines 2, 4 and 5.
    """
    return {
        "organizations.csv": [
            {"id": ORG_KERAVA, "name": "Keravan kaupunki", "description": "Kunta", "email": "kirjaamo@example.fi"},
            {"id": ORG_KEUDA, "name": "Keuda", "description": "Koulutuskuntayhtymä", "email": ""},
        ],
        "taxonomies.csv": [{"id": NEEDS, "name": "eteinen-needs", "description": "Eteinen need taxonomy"}],
        "taxonomy_terms.csv": [
            {
                "id": T_EMPLOYMENT,
                "code": "employment",
                "name": "Työnhaku",
                "description": "Employment",
                "taxonomy": "eteinen-needs",
                "taxonomy_id": NEEDS,
            },
            {
                "id": T_HOUSING,
                "code": "housing",
                "name": "Asuminen",
                "description": "Housing",
                "taxonomy": "eteinen-needs",
                "taxonomy_id": NEEDS,
            },
        ],
        "services.csv": [
            {
                "id": S_OHJAAMO,
                "organization_id": ORG_KERAVA,
                "name": "Ohjaamo Kerava",
                "status": "active",
                "description": 'Nuorten palvelupiste, "matala kynnys", myös\nilman ajanvarausta',
                "minimum_age": "15",
                "maximum_age": "29",
            },
            {
                "id": S_GUIDANCE,
                "organization_id": ORG_KEUDA,
                "name": "Keudan opinto-ohjaus",
                "status": "active",
                "description": "",
                "minimum_age": "",
                "maximum_age": "",
            },
            {
                "id": S_PHONE,
                "organization_id": ORG_KEUDA,
                "name": "Neuvontapuhelin",
                "status": "temporarily closed",
                "description": "Puhelinneuvonta",
                "minimum_age": "18",
                "maximum_age": "64.5",
            },
        ],
        "locations.csv": [
            {
                "id": L_KERAVA,
                "location_type": "physical",
                "organization_id": ORG_KERAVA,
                "name": "Ohjaamo",
                "latitude": "60.4034",
                "longitude": "25.1050",
            },
            {
                "id": L_PHONE,
                "location_type": "virtual",
                "organization_id": ORG_KEUDA,
                "name": "Puhelin",
                "latitude": "",
                "longitude": "",
            },
        ],
        "addresses.csv": [
            {
                "id": uid(51),
                "location_id": L_KERAVA,
                "address_1": "Esimerkkikatu 1",
                "city": "Kerava",
                "state_province": "Uusimaa",
                "postal_code": "04200",
                "country": "FI",
                "address_type": "physical",
            },
        ],
        "service_at_location.csv": [
            {"id": uid(61), "service_id": S_OHJAAMO, "location_id": L_KERAVA},
            {"id": uid(62), "service_id": S_PHONE, "location_id": L_PHONE},
        ],
        "service_areas.csv": [
            {
                "id": uid(71),
                "service_id": S_OHJAAMO,
                "name": "Kerava",
                "extent": "municipality:245",
                "extent_type": "text",
            },
            {"id": uid(72), "service_id": S_GUIDANCE, "name": "Uusimaa", "extent": "region:01", "extent_type": "text"},
            {"id": uid(73), "service_id": S_PHONE, "name": "Suomi", "extent": "country:FI", "extent_type": "text"},
        ],
        "languages.csv": [
            {"id": uid(81), "service_id": S_OHJAAMO, "name": "suomi", "code": "fi"},
            {"id": uid(82), "service_id": S_OHJAAMO, "name": "englanti", "code": "en"},
            {"id": uid(83), "service_id": S_PHONE, "name": "ruotsi", "code": "sv"},
        ],
        "phones.csv": [{"id": uid(91), "service_id": S_PHONE, "number": "+358 40 000 0000", "extension": "12"}],
        "attributes.csv": [
            {
                "id": uid(101),
                "link_id": S_OHJAAMO,
                "taxonomy_term_id": T_EMPLOYMENT,
                "link_type": "need",
                "link_entity": "service",
            },
            {
                "id": uid(102),
                "link_id": S_OHJAAMO,
                "taxonomy_term_id": T_HOUSING,
                "link_type": "need",
                "link_entity": "service",
            },
            {
                "id": uid(103),
                "link_id": S_GUIDANCE,
                "taxonomy_term_id": T_EMPLOYMENT,
                "link_type": "need",
                "link_entity": "service",
            },
        ],
    }


def write_directory(folder: Path, files: Files, datapackage: bool = True) -> Path:
    """Write each file with the columns its rows use (in order of first use); returns the folder.

    A file given as a string is written as it stands; lone surrogates in any
    value become the raw bytes they stand for (``"\\udce4"`` -> byte 0xe4), to
    write files that are not valid UTF-8.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in files.items():
        with (folder / name).open("w", encoding="utf-8", errors="surrogateescape", newline="") as out:
            if isinstance(rows, str):
                out.write(rows)
                continue
            header = list(dict.fromkeys(key for row in rows for key in row))
            if not rows:  # header only: the columns the tiny directory gives the file
                header = list(tiny().get(name, [{}])[0])
            writer = csv.DictWriter(out, header, lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(rows)
    if datapackage and "datapackage.json" not in files:
        resources = [{"name": name.removesuffix(".csv"), "path": name} for name in files]
        package = {"profile": "tabular-data-package", "resources": resources}
        (folder / "datapackage.json").write_text(json.dumps(package))
    return folder


def snapshot(session: Session) -> dict[str, Any]:
    """Every directory row and the version: to show that a refused import changed nothing."""
    session.expire_all()
    state: dict[str, Any] = {}
    for model in DIRECTORY_TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        state[table.name] = sorted(tuple(row) for row in session.execute(select(table)))
    version = session.get(DirectoryVersion, 1)
    state["version"] = version.version if version else 0
    return state

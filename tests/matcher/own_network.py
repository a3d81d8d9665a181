"""A made-up guidance network in Central and Eastern Uusimaa, for the matcher's own evaluation set.

It is not the shared eval sample's network: other municipalities, other services, Swedish
services in Porvoo/Sipoo/Loviisa. `services()` gives it as index records, `write_hsds()`
as HSDS 3.0 tabular CSVs, and `label()` computes an enquiry's `expected` and `acceptable`
services by the counsellor's order of HSDS-PROFILE.md from its true needs, place, age and
language (so the labels do not come from the engine being measured).
"""

from __future__ import annotations

import csv
import json
import uuid
from pathlib import Path

from routing.matcher.gazetteer import gazetteer
from routing.matcher.index import ServiceRecord

NS = uuid.UUID("6f1c2a4e-0d7b-4a51-9b55-2f7b9f0c1e11")

KESKI = ["245", "186", "858", "543", "505", "611"]  # Kerava, Järvenpää, Tuusula, Nurmijärvi, Mäntsälä, Pornainen
ITA = ["638", "753", "434", "018", "504", "616", "407"]  # Porvoo, Sipoo, Loviisa, Askola, Myrskylä, Pukkila, Lapinjärvi

# (organisation, service, needs, areas, languages, min age, max age, status)
SERVICES: list[tuple[str, str, list[str], list[str], list[str], int | None, int | None, str]] = [
    (
        "Ohjaamo Kerava",
        "Ohjaamo Kerava",
        ["study-guidance", "employment", "livelihood", "housing"],
        ["municipality:245"],
        ["fi", "en"],
        15,
        29,
        "active",
    ),
    (
        "Ohjaamo Järvenpää",
        "Ohjaamo Järvenpää",
        ["study-guidance", "employment", "livelihood", "youth-work"],
        ["municipality:186"],
        ["fi"],
        16,
        29,
        "active",
    ),
    (
        "Ohjaamo Tuusula",
        "Ohjaamo Tuusula",
        ["study-guidance", "employment", "livelihood"],
        ["municipality:858"],
        ["fi"],
        15,
        29,
        "temporarily closed",
    ),
    (
        "Ohjaamo Porvoo",
        "Ohjaamo Porvoo – Navigatorn Borgå",
        ["study-guidance", "employment", "housing", "livelihood"],
        ["municipality:638"],
        ["fi", "sv", "en"],
        15,
        29,
        "active",
    ),
    (
        "Keski-Uudenmaan työllisyysalue",
        "Työnhakijan palvelut, Keski-Uusimaa",
        ["employment"],
        [f"municipality:{c}" for c in KESKI],
        ["fi", "en"],
        None,
        None,
        "active",
    ),
    (
        "Itä-Uudenmaan työllisyysalue",
        "Arbetssökande / Työnhakijan palvelut, Östnyland",
        ["employment"],
        [f"municipality:{c}" for c in ITA],
        ["fi", "sv"],
        None,
        None,
        "active",
    ),
    (
        "Keski-Uudenmaan Uusyrityskeskus",
        "Aloittavan yrittäjän neuvonta",
        ["entrepreneurship"],
        ["region:01"],
        ["fi", "en"],
        None,
        None,
        "active",
    ),
    (
        "Företagsrådgivning Östnyland",
        "Nyföretagarrådgivning i Östnyland",
        ["entrepreneurship"],
        [f"municipality:{c}" for c in ("638", "753", "434")],
        ["sv", "fi"],
        None,
        None,
        "active",
    ),
    ("Kansaneläkelaitos", "Kelan etuusneuvonta", ["livelihood"], [], ["fi", "sv", "en"], None, None, "active"),
    ("Kansaneläkelaitos", "Kelan kuntoutus", ["rehabilitation"], [], ["fi", "sv", "en"], None, None, "active"),
    (
        "Talous- ja velkaneuvonta Uusimaa",
        "Talous- ja velkaneuvonta",
        ["debt"],
        ["region:01"],
        ["fi", "sv", "en"],
        None,
        None,
        "active",
    ),
    ("Takuusäätiö", "Neuvontapuhelin velallisille", ["debt"], ["country:FI"], ["fi", "sv"], None, None, "active"),
    (
        "Keravan kaupunki",
        "Sosiaaliohjaus, Kerava",
        ["social-work", "livelihood", "housing"],
        ["municipality:245"],
        ["fi"],
        None,
        None,
        "active",
    ),
    (
        "Keski-Uudenmaan hyvinvointialue",
        "Aikuissosiaalityö, Keski-Uusimaa",
        ["social-work", "livelihood"],
        [f"municipality:{c}" for c in KESKI if c != "245"],
        ["fi"],
        None,
        None,
        "active",
    ),
    (
        "Itä-Uudenmaan hyvinvointialue",
        "Socialhandledning / Sosiaaliohjaus, Östnyland",
        ["social-work", "livelihood"],
        [f"municipality:{c}" for c in ITA],
        ["sv", "fi"],
        None,
        None,
        "active",
    ),
    ("Keravan Asunnot", "Keravan vuokra-asunnot", ["housing"], ["municipality:245"], ["fi"], None, None, "active"),
    (
        "Keski-Uudenmaan asumisneuvonta",
        "Asumisneuvonta",
        ["housing"],
        [f"municipality:{c}" for c in ("245", "186", "858")],
        ["fi"],
        None,
        None,
        "active",
    ),
    ("Borgå Bostäder", "Hyresbostäder i Borgå", ["housing"], ["municipality:638"], ["sv", "fi"], None, None, "active"),
    (
        "Itä-Uudenmaan asumisneuvonta",
        "Boenderådgivning Östnyland",
        ["housing"],
        [f"municipality:{c}" for c in ITA],
        ["sv", "fi"],
        None,
        None,
        "temporarily closed",
    ),
    (
        "Nuorisoasuntoliitto",
        "Nuorten asumisen tuki",
        ["housing", "youth-work"],
        ["region:01"],
        ["fi"],
        16,
        25,
        "active",
    ),
    (
        "Keski-Uudenmaan hyvinvointialue",
        "Aikuisten mielenterveyspalvelut",
        ["mental-health"],
        [f"municipality:{c}" for c in KESKI],
        ["fi", "en"],
        18,
        None,
        "active",
    ),
    (
        "Itä-Uudenmaan hyvinvointialue",
        "Mentalvårdstjänster för vuxna",
        ["mental-health"],
        [f"municipality:{c}" for c in ITA],
        ["sv", "fi"],
        18,
        None,
        "active",
    ),
    (
        "Uudenmaan hyvinvointialueet",
        "Nuorten mielenterveys- ja päihdepalvelut",
        ["mental-health", "substance-use"],
        ["region:01"],
        ["fi", "sv"],
        13,
        22,
        "active",
    ),
    ("Mieli ry", "Valtakunnallinen kriisipuhelin", ["mental-health"], [], ["fi", "sv", "en"], None, None, "active"),
    ("Nuorten chat ry", "Nuorten keskustelu-chat", ["mental-health"], [], ["fi", "sv"], 12, 29, "active"),
    (
        "Keski-Uudenmaan hyvinvointialue",
        "A-klinikka Keski-Uusimaa",
        ["substance-use"],
        [f"municipality:{c}" for c in KESKI],
        ["fi"],
        18,
        None,
        "active",
    ),
    (
        "Itä-Uudenmaan hyvinvointialue",
        "Missbruksvård Östnyland",
        ["substance-use"],
        [f"municipality:{c}" for c in ITA],
        ["sv", "fi"],
        18,
        None,
        "active",
    ),
    ("Päihdeneuvonta ry", "Päihdeneuvonta verkossa", ["substance-use"], [], ["fi", "sv"], None, None, "active"),
    (
        "Keski-Uudenmaan hyvinvointialue",
        "Keravan terveysasema",
        ["health"],
        ["municipality:245"],
        ["fi"],
        None,
        None,
        "active",
    ),
    (
        "Keski-Uudenmaan hyvinvointialue",
        "Järvenpään terveysasema",
        ["health"],
        ["municipality:186"],
        ["fi"],
        None,
        None,
        "active",
    ),
    (
        "Keski-Uudenmaan hyvinvointialue",
        "Tuusulan ja Nurmijärven terveysasemat",
        ["health"],
        ["municipality:858", "municipality:543"],
        ["fi"],
        None,
        None,
        "active",
    ),
    (
        "Itä-Uudenmaan hyvinvointialue",
        "Hälsostationer i Östnyland",
        ["health"],
        [f"municipality:{c}" for c in ITA],
        ["sv", "fi"],
        None,
        None,
        "active",
    ),
    (
        "Uudenmaan hyvinvointialueet",
        "Terveysneuvonta puhelimessa",
        ["health"],
        ["region:01"],
        ["fi", "sv", "en"],
        None,
        None,
        "active",
    ),
    (
        "Keravan kaupunki",
        "Etsivä nuorisotyö, Kerava",
        ["youth-work"],
        ["municipality:245"],
        ["fi", "en"],
        15,
        28,
        "active",
    ),
    (
        "Järvenpään kaupunki",
        "Etsivä nuorisotyö, Järvenpää",
        ["youth-work"],
        ["municipality:186"],
        ["fi"],
        16,
        28,
        "active",
    ),
    (
        "Borgå stad",
        "Uppsökande ungdomsarbete, Borgå",
        ["youth-work"],
        ["municipality:638", "municipality:753"],
        ["sv", "fi"],
        15,
        28,
        "active",
    ),
    (
        "Tuusulan kunta",
        "Nuorten työpaja, Tuusula",
        ["youth-work", "rehabilitation"],
        ["municipality:858"],
        ["fi"],
        16,
        29,
        "active",
    ),
    (
        "Keski-Uudenmaan kotoutumispalvelut",
        "Kotoutumispalvelut",
        ["integration"],
        [f"municipality:{c}" for c in ("245", "186", "858")],
        ["fi", "en", "ar", "ru", "uk"],
        None,
        None,
        "active",
    ),
    (
        "International House Finland",
        "Guidance for newcomers",
        ["integration", "employment"],
        [],
        ["en", "fi", "sv"],
        None,
        None,
        "active",
    ),
    (
        "Keuda",
        "Suomen kielen kurssit maahanmuuttajille",
        ["integration", "education"],
        ["region:01"],
        ["fi", "en"],
        None,
        None,
        "active",
    ),
    ("Opetushallitus", "Opintopolku", ["education"], [], ["fi", "sv", "en"], None, None, "active"),
    (
        "Keuda",
        "Keudan hakijapalvelut",
        ["education"],
        [f"municipality:{c}" for c in KESKI],
        ["fi"],
        None,
        None,
        "active",
    ),
    (
        "Yrkesinstitutet Inveon",
        "Sökandeservice, Inveon",
        ["education"],
        ["municipality:638", "municipality:753"],
        ["sv"],
        None,
        None,
        "active",
    ),
    ("Keuda", "Oppisopimuskoulutus, Keuda", ["education", "employment"], ["region:01"], ["fi"], None, None, "active"),
    ("Keuda", "Aikuiskoulutus, Keuda", ["education"], ["region:01"], ["fi"], 18, None, "active"),
    (
        "Keski-Uudenmaan työllisyysalue",
        "Uraohjaus ja ammatinvalinta",
        ["study-guidance"],
        [f"municipality:{c}" for c in KESKI],
        ["fi", "en"],
        None,
        None,
        "active",
    ),
    (
        "Itä-Uudenmaan työllisyysalue",
        "Studie- och karriärvägledning, Östnyland",
        ["study-guidance", "education"],
        [f"municipality:{c}" for c in ITA],
        ["sv", "fi"],
        None,
        None,
        "active",
    ),
    (
        "Keski-Uudenmaan hyvinvointialue",
        "Työkykykoordinaatio",
        ["rehabilitation", "employment"],
        [f"municipality:{c}" for c in KESKI],
        ["fi"],
        None,
        None,
        "active",
    ),
    ("Keravan Seurakunta", "Ruoka-apu, Kerava", ["livelihood"], ["municipality:245"], ["fi"], None, None, "active"),
    (
        "Keski-Uudenmaan hyvinvointialue",
        "Perhesosiaalityö",
        ["social-work"],
        [f"municipality:{c}" for c in KESKI],
        ["fi", "sv"],
        None,
        None,
        "active",
    ),
]


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NS, "/".join(parts)))


def services() -> list[ServiceRecord]:
    out = []
    for org, name, needs, areas, languages, low, high, status in SERVICES:
        out.append(
            ServiceRecord(
                id=_id("service", name),
                name=name,
                organization_id=_id("org", org),
                organization_name=org,
                status=status,
                description="",
                minimum_age=low,
                maximum_age=high,
                areas=tuple(areas),
                languages=tuple(languages),
                needs=tuple(needs),
            )
        )
    return out


def _fits(s: ServiceRecord, age: int | None) -> bool:
    return age is None or not (
        (s.minimum_age is not None and age < s.minimum_age) or (s.maximum_age is not None and age > s.maximum_age)
    )


def _nearness(s: ServiceRecord, municipality: str | None) -> int | None:
    """None: the area excludes the client; else 0 = nearest."""
    national = not s.areas or "country:FI" in s.areas
    if municipality is None:
        return 0 if national else 1
    region = gazetteer().region_of(municipality)
    if f"municipality:{municipality}" in s.areas:
        return 0
    if region and f"region:{region}" in s.areas:
        return 1
    return 2 if national else None


def _age_tier(s: ServiceRecord, age: int | None) -> int:
    if age is None or (s.minimum_age is None and s.maximum_age is None):
        return 2
    if s.minimum_age is not None and s.maximum_age is not None and s.maximum_age - s.minimum_age <= 20:
        return 0
    return 1


def label(needs: list[str], municipality: str | None, age: int | None, language: str) -> tuple[list[str], list[str]]:
    """(expected, acceptable) by HSDS-PROFILE.md "How enquiries are labelled"."""
    keyed = []
    for s in services():
        near = _nearness(s, municipality)
        if s.status != "active" or not _fits(s, age) or near is None:
            continue
        covered = len(set(needs) & set(s.needs))
        if not covered:
            continue
        in_language = language in (s.languages or ("fi",))
        keyed.append(((-covered, not in_language, near, _age_tier(s, age)), s))
    if not keyed:
        return [], []
    best = min(k for k, _ in keyed)
    expected = [s.id for k, s in keyed if k == best]
    acceptable = [s.id for k, s in keyed if k != best and k[0] == best[0]]
    return expected, acceptable


def write_hsds(folder: Path) -> None:
    """The network as an HSDS 3.0 tabular folder (the columns `eteinen import-hsds` reads)."""
    folder.mkdir(parents=True, exist_ok=True)
    records = services()
    terms = {code: _id("term", code) for r in records for code in r.needs}
    taxonomy = _id("taxonomy", "eteinen-needs")

    def write(name: str, header: list[str], rows: list[list[object]]) -> None:
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)

    orgs = sorted({(r.organization_id, r.organization_name) for r in records})
    write("organizations.csv", ["id", "name", "description"], [[i, n, f"{n} (made up)"] for i, n in orgs])
    write("taxonomies.csv", ["id", "name", "description", "version"], [[taxonomy, "eteinen-needs", "needs", "1"]])
    write(
        "taxonomy_terms.csv",
        ["id", "code", "name", "description", "taxonomy_id"],
        [[tid, code, code, f"need: {code}", taxonomy] for code, tid in sorted(terms.items())],
    )
    write(
        "services.csv",
        ["id", "organization_id", "name", "description", "status", "minimum_age", "maximum_age"],
        [
            [
                r.id,
                r.organization_id,
                r.name,
                r.description,
                r.status,
                "" if r.minimum_age is None else int(r.minimum_age),
                "" if r.maximum_age is None else int(r.maximum_age),
            ]
            for r in records
        ],
    )
    write(
        "service_areas.csv",
        ["id", "service_id", "name", "extent", "extent_type"],
        [[_id("area", r.id, a), r.id, a, a, "text"] for r in records for a in r.areas],
    )
    write(
        "languages.csv",
        ["id", "service_id", "name", "code"],
        [[_id("lang", r.id, c), r.id, c, c] for r in records for c in r.languages],
    )
    write(
        "attributes.csv",
        ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"],
        [[_id("attr", r.id, c), r.id, terms[c], "need", "service", ""] for r in records for c in r.needs],
    )


def enquiries(path: Path) -> list[dict]:
    """The labelled enquiries of one file, with `expected` and `acceptable` filled in."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        q = json.loads(line)
        truth = q["truth"]
        municipality = q.get("municipality") or truth.get("municipality")
        age = q["age"] if q.get("age") is not None else truth.get("age")
        language = q.get("language") or truth["language"]
        q["expected"], q["acceptable"] = label(q["needs"], municipality, age, language)
        out.append(q)
    return out


def write_eval_set(
    folder: Path, names: tuple[str, ...] = ("enquiries_fi.jsonl", "enquiries_sv.jsonl", "enquiries_en.jsonl")
) -> None:
    """A folder that shared/eval/score.py can score: directory/ and enquiries.jsonl."""
    write_hsds(folder / "directory")
    here = Path(__file__).parent
    with (folder / "enquiries.jsonl").open("w", encoding="utf-8") as fh:
        for name in names:
            for q in enquiries(here / name):
                fh.write(json.dumps(q, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    import sys

    write_eval_set(
        Path(sys.argv[1]), tuple(sys.argv[2:]) or ("enquiries_fi.jsonl", "enquiries_sv.jsonl", "enquiries_en.jsonl")
    )

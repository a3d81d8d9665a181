"""Time ``eteinen import-hsds`` on a generated national-size directory (30,000 services).

    .venv/bin/python bench/import_bench.py [--services 30000] [--seed 7] [--keep DIR]

Generates a deterministic HSDS 3.0 tabular directory (organisations, services
with areas, languages and needs, locations, addresses, phones) into a temporary
folder, then runs the real command on SQLite and, when 127.0.0.1:5432 answers,
on PostgreSQL (a schema of its own in the ``test`` database, dropped after):
a first import into an empty database, the same import again (every row
compared, nothing changed), and an export.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

NEEDS = (
    "education", "study-guidance", "employment", "livelihood", "debt", "housing", "rehabilitation",
    "mental-health", "substance-use", "integration", "youth-work", "health", "entrepreneurship", "social-work",
)  # fmt: skip
MUNICIPALITIES = ("091", "049", "092", "106", "186", "245", "505", "543", "611", "753", "858", "179", "992", "182")
REGIONS = ("01", "02", "04", "06", "13", "17", "19")
LANGUAGES = ("fi", "sv", "en", "ru", "ar", "so", "uk")
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def generate(folder: Path, services: int, seed: int) -> dict[str, int]:
    """Write the directory; returns rows per file."""
    rng = random.Random(seed)
    files: dict[str, list[dict[str, object]]] = {name: [] for name in (
        "organizations", "taxonomies", "taxonomy_terms", "services", "locations", "addresses",
        "service_at_location", "service_areas", "languages", "phones", "attributes",
    )}  # fmt: skip
    taxonomy = _id(rng)
    files["taxonomies"].append({"id": taxonomy, "name": "eteinen-needs", "description": "Eteinen need taxonomy"})
    terms = {}
    for code in NEEDS:
        terms[code] = _id(rng)
        files["taxonomy_terms"].append(
            {"id": terms[code], "code": code, "name": code, "description": code, "taxonomy_id": taxonomy}
        )
    orgs = []
    for i in range(max(1, services // 10)):
        org, loc = _id(rng), _id(rng)
        orgs.append((org, loc))
        files["organizations"].append(
            {"id": org, "name": f"Organisaatio {i}", "description": f"Kuvitteellinen organisaatio numero {i}."}
        )
        files["locations"].append(
            {"id": loc, "location_type": "physical", "organization_id": org, "name": f"Toimipiste {i}",
             "latitude": round(rng.uniform(60, 69), 4), "longitude": round(rng.uniform(21, 30), 4)}
        )  # fmt: skip
        files["addresses"].append(
            {"id": _id(rng), "location_id": loc, "address_1": f"Esimerkkikatu {i % 90 + 1}", "city": "Kerava",
             "state_province": "Uusimaa", "postal_code": "04200", "country": "FI", "address_type": "physical"}
        )  # fmt: skip
        files["phones"].append({"id": _id(rng), "organization_id": org, "number": f"+358 40 {i:07d}"})
    for i in range(services):
        org, loc = orgs[i % len(orgs)]
        service = _id(rng)
        low = rng.choice(("", "", "15", "16", "18", "25"))
        files["services"].append(
            {"id": service, "organization_id": org, "name": f"Palvelu {i}",
             "description": f"Kuvitteellinen palvelu {i}: ohjausta ja neuvontaa, myös etänä.",
             "status": rng.choice(("active",) * 9 + ("temporarily closed",)),
             "minimum_age": low, "maximum_age": "29" if low in ("15", "16") else ""}
        )  # fmt: skip
        files["service_at_location"].append({"id": _id(rng), "service_id": service, "location_id": loc})
        for _ in range(2):
            extent = rng.choice(
                [f"municipality:{rng.choice(MUNICIPALITIES)}"] * 3 + [f"region:{rng.choice(REGIONS)}", "country:FI"]
            )
            files["service_areas"].append(
                {"id": _id(rng), "service_id": service, "name": extent, "extent": extent, "extent_type": "text"}
            )
        for code in rng.sample(LANGUAGES[:3], rng.choice((1, 2, 2))):
            files["languages"].append({"id": _id(rng), "service_id": service, "name": code, "code": code})
        for need in rng.sample(NEEDS, rng.choice((1, 2, 2))):
            files["attributes"].append(
                {"id": _id(rng), "link_id": service, "taxonomy_term_id": terms[need], "link_type": "need",
                 "link_entity": "service"}
            )  # fmt: skip
    resources = []
    for name, rows in files.items():
        header = list(dict.fromkeys(k for row in rows for k in row))
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, header, lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(rows)
        resources.append({"name": name, "path": f"{name}.csv", "schema": {"fields": [{"name": h} for h in header]}})
    package = {"name": "bench", "profile": "tabular-data-package", "resources": resources}
    (folder / "datapackage.json").write_text(json.dumps(package))
    return {name: len(rows) for name, rows in files.items()}


def _run(env: dict[str, str], *args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "routing", *args], env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"eteinen {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return took


def bench(label: str, env: dict[str, str], folder: Path, out: Path) -> None:
    _run(env, "init")
    first = _run(env, "import-hsds", str(folder))
    again = _run(env, "import-hsds", str(folder))
    export = _run(env, "export-hsds", str(out / label))
    print(f"{label:<11} first import {first:6.1f} s   same again {again:6.1f} s   export {export:6.1f} s")


def _pg_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        return True
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the directory here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eteinen-bench-") as tmp:
        work = Path(tmp)
        folder = args.keep or work / "directory"
        folder.mkdir(parents=True, exist_ok=True)
        counts = generate(folder, args.services, args.seed)
        print(f"directory: {sum(counts.values())} rows ({', '.join(f'{n} {k}' for k, n in counts.items())})")
        env = dict(os.environ, ETEINEN_INSTANCE=str(work / "instance"))
        env.pop("DATABASE_URL", None)
        bench("SQLite", env, folder, work)
        if _pg_answers():
            import sqlalchemy as sa

            schema = f"bench_{uuid.uuid4().hex[:8]}"
            admin = sa.create_engine(PG_URL)
            with admin.begin() as conn:
                conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
            try:
                pg_env = dict(env, DATABASE_URL=f"{PG_URL}?options=-csearch_path%3D{schema}")
                bench("PostgreSQL", pg_env, folder, work)
            finally:
                with admin.begin() as conn:
                    conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
                admin.dispose()
        else:
            print("PostgreSQL: 127.0.0.1:5432 does not answer, skipped")


if __name__ == "__main__":
    main()

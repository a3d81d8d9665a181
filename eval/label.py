#!/usr/bin/env python3
"""Label an evaluation set the way HSDS-PROFILE.md "How enquiries are labelled" says.

    python eval/label.py SET_DIR [--check]

Reads SET_DIR/directory (HSDS tabular) and SET_DIR/enquiries.jsonl, whose
lines carry the truth a person wrote down (``needs`` and ``truth``: the
place, age and language the question itself says; filled form fields win),
and fills ``expected`` and ``acceptable`` by the counsellor's order. With
--check it only compares with the labels already there. This is the
oracle the engine is measured against: it sees the true needs, the engine
sees only the text. Standard library only, on purpose independent of the
engine's code.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

REGION_OF_FILE = Path(__file__).resolve().parent.parent / "routing" / "data" / "municipalities.csv"


def read_csv(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def region_of() -> dict[str, str]:
    if REGION_OF_FILE.exists():
        return {row["code"]: row["region_code"] for row in read_csv(REGION_OF_FILE.parent, REGION_OF_FILE.name)}
    sys.exit(f"{REGION_OF_FILE} is missing: the labeller needs the gazetteer's municipality list")


def load(folder: Path) -> dict[str, dict]:
    services = {r["id"]: {**r, "areas": [], "langs": set(), "needs": set()} for r in read_csv(folder, "services.csv")}
    terms = {r["id"]: r.get("code", "") for r in read_csv(folder, "taxonomy_terms.csv")}
    for r in read_csv(folder, "service_areas.csv"):
        if r.get("service_id") in services:
            services[r["service_id"]]["areas"].append(r.get("extent", ""))
    for r in read_csv(folder, "languages.csv"):
        if r.get("service_id") in services:
            services[r["service_id"]]["langs"].add(r.get("code", ""))
    for r in read_csv(folder, "attributes.csv"):
        if r.get("link_entity") == "service" and r.get("link_id") in services:
            services[r["link_id"]]["needs"].add(terms.get(r["taxonomy_term_id"], ""))
    return services


def _bound(value: str) -> float | None:
    return float(value) if value not in ("", None) else None


def eligible(s: dict, age: int | None, muni: str | None, regions: dict[str, str]) -> bool:
    if s.get("status", "active") != "active":
        return False
    lo, hi = _bound(s.get("minimum_age", "")), _bound(s.get("maximum_age", ""))
    if age is not None and ((lo is not None and age < lo) or (hi is not None and age > hi)):
        return False
    if muni and s["areas"]:
        allowed = {f"municipality:{muni}", "country:FI"}
        if muni in regions:
            allowed.add(f"region:{regions[muni]}")
        return bool(allowed & set(s["areas"]))
    return True


def key(s: dict, needs: set[str], age: int | None, muni: str | None, lang: str, regions: dict[str, str]) -> tuple:
    covered = len(needs & s["needs"])
    in_lang = lang in (s["langs"] or {"fi"})
    areas = set(s["areas"])
    national = not areas or "country:FI" in areas
    if muni:
        if f"municipality:{muni}" in areas:
            near = 0
        elif muni in regions and f"region:{regions[muni]}" in areas:
            near = 1
        else:
            near = 2
    else:
        near = 0 if national else 1
    lo, hi = _bound(s.get("minimum_age", "")), _bound(s.get("maximum_age", ""))
    if age is None or (lo is not None and hi is not None and hi - lo <= 20):
        age_tier = 0
    elif lo is not None or hi is not None:
        age_tier = 1
    else:
        age_tier = 2
    return (-covered, 0 if in_lang else 1, near, age_tier)


def label(q: dict, services: dict[str, dict], regions: dict[str, str]) -> tuple[list[str], list[str]]:
    truth = q.get("truth", {})
    age = q["age"] if q.get("age") is not None else truth.get("age")
    muni = q.get("municipality") or truth.get("municipality")
    lang = q.get("language") or truth.get("language") or "fi"
    needs = set(q.get("needs", []))
    pool = [s for s in services.values() if eligible(s, age, muni, regions)]
    if not pool:
        return [], []
    keys = {s["id"]: key(s, needs, age, muni, lang, regions) for s in pool}
    best = min(keys.values())
    expected = sorted(sid for sid, k in keys.items() if k == best)
    acceptable = sorted(sid for sid, k in keys.items() if k != best and k[0] == best[0])
    return expected, acceptable


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set_dir", type=Path)
    ap.add_argument("--check", action="store_true", help="compare with the labels in the file; change nothing")
    args = ap.parse_args()
    services = load(args.set_dir / "directory")
    regions = region_of()
    path = args.set_dir / "enquiries.jsonl"
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    differ = 0
    for q in lines:
        expected, acceptable = label(q, services, regions)
        if args.check:
            if sorted(q.get("expected", [])) != expected or sorted(q.get("acceptable", [])) != acceptable:
                differ += 1
                print(
                    f"{q['id']}: file {q.get('expected')} / {q.get('acceptable')}; labeller {expected} / {acceptable}"
                )
        else:
            q["expected"], q["acceptable"] = expected, acceptable
    if args.check:
        print(f"{len(lines) - differ} of {len(lines)} labels agree")
        return 1 if differ else 0
    path.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in lines), encoding="utf-8")
    print(f"labelled {len(lines)} enquiries in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
